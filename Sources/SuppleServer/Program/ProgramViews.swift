import Foundation
import SuppleContent
import SuppleCore
import SuppleStore

/// Today's occurrences, computed from the current plan version and what is already recorded
/// (occurrences are never stored; outcomes are).
enum TodayView {
    static func make(_ member: AccountRecord, current: ProgramService.CurrentPlan, program: ProgramService) async throws -> [String: Any] {
        let plan = current.plan
        let day = try await program.day(for: member, plan: plan)
        let article = day.article
        let changedToday = current.version.version > 1 && current.version.effectiveFrom == day.date.description
        // A clinician's note stays on Today for a week after their change, then lives on the plan page.
        let noteIsRecent = program.clock.now().timeIntervalSince(current.version.createdAt) < 7 * 86_400
        let summary = try await program.progressSummary(for: member)
        let week = WeekAgainstGoals(
            sessions: summary.weeks.last?.sessions ?? 0,
            walkMinutes: summary.weeks.last?.walk ?? 0,
            walkGoal: plan.walking.weeklyGoalMinutes
        )
        return [
            "weekSessions": week.sessions, "weekSessionGoal": week.sessionGoal, "weekWalk": week.walkMinutes, "weekWalkGoal": week.walkGoal,
            "walkGoalReached": week.walkGoalReached, "sessionGoalReached": week.sessionGoalReached,
            "streak": summary.streak, "hasStreak": summary.streak >= 2,  // Celebrated on the day it is reached, not the next morning.
            "streakMilestone": day.sessionDone && StreakMilestone.isMilestone(summary.streak),
            "careTeamNote": noteIsRecent ? current.version.memberNote ?? "" : "",
            "careTeamNoteAuthor": current.version.author,
            "sessionDone": day.sessionDone,
            "sessionCount": plan.exercises.count,
            "sessionMinutes": plan.sessionMinutes,
            "walkDone": day.walkDone,
            "walkMinutes": plan.walking.startMinutes,
            "walkBouts": plan.walking.bouts,
            "walkBreakRule": plan.walking.breakRule,
            "heat": plan.heat?.advice ?? "",
            "snackCount": plan.movementSnacks?.count ?? 0,
            "hasSnacks": plan.movementSnacks != nil,
            "articleSlug": article?.slug ?? "", "articleTitle": article?.title ?? "",
            "dailyPainDue": day.checkInsDue.contains(.dailyPain),
            "nextMorningDue": day.checkInsDue.contains(.nextMorning),
            "safetyCheckDue": day.checkInsDue.contains(.weeklySafety),
            "painOptions": (0...10).map { ["value": $0] },
            "walkKey": SecretToken.generate().value,
            "planChanged": changedToday ? current.version.reason : "",
            "questionnaires": try await program.dueQuestionnaires(for: member).map { ["kind": $0.rawValue, "title": $0.title] },
        ]
    }
}

/// The progress page: charts with a table of the same numbers.
enum ProgressView {
    static func make(_ member: AccountRecord, program: ProgramService, intakes: IntakeService) async throws -> [String: Any] {
        let summary = try await program.progressSummary(for: member)
        var painPoints = summary.baseline.map { [ProgressChart.Point(label: "Start", value: Double($0))] } ?? []
        painPoints += summary.daily.map { ProgressChart.Point(label: shortDate($0.date), value: $0.pain) }
        var badge = ""
        if summary.meaningfulChange, let baseline = summary.baseline, let latest = summary.daily.last?.pain {
            badge = "Meaningful change: your pain is down from \(baseline) to \(FigureSVG.number(latest)) out of 10."
        }
        let weeks = summary.weeks
        // The goal line is the member's own walking plan this week, not a general guideline.
        let walking = try await program.currentPlan(for: member.id)?.plan.walking
        let days = walking?.currentDaysPerWeek ?? 0
        let weeklyGoal = walking?.weeklyGoalMinutes ?? 0
        let maxWalk = Double(max(weeklyGoal, weeks.map(\.walk).max() ?? 0, 10))
        func scoreChart(_ kind: Questionnaire, _ title: String) -> String? {
            guard let scores = summary.questionnaires[kind.rawValue], scores.count >= 1 else { return nil }
            let points = scores.enumerated().map { ProgressChart.Point(label: "#\($0.offset + 1)", value: $0.element) }
            return ProgressChart.line(
                points,
                maximum: 10,
                title: title,
                description: points.map { "\($0.label) \(FigureSVG.number($0.value))" }.joined(separator: ", ")
            )
        }
        return [
            "hasPain": painPoints.count > 1,
            "painChart": ProgressChart.line(
                painPoints,
                maximum: 10,
                title: "Daily pain",
                description: "Pain from 0 to 10: \(painPoints.map { "\($0.label) \(FigureSVG.number($0.value))" }.joined(separator: ", "))"
            ),
            "painRows": painPoints.map { ["label": $0.label, "value": FigureSVG.number($0.value)] },
            "walkChart": ProgressChart.bars(
                weeks.map { .init(label: $0.label, value: Double($0.walk)) },
                maximum: maxWalk,
                target: weeklyGoal > 0 ? Double(weeklyGoal) : nil,
                title: "Walking minutes per week",
                description: weeks.map { "\($0.label) \($0.walk) minutes" }.joined(separator: ", ")
            ),
            "sessionChart": ProgressChart.bars(
                weeks.map { .init(label: $0.label, value: Double($0.sessions)) },
                maximum: 7,
                target: 7,
                title: "Sessions per week",
                description: weeks.map { "\($0.label) \($0.sessions) of 7" }.joined(separator: ", ")
            ),
            "weekRows": weeks.map { ["label": $0.label, "walk": $0.walk, "sessions": $0.sessions] },
            "pegChart": scoreChart(.peg, "PEG (pain and its interference, 0–10)") ?? "",
            "psfsChart": scoreChart(.psfs, "Your activities (0 = can't, 10 = as before)") ?? "",
            "walkGoal": walking.map { walk in
                "The dashed line is your goal this week: \(weeklyGoal) minutes (\(walk.startMinutes) minutes, \(walk.bouts == 1 ? "once" : walk.bouts == 2 ? "twice" : "\(walk.bouts) times") a day, \(days) days)."
            } ?? "",
            "streak": summary.streak, "hasStreak": summary.streak > 0,
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
