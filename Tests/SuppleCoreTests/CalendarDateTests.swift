import Foundation
import SuppleCore
import Testing

@Suite struct CalendarDateTests {
    @Test func parsesOnlyRealDates() {
        #expect(CalendarDate(iso8601: "2024-02-29")?.description == "2024-02-29")
        #expect(CalendarDate(iso8601: "2023-02-29") == nil)
        #expect(CalendarDate(iso8601: "2023-13-01") == nil)
        #expect(CalendarDate(iso8601: "2023-1-1") == nil)
        #expect(CalendarDate(iso8601: "２０２３-01-01") == nil)
    }

    @Test("today depends on where you are")
    func todayInZone() {
        let instant = Date(timeIntervalSince1970: 1_794_970_800)  // 2026-11-18 03:00 UTC, still the 17th in California
        #expect(CalendarDate(instant, in: TimeZone(identifier: "UTC")!).description == "2026-11-18")
        #expect(CalendarDate(instant, in: TimeZone(identifier: "America/Los_Angeles")!).description == "2026-11-17")
    }

    @Test func wholeYears() {
        let birth = CalendarDate(iso8601: "1980-04-23")!
        #expect(birth.wholeYears(until: CalendarDate(iso8601: "2026-04-22")!) == 45)
        #expect(birth.wholeYears(until: CalendarDate(iso8601: "2026-04-23")!) == 46)
    }
}
