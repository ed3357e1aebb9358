import Foundation
import Logging
import SQLKit
import SuppleStore
import Testing

/// The databases every store test runs against: SQLite always, PostgreSQL when
/// `SUPPLE_TEST_POSTGRES_URL` is set (CI sets it). Each test gets a fresh, migrated database:
/// a new SQLite file, or a new PostgreSQL schema dropped afterwards.
enum TestDatabase: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["SUPPLE_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static var available: [TestDatabase] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    var testDescription: String { rawValue }

    static let logger = Logger(label: "supple.tests")
    /// Tests check what is stored, not how fast: a busy CI machine fsyncing for every parallel
    /// test must not trip the production deadline (ReliabilityTests check the deadline itself).
    static let options = StoreOptions(callTimeout: .seconds(60))

    /// Runs `body` with a migrated, empty database of this kind, then removes it.
    func with<T>(migrated: Bool = true, _ body: (any Database) async throws -> T) async throws -> T {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("supple-store-\(UUID().uuidString)")
            let store = try await SQLiteStore.open(
                path: folder.appendingPathComponent("test.sqlite").path,
                options: Self.options,
                logger: Self.logger
            )
            defer { try? FileManager.default.removeItem(at: folder) }
            return try await run(store, migrated: migrated, body)
        case .postgres:
            let url = Self.postgresURL!
            let schema = "test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16))"
            let admin = try await PostgresStore.connect(url: url, maximumConnections: 1, logger: Self.logger)
            try await admin.transaction { db in try await db.raw("CREATE SCHEMA \(unsafeRaw: schema)").run() }
            let store = try await PostgresStore.connect(url: url, schema: schema, maximumConnections: 4, options: Self.options, logger: Self.logger)
            do {
                let result = try await run(store, migrated: migrated, body)
                try await admin.transaction { db in try await db.raw("DROP SCHEMA \(unsafeRaw: schema) CASCADE").run() }
                try await admin.shutdown()
                return result
            } catch {
                try? await admin.transaction { db in try await db.raw("DROP SCHEMA \(unsafeRaw: schema) CASCADE").run() }
                try? await admin.shutdown()
                throw error
            }
        }
    }

    private func run<T>(_ store: any Database, migrated: Bool, _ body: (any Database) async throws -> T) async throws -> T {
        do {
            if migrated { try await Migrator().migrate(store, logger: Self.logger) }
            let result = try await body(store)
            try await store.shutdown()
            return result
        } catch {
            try? await store.shutdown()
            throw error
        }
    }
}
