import Foundation

/// Pain that stays clearly above where the member started is a physical therapist's business.
/// "Clearly" is the smallest change people notice on a 0–10 pain scale, about 2 points
/// (RESEARCH §4, NRS row, [53]); "stays" is three days running, as the care-team issue asks.
public enum PainRiseRule {
    public static let pointsAboveBaseline = 2
    public static let days = 3
    public static let source = "pain-rise"

    /// The ratings of a sustained rise, oldest first: the last `days` days ending `today`, each
    /// rated and each at least 2 points over the baseline. Nil when there is no such run.
    /// `ratings` are (day, pain), in any order.
    public static func sustainedRise(baseline: Int, ratings: [(date: CalendarDate, pain: Int)], today: CalendarDate) -> [Int]? {
        let byDay = Dictionary(ratings.map { ($0.date, $0.pain) }, uniquingKeysWith: { _, later in later })
        let run = (0..<days).reversed().compactMap { back in byDay[today.adding(days: -back)] }
        guard run.count == days, run.allSatisfy({ $0 >= baseline + pointsAboveBaseline }) else { return nil }
        return run
    }

    /// The queue line: the numbers a clinician needs, in one line.
    public static func reason(baseline: Int, recent: [Int]) -> String {
        let shown = recent.map(String.init).joined(separator: ", ")
        return "Pain up 2+ points over the starting \(baseline) for \(days) days (\(shown)): review the plan"
    }
}
