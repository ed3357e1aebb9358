import SuppleCore
import Testing

@Suite struct EmergencySignsTests {
    @Test("the emergency list covers the cauda equina, infection, fracture and vascular signs and says what to do")
    func coversTierOne() {
        let text = EmergencySigns.signs.joined(separator: " ").lowercased()
        for needle in ["urine", "bowels", "numbness", "both legs", "weakness", "fever", "accident", "faint", "cancer"] {
            #expect(text.contains(needle), "missing \(needle)")
        }
        #expect(EmergencySigns.whatToDo.contains("emergency"))
        #expect(EmergencySigns.sourceKeys.contains("RESEARCH §1.3 Tier 1"))
    }
}
