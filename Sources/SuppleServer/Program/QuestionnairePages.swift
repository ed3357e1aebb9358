import Foundation
import Hummingbird
import SuppleCore
import SuppleStore

/// The scheduled questionnaires (PEG-3 weekly, PSFS every two weeks, PHQ-2/GAD-2 every four,
/// Global Rating of Change at weeks 4, 8 and 12), as pages and as stored, scored check-ins.
struct QuestionnairePages {
    let program: ProgramService
    let pages: PageRenderer

    func register(on router: Router<AppRequestContext>) {
        router.get("/questionnaires/{kind}", use: show)
        router.post("/questionnaires/{kind}", use: answer)
    }

    static let moodQuestions: [(String, String)] = [
        ("interest", "Little interest or pleasure in doing things"), ("down", "Feeling down, depressed or hopeless"),
        ("nervous", "Feeling nervous, anxious or on edge"), ("worry", "Not being able to stop or control worrying"),
    ]
    /// PHQ-9's nine items in plain words (the first two are PHQ-2's).
    static let phq9Labels = [moodQuestions[0].1, moodQuestions[1].1] + IntakeQuestionnaire.phq9.map(\.label)
    static let grocOptions: [(Int, String)] = [
        (7, "A very great deal better"), (5, "Quite a bit better"), (3, "Somewhat better"), (1, "A little better"), (0, "About the same"),
        (-1, "A little worse"), (-3, "Somewhat worse"), (-5, "Quite a bit worse"), (-7, "A very great deal worse"),
    ]

    func kind(_ context: AppRequestContext) throws -> Questionnaire {
        guard let kind = Questionnaire(rawValue: try context.parameters.require("kind")) else { throw HTTPError(.notFound) }
        return kind
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try context.require(.useMemberApp).account
        return try await page(try kind(context), member: member, context: context, failure: nil)
    }

    func page(_ kind: Questionnaire, member: AccountRecord, context: AppRequestContext, failure: ValidationFailure?) async throws -> Response {
        let scale = (0...10).map { ["value": $0] }
        var questions: [[String: Any]] = []
        switch kind {
        case .peg:
            questions = [
                ("pain", "Your average pain over the past week"), ("enjoyment", "How much pain got in the way of enjoying life"),
                ("activity", "How much pain got in the way of your day-to-day activities"),
            ].map {
                ["key": $0.0, "label": $0.1, "scale": scale, "error": failure?.message(for: $0.0) ?? ""]
            }
        case .psfs:
            questions = try await program.psfsActivities(for: member).enumerated().map {
                [
                    "key": "activity\($0.offset)", "label": "How well can you \($0.element.lowercased()) today? (0 = can't, 10 = as before)",
                    "scale": scale,
                    "error": failure?.message(for: "activity\($0.offset)") ?? "",
                ]
            }
        case .mood:
            questions = Self.moodQuestions.map {
                [
                    "key": $0.0, "label": "Over the last two weeks: \($0.1.lowercased())", "choices": QuestionnaireView.moodChoices,
                    "error": failure?.message(for: $0.0) ?? "",
                ]
            }
        case .phq9:
            questions = zip(Questionnaire.phq9Keys, Self.phq9Labels).map { key, label in
                [
                    "key": key, "label": "Over the last two weeks: \(label.lowercased())", "choices": QuestionnaireView.moodChoices,
                    "error": failure?.message(for: key) ?? "",
                ]
            }
        case .groc:
            questions = [
                [
                    "key": "rating", "label": "Compared with when you started Supple, how is your back or joint now?",
                    "choices": Self.grocOptions.map { ["value": $0.0, "label": $0.1] }, "error": failure?.message(for: "rating") ?? "",
                ]
            ]
        }
        var data: [String: Any] = ["kind": kind.rawValue, "title": kind.title, "questions": questions]
        if let failure { data.merge(failure.templateValues) { _, new in new } }
        return try pages.page(
            "questionnaire",
            title: kind.title,
            context: context,
            status: failure == nil ? .ok : .unprocessableContent,
            currentPath: "/home",
            data: data
        )
    }

    @Sendable func answer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try context.require(.useMemberApp).account
        let kind = try kind(context)
        var answers: [String: Int] = [:]
        for key in ["pain", "enjoyment", "activity", "activity0", "activity1", "activity2", "nervous", "worry", "rating"] + Questionnaire.phq9Keys {
            if let text = context.form[key], let value = Int(text) { answers[key] = value }
        }
        do {
            let result = try await program.recordQuestionnaire(kind, answers: answers, for: member)
            if result.selfHarm == true { return .redirect(to: "/support/now") }
            return try pages.page(
                "questionnaire_done",
                title: kind.title,
                context: context,
                currentPath: "/home",
                data: [
                    "title": kind.title, "interpretation": result.interpretation, "positive": result.positive,
                ]
            )
        } catch let failure as ValidationFailure {
            return try await page(kind, member: member, context: context, failure: failure)
        }
    }
}

enum QuestionnaireView {
    static var moodChoices: [[String: Any]] {
        [(0, "Not at all"), (1, "Several days"), (2, "More than half the days"), (3, "Nearly every day")].map {
            ["value": $0.0, "label": $0.1]
        }
    }
}
