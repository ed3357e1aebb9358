import ArgumentParser
import Foundation
import SuppleStore

/// `supple backup --to FILE`: a consistent copy of the SQLite database, safe while Supple runs.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a consistent copy of the database to a new file, safely while the server runs.",
        discussion:
            "Never copy the live .sqlite file (or it and its -wal file) instead: a copy taken during writes can miss acknowledged data or be corrupt."
    )

    @Option(help: "The new file to write; it must not exist yet.") var to: String
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let logger = Environment.makeLogger()
        let path = try PostgresBackupAdvice.sqlitePath(of: database)
        let store = try await SQLiteStore.open(path: path, readerCount: 1, logger: logger)
        do {
            let summary = try await SQLiteBackup.backup(store, to: to, logger: logger)
            try await store.shutdown()
            print(
                "Backed up \(path) to \(summary.path): \(summary.bytes.formatted()) bytes, schema version \(summary.schemaVersion), integrity checked."
            )
        } catch {
            try? await store.shutdown()
            throw error
        }
    }
}

/// `supple restore --from FILE`: puts a backup in place, with the server stopped.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the database with a backup made by `supple backup`. Stop the server first.",
        discussion: "The file being replaced is kept beside it, named …before-restore-<time>."
    )

    @Option(help: "The backup file to restore.") var from: String
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let logger = Environment.makeLogger()
        let path = try PostgresBackupAdvice.sqlitePath(of: database)
        let (summary, aside) = try await SQLiteBackup.restore(from: from, to: path, logger: logger)
        print("Restored \(from) to \(summary.path): \(summary.bytes.formatted()) bytes, schema version \(summary.schemaVersion).")
        if let aside { print("The database it replaced is kept at \(aside).") }
        print("Start the server again; it applies any newer migrations itself.")
    }
}

/// Backup and restore are SQLite's; PostgreSQL has its own tools, named here.
enum PostgresBackupAdvice {
    /// The SQLite file the options name, or the advice for PostgreSQL as the command's error.
    static func sqlitePath(of database: DatabaseOptions) throws -> String {
        guard case .sqliteFile(let path) = database.location else { throw ValidationError(text) }
        return path
    }

    static let text = """
        supple backup and restore work on the SQLite file. For PostgreSQL use its own tools, which \
        take a consistent snapshot while Supple runs: \
        pg_dump --format=custom --file=supple.dump "$DATABASE_URL" to back up, and, with the server \
        stopped, pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" supple.dump to restore.
        """
}
