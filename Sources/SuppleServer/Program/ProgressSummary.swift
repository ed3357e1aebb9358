import Foundation
import SuppleCore
import SuppleStore

/// The numbers behind the progress page and `/api/v1/progress`.
struct ProgressSummary {
    struct Week {
        let label: String
        let endsOn: CalendarDate
        let walk: Int
        let sessions: Int
    }
    let baseline: Int?
    let daily: [(date: String, pain: Double)]
    let weeks: [Week]
    let streak: Int
    let meaningfulChange: Bool
    /// Scores by questionnaire, oldest first.
    let questionnaires: [String: [Double]]
}

extension ProgramService {
    /// Where the member started: their average pain over the week before the intake.
    static func baselinePain(_ intake: IntakeRepository.Record?) -> Int? {
        intake.flatMap { JSONValue.parse(Data($0.answers.utf8)) }
            .flatMap { value -> Int? in if case .object(let o) = value { return o["painAverageWeek"]?.integer } else { return nil } }
    }

    func progressSummary(for member: AccountRecord) async throws -> ProgressSummary {
        let today = today(for: member)
        let history = try await history(for: member.id)
        let (checkIns, intake) = try await database.read { db in
            (
                try await ActivityRepository.checkIns(memberID: member.id, in: db),
                try await IntakeRepository.latestSubmitted(accountID: member.id, in: db)
            )
        }
        let baseline = Self.baselinePain(intake)
        let daily = checkIns.filter { $0.kind == CheckInKind.dailyPain.rawValue }.suffix(30).map { ($0.date, $0.score ?? 0) }
        // Weeks end today: the last one is the last seven days.
        let weeks = (0..<8).reversed().map { back -> ProgressSummary.Week in
            let end = today.adding(days: -7 * back)
            let start = end.adding(days: -6)
            return .init(
                label: back == 0 ? "This week" : "\(back) wk ago",
                endsOn: end,
                walk: history.walks.filter { $0.date >= start && $0.date <= end }.map(\.minutes).reduce(0, +),
                sessions: Set(history.sessions.filter { $0.date >= start && $0.date <= end }.map(\.date)).count
            )
        }
        // A streak runs up to today, or up to yesterday while today's session is still to come.
        let doneToday = history.sessions.contains { $0.date == today }
        var streak = 0
        while history.sessions.contains(where: { $0.date == today.adding(days: -(streak + (doneToday ? 0 : 1))) }) { streak += 1 }
        var meaningful = false
        if let baseline, let latest = daily.last?.1 {
            meaningful = Double(baseline) - latest >= 2 || (baseline > 0 && (Double(baseline) - latest) / Double(baseline) >= 0.3)
        }
        var questionnaires: [String: [Double]] = [:]
        for checkIn in checkIns where Questionnaire(rawValue: checkIn.kind) != nil {
            questionnaires[checkIn.kind, default: []].append(checkIn.score ?? 0)
        }
        return ProgressSummary(
            baseline: baseline,
            daily: daily,
            weeks: weeks,
            streak: streak,
            meaningfulChange: meaningful,
            questionnaires: questionnaires
        )
    }
}
