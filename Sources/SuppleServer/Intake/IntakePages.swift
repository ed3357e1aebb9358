import Foundation
import Hummingbird
import SuppleContent
import SuppleCore
import SuppleStore

/// The member's intake, one step per page, saved as they go, ending in their decision.
struct IntakePages {
    let intakes: IntakeService
    let program: ProgramService
    let library: ContentLibrary
    let pages: PageRenderer

    func register(on router: Router<AppRequestContext>) {
        router.get("/intake", use: resume)
        router.get("/intake/{step}", use: showStep)
        router.post("/intake/{step}", use: saveStep)
        router.get("/plan", use: plan)
    }

    func member(_ context: AppRequestContext) throws -> AccountRecord {
        try context.require(.useMemberApp).account
    }

    func answers(_ document: [String: JSONValue], _ account: AccountRecord) -> IntakeAnswers {
        IntakeAnswers(document, age: intakes.age(of: account))
    }

    /// Back to the first step not yet answered.
    @Sendable func resume(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try member(context)
        let (document, _) = try await intakes.draft(for: account)
        let steps = IntakeQuestionnaire.steps(for: answers(document, account))
        let next = steps.first { !IntakeForm.isComplete($0.asked(answers(document, account)), document) } ?? steps.last!
        return .redirect(to: "/intake/\(next.slug)")
    }

    @Sendable func showStep(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try member(context)
        guard let (_, step) = IntakeQuestionnaire.step(try context.parameters.require("step")) else { throw HTTPError(.notFound) }
        let (document, _) = try await intakes.draft(for: account)
        let asked = answers(document, account)
        // A step with nothing to ask this member (no pregnancy or operation, say) is passed by.
        guard !step.questions(for: asked).isEmpty else { return .redirect(to: "/intake") }
        return try stepPage(step, asked: asked, values: IntakeForm.shownValues(document), failure: nil, context: context)
    }

    @Sendable func saveStep(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try member(context)
        guard let (_, fullStep) = IntakeQuestionnaire.step(try context.parameters.require("step")) else { throw HTTPError(.notFound) }
        var (document, furthest) = try await intakes.draft(for: account)
        let before = answers(document, account)
        let step = fullStep.asked(before)
        let (stepAnswers, failure) = IntakeForm.read(step, form: context.form)
        if let failure {
            // Show what they chose again, so only the missing answers need attention.
            let shown = IntakeForm.shownAfterRefusal(step, answers: stepAnswers, form: context.form)
            return try stepPage(fullStep, asked: before, values: shown, failure: failure, context: context)
        }
        IntakeForm.merge(stepAnswers, for: fullStep, into: &document)
        document = IntakeQuestionnaire.prune(document, age: intakes.age(of: account))
        let after = answers(document, account)
        let steps = IntakeQuestionnaire.steps(for: after)
        let index = steps.firstIndex { $0.slug == fullStep.slug } ?? 0
        try await intakes.saveDraft(for: account, answers: document, furthestStep: max(furthest, index + 1))
        if let next = steps.first(where: { !IntakeForm.isComplete($0.asked(after), document) }) {
            // Continue in order, but send them back to anything left unanswered.
            let following = index + 1 < steps.count ? steps[index + 1] : next
            return .redirect(to: "/intake/\(IntakeForm.isComplete(following.asked(after), document) ? next.slug : following.slug)")
        }
        // Every step is complete and checked, so the engine can decide now.
        let decision = try await intakes.submit(document, for: account, fromDraft: true, clientAddress: context.clientAddress)
        // Thoughts of self-harm are answered before anything else (docs/intake.md, "Crisis").
        return .redirect(to: decision.selfHarmRisk == true ? "/support/now" : "/plan")
    }

    func stepPage(
        _ step: IntakeStep,
        asked: IntakeAnswers,
        values: [String: [String]],
        failure: ValidationFailure?,
        context: AppRequestContext
    ) throws -> Response {
        let steps = IntakeQuestionnaire.steps(for: asked)
        let index = steps.firstIndex { $0.slug == step.slug } ?? 0
        var data: [String: Any] = [
            "slug": step.slug, "title": step.title, "intro": step.intro,
            "stepNumber": index + 1, "stepCount": steps.count,
            "isLast": index == steps.count - 1,
            "previous": index > 0 ? steps[index - 1].slug : "",
            "questions": step.questions(for: asked).map {
                IntakeQuestionView.make($0, values: values[$0.key] ?? [], error: failure?.message(for: $0.key))
            },
        ]
        if step.isTickList {
            data.merge(IntakeQuestionView.tickList(step.questions(for: asked), values: values, failure: failure)) { _, new in new }
        }
        if let failure { data.merge(failure.templateValues) { _, new in new } }
        return try pages.page(
            "intake_step",
            title: step.title,
            context: context,
            status: failure == nil ? .ok : .unprocessableContent,
            currentPath: "/home",
            data: data
        )
    }

    @Sendable func plan(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try member(context)
        guard var (decision, _) = try await intakes.latestDecision(for: account.id) else { return .redirect(to: "/intake") }
        // The plan as it stands today: the latest version, after any progression.
        let current = try await program.currentPlan(for: account.id)
        if let current { decision.plan = current.plan }
        var data = DecisionView.forMember(decision, library: library, language: context.language, catalog: pages.catalog)
        if current != nil, decision.triage.programStatus == .onHold {
            // A physical therapist has reviewed the hold and started the program.
            data["isOnHold"] = false
            data["showPlan"] = true
        }
        data["canStart"] = current != nil
        data["careTeamNote"] = current?.version.memberNote ?? ""
        data["careTeamNoteAuthor"] = current?.version.author ?? ""
        data["careTeamNoteDate"] = current.map { DisplayFormats.day(iso: $0.version.effectiveFrom) } ?? ""
        return try pages.page("plan", title: "Your plan", context: context, currentPath: "/home", data: data)
    }
}

/// A question shaped for the intake template.
enum IntakeQuestionView {
    /// A tick list's boxes under their group headings, and its "None of these apply to me" box:
    /// ticked when the member said so, or when they return to a list they answered all "no".
    static func tickList(_ questions: [IntakeQuestion], values: [String: [String]], failure: ValidationFailure?) -> [String: Any] {
        var groups: [[String: Any]] = []
        for question in questions {
            let item: [String: Any] = [
                "key": question.key, "id": question.key.replacingOccurrences(of: ".", with: "-"), "label": question.label,
                "hint": question.hint ?? "", "checked": values[question.key] == ["yes"],
            ]
            if let last = groups.last, last["title"] as? String == question.group ?? "" {
                groups[groups.count - 1]["items"] = (last["items"] as? [[String: Any]] ?? []) + [item]
            } else {
                groups.append(["title": question.group ?? "", "items": [item]])
            }
        }
        let answeredNone = !questions.isEmpty && questions.allSatisfy { values[$0.key] == ["no"] }
        let noneChecked = values[IntakeForm.noneApplyKey] == ["yes"] || (failure == nil && answeredNone)
        return [
            "isTickList": true, "tickGroups": groups, "tickListTitle": "Tick each one that is true for you", "noneKey": IntakeForm.noneApplyKey,
            "noneChecked": noneChecked,
            "noneError": failure?.message(for: IntakeForm.noneApplyKey) ?? "",
        ]
    }

    static func make(_ question: IntakeQuestion, values: [String], error: String?) -> [String: Any] {
        var view: [String: Any] = [
            "key": question.key, "id": question.key.replacingOccurrences(of: ".", with: "-"), "label": question.label,
            "hint": question.hint ?? "", "error": error ?? "",
        ]
        let value = values.first ?? ""
        switch question.kind {
        case .scale(let low, let high):
            view["isScale"] = true
            view["low"] = low
            view["high"] = high
            view["options"] = (0...10).map { ["value": "\($0)", "checked": value == "\($0)"] }
        case .choice(let options, _):
            view["isChoice"] = true
            view["options"] = options.map { ["value": $0.0, "label": $0.1, "checked": value == $0.0] }
        case .multi(let options):
            view["isMulti"] = true
            view["options"] = options.map { ["value": $0.0, "label": $0.1, "checked": values.contains($0.0)] }
        case .yesNo:
            view["isYesNo"] = true
            view["isYes"] = value == "yes"
            view["isNo"] = value == "no"
        case .number(let range, let unit):
            view["isNumber"] = true
            view["min"] = range.lowerBound
            view["max"] = range.upperBound
            view["unit"] = unit
            view["value"] = value
        case .text(let maxLength):
            view["isText"] = true
            view["maxLength"] = maxLength
            view["isLong"] = maxLength > 100
            view["value"] = value
        case .time:
            view["isTime"] = true
            view["value"] = value
        }
        return view
    }
}
