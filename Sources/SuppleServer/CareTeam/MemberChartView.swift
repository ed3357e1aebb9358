import Foundation
import SuppleContent
import SuppleCore
import SuppleStore

/// The sections of a member's chart below the header: the current plan with its reasons and
/// pending proposals, plan history, the activity timeline, questionnaires, messages and notes.
/// Progress charts come from the member's own progress view, so both sides see the same numbers.
enum MemberChartView {
    static func planSection(
        _ current: ProgramService.CurrentPlan?,
        history: [PlanVersionRepository.Record],
        library: ContentLibrary,
        viewer: AccountRecord
    ) -> [String: Any] {
        guard let current else { return ["hasPlan": false] }
        let plan = current.plan
        return [
            "hasPlan": true, "version": current.version.version,
            "effectiveFrom": current.version.effectiveFrom, "author": current.version.author,
            "exercises": plan.exercises.map { item in
                [
                    "exerciseId": item.exerciseId, "name": item.name, "phase": DecisionView.phaseLabel(item.phase), "dose": item.doseText,
                    "rule": item.rationale.rule, "explanation": item.rationale.explanation, "source": item.rationale.source,
                    "doseRule": item.doseRationale.rule, "pendingReview": item.proposal != nil,
                    "proposed": item.proposal?.name ?? "",
                ]
            },
            "pendingCount": plan.exercises.filter { $0.proposal != nil }.count, "hasPending": plan.exercises.contains { $0.proposal != nil },
            "walking":
                "\(plan.walking.bouts > 1 ? "\(plan.walking.bouts) × " : "")\(plan.walking.startMinutes) minutes, \(plan.walking.currentDaysPerWeek) days a week now, toward \(plan.walking.targetMinutes)",
            "history": history.reversed().map { version in
                [
                    "version": version.version, "effectiveFrom": version.effectiveFrom, "author": version.author, "reason": version.reason,
                    "note": version.memberNote ?? "", "confirmation": version.clinicianConfirmation ?? "",
                    "created": DisplayFormats.moment(version.createdAt, in: viewer.timeZone),
                ]
            },
        ]
    }

    /// Sessions and walks of the last 30 days, newest first, one line each.
    static func timeline(sessions: [ActivityRepository.SessionRecord], walks: [ActivityRepository.WalkRecord], today: CalendarDate) -> [[String: Any]]
    {
        let since = today.adding(days: -30).description
        var rows: [(date: String, order: Int, row: [String: Any])] = []
        for session in sessions where session.occurrenceDate >= since {
            let pains = session.outcomes.map(\.pain)
            let hard = session.outcomes.filter { $0.difficulty == "too-hard" }.count
            let spread = session.outcomes.contains(where: \.symptomsSpread)
            var detail = "\(session.outcomes.count) exercise\(session.outcomes.count == 1 ? "" : "s")"
            if let worst = pains.max() { detail += ", pain up to \(worst)/10" }
            if hard > 0 { detail += ", \(hard) too hard" }
            if spread { detail += ", symptoms spread" }
            rows.append(
                (
                    session.occurrenceDate, 0,
                    [
                        "date": ProgressView.shortDate(session.occurrenceDate), "kind": "Session",
                        "detail": "\(session.status == .inProgress ? "Started" : "Finished"): \(detail)", "flag": spread,
                    ]
                )
            )
        }
        for walk in walks where walk.date >= since {
            var detail = "\(walk.minutes) minutes, pain \(walk.pain)/10"
            if walk.breaks > 0 { detail += ", \(walk.breaks) break\(walk.breaks == 1 ? "" : "s")" }
            if let minute = walk.painStartedMinute { detail += ", pain from minute \(minute)" }
            rows.append((walk.date, 1, ["date": ProgressView.shortDate(walk.date), "kind": "Walk", "detail": detail, "flag": false]))
        }
        return rows.sorted { $0.date != $1.date ? $0.date > $1.date : $0.order < $1.order }.map(\.row)
    }

    /// Every questionnaire answered, newest first, with its score in its own terms.
    static func questionnaires(_ checkIns: [ActivityRepository.CheckInRecord]) -> [[String: Any]] {
        checkIns.reversed().compactMap { checkIn -> [String: Any]? in
            guard let kind = Questionnaire(rawValue: checkIn.kind) else { return nil }
            let score = checkIn.score ?? 0
            let reading: String =
                switch kind {
                case .peg: "PEG \(FigureSVG.number(score)) of 10"
                case .psfs: "PSFS mean \(FigureSVG.number(score)) of 10"
                case .mood: "PHQ-2 + GAD-2 total \(FigureSVG.number(score)) of 12"
                case .phq9: "PHQ-9 \(FigureSVG.number(score)) of 27"
                case .groc: "GROC \(score >= 0 ? "+" : "")\(FigureSVG.number(score)) (−7 to +7)"
                }
            return ["date": ProgressView.shortDate(checkIn.date), "title": kind.title, "reading": reading]
        }
    }
}
