import Foundation
import SuppleCore
import SuppleStore

/// The answers kept for idempotent API writes: what the first request with a key was answered,
/// so a retry gets the same answer without repeating the write.
struct IdempotencyLedger: Sendable {
    let database: any Database
    let clock: any WallClock

    func earlier(accountID: UUID, key: String) async throws -> IdempotencyRepository.Entry? {
        try await database.read { db in try await IdempotencyRepository.find(accountID: accountID, key: key, in: db) }
    }

    func keep(accountID: UUID, key: String, status: Int, contentType: String?, body: String) async throws {
        try await database.transaction { db in
            try await IdempotencyRepository.saveAnswer(accountID: accountID, key: key, status: status, contentType: contentType, body: body, in: db)
        }
    }
}
