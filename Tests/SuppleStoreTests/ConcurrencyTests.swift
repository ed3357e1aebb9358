import Foundation
import SQLKit
import SuppleCore
import SuppleStore
import Testing

@Suite struct ConcurrencyTests {
    /// Many requests writing and reading at once must all succeed: on SQLite this is what the
    /// single writer lane and the reader pool are for ("database is locked" otherwise).
    @Test("concurrent writers and readers all succeed", arguments: TestDatabase.available)
    func concurrentWritesAndReads(_ kind: TestDatabase) async throws {
        try await kind.with { (db: any Database) async throws in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<60 {
                    group.addTask {
                        try await db.transaction { sql in
                            try await AccountRepository.insert(Fixtures.member("person\(index)@example.org"), in: sql)
                        }
                    }
                    group.addTask {
                        _ = try await db.read { sql in try await AccountRepository.count(role: .member, in: sql) }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await db.read { sql in try await AccountRepository.count(role: .member, in: sql) } == 60)
        }
    }

    @Test("readiness check answers true for a live database", arguments: TestDatabase.available)
    func reachable(_ kind: TestDatabase) async throws {
        try await kind.with { (db: any Database) async throws in
            #expect(await db.isReachable(within: .seconds(30)))
        }
    }
}
