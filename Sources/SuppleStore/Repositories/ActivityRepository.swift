import Foundation
import SQLKit
import SuppleCore

/// Sessions with their item outcomes, walks and check-ins. Each write carries an idempotency key
/// (or a natural one), so a double-submitted form or a retried call is recorded once. Keys are
/// the member's own: stored with the member's id in front, so another member's key never
/// collides with theirs; the insert itself ignores a repeat, so concurrent retries cannot race.
public enum ActivityRepository {
    static func scoped(_ key: String, to memberID: UUID) -> String { "\(memberID.uuidString):\(key)" }

    public struct Outcome: Sendable, Equatable {
        public let exerciseID: String
        public let pain: Int
        public let difficulty: String
        public let symptomsSpread: Bool

        public init(exerciseID: String, pain: Int, difficulty: String, symptomsSpread: Bool) {
            self.exerciseID = exerciseID
            self.pain = pain
            self.difficulty = difficulty
            self.symptomsSpread = symptomsSpread
        }
    }

    public struct SessionRecord: Sendable, Equatable {
        public let id: UUID
        public let occurrenceDate: String
        public let status: SessionStatus
        public let outcomes: [Outcome]
    }

    public struct WalkRecord: Sendable, Equatable {
        public let date: String
        public let minutes: Int
        public let breaks: Int
        public let painStartedMinute: Int?
        public let pain: Int
    }

    public struct CheckInRecord: Sendable, Equatable {
        public let date: String
        public let kind: String
        public let answers: String
        public let score: Double?
    }

    /// Starts a session, or finds the one this key already started: a retried start returns the
    /// session it started the first time, whatever has happened to it since.
    public static func startSession(
        key: String,
        memberID: UUID,
        planVersionID: UUID,
        date: String,
        at instant: Date,
        in db: any SQLDatabase
    ) async throws -> UUID {
        let id = UUID()
        let stored = scoped(key, to: memberID)
        if try await db.raw(
            """
            INSERT INTO sessions (id, member_id, plan_version_id, occurrence_date, status, idempotency_key, started_at)
            VALUES (\(bind: id.uuidString), \(bind: memberID.uuidString), \(bind: planVersionID.uuidString), \(bind: date), \(bind: SessionStatus.inProgress.rawValue),
                \(bind: stored), \(bind: instant.storedMilliseconds))
            ON CONFLICT (idempotency_key) DO NOTHING RETURNING id
            """
        ).first() != nil {
            return id
        }
        let row = try await db.raw("SELECT id FROM sessions WHERE idempotency_key = \(bind: stored)").first()
        return UUID(uuidString: try row!.decode(column: "id", as: String.self))!
    }

    public struct OpenSession: Sendable, Equatable {
        public let id: UUID
        public let planVersionID: UUID
        public let date: String
        public let status: SessionStatus
    }

    /// A session of this member, if it is theirs.
    public static func session(id: UUID, memberID: UUID, in db: any SQLDatabase) async throws -> OpenSession? {
        try await db.raw("SELECT * FROM sessions WHERE id = \(bind: id.uuidString) AND member_id = \(bind: memberID.uuidString)").first().map { row in
            OpenSession(
                id: id,
                planVersionID: UUID(uuidString: try row.decode(column: "plan_version_id", as: String.self))!,
                date: try row.decode(column: "occurrence_date", as: String.self),
                status: SessionStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .inProgress
            )
        }
    }

    /// Records one exercise's outcome; recording the same exercise again changes nothing, even
    /// when two retries arrive at once (the unique index decides, not a read before the write).
    public static func recordOutcome(_ outcome: Outcome, session: OpenSession, at instant: Date, in db: any SQLDatabase) async throws -> Bool {
        try await db.raw(
            """
            INSERT INTO item_outcomes (id, session_id, plan_version_id, exercise_id, occurrence_date, pain, difficulty, symptoms_spread, recorded_at)
            VALUES (\(bind: UUID().uuidString), \(bind: session.id.uuidString), \(bind: session.planVersionID.uuidString), \(bind: outcome.exerciseID),
                \(bind: session.date), \(bind: outcome.pain), \(bind: outcome.difficulty), \(bind: outcome.symptomsSpread), \(bind: instant.storedMilliseconds))
            ON CONFLICT (session_id, exercise_id) DO NOTHING RETURNING id
            """
        ).first() != nil
    }

    /// Marks the session completed. Returns false when it already was, so of two finishes sent at
    /// once only one adapts the plan.
    public static func finishSession(id: UUID, at instant: Date, in db: any SQLDatabase) async throws -> Bool {
        try await db.raw(
            """
            UPDATE sessions SET status = \(bind: SessionStatus.completed.rawValue), finished_at = \(bind: instant.storedMilliseconds)
            WHERE id = \(bind: id.uuidString) AND status <> \(bind: SessionStatus.completed.rawValue) RETURNING id
            """
        ).first() != nil
    }

    public static func sessions(memberID: UUID, in db: any SQLDatabase) async throws -> [SessionRecord] {
        let rows = try await db.raw(
            """
            SELECT s.id, s.occurrence_date, s.status, o.exercise_id, o.pain, o.difficulty, o.symptoms_spread
            FROM sessions s LEFT JOIN item_outcomes o ON o.session_id = s.id
            WHERE s.member_id = \(bind: memberID.uuidString) ORDER BY s.occurrence_date, s.started_at, o.recorded_at
            """
        ).all()
        var order: [UUID] = []
        var byID: [UUID: (String, SessionStatus, [Outcome])] = [:]
        for row in rows {
            let id = UUID(uuidString: try row.decode(column: "id", as: String.self))!
            if byID[id] == nil {
                order.append(id)
                byID[id] = (
                    try row.decode(column: "occurrence_date", as: String.self),
                    SessionStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .inProgress, []
                )
            }
            if let exercise = try row.decode(column: "exercise_id", as: String?.self) {
                byID[id]!.2.append(
                    Outcome(
                        exerciseID: exercise,
                        pain: try row.decode(column: "pain", as: Int.self),
                        difficulty: try row.decode(column: "difficulty", as: String.self),
                        symptomsSpread: try row.decode(column: "symptoms_spread", as: Bool.self)
                    )
                )
            }
        }
        return order.map { SessionRecord(id: $0, occurrenceDate: byID[$0]!.0, status: byID[$0]!.1, outcomes: byID[$0]!.2) }
    }

    public static func recordWalk(
        key: String,
        memberID: UUID,
        date: String,
        minutes: Int,
        breaks: Int,
        painStartedMinute: Int?,
        pain: Int,
        at instant: Date,
        in db: any SQLDatabase
    ) async throws -> Bool {
        try await db.raw(
            """
            INSERT INTO walks (id, member_id, walk_date, minutes, breaks, pain_started_minute, pain, idempotency_key, recorded_at)
            VALUES (\(bind: UUID().uuidString), \(bind: memberID.uuidString), \(bind: date), \(bind: minutes), \(bind: breaks),
                \(bind: painStartedMinute), \(bind: pain), \(bind: scoped(key, to: memberID)), \(bind: instant.storedMilliseconds))
            ON CONFLICT (idempotency_key) DO NOTHING RETURNING id
            """
        ).first() != nil
    }

    public static func walks(memberID: UUID, in db: any SQLDatabase) async throws -> [WalkRecord] {
        try await db.raw("SELECT * FROM walks WHERE member_id = \(bind: memberID.uuidString) ORDER BY walk_date, recorded_at").all().map { row in
            WalkRecord(
                date: try row.decode(column: "walk_date", as: String.self),
                minutes: try row.decode(column: "minutes", as: Int.self),
                breaks: try row.decode(column: "breaks", as: Int.self),
                painStartedMinute: try row.decode(column: "pain_started_minute", as: Int?.self),
                pain: try row.decode(column: "pain", as: Int.self)
            )
        }
    }

    /// One check-in of a kind per day: a second answer the same day is ignored. Returns false then.
    public static func recordCheckIn(
        memberID: UUID,
        date: String,
        kind: String,
        answers: String,
        score: Double?,
        at instant: Date,
        in db: any SQLDatabase
    ) async throws -> Bool {
        if try await db.raw(
            """
            SELECT id FROM check_ins WHERE member_id = \(bind: memberID.uuidString) AND check_in_date = \(bind: date) AND kind = \(bind: kind)
            """
        ).first() != nil {
            return false
        }
        try await db.raw(
            """
            INSERT INTO check_ins (id, member_id, check_in_date, kind, answers, score, recorded_at)
            VALUES (\(bind: UUID().uuidString), \(bind: memberID.uuidString), \(bind: date), \(bind: kind), \(bind: answers), \(bind: score), \(bind: instant.storedMilliseconds))
            """
        ).run()
        return true
    }

    public static func checkIns(memberID: UUID, in db: any SQLDatabase) async throws -> [CheckInRecord] {
        try await db.raw("SELECT * FROM check_ins WHERE member_id = \(bind: memberID.uuidString) ORDER BY check_in_date, recorded_at").all().map {
            row in
            CheckInRecord(
                date: try row.decode(column: "check_in_date", as: String.self),
                kind: try row.decode(column: "kind", as: String.self),
                answers: try row.decode(column: "answers", as: String.self),
                score: try row.decode(column: "score", as: Double?.self)
            )
        }
    }
}
