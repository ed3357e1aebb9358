import SuppleContent
import Testing

@Suite struct CommonPasswordsTests {
    @Test("the shipped list holds the 1,000 most common passwords, lower-cased")
    func shippedList() {
        #expect(CommonPasswords.all.count == 1000)
        for common in ["123456", "password", "qwerty", "12345678", "baseball", "football"] {
            #expect(CommonPasswords.all.contains(common))
        }
        #expect(CommonPasswords.all.allSatisfy { $0 == $0.lowercased() })
    }
}
