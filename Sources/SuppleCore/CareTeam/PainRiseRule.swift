import Foundation

/// Pain that stays clearly above where the member started is a physical therapist's business.
/// "Clearly" is the smallest change people notice on a 0–10 pain scale, about 2 points
/// (RESEARCH §4, NRS row, [53]); "stays" is three days running, as the care-team issue asks.
public enum PainRiseRule {
    public static let pointsAboveBaseline = 2
    public static let days = 3
    public static let source = "pain-rise"

    /// Whether the last `days` daily pain ratings fall on consecutive days ending `today` and are
    /// each at least 2 points over the baseline. `ratings` are (day, pain), in any order.
    public static func holds(baseline: Int, ratings: [(date: CalendarDate, pain: Int)], today: CalendarDate) -> Bool {
        let byDay = Dictionary(ratings.map { ($0.date, $0.pain) }, uniquingKeysWith: { _, later in later })
        return (0..<days).allSatisfy { back in
            guard let pain = byDay[today.adding(days: -back)] else { return false }
            return pain >= baseline + pointsAboveBaseline
        }
    }

    /// The queue line: the numbers a clinician needs, in one line.
    public static func reason(baseline: Int, recent: [Int]) -> String {
        let shown = recent.map(String.init).joined(separator: ", ")
        return "Pain up 2+ points over the starting \(baseline) for \(days) days (\(shown)): review the plan"
    }
}
