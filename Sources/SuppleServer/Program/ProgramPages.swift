import Foundation
import Hummingbird
import SuppleContent
import SuppleCore
import SuppleStore

/// The member's day: today's session (the player), logging a walk, check-ins, the "Stop —
/// something's wrong" path, and progress.
struct ProgramPages {
    let program: ProgramService
    let intakes: IntakeService
    let messaging: MessagingService
    let pages: PageRenderer

    func register(on router: Router<AppRequestContext>) {
        router.get("/session", use: player)
        router.post("/session", use: finishSession)
        router.get("/session/stop", use: showStop)
        router.post("/session/stop", use: stop)
        router.post("/walks", use: logWalk)
        router.post("/checkins", use: checkIn)
        router.get("/checkins/safety", use: showSafetyCheck)
        router.post("/checkins/safety", use: safetyCheck)
        router.get("/progress", use: progress)
    }

    func member(_ context: AppRequestContext) throws -> AccountRecord { try context.require(.useMemberApp).account }

    /// The kind page for a member whose sponsored coverage has ended, or nil to carry on.
    func coverageEnded(_ member: AccountRecord, context: AppRequestContext) async throws -> Response? {
        do {
            try await program.requireCoverage(member)
            return nil
        } catch let ended as ProgramService.CoverageEnded {
            return try pages.page(
                "coverage_ended",
                title: "Sessions paused",
                context: context,
                status: .forbidden,
                currentPath: "/home",
                data: ["message": ended.message]
            )
        }
    }

    // MARK: Session

    @Sendable func player(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try member(context)
        guard let current = try await program.currentPlan(for: member.id) else { return .redirect(to: "/home") }
        if let ended = try await coverageEnded(member, context: context) { return ended }
        let speed = request.uri.queryParameters["speed"].flatMap { Int($0) }.map { min(max($0, 1), 50) } ?? 1
        let items = current.plan.exercises.enumerated().compactMap { index, item -> [String: Any]? in
            guard let exercise = program.library.exercises[item.exerciseId]?.localized(context.language) else { return nil }
            return [
                "index": index + 1, "id": exercise.id, "name": exercise.name, "dose": item.dose.text(in: context.language),
                "sets": item.dose.sets, "reps": item.dose.reps ?? 0, "hold": item.dose.holdSeconds ?? 0, "minutes": item.dose.minutes ?? 0,
                "holdMax": item.dose.holdSecondsMax ?? 0, "perSide": item.dose.perSide,
                "steps": exercise.steps, "cues": exercise.cues,
                "figure": FigureSVG.animated(exercise) ?? "", "still": FigureSVG.still(exercise) ?? "",
                "painOptions": (0...10).map { ["value": $0] },
            ]
        }
        return try pages.page(
            "session",
            title: "Today's session",
            context: context,
            currentPath: "/home",
            data: [
                "items": items, "count": items.count, "sessionMinutes": current.plan.sessionMinutes, "key": SecretToken.generate().value,
                "speed": speed,
            ]
        )
    }

    @Sendable func finishSession(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try member(context)
        guard let current = try await program.currentPlan(for: member.id) else { return .redirect(to: "/home") }
        let form = context.form
        guard let key = form["key"], key.count >= 20, key.count <= 100 else {
            throw HTTPError(.badRequest, message: "The session form is incomplete. Open today's session again.")
        }
        // An exercise the member did not rate is left out; the player asks again if none were.
        let outcomes = current.plan.exercises.map(\.exerciseId).compactMap { id -> ProgramService.ExerciseOutcome? in
            guard let pain = form["pain-\(id)"].flatMap({ Int($0) }), (0...10).contains(pain),
                let difficulty = form["difficulty-\(id)"], SessionHistory.Difficulty(rawValue: difficulty) != nil
            else { return nil }
            return .init(exerciseID: id, pain: pain, difficulty: difficulty, symptomsSpread: form.isChecked("spread-\(id)"))
        }
        guard !outcomes.isEmpty else { return .redirect(to: "/session?missing=1") }
        do {
            _ = try await program.recordSession(member, key: key, outcomes: outcomes)
        } catch is ProgramService.CoverageEnded {
            return try await coverageEnded(member, context: context) ?? .redirect(to: "/home")
        } catch is NoPlanYet {
            return .redirect(to: "/home")
        }
        // Spreading symptoms mean the danger-sign questions come again.
        return .redirect(to: outcomes.contains(where: \.symptomsSpread) ? "/session/stop?reason=spread" : "/home?done=session")
    }

    // MARK: Stop — something's wrong

    static let stopReasons: [(String, String)] = [
        ("spread", "Pain spreading down my leg"), ("numbness", "New numbness or weakness"), ("sharp", "Sharp pain"),
        ("other", "Something else felt wrong"),
    ]

    @Sendable func showStop(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try member(context)
        let preset = request.uri.queryParameters["reason"].map(String.init)
        return try stopPage(context: context, values: ["reason": preset.map { [$0] } ?? []], failure: nil)
    }

    func stopPage(context: AppRequestContext, values: [String: [String]], failure: ValidationFailure?) throws -> Response {
        var data: [String: Any] = [
            "reasons": Self.stopReasons.map { ["value": $0.0, "label": $0.1, "checked": values["reason"]?.contains($0.0) == true] }
        ]
        data.merge(IntakeQuestionView.tickList(IntakeSafetyQuestions.dangerSigns, values: values, failure: failure)) { _, new in new }
        if let failure { data.merge(failure.templateValues) { _, new in new } }
        return try pages.page(
            "session_stop",
            title: "Stop — something's wrong",
            context: context,
            status: failure == nil ? .ok : .unprocessableContent,
            currentPath: "/home",
            data: data
        )
    }

    @Sendable func stop(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try member(context)
        let step = IntakeStep(slug: "stop", title: "", intro: "", questions: IntakeSafetyQuestions.dangerSigns, isTickList: true)
        let (answers, failure) = IntakeForm.read(step, form: context.form)
        if let failure {
            var shown = IntakeForm.shownAfterRefusal(step, answers: answers, form: context.form)
            shown["reason"] = context.form.all("reason")
            return try stopPage(context: context, values: shown, failure: failure)
        }
        let reasons = context.form.all("reason").filter { value in Self.stopReasons.contains { $0.0 == value } }
        let triage = try await program.stopPressed(member, reasons: reasons, dangerSigns: answers)
        return try stoppedPage(triage, context: context)
    }

    // MARK: Walks and check-ins

    @Sendable func logWalk(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try member(context)
        let form = context.form
        func number(_ name: String) -> Int? { form[name].flatMap { $0.isEmpty ? nil : Int($0) } }
        do {
            _ = try await program.logWalk(
                member,
                minutes: number("minutes"),
                breaks: number("breaks") ?? 0,
                painStartedMinute: number("painStartedMinute"),
                pain: number("walkPain"),
                key: form["key"]
            )
            return .redirect(to: "/home?done=walk")
        } catch let failure as ValidationFailure {
            return try await today(member, context, failure)
        }
    }

    @Sendable func checkIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try member(context)
        do {
            _ = try await program.checkIn(
                member,
                kind: context.form["kind"],
                pain: context.form["pain"].flatMap { Int($0) },
                answer: context.form["answer"]
            )
            return .redirect(to: "/home?done=checkin")
        } catch let failure as ValidationFailure {
            return try await today(member, context, failure)
        }
    }

    // MARK: Weekly safety check

    static var safetyCheckStep: IntakeStep {
        IntakeStep(
            slug: "safety-check",
            title: "Weekly safety check",
            intro: "",
            questions: WeeklySafetyCheck.questions.map {
                IntakeQuestion(key: $0.key, label: $0.label, kind: .yesNo)
            }
        )
    }

    @Sendable func showSafetyCheck(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try member(context)
        return try safetyCheckPage(context: context, values: [:], failure: nil)
    }

    func safetyCheckPage(context: AppRequestContext, values: [String: [String]], failure: ValidationFailure?) throws -> Response {
        var data: [String: Any] = [
            "questions": Self.safetyCheckStep.questions.map {
                IntakeQuestionView.make($0, values: values[$0.key] ?? [], error: failure?.message(for: $0.key))
            }
        ]
        if let failure { data.merge(failure.templateValues) { _, new in new } }
        return try pages.page(
            "safety_check",
            title: "Weekly safety check",
            context: context,
            status: failure == nil ? .ok : .unprocessableContent,
            currentPath: "/home",
            data: data
        )
    }

    @Sendable func safetyCheck(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try member(context)
        let (answers, failure) = IntakeForm.read(Self.safetyCheckStep, form: context.form)
        if let failure { return try safetyCheckPage(context: context, values: IntakeForm.shownValues(answers), failure: failure) }
        let result = try await program.weeklySafetyCheck(
            member,
            answers: answers.mapValues { value -> Bool? in if case .bool(let b) = value { b } else { nil } }
        )
        let triage = result.outcome.triage
        guard triage.tier != .none || result.outcome.symptomsSpread else { return .redirect(to: "/home?done=safety") }
        return try stoppedPage(triage, context: context)
    }

    /// What to do now, after the stop button or a weekly safety check that found something.
    func stoppedPage(_ triage: TriageResult, context: AppRequestContext) throws -> Response {
        try pages.page(
            "session_stopped",
            title: "Thank you for telling us",
            context: context,
            currentPath: "/home",
            data: [
                "isEmergency": triage.tier == .emergency, "isUrgent": triage.tier == .urgent,
                "whatToDo": triage.whatToDo, "flags": triage.flags.map { ["message": $0.message] },
            ]
        )
    }

    func today(_ member: AccountRecord, _ context: AppRequestContext, _ failure: ValidationFailure) async throws -> Response {
        try await MemberPages(pages: pages, intakes: intakes, program: program, messaging: messaging).todayPage(
            member,
            context: context,
            notice: "",
            failure: failure
        )
    }

    // MARK: Progress

    @Sendable func progress(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try member(context)
        return try pages.page(
            "progress",
            title: "Your progress",
            context: context,
            currentPath: "/progress",
            data: try await ProgressView.make(member, program: program, intakes: intakes)
        )
    }
}
