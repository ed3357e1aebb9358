import Foundation
import Logging
import SuppleCore
import SuppleStore

/// Saving intake answers as the member goes, and turning a finished intake into a decision with
/// its care-team alerts, all in one transaction.
public struct IntakeService: Sendable {
    public let database: any Database
    public let engine: ProgramEngine
    public let clock: any WallClock

    public init(database: any Database, engine: ProgramEngine, clock: any WallClock) {
        self.database = database
        self.engine = engine
        self.clock = clock
    }

    /// The member's answers so far and the furthest step reached.
    public func draft(for account: AccountRecord) async throws -> (answers: [String: JSONValue], furthestStep: Int) {
        guard let record = try await database.read({ db in try await IntakeRepository.draft(accountID: account.id, in: db) }),
            case .object(let answers)? = JSONValue.parse(Data(record.answers.utf8))
        else { return ([:], 0) }
        return (answers, record.furthestStep)
    }

    public func saveDraft(for account: AccountRecord, answers: [String: JSONValue], furthestStep: Int) async throws {
        let now = clock.now()
        _ = try await database.transaction { db in
            try await IntakeRepository.saveDraft(
                accountID: account.id,
                answers: JSONValue.object(answers).jsonText,
                furthestStep: furthestStep,
                at: now,
                in: db
            )
        }
    }

    /// The member's age today where they live; the engine uses it, not a typed age.
    func age(of account: AccountRecord) -> Int? {
        guard let birth = account.dateOfBirth else { return nil }
        return birth.wholeYears(until: CalendarDate(clock.now(), in: account.timeZone.timeZone))
    }

    /// Validates a whole intake, decides, and stores intake, decision, alerts and an audit event
    /// together. Throws `ValidationFailure` naming each bad field; nothing is stored then.
    public func submit(_ document: [String: JSONValue], for account: AccountRecord, fromDraft: Bool, clientAddress: String?) async throws -> Decision
    {
        var document = document
        if let age = age(of: account) { document["age"] = .number(Double(age)) }
        let intake = try IntakeParser.parse(.object(document))
        let decision = engine.decide(intake)
        let now = clock.now()
        let answers = JSONValue.object(document).jsonText
        let decisionJSON = try Self.encode(decision)
        let draftID = fromDraft ? try await database.read({ db in try await IntakeRepository.draft(accountID: account.id, in: db) })?.id : nil
        try await database.transaction { db in
            let intakeID: UUID
            if let draftID {
                try await IntakeRepository.markSubmitted(id: draftID, answers: answers, at: now, in: db)
                intakeID = draftID
            } else {
                intakeID = try await IntakeRepository.insertSubmitted(accountID: account.id, answers: answers, at: now, in: db)
            }
            try await DecisionRepository.insert(
                .init(
                    id: UUID(),
                    accountID: account.id,
                    intakeID: intakeID,
                    tier: decision.triage.tier.rawValue,
                    programStatus: decision.triage.programStatus.rawValue,
                    engineVersion: decision.engineVersion,
                    decisionJSON: decisionJSON,
                    createdAt: now
                ),
                in: db
            )
            // A plan that may start becomes version 1 of the member's plan, effective today.
            if let plan = decision.plan, [.active, .activeWithCautions].contains(decision.triage.programStatus) {
                _ = try await PlanVersionRepository.add(
                    memberID: account.id,
                    effectiveFrom: CalendarDate(now, in: account.timeZone.timeZone).description,
                    author: "engine",
                    reason: "Built from your answers to the intake.",
                    planJSON: try ProgramService.encode(plan),
                    at: now,
                    in: db
                )
            }
            for alert in Self.alerts(for: decision, member: account.id, at: now) {
                try await AlertRepository.insert(alert, in: db)
            }
            try await AuditLog.record(
                .init(
                    occurredAt: now,
                    actorID: account.id,
                    action: "intake.submitted",
                    subjectAccountID: account.id,
                    detail: "tier=\(decision.triage.tier.rawValue)",
                    clientAddress: clientAddress
                ),
                in: db
            )
        }
        return decision
    }

    /// Danger signs alert the clinical team at their tier; a new plan asks for a review; low mood or
    /// anxiety asks the coach to reach out.
    static func alerts(for decision: Decision, member: UUID, at instant: Date) -> [AlertRepository.Alert] {
        var alerts: [AlertRepository.Alert] = []
        let flags = decision.triage.flags.filter { $0.tier == decision.triage.tier }.map(\.id).joined(separator: ", ")
        switch decision.triage.tier {
        case .emergency:
            alerts.append(
                .init(
                    memberID: member,
                    severity: .emergency,
                    audience: .clinical,
                    reason: "Emergency sign at intake (\(flags)): member told to seek emergency care",
                    source: "intake",
                    createdAt: instant
                )
            )
        case .urgent:
            alerts.append(
                .init(
                    memberID: member,
                    severity: .urgent,
                    audience: .clinical,
                    reason: "Urgent sign at intake (\(flags)): program on hold until cleared",
                    source: "intake",
                    createdAt: instant
                )
            )
        case .routine:
            alerts.append(
                .init(
                    memberID: member,
                    severity: .routine,
                    audience: .clinical,
                    reason: "Routine review at intake (\(flags)): program started with cautions",
                    source: "intake",
                    createdAt: instant
                )
            )
        case .none:
            break
        }
        // A plan the engine wrote alone still gets a physical therapist's look (routine tier
        // reviews already ask for one).
        if decision.triage.tier == .none, decision.triage.programStatus == .active || decision.triage.programStatus == .activeWithCautions {
            alerts.append(
                .init(
                    memberID: member,
                    severity: .routine,
                    audience: .clinical,
                    reason: "New plan from the intake is ready for review",
                    source: newPlanSource,
                    createdAt: instant
                )
            )
        }
        // Thoughts of self-harm reach both the physical therapist and the coach at once; the
        // member has already been shown what to do now (docs/intake.md, "Crisis").
        if decision.selfHarmRisk == true { alerts += CrisisAlert.alerts(for: member, at: instant) }
        let mood = decision.yellowFlags.map(\.id).filter { $0 == "Y-phq2" || $0 == "Y-gad2" || $0 == "Y-phq9" }
        if !mood.isEmpty {
            alerts.append(
                .init(
                    memberID: member,
                    severity: .support,
                    audience: .coach,
                    reason: "Mood screen positive at intake (\(mood.joined(separator: ", "))): reach out",
                    source: "intake",
                    createdAt: instant
                )
            )
        }
        return alerts
    }

    /// The crisis alert's wording: the answer itself stays in the record, not in the queue line.
    enum CrisisAlert {
        static let reason = "Self-harm thoughts reported (PHQ-9 item 9): contact the member today and follow your crisis procedure"
        static let source = "crisis"

        /// One urgent alert each for the physical therapist and the coach.
        static func alerts(for member: UUID, at instant: Date) -> [AlertRepository.Alert] {
            [AlertRepository.Audience.clinical, .coach].map {
                .init(memberID: member, severity: .urgent, audience: $0, reason: reason, source: source, createdAt: instant)
            }
        }
    }

    /// Marks the routine review of a plan the engine wrote from the intake.
    static let newPlanSource = "new-plan"

    /// The member's last submitted intake as the engine read it; nil if there is none, or if it
    /// no longer parses.
    public func latestIntake(for memberID: UUID) async throws -> Intake? {
        try await LatestIntake.read(memberID, from: database)
    }

    public func latestDecision(for memberID: UUID) async throws -> (decision: Decision, at: Date)? {
        guard let record = try await database.read({ db in try await DecisionRepository.latest(accountID: memberID, in: db) }) else { return nil }
        let decision = try JSONDecoder().decode(Decision.self, from: Data(record.decisionJSON.utf8))
        return (decision, record.createdAt)
    }

    static func encode(_ decision: Decision) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(decision), as: UTF8.self)
    }
}
