import Foundation
import Hummingbird
import SuppleCore
import SuppleStore

/// The daily program over JSON, for the signed-in member and their own data only.
struct ProgramAPIRoutes {
    let program: ProgramService

    func register(on router: Router<AppRequestContext>) {
        let api = router.group("api/v1")
        api.get("today", use: today)
        api.post("sessions", use: startSession)
        api.put("sessions/{id}/items/{exerciseId}", use: recordItem)
        api.post("sessions/{id}/finish", use: finishSession)
        api.post("walks", use: logWalk)
        api.post("checkins", use: checkIn)
        api.post("questionnaires/{kind}", use: questionnaire)
        api.get("progress", use: progress)
    }

    func member(_ context: AppRequestContext) throws -> AccountRecord { try context.require(.useMemberApp).account }

    func current(_ member: AccountRecord) async throws -> ProgramService.CurrentPlan {
        guard let current = try await program.currentPlan(for: member.id) else { throw Self.noPlan }
        return current
    }

    static let noPlan = APIProblem(
        status: .conflict,
        detail: "No active plan yet: finish the intake (POST /api/v1/intake) or wait for your clinician."
    )

    struct Today: Encodable {
        let date: String
        let planVersion: Int
        let sessionDone: Bool
        let exercises: [ProgramPlan.Item]
        let walking: ProgramPlan.Walking
        let walkDone: Bool
        let movementSnacks: Int
        let article: String?
        let checkInsDue: [String]
        let questionnairesDue: [Questionnaire]
    }

    @Sendable func today(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try member(context)
        let current = try await current(member)
        let plan = current.plan
        let day = try await program.day(for: member, plan: plan)
        return try APIJSON.response(
            Today(
                date: day.date.description,
                planVersion: current.version.version,
                sessionDone: day.sessionDone,
                exercises: plan.exercises,
                walking: plan.walking,
                walkDone: day.walkDone,
                movementSnacks: plan.movementSnacks?.count ?? 0,
                article: day.article?.slug,
                checkInsDue: day.checkInsDue.map(\.rawValue),
                questionnairesDue: try await program.dueQuestionnaires(for: member)
            )
        )
    }

    struct StartedSession: Encodable {
        let id: String
        let date: String
        let exercises: [ProgramPlan.Item]
    }

    @Sendable func startSession(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try member(context)
        var body = try await JSONBody.readOptional(request, context: context)
        let key = try IdempotencyKey.read(request, &body)
        try body.checkTypes()
        do {
            let started = try await program.startSession(member, key: key)
            return try APIJSON.response(
                StartedSession(id: started.id.uuidString.lowercased(), date: started.date.description, exercises: started.plan.plan.exercises),
                status: .created
            )
        } catch let ended as ProgramService.CoverageEnded {
            throw APIProblem(status: .forbidden, detail: ended.message)
        } catch is NoPlanYet {
            throw Self.noPlan
        }
    }

    /// The weekly safety check's answer: what the member should do, with the rules that fired.
    struct SafetyChecked: Encodable {
        let recorded: Bool
        let rescreen: Bool
        let tier: String
        let whatToDo: String
        let flags: [String]
        let symptomsSpread: Bool
    }

    struct Recorded: Encodable {
        let recorded: Bool
        /// Symptoms spread: stop, and answer the danger-sign questions again.
        let rescreen: Bool
    }

    @Sendable func recordItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try member(context)
        guard let id = UUID(uuidString: try context.parameters.require("id")) else { throw APIProblem(status: .notFound, detail: "No such session.") }
        let exercise = try context.parameters.require("exerciseId")
        var body = try await JSONBody.read(request, context: context)
        let pain = body.integer("pain")
        let difficulty = body.string("difficulty")
        let spread = body.bool("symptomsSpread")
        try body.checkTypes()
        do {
            let recorded = try await program.recordOutcome(
                member,
                sessionID: id,
                outcome: .init(exerciseID: exercise, pain: pain, difficulty: difficulty, symptomsSpread: spread)
            )
            return try APIJSON.response(Recorded(recorded: recorded, rescreen: spread))
        } catch is SessionNotFound {
            throw APIProblem(status: .notFound, detail: "No such session.")
        }
    }

    struct Finished: Encodable {
        let planChanged: Bool
        let decisions: ProgressionEngine.Decisions?
    }

    @Sendable func finishSession(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try member(context)
        guard let id = UUID(uuidString: try context.parameters.require("id")) else { throw APIProblem(status: .notFound, detail: "No such session.") }
        do {
            let decisions = try await program.finishSession(member, sessionID: id)
            return try APIJSON.response(Finished(planChanged: decisions.map { !$0.isSteady } ?? false, decisions: decisions))
        } catch is SessionNotFound {
            throw APIProblem(status: .notFound, detail: "No such session.")
        }
    }

    @Sendable func logWalk(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try member(context)
        var body = try await JSONBody.read(request, context: context)
        let minutes = body.integer("minutes")
        let breaks = body.integer("breaks")
        let onset = body.integer("painStartedMinute")
        let pain = body.integer("pain")
        let key = try IdempotencyKey.read(request, &body)
        try body.checkTypes()
        let recorded = try await program.logWalk(member, minutes: minutes, breaks: breaks, painStartedMinute: onset, pain: pain, key: key)
        return try APIJSON.response(Recorded(recorded: recorded, rescreen: false), status: recorded ? .created : .ok)
    }

    @Sendable func checkIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try member(context)
        var body = try await JSONBody.read(request, context: context)
        let kind = body.string("kind")
        let pain = body.integer("pain")
        let answer = body.string("answer")
        if kind == CheckInKind.weeklySafety.rawValue {
            let raw = body.object("answers")
            try body.checkTypes()
            var answers: [String: Bool?] = [:]
            for question in WeeklySafetyCheck.questions {
                switch raw[question.key] {
                case .bool(let value)?: answers[question.key] = value
                case nil, .null?: answers[question.key] = .some(nil)
                default: throw ValidationFailure(field: "answers.\(question.key)", message: "answers.\(question.key) must be true or false.")
                }
            }
            for key in raw.keys where !WeeklySafetyCheck.questions.contains(where: { $0.key == key }) {
                throw ValidationFailure(field: "answers.\(key)", message: "answers.\(key) is not a question of the weekly safety check.")
            }
            let result = try await program.weeklySafetyCheck(member, answers: answers)
            let triage = result.outcome.triage
            return try APIJSON.response(
                SafetyChecked(
                    recorded: result.recorded,
                    rescreen: false,
                    tier: triage.tier.rawValue,
                    whatToDo: triage.whatToDo,
                    flags: triage.flags.map(\.id),
                    symptomsSpread: result.outcome.symptomsSpread
                ),
                status: result.recorded ? .created : .ok
            )
        }
        try body.checkTypes()
        let recorded = try await program.checkIn(member, kind: kind, pain: pain, answer: answer)
        return try APIJSON.response(Recorded(recorded: recorded, rescreen: false), status: recorded ? .created : .ok)
    }

    @Sendable func questionnaire(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try member(context)
        guard let kind = Questionnaire(rawValue: try context.parameters.require("kind")) else {
            throw APIProblem(status: .notFound, detail: "Questionnaires: peg, psfs, mood, groc, phq9.")
        }
        var body = try await JSONBody.read(request, context: context)
        let answers = body.integers("answers")
        try body.checkTypes()
        return try APIJSON.response(try await program.recordQuestionnaire(kind, answers: answers, for: member), status: .created)
    }

    struct Progress: Encodable {
        struct DailyPain: Encodable {
            let date: String
            let pain: Double
        }
        struct Week: Encodable {
            let endsOn: String
            let walkingMinutes: Int
            let sessions: Int
            let plannedSessions: Int
        }
        let baselinePain: Int?
        let dailyPain: [DailyPain]
        let weeks: [Week]
        let streakDays: Int
        let meaningfulChange: Bool
        let questionnaires: [String: [Double]]
    }

    @Sendable func progress(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try member(context)
        let summary = try await program.progressSummary(for: member)
        return try APIJSON.response(
            Progress(
                baselinePain: summary.baseline,
                dailyPain: summary.daily.map { .init(date: $0.date, pain: $0.pain) },
                weeks: summary.weeks.map { .init(endsOn: $0.endsOn.description, walkingMinutes: $0.walk, sessions: $0.sessions, plannedSessions: 7) },
                streakDays: summary.streak,
                meaningfulChange: summary.meaningfulChange,
                questionnaires: summary.questionnaires
            )
        )
    }
}
