import Hummingbird
import SuppleCore

/// "What matters to you": the optional PSFS activities and goal, asked after the first session.
struct WhatMattersPages {
    let intakes: IntakeService
    let pages: PageRenderer

    func register(on router: Router<AppRequestContext>) {
        router.get("/what-matters", use: show)
        router.post("/what-matters", use: save)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try context.require(.useMemberApp).account
        guard try await intakes.latestDecision(for: member.id) != nil else { return .redirect(to: "/intake") }
        return try page(values: try await intakes.whatMattersShown(for: member.id), failure: nil, context: context)
    }

    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try context.require(.useMemberApp).account
        guard try await intakes.latestDecision(for: member.id) != nil else { return .redirect(to: "/intake") }
        // "Not now" stores nothing but the fact that we asked.
        let skipped = context.form["skip"] == "yes"
        let (answers, failure) = skipped ? ([:], nil) : IntakeForm.read(IntakeQuestionnaire.whatMatters, form: context.form)
        if let failure {
            let shown = IntakeForm.shownAfterRefusal(IntakeQuestionnaire.whatMatters, answers: answers, form: context.form)
            return try page(values: shown, failure: failure, context: context)
        }
        try await intakes.saveWhatMatters(answers, for: member, clientAddress: context.clientAddress)
        return .redirect(to: skipped ? "/home" : "/home?done=what-matters")
    }

    func page(values: [String: [String]], failure: ValidationFailure?, context: AppRequestContext) throws -> Response {
        var data: [String: Any] = [
            "questions": IntakeQuestionnaire.whatMatters.questions.map {
                IntakeQuestionView.make($0, values: values[$0.key] ?? [], error: failure?.message(for: $0.key))
            }
        ]
        if let failure { data.merge(failure.templateValues) { _, new in new } }
        return try pages.page(
            "what_matters",
            title: "What matters to you",
            context: context,
            status: failure == nil ? .ok : .unprocessableContent,
            currentPath: "/home",
            data: data
        )
    }
}
