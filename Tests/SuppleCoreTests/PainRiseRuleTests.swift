import Foundation
import SuppleCore
import Testing

@Suite struct PainRiseRuleTests {
    let today = CalendarDate(iso8601: "2026-12-10")!
    func days(_ pains: [Int?]) -> [(date: CalendarDate, pain: Int)] {
        // pains[0] is today, pains[1] yesterday, and so on; nil is a day without a rating.
        pains.enumerated().compactMap { back, pain in pain.map { (date: today.adding(days: -back), pain: $0) } }
    }

    @Test("three days running at 2+ over the start asks for a review")
    func risen() {
        #expect(PainRiseRule.sustainedRise(baseline: 4, ratings: days([6, 7, 6]), today: today) == [6, 7, 6])
        #expect(
            PainRiseRule.sustainedRise(baseline: 4, ratings: days([8, 6, 6, 1]), today: today) == [6, 6, 8],
            "older, lower days do not matter; oldest first"
        )
    }

    @Test("one day under the line, a missing day or only two days is not a sustained rise")
    func notRisen() {
        #expect(PainRiseRule.sustainedRise(baseline: 4, ratings: days([6, 5, 6]), today: today) == nil)
        #expect(PainRiseRule.sustainedRise(baseline: 4, ratings: days([6, nil, 6, 6]), today: today) == nil)
        #expect(PainRiseRule.sustainedRise(baseline: 4, ratings: days([6, 6]), today: today) == nil)
        #expect(PainRiseRule.sustainedRise(baseline: 4, ratings: days([nil, 7, 7, 7]), today: today) == nil, "the run must reach today")
    }

    @Test("the queue line carries the start and the three ratings")
    func reason() {
        #expect(PainRiseRule.reason(baseline: 4, recent: [6, 7, 6]) == "Pain up 2+ points over the starting 4 for 3 days (6, 7, 6): review the plan")
    }
}
