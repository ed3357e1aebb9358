import Foundation
import Logging
import SQLKit
import SuppleStore
import Testing

/// `supple backup` during writes, and `supple restore`, on SQLite.
@Suite struct BackupTests {
    let logger = Logger(label: "supple.tests")

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("supple-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("a backup taken while writes go on holds every write acknowledged before it began, and passes the integrity check")
    func backupDuringWrites() async throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try await SQLiteStore.open(path: dir.appendingPathComponent("live.sqlite").path, logger: logger)
        try await Migrator().migrate(store, logger: logger)
        let acknowledged = Counter()
        let writer = Task {
            for index in 0..<600 {
                // A generous deadline: this test is about the backup, not the machine's load.
                try await store.transaction(within: .seconds(30)) { db in
                    try await db.raw(
                        "INSERT INTO sign_in_throttle (subject, window_started_at, attempts) VALUES (\(bind: "w\(index)@example.org"), \(bind: index), 1)"
                    ).run()
                }
                acknowledged.set(index + 1)
            }
        }
        // Bounded: a writer that fails must fail the test, not hang the run.
        let waitUntil = ContinuousClock.now + .seconds(60)
        while acknowledged.value < 150 {
            try #require(ContinuousClock.now < waitUntil, "the writer stopped after \(acknowledged.value) writes")
            try await Task.sleep(for: .milliseconds(2))
        }
        let before = acknowledged.value
        let copy = dir.appendingPathComponent("copy.sqlite").path
        let summary = try await SQLiteBackup.backup(store, to: copy, logger: logger)
        try await writer.value
        try await store.shutdown()
        #expect(summary.schemaVersion == SchemaHistory.all.last?.version)

        // Restore it as a new database and read it the way the server would.
        let restoredPath = dir.appendingPathComponent("restored.sqlite").path
        let (restored, aside) = try await SQLiteBackup.restore(from: copy, to: restoredPath, logger: logger)
        #expect(aside == nil)
        let reopened = try await SQLiteStore.open(path: restored.path, logger: logger)
        let (count, integrity) = try await reopened.read { db in
            (
                try await db.raw("SELECT COUNT(*) AS n FROM sign_in_throttle").first()!.decode(column: "n", as: Int.self),
                try await db.raw("PRAGMA integrity_check").first()!.decode(column: "integrity_check", as: String.self)
            )
        }
        try await reopened.shutdown()
        #expect(count >= before)
        #expect(count <= 600)
        #expect(integrity == "ok")
    }

    @Test("a backup never overwrites a file; restore refuses a file that is not a Supple database and one that is open")
    func refusals() async throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let live = dir.appendingPathComponent("live.sqlite").path
        let store = try await SQLiteStore.open(path: live, logger: logger)
        try await Migrator().migrate(store, logger: logger)
        let existing = dir.appendingPathComponent("taken.sqlite").path
        _ = FileManager.default.createFile(atPath: existing, contents: Data("keep me".utf8))
        await #expect(throws: SQLiteBackup.Problem.self) { try await SQLiteBackup.backup(store, to: existing, logger: logger) }
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "keep me")
        await #expect(throws: SQLiteBackup.Problem.self) { try await SQLiteBackup.restore(from: existing, to: live, logger: logger) }

        let copy = dir.appendingPathComponent("copy.sqlite").path
        _ = try await SQLiteBackup.backup(store, to: copy, logger: logger)
        // The live store still has the file open: restoring over it now would pull it from under the server.
        await #expect(throws: SQLiteBackup.Problem.self) { try await SQLiteBackup.restore(from: copy, to: live, logger: logger) }
        try await store.shutdown()
        let (_, aside) = try await SQLiteBackup.restore(from: copy, to: live, logger: logger)
        #expect(aside.map { FileManager.default.fileExists(atPath: $0) } == true)
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0
    var value: Int { lock.withLock { current } }
    func set(_ value: Int) { lock.withLock { current = value } }
}
