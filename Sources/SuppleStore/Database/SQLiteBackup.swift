import Foundation
import Logging
import SQLiteKit

/// Backups of a SQLite database that are safe while the server writes, and restoring one.
/// Copying the live file (or the file and then its WAL) can miss acknowledged writes or make a
/// corrupt copy; `VACUUM INTO` writes one consistent snapshot instead.
public enum SQLiteBackup {
    public struct Summary: Sendable, Equatable {
        public let path: String
        public let bytes: Int
        public let schemaVersion: Int
    }

    public enum Problem: Error, CustomStringConvertible {
        case destinationExists(String)
        case notADatabase(String, reason: String)
        case inUse(String)

        public var description: String {
            switch self {
            case .destinationExists(let path): return "\(path) already exists. Choose a new file name; a backup never overwrites anything."
            case .notADatabase(let path, let reason): return "\(path) is not a usable Supple backup: \(reason)."
            case .inUse(let path):
                return "\(path) is open in another program (is Supple still running?). Stop the server, then restore."
            }
        }
    }

    /// Writes a snapshot of `store` to `destination` (which must not exist), synced to disk and
    /// checked, while the server goes on reading and writing.
    public static func backup(_ store: SQLiteStore, to destination: String, logger: Logger) async throws -> Summary {
        guard !FileManager.default.fileExists(atPath: destination) else { throw Problem.destinationExists(destination) }
        let partial = destination + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        // A reader connection: in WAL mode the snapshot never holds the writer up.
        try await store.read(within: .seconds(3600)) { db in try await db.raw("VACUUM INTO \(bind: partial)").run() }
        do {
            let version = try await check(partial, logger: logger)
            try syncFile(partial)
            try FileManager.default.moveItem(atPath: partial, toPath: destination)
            try syncFolder(of: destination)
            return Summary(path: destination, bytes: fileSize(destination), schemaVersion: version)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
    }

    /// Puts `backup` in place of the database at `target`, with the server stopped. The file it
    /// replaces is kept beside it (`…before-restore-<time>`), so a restore loses nothing.
    public static func restore(from backup: String, to target: String, logger: Logger) async throws -> (Summary, keptAside: String?) {
        let version = try await check(backup, logger: logger)
        var keptAside: String?
        if FileManager.default.fileExists(atPath: target) {
            try await requireUnused(target, logger: logger)
            let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
            let aside = "\(target).before-restore-\(stamp)"
            try FileManager.default.moveItem(atPath: target, toPath: aside)
            keptAside = aside
        }
        for companion in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: target + companion) }
        let partial = target + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        try FileManager.default.copyItem(atPath: backup, toPath: partial)
        try syncFile(partial)
        try FileManager.default.moveItem(atPath: partial, toPath: target)
        try syncFolder(of: target)
        return (Summary(path: target, bytes: fileSize(target), schemaVersion: version), keptAside)
    }

    /// The file is a whole SQLite database that passes `integrity_check` and has Supple's
    /// schema; returns its schema version.
    static func check(_ path: String, logger: Logger) async throws -> Int {
        guard FileManager.default.fileExists(atPath: path) else { throw Problem.notADatabase(path, reason: "there is no such file") }
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        } catch {
            throw Problem.notADatabase(path, reason: "SQLite cannot open it")
        }
        do {
            let integrity = try await connection.query("PRAGMA integrity_check").first?.column("integrity_check")?.string
            guard integrity == "ok" else { throw Problem.notADatabase(path, reason: "SQLite's integrity check failed") }
            guard let version = try await connection.query("SELECT MAX(version) AS version FROM schema_migrations").first?.column("version")?.integer
            else {
                throw Problem.notADatabase(path, reason: "it has no Supple schema")
            }
            try await connection.close()
            return version
        } catch let problem as Problem {
            try? await connection.close()
            throw problem
        } catch {
            try? await connection.close()
            throw Problem.notADatabase(path, reason: "it is not a SQLite database with Supple's tables")
        }
    }

    /// Leaving WAL mode needs the file to itself: if another connection has it open, it can't.
    static func requireUnused(_ path: String, logger: Logger) async throws {
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        defer { _ = connection.close() }
        let mode = try? await connection.query("PRAGMA journal_mode = DELETE").first?.column("journal_mode")?.string
        guard mode?.lowercased() == "delete" else { throw Problem.inUse(path) }
    }

    static func syncFile(_ path: String) throws {
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        try handle.synchronize()
        try handle.close()
    }

    /// A rename is durable only once its folder is synced.
    static func syncFolder(of path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let descriptor = open(folder, O_RDONLY)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}
