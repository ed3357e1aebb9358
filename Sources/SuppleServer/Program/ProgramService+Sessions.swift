import Foundation
import SQLKit
import SuppleCore
import SuppleStore

/// One way to record a session, for the web player and the API alike: a session is started,
/// each exercise's outcome is recorded once, and finishing it lets the progression engine adapt
/// the plan. The API sends the three steps as three requests; the web player's single form runs
/// all three in one transaction.
extension ProgramService {
    public struct StartedSession: Sendable {
        public let id: UUID
        public let date: CalendarDate
        public let plan: CurrentPlan
    }

    /// What the member reported for one exercise, checked field by field.
    public struct ExerciseOutcome: Sendable {
        public let exerciseID: String
        public let pain: Int?
        public let difficulty: String?
        public let symptomsSpread: Bool

        public init(exerciseID: String, pain: Int?, difficulty: String?, symptomsSpread: Bool) {
            self.exerciseID = exerciseID
            self.pain = pain
            self.difficulty = difficulty
            self.symptomsSpread = symptomsSpread
        }

        func checked() throws -> ActivityRepository.Outcome {
            var errors = FieldErrorCollector()
            if pain == nil || !(0...10).contains(pain!) { errors.add("pain", "Choose the pain during the exercise, 0 to 10.") }
            if difficulty.flatMap(SessionHistory.Difficulty.init(rawValue:)) == nil {
                errors.add("difficulty", "Choose too-easy, about-right or too-hard.")
            }
            try errors.throwIfAny()
            return .init(exerciseID: exerciseID, pain: pain!, difficulty: difficulty!, symptomsSpread: symptomsSpread)
        }
    }

    /// Starts today's session of the current plan; the same key returns the same session.
    public func startSession(_ member: AccountRecord, key: String?) async throws -> StartedSession {
        guard let current = try await currentPlan(for: member.id) else { throw NoPlanYet() }
        try await requireCoverage(member)
        let date = today(for: member)
        let now = clock.now()
        let id = try await database.transaction { db in
            try await ActivityRepository.startSession(
                key: key ?? SecretToken.generate().value,
                memberID: member.id,
                planVersionID: current.version.id,
                date: date.description,
                at: now,
                in: db
            )
        }
        return StartedSession(id: id, date: date, plan: current)
    }

    /// One exercise's outcome; spreading symptoms alert the care team. Returns whether it was new.
    public func recordOutcome(_ member: AccountRecord, sessionID: UUID, outcome: ExerciseOutcome) async throws -> Bool {
        let now = clock.now()
        return try await database.transaction { db in
            // Whose session it is comes first: another member learns nothing from field messages.
            guard let session = try await ActivityRepository.session(id: sessionID, memberID: member.id, in: db) else { throw SessionNotFound() }
            let checked = try outcome.checked()
            let recorded = try await ActivityRepository.recordOutcome(checked, session: session, at: now, in: db)
            if recorded && checked.symptomsSpread {
                try await Self.raiseSymptomsSpreadAlert(memberID: member.id, exercises: [checked.exerciseID], at: now, in: db)
            }
            return recorded
        }
    }

    /// Finishes the session and adapts the plan. Nil when it was already finished (nothing
    /// adapts twice), otherwise the engine's decisions.
    public func finishSession(_ member: AccountRecord, sessionID: UUID) async throws -> ProgressionEngine.Decisions? {
        let now = clock.now()
        let finished = try await database.transaction { db -> Bool in
            guard try await ActivityRepository.session(id: sessionID, memberID: member.id, in: db) != nil else { throw SessionNotFound() }
            guard try await ActivityRepository.finishSession(id: sessionID, at: now, in: db) else { return false }
            try await PendingAdaptationRepository.mark(memberID: member.id, at: now, in: db)
            return true
        }
        return finished ? try await adapt(member) : nil
    }

    /// The web player's form: the whole session in one transaction, through the same three steps.
    /// Exercises the member left blank are skipped; at least one must be answered. Returns false
    /// when this key was already recorded.
    public func recordSession(_ member: AccountRecord, key: String, outcomes: [ExerciseOutcome]) async throws -> Bool {
        guard let current = try await currentPlan(for: member.id) else { throw NoPlanYet() }
        try await requireCoverage(member)
        let checked = try outcomes.map { try $0.checked() }
        guard !checked.isEmpty else { throw ValidationFailure(field: "outcomes", message: "Rate at least one exercise before you finish.") }
        let date = today(for: member).description
        let now = clock.now()
        let recorded = try await database.transaction { db -> Bool in
            guard
                try await Self.recordFinishedSession(
                    key: key,
                    memberID: member.id,
                    planVersionID: current.version.id,
                    date: date,
                    outcomes: checked,
                    at: now,
                    in: db
                )
            else { return false }
            try await PendingAdaptationRepository.mark(memberID: member.id, at: now, in: db)
            let spread = checked.filter(\.symptomsSpread).map(\.exerciseID)
            if !spread.isEmpty { try await Self.raiseSymptomsSpreadAlert(memberID: member.id, exercises: spread, at: now, in: db) }
            return true
        }
        if recorded { try await adapt(member) }
        return recorded
    }

    /// Start, outcomes and finish inside the caller's transaction (the web form, and the demo
    /// history). False when this key's session was already finished.
    public static func recordFinishedSession(
        key: String,
        memberID: UUID,
        planVersionID: UUID,
        date: String,
        outcomes: [ActivityRepository.Outcome],
        at now: Date,
        in db: any SQLDatabase
    ) async throws -> Bool {
        let id = try await ActivityRepository.startSession(key: key, memberID: memberID, planVersionID: planVersionID, date: date, at: now, in: db)
        guard let session = try await ActivityRepository.session(id: id, memberID: memberID, in: db), session.status == .inProgress else {
            return false
        }
        for outcome in outcomes { _ = try await ActivityRepository.recordOutcome(outcome, session: session, at: now, in: db) }
        return try await ActivityRepository.finishSession(id: id, at: now, in: db)
    }

    /// Symptoms that spread during a session ask the physical therapist to look today.
    static func raiseSymptomsSpreadAlert(memberID: UUID, exercises: [String], at now: Date, in db: any SQLDatabase) async throws {
        try await AlertRepository.insert(
            .init(
                memberID: memberID,
                severity: .urgent,
                audience: .clinical,
                reason: "Symptoms spread during the session (\(exercises.joined(separator: ", ")))",
                source: "session",
                createdAt: now
            ),
            in: db
        )
    }
}

/// The session does not exist or is not this member's.
public struct SessionNotFound: Error {}

/// The member has no plan yet: the intake is unfinished or the program is on hold.
public struct NoPlanYet: Error {}
