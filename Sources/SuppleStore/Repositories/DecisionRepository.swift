import Foundation
import SQLKit

/// The engine's decisions, stored whole (as JSON) with the tier and status pulled out for queries.
/// A new intake adds a decision; earlier ones stay as history.
public enum DecisionRepository {
    public struct Record: Sendable, Equatable {
        public let id: UUID
        public let accountID: UUID
        public let intakeID: UUID
        public let tier: String
        public let programStatus: String
        public let engineVersion: String
        public let decisionJSON: String
        public let createdAt: Date

        public init(
            id: UUID,
            accountID: UUID,
            intakeID: UUID,
            tier: String,
            programStatus: String,
            engineVersion: String,
            decisionJSON: String,
            createdAt: Date
        ) {
            self.id = id
            self.accountID = accountID
            self.intakeID = intakeID
            self.tier = tier
            self.programStatus = programStatus
            self.engineVersion = engineVersion
            self.decisionJSON = decisionJSON
            self.createdAt = createdAt
        }
    }

    public static func insert(_ record: Record, in db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO decisions (id, account_id, intake_id, tier, program_status, engine_version, decision, created_at)
            VALUES (\(bind: record.id.uuidString), \(bind: record.accountID.uuidString), \(bind: record.intakeID.uuidString),
                \(bind: record.tier), \(bind: record.programStatus), \(bind: record.engineVersion), \(bind: record.decisionJSON),
                \(bind: record.createdAt.storedMilliseconds))
            """
        ).run()
    }

    public static func latest(accountID: UUID, in db: any SQLDatabase) async throws -> Record? {
        try await db.raw(
            """
            SELECT * FROM decisions WHERE account_id = \(bind: accountID.uuidString) ORDER BY created_at DESC, id LIMIT 1
            """
        ).first().map { row in
            Record(
                id: UUID(uuidString: try row.decode(column: "id", as: String.self))!,
                accountID: UUID(uuidString: try row.decode(column: "account_id", as: String.self))!,
                intakeID: UUID(uuidString: try row.decode(column: "intake_id", as: String.self))!,
                tier: try row.decode(column: "tier", as: String.self),
                programStatus: try row.decode(column: "program_status", as: String.self),
                engineVersion: try row.decode(column: "engine_version", as: String.self),
                decisionJSON: try row.decode(column: "decision", as: String.self),
                createdAt: try row.instant("created_at")
            )
        }
    }
}
