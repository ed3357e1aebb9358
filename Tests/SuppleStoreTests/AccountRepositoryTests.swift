import Foundation
import SQLKit
import SuppleCore
import SuppleStore
import Testing

@Suite struct AccountRepositoryTests {
    @Test("an account reads back exactly as written", arguments: TestDatabase.available)
    func roundTrip(_ kind: TestDatabase) async throws {
        try await kind.with { (db: any Database) async throws in
            let account = Fixtures.member()
            try await db.transaction { sql in try await AccountRepository.insert(account, in: sql) }
            let byID = try await db.read { sql in try await AccountRepository.find(id: account.id, in: sql) }
            let byEmail = try await db.read { sql in
                try await AccountRepository.find(email: EmailAddress(trusted: "RILEY@example.org"), in: sql)
            }
            #expect(byID == account)
            #expect(byEmail == account)
        }
    }

    @Test("a second account with the same email is refused", arguments: TestDatabase.available)
    func duplicateEmail(_ kind: TestDatabase) async throws {
        try await kind.with { (db: any Database) async throws in
            try await db.transaction { sql in try await AccountRepository.insert(Fixtures.member(), in: sql) }
            await #expect(throws: DuplicateEmailError.self) {
                try await db.transaction { sql in try await AccountRepository.insert(Fixtures.member(), in: sql) }
            }
            #expect(try await db.read { sql in try await AccountRepository.count(role: .member, in: sql) } == 1)
        }
    }

    @Test("a transaction that fails writes nothing", arguments: TestDatabase.available)
    func rollback(_ kind: TestDatabase) async throws {
        struct Boom: Error {}
        try await kind.with { (db: any Database) async throws in
            await #expect(throws: Boom.self) {
                try await db.transaction { sql in
                    try await AccountRepository.insert(Fixtures.member("one@example.org"), in: sql)
                    try await AccountRepository.insert(Fixtures.member("two@example.org"), in: sql)
                    throw Boom()
                }
            }
            #expect(try await db.read { sql in try await AccountRepository.count(role: .member, in: sql) } == 0)
        }
    }

    @Test("text with quotes and SQL keywords is stored as text", arguments: TestDatabase.available)
    func hostileText(_ kind: TestDatabase) async throws {
        try await kind.with { (db: any Database) async throws in
            var account = Fixtures.member("o'brien@example.org")
            account.name = PersonName(trusted: "Robert'); DROP TABLE accounts;--")
            let stored = account
            try await db.transaction { sql in try await AccountRepository.insert(stored, in: sql) }
            let found = try await db.read { sql in try await AccountRepository.find(email: stored.email, in: sql) }
            #expect(found?.name.value == "Robert'); DROP TABLE accounts;--")
        }
    }

    @Test("lists filter by role, newest first", arguments: TestDatabase.available)
    func listByRole(_ kind: TestDatabase) async throws {
        try await kind.with { (db: any Database) async throws in
            try await db.transaction { sql in
                try await AccountRepository.insert(Fixtures.member("older@example.org", at: Fixtures.start), in: sql)
                try await AccountRepository.insert(Fixtures.member("newer@example.org", at: Fixtures.start.addingTimeInterval(60)), in: sql)
                var staff = Fixtures.member("pt@example.org")
                staff.role = .physicalTherapist
                try await AccountRepository.insert(staff, in: sql)
            }
            let members = try await db.read { sql in try await AccountRepository.list(roles: [.member], in: sql) }
            #expect(members.map(\.email.value) == ["newer@example.org", "older@example.org"])
            let staff = try await db.read { sql in try await AccountRepository.list(roles: Role.staffRoles, in: sql) }
            #expect(staff.map(\.email.value) == ["pt@example.org"])
        }
    }
}
