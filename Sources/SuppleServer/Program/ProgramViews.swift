import Foundation
import SuppleContent
import SuppleCore
import SuppleStore

/// Today's occurrences, computed from the current plan version and what is already recorded
/// (occurrences are never stored; outcomes are).
enum TodayView {
    static func make(_ member: AccountRecord, current: ProgramService.CurrentPlan, program: ProgramService) async throws -> [String: Any] {
        let today = program.today(for: member)
        let plan = current.plan
        let history = try await program.history(for: member.id)
        let checkIns = try await program.database.read { db in try await ActivityRepository.checkIns(memberID: member.id, in: db) }
        let todays = Set(checkIns.filter { $0.date == today.description }.map(\.kind))
        let yesterday = today.adding(days: -1)
        let activeYesterday = history.sessions.contains { $0.date == yesterday } || history.walks.contains { $0.date == yesterday }
        let article = plan.education.isEmpty ? nil : plan.education[abs(today.daysSince(CalendarDate(year: 2026, month: 1, day: 1)!)) % plan.education.count]
        let changedToday = current.version.version > 1 && current.version.effectiveFrom == today.description
        return [
            "sessionDone": history.sessions.contains { $0.date == today },
            "sessionCount": plan.exercises.count,
            "sessionMinutes": max(10, plan.exercises.count * 2),
            "walkDone": history.walks.contains { $0.date == today },
            "walkMinutes": plan.walking.startMinutes,
            "walkBouts": plan.walking.bouts,
            "walkBreakRule": plan.walking.breakRule,
            "heat": plan.heat?.advice ?? "",
            "snackCount": plan.movementSnacks?.count ?? 0,
            "hasSnacks": plan.movementSnacks != nil,
            "articleSlug": article?.slug ?? "", "articleTitle": article?.title ?? "",
            "dailyPainDue": !todays.contains(CheckInKind.dailyPain.rawValue),
            "nextMorningDue": activeYesterday && !todays.contains(CheckInKind.nextMorning.rawValue),
            "painOptions": (0...10).map { ["value": $0] },
            "walkKey": SecretToken.generate().value,
            "planChanged": changedToday ? current.version.reason : "",
            "pendingReview": plan.exercises.contains { $0.pendingReview == true },
            "questionnaires": try await program.dueQuestionnaires(for: member).map { ["kind": $0.rawValue, "title": $0.title] },
        ]
    }
}

/// The progress page: charts with a table of the same numbers.
enum ProgressView {
    static func make(_ member: AccountRecord, program: ProgramService, intakes: IntakeService) async throws -> [String: Any] {
        let today = program.today(for: member)
        let history = try await program.history(for: member.id)
        let checkIns = try await program.database.read { db in try await ActivityRepository.checkIns(memberID: member.id, in: db) }
        let baseline = try await program.database.read { db in try await IntakeRepository.latestSubmitted(accountID: member.id, in: db) }
            .flatMap { JSONValue.parse(Data($0.answers.utf8)) }
            .flatMap { value -> Int? in if case .object(let o) = value { return o["painAverageWeek"]?.integer } else { return nil } }

        let daily = checkIns.filter { $0.kind == CheckInKind.dailyPain.rawValue }.suffix(30)
        var painPoints = baseline.map { [ProgressChart.Point(label: "Start", value: Double($0))] } ?? []
        painPoints += daily.map { ProgressChart.Point(label: shortDate($0.date), value: $0.score ?? 0) }
        let latestPain = daily.last?.score
        var badge = ""
        if let baseline, let latestPain, Double(baseline) - latestPain >= 2 || (baseline > 0 && (Double(baseline) - latestPain) / Double(baseline) >= 0.3) {
            badge = "Meaningful change: your pain is down from \(baseline) to \(FigureSVG.number(latestPain)) out of 10."
        }

        // Weeks end today: week 0 is the last seven days.
        let weeks = (0..<8).reversed().map { back -> (label: String, walk: Int, sessions: Int) in
            let end = today.adding(days: -7 * back), start = end.adding(days: -6)
            let walked = history.walks.filter { $0.date >= start && $0.date <= end }.map(\.minutes).reduce(0, +)
            let sessions = Set(history.sessions.filter { $0.date >= start && $0.date <= end }.map(\.date)).count
            return (back == 0 ? "This week" : "\(back) wk ago", walked, sessions)
        }
        // A streak runs up to today, or up to yesterday while today's session is still to come.
        let doneToday = history.sessions.contains { $0.date == today }
        var streak = 0
        while history.sessions.contains(where: { $0.date == today.adding(days: -(streak + (doneToday ? 0 : 1))) }) { streak += 1 }
        let maxWalk = Double(max(150, weeks.map(\.walk).max() ?? 0))
        return [
            "hasPain": painPoints.count > 1,
            "painChart": ProgressChart.line(painPoints, maximum: 10, title: "Daily pain",
                                            description: "Pain from 0 to 10: \(painPoints.map { "\($0.label) \(FigureSVG.number($0.value))" }.joined(separator: ", "))"),
            "painRows": painPoints.map { ["label": $0.label, "value": FigureSVG.number($0.value)] },
            "walkChart": ProgressChart.bars(weeks.map { .init(label: $0.label, value: Double($0.walk)) }, maximum: maxWalk, target: 150,
                                            title: "Walking minutes per week", description: weeks.map { "\($0.label) \($0.walk) minutes" }.joined(separator: ", ")),
            "sessionChart": ProgressChart.bars(weeks.map { .init(label: $0.label, value: Double($0.sessions)) }, maximum: 7, target: 7,
                                               title: "Sessions per week", description: weeks.map { "\($0.label) \($0.sessions) of 7" }.joined(separator: ", ")),
            "weekRows": weeks.map { ["label": $0.label, "walk": $0.walk, "sessions": $0.sessions] },
            "streak": streak, "hasStreak": streak > 0,
            "badge": badge,
            "adherence": "\(weeks.last!.sessions) of 7 sessions this week",
        ]
    }

    static func shortDate(_ text: String) -> String {
        guard let date = CalendarDate(iso8601: text) else { return text }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(date.day) \(months[date.month - 1])"
    }
}
