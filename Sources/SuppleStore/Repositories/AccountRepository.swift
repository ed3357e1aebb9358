import Foundation
import SQLKit
import SuppleCore

public struct DuplicateEmailError: Error, Equatable {
    public let email: EmailAddress
}

/// SQL for the `accounts` table. Every function runs on the connection it is given, so callers
/// can put several writes in one transaction.
public enum AccountRepository {
    public static func insert(_ account: AccountRecord, in db: any SQLDatabase) async throws {
        if try await find(email: account.email, in: db) != nil {
            throw DuplicateEmailError(email: account.email)
        }
        try await db.raw(
            """
            INSERT INTO accounts (id, email, name, role, password_hash, time_zone, date_of_birth,
                organization_id, consented_at, created_at, password_changed_at, disabled_at, language)
            VALUES (\(bind: account.id.uuidString), \(bind: account.email.value), \(bind: account.name.value),
                \(bind: account.role.rawValue), \(bind: account.passwordHash), \(bind: account.timeZone.identifier),
                \(bind: account.dateOfBirth?.description), \(bind: account.organizationID?.uuidString),
                \(bind: account.consentedAt?.storedMilliseconds), \(bind: account.createdAt.storedMilliseconds),
                \(bind: account.passwordChangedAt.storedMilliseconds), \(bind: account.disabledAt?.storedMilliseconds),
                \(bind: account.language.tag))
            """
        ).run()
    }

    public static func find(id: UUID, in db: any SQLDatabase) async throws -> AccountRecord? {
        try await db.raw("SELECT * FROM accounts WHERE id = \(bind: id.uuidString)").first().map(decode)
    }

    public static func find(email: EmailAddress, in db: any SQLDatabase) async throws -> AccountRecord? {
        try await db.raw("SELECT * FROM accounts WHERE email = \(bind: email.value)").first().map(decode)
    }

    public static func updatePassword(accountID: UUID, hash: String, at instant: Date, in db: any SQLDatabase) async throws {
        try await db.raw(
            """
            UPDATE accounts SET password_hash = \(bind: hash), password_changed_at = \(bind: instant.storedMilliseconds)
            WHERE id = \(bind: accountID.uuidString)
            """
        ).run()
    }

    public static func recordSignIn(accountID: UUID, at instant: Date, in db: any SQLDatabase) async throws {
        try await db.raw(
            """
            UPDATE accounts SET last_signed_in_at = \(bind: instant.storedMilliseconds) WHERE id = \(bind: accountID.uuidString)
            """
        ).run()
    }

    /// Disables an account (`at` set) or enables it again (`at` nil).
    public static func setDisabled(accountID: UUID, at instant: Date?, in db: any SQLDatabase) async throws {
        try await db.raw(
            """
            UPDATE accounts SET disabled_at = \(bind: instant?.storedMilliseconds) WHERE id = \(bind: accountID.uuidString)
            """
        ).run()
    }

    /// Whether any account is not one of `emails` (the demo's people, when asking whether a
    /// database holds anyone real).
    public static func anyAccount(otherThan emails: [String], in db: any SQLDatabase) async throws -> Bool {
        guard !emails.isEmpty else {
            return try await db.raw("SELECT 1 AS found FROM accounts LIMIT 1").first() != nil
        }
        let list = SQLList(emails.map { SQLBind($0) })
        return try await db.raw("SELECT 1 AS found FROM accounts WHERE email NOT IN (\(list)) LIMIT 1").first() != nil
    }

    public static func updateLanguage(accountID: UUID, to language: Language, in db: any SQLDatabase) async throws {
        try await db.raw("UPDATE accounts SET language = \(bind: language.tag) WHERE id = \(bind: accountID.uuidString)").run()
    }

    /// Accounts with the given roles, newest first.
    public static func list(roles: [Role], limit: Int = 200, in db: any SQLDatabase) async throws -> [AccountRecord] {
        guard !roles.isEmpty else { return [] }
        let roleList = SQLList(roles.map { SQLBind($0.rawValue) })
        return try await db.raw(
            """
            SELECT * FROM accounts WHERE role IN (\(roleList)) ORDER BY created_at DESC, id LIMIT \(bind: limit)
            """
        ).all().map(decode)
    }

    public static func count(role: Role, in db: any SQLDatabase) async throws -> Int {
        let row = try await db.raw("SELECT COUNT(*) AS n FROM accounts WHERE role = \(bind: role.rawValue)").first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    static func decode(_ row: any SQLRow) throws -> AccountRecord {
        AccountRecord(
            id: UUID(uuidString: try row.decode(column: "id", as: String.self))!,
            email: EmailAddress(trusted: try row.decode(column: "email", as: String.self)),
            name: PersonName(trusted: try row.decode(column: "name", as: String.self)),
            role: Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .member,
            passwordHash: try row.decode(column: "password_hash", as: String.self),
            timeZone: MemberTimeZone(trusted: try row.decode(column: "time_zone", as: String.self)),
            dateOfBirth: try row.decode(column: "date_of_birth", as: String?.self).flatMap(CalendarDate.init(iso8601:)),
            organizationID: try row.decode(column: "organization_id", as: String?.self).flatMap(UUID.init(uuidString:)),
            consentedAt: try row.optionalInstant("consented_at"),
            createdAt: try row.instant("created_at"),
            passwordChangedAt: try row.instant("password_changed_at"),
            disabledAt: try row.optionalInstant("disabled_at"),
            language: Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .english,
            lastSignedInAt: try row.optionalInstant("last_signed_in_at")
        )
    }
}
