import Foundation
import SQLKit
import SuppleCore
import SuppleStore
import Synchronization

/// The `Idempotency-Key` of the API write being handled, carried down to the database: the
/// request's first write transaction claims the key in the same transaction, so a write and
/// its claim land together. Services need not know about keys at all.
final class IdempotencyClaim: Sendable {
    @TaskLocal static var current: IdempotencyClaim?

    let accountID: UUID
    let key: String
    let fingerprint: String
    let instance: String
    let now: Date
    private let landed = Mutex(false)

    init(accountID: UUID, key: String, fingerprint: String, instance: String, now: Date) {
        self.accountID = accountID
        self.key = key
        self.fingerprint = fingerprint
        self.instance = instance
        self.now = now
    }

    /// True once a transaction holding the claim has committed.
    var hasLanded: Bool { landed.withLock { $0 } }
    fileprivate func markLanded() { landed.withLock { $0 = true } }
}

/// Another request with the same key claimed it first and is still running (or just finished).
struct IdempotencyKeyInUse: Error {}

/// The database the services use: every transaction passes through; the first one of a keyed
/// API write also claims its key (and refuses if a concurrent retry already has).
struct ClaimingDatabase: Database {
    let base: any Database

    var kind: DatabaseKind { base.kind }

    func read<T: Sendable>(within timeout: Duration?, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await base.read(within: timeout, body)
    }

    func transaction<T: Sendable>(within timeout: Duration?, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        guard let claim = IdempotencyClaim.current, !claim.hasLanded else { return try await base.transaction(within: timeout, body) }
        let result = try await base.transaction(within: timeout) { db in
            guard
                try await IdempotencyRepository.claim(
                    accountID: claim.accountID,
                    key: claim.key,
                    fingerprint: claim.fingerprint,
                    by: claim.instance,
                    at: claim.now,
                    in: db
                )
            else { throw IdempotencyKeyInUse() }
            return try await body(db)
        }
        claim.markLanded()
        return result
    }

    func bulkTransaction<T: Sendable>(_ body: (any SQLDatabase, any BulkRowLoader) async throws -> T) async throws -> T {
        try await base.bulkTransaction(body)
    }

    func shutdown() async throws { try await base.shutdown() }
}
