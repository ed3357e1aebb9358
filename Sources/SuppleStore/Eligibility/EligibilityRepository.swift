import Foundation
import SQLKit
import SuppleCore

/// Reads of the eligibility roster: the coverage check, a member's coverage, and passes that
/// carry a confirmed check to sign-up.
public enum EligibilityRepository {
    public struct Coverage: Sendable, Equatable {
        public let memberID: String
        public let coverageStart: String
        public let coverageEnd: String?
    }

    /// The roster records that match every field of a coverage question (names by their keys).
    public static func matches(organizationID: UUID, question: CoverageQuestion, in db: any SQLDatabase) async throws -> [Coverage] {
        var sql: SQLQueryString = """
            SELECT member_id, coverage_start, coverage_end FROM eligibility_records
            WHERE organization_id = \(bind: organizationID.uuidString) AND last_key = \(bind: question.lastKey)
              AND date_of_birth = \(bind: question.dateOfBirth) AND first_key = \(bind: question.firstKey)
            """
        if let memberID = question.memberID { sql = sql + " AND member_id = \(bind: memberID)" }
        return try await db.raw(sql + " LIMIT 20").all().map(decode)
    }

    public static func find(organizationID: UUID, memberID: String, in db: any SQLDatabase) async throws -> Coverage? {
        try await db.raw(
            """
            SELECT member_id, coverage_start, coverage_end FROM eligibility_records
            WHERE organization_id = \(bind: organizationID.uuidString) AND member_id = \(bind: memberID)
            """
        ).first().map(decode)
    }

    /// How many people the organization's roster holds, and how many are covered on `day`.
    public static func rosterCounts(organizationID: UUID, on day: String, in db: any SQLDatabase) async throws -> (total: Int, covered: Int) {
        let row = try await db.raw(
            """
            SELECT COUNT(*) AS total,
                COALESCE(SUM(CASE WHEN coverage_start <= \(bind: day) AND (coverage_end IS NULL OR coverage_end >= \(bind: day)) THEN 1 ELSE 0 END), 0) AS covered
            FROM eligibility_records WHERE organization_id = \(bind: organizationID.uuidString)
            """
        ).first()
        return (try row?.decode(column: "total", as: Int.self) ?? 0, try row?.decode(column: "covered", as: Int.self) ?? 0)
    }

    static func decode(_ row: any SQLRow) throws -> Coverage {
        Coverage(
            memberID: try row.decode(column: "member_id", as: String.self),
            coverageStart: try row.decode(column: "coverage_start", as: String.self),
            coverageEnd: try row.decode(column: "coverage_end", as: String?.self)
        )
    }

    /// Who a roster record names, to prefill sign-up for the person who proved they are them.
    public struct Person: Sendable, Equatable {
        public let firstName: String
        public let lastName: String
        public let dateOfBirth: String
        public let email: String?
    }

    public static func person(organizationID: UUID, memberID: String, in db: any SQLDatabase) async throws -> Person? {
        try await db.raw(
            """
            SELECT first_name, last_name, date_of_birth, email FROM eligibility_records
            WHERE organization_id = \(bind: organizationID.uuidString) AND member_id = \(bind: memberID)
            """
        ).first().map { row in
            Person(
                firstName: try row.decode(column: "first_name", as: String.self),
                lastName: try row.decode(column: "last_name", as: String.self),
                dateOfBirth: try row.decode(column: "date_of_birth", as: String.self),
                email: try row.decode(column: "email", as: String?.self)
            )
        }
    }

    // MARK: Passes from a confirmed check to sign-up

    public struct Pass: Sendable, Equatable {
        public let organizationID: UUID
        public let memberID: String

        public init(organizationID: UUID, memberID: String) {
            self.organizationID = organizationID
            self.memberID = memberID
        }
    }

    public static func insertPass(
        tokenHash: String,
        organizationID: UUID,
        memberID: String,
        now: Date,
        expiresAt: Date,
        in db: any SQLDatabase
    ) async throws {
        try await db.raw(
            """
            INSERT INTO coverage_passes (token_hash, organization_id, member_id, created_at, expires_at)
            VALUES (\(bind: tokenHash), \(bind: organizationID.uuidString), \(bind: memberID), \(bind: now.storedMilliseconds), \(bind: expiresAt.storedMilliseconds))
            """
        ).run()
    }

    /// A pass that is unused and unexpired.
    public static func usablePass(tokenHash: String, now: Date, in db: any SQLDatabase) async throws -> Pass? {
        try await db.raw(
            """
            SELECT organization_id, member_id FROM coverage_passes
            WHERE token_hash = \(bind: tokenHash) AND used_at IS NULL AND expires_at > \(bind: now.storedMilliseconds)
            """
        ).first().map { row in
            Pass(
                organizationID: UUID(uuidString: try row.decode(column: "organization_id", as: String.self))!,
                memberID: try row.decode(column: "member_id", as: String.self)
            )
        }
    }

    public static func usePass(tokenHash: String, now: Date, in db: any SQLDatabase) async throws {
        try await db.raw("UPDATE coverage_passes SET used_at = \(bind: now.storedMilliseconds) WHERE token_hash = \(bind: tokenHash)").run()
    }

    /// Links a member's account to their roster record and their sponsor.
    public static func link(accountID: UUID, to pass: Pass, in db: any SQLDatabase) async throws {
        try await db.raw(
            """
            UPDATE accounts SET organization_id = \(bind: pass.organizationID.uuidString), eligibility_member_id = \(bind: pass.memberID)
            WHERE id = \(bind: accountID.uuidString)
            """
        ).run()
    }

    /// The roster record a member's account is linked to, if any.
    public static func coverage(ofAccount accountID: UUID, in db: any SQLDatabase) async throws -> Coverage? {
        try await db.raw(
            """
            SELECT e.member_id, e.coverage_start, e.coverage_end FROM accounts a
            JOIN eligibility_records e ON e.organization_id = a.organization_id AND e.member_id = a.eligibility_member_id
            WHERE a.id = \(bind: accountID.uuidString)
            """
        ).first().map(decode)
    }
}
