import Foundation
import Logging
import SQLKit
import SQLiteKit

/// SQLite in a single file: one writer connection that serializes every write transaction, and a
/// small pool of reader connections. WAL mode lets readers run while the writer writes; sharing
/// one connection between concurrent requests would instead give "database is locked".
public final class SQLiteStore: Database {
    public let kind = DatabaseKind.sqlite
    public let path: String
    private let writer: ConnectionQueue<SQLiteConnection>
    private let readers: ConnectionQueue<SQLiteConnection>
    private let logger: Logger
    public let options: StoreOptions

    private init(path: String, writer: SQLiteConnection, readers: [SQLiteConnection], options: StoreOptions, logger: Logger) {
        self.path = path
        self.options = options
        self.writer = ConnectionQueue([writer])
        self.readers = ConnectionQueue(readers)
        self.logger = logger
    }

    /// Opens (creating if needed) the database file at `path`.
    public static func open(path: String, readerCount: Int = 4, options: StoreOptions = StoreOptions(), logger: Logger) async throws -> SQLiteStore {
        do {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            // SQLite opens a file it cannot write read-only without a word, and needs its folder
            // for the -wal and -shm files: say so now rather than on the first member's write.
            let files = FileManager.default
            if (files.fileExists(atPath: path) && !files.isWritableFile(atPath: path)) || !files.isWritableFile(atPath: directory.path) {
                throw StoreFault(.readOnly, code: "file or folder not writable")
            }
            let writer = try await openConnection(path: path, options: options, logger: logger)
            // WAL is a property of the file: set it once, from the writer, before readers open.
            _ = try await writer.query("PRAGMA journal_mode = WAL")
            // Per connection; only the writer commits, so only its setting matters.
            _ = try await writer.query("PRAGMA synchronous = \(options.sqliteSynchronous.rawValue.uppercased())")
            var readers: [SQLiteConnection] = []
            for _ in 0..<max(1, readerCount) {
                readers.append(try await openConnection(path: path, options: options, logger: logger))
            }
            return SQLiteStore(path: path, writer: writer, readers: readers, options: options, logger: logger)
        } catch {
            throw Self.fault(from: error) ?? error
        }
    }

    private static func openConnection(path: String, options: StoreOptions, logger: Logger) async throws -> SQLiteConnection {
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        _ = try await connection.query("PRAGMA foreign_keys = ON")
        // Another process holding the lock waits no longer than a call may take in all.
        _ = try await connection.query("PRAGMA busy_timeout = \(options.callTimeoutMilliseconds)")
        return connection
    }

    /// The synchronous level the writer commits with, as SQLite reports it (0 off … 3 extra).
    public func synchronousLevel() async throws -> Int {
        try await writer.withConnection { connection in
            try await connection.query("PRAGMA synchronous").first?.column("synchronous")?.integer ?? -1
        }
    }

    public func read<T: Sendable>(within timeout: Duration?, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await guarded(timeout) { [readers] in
            try await readers.withConnection { connection in
                try await body(connection.sql(queryLogLevel: .trace))
            }
        }
    }

    public func transaction<T: Sendable>(within timeout: Duration?, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    {
        try await guarded(timeout) { [writer] in
            try await writer.withConnection { connection in
                // IMMEDIATE takes the write lock up front, so a transaction never fails half-way
                // because another process started writing first.
                try await runInTransaction(on: connection.sql(queryLogLevel: .trace), begin: "BEGIN IMMEDIATE", body)
            }
        }
    }

    /// The call's deadline, and SQLite's faults named as `StoreFault`s.
    private func guarded<T: Sendable>(_ timeout: Duration?, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withCallDeadline(timeout ?? options.callTimeout, faults: Self.fault(from:), operation)
    }

    static func code(of error: any Error) -> String? {
        (error as? SQLiteError).map { "SQLITE_\($0.reason)" }
    }

    /// Which SQLite results are the engine's trouble rather than a mistake in our SQL.
    static func fault(from error: any Error) -> StoreFault? {
        guard let error = error as? SQLiteError, let code = code(of: error) else { return nil }
        switch error.reason {
        case .full: return StoreFault(.diskFull, code: code)
        case .readOnly, .readonlyInRecovery, .readonlyCantLock, .readonlyInRollback, .readonlyBackingMoved, .readonlyDirectory,
            .permission, .auth:
            return StoreFault(.readOnly, code: code)
        case .busy, .busyTimeout, .busyInRecovery, .busyInSnapshot, .locked, .lockedBySharedCache, .lockedVirtualTable:
            return StoreFault(.busy, code: code)
        case .ioError, .ioErrorFailedRead, .ioErrorIncompleteRead, .ioErrorFailedWrite, .ioErrorFailedSync, .ioErrorFailedDirSync,
            .ioErrorFailedTruncate, .ioErrorFailedStat, .ioErrorFailedUnlock, .ioErrorFailedReadLock, .ioErrorFailedDelete,
            .ioErrorNoMemory, .ioErrorFailedAccess, .ioErrorFailedLockCheck, .ioErrorFailedAdvisoryLock, .ioErrorFailedClose,
            .ioErrorFailedSharedMemOpen, .ioErrorFailedSharedMemSize, .ioErrorFailedSharedMemMap, .ioErrorFailedDeleteNonexistent,
            .ioErrorFailedMemoryMap, .ioErrorCantFindTempdir, .ioErrorCorruptedFilesystem,
            .cantOpen, .cantOpenDirectory, .cantOpenInvalidPath, .cantOpenUnfollowedSymlink, .noMemory, .noLFS:
            return StoreFault(.unavailable, code: code)
        default:
            return nil
        }
    }

    /// The page cache of a bulk load, in kilobytes.
    static let bulkCacheKilobytes = 98_304

    public func bulkTransaction<T: Sendable>(_ body: (any SQLDatabase, any BulkRowLoader) async throws -> T) async throws -> T {
        do {
            return try await writer.withConnection { connection in
                // A bigger page cache for the length of a bulk load (the default is 2 MB): indexes of a
                // million rows otherwise thrash it. Memory returns to normal afterwards.
                _ = try await connection.query("PRAGMA cache_size = -\(Self.bulkCacheKilobytes)")
                do {
                    let result = try await runInTransaction(on: connection.sql(queryLogLevel: .trace), begin: "BEGIN IMMEDIATE") { db in
                        try await body(db, SQLiteBulkLoader(connection: connection))
                    }
                    _ = try? await connection.query("PRAGMA cache_size = -2000")
                    return result
                } catch {
                    _ = try? await connection.query("PRAGMA cache_size = -2000")
                    throw error
                }
            }
        } catch {
            throw Self.fault(from: error) ?? error
        }
    }

    public func shutdown() async throws {
        let writer = self.writer
        let readers = self.readers
        // An in-flight transaction (even one its caller stopped waiting for) ends within a call's
        // deadline plus SQLite's busy wait; shutdown waits that long for it before closing.
        let patience = options.callTimeout * 2 + .seconds(1)
        // In a task of its own, so a shutdown that has been cancelled (the grace period ran out)
        // still closes the file.
        await Task {
            _ = try? await withCallDeadline(patience) { try await writer.withConnection { _ in } }
            for connection in readers.all + writer.all { try? await connection.close() }
        }.value
    }
}

/// Multi-row INSERTs with SQLite's own bind values (no Codable on the way), a few hundred rows
/// per statement to stay under SQLite's limit of 32,766 bound values.
struct SQLiteBulkLoader: BulkRowLoader {
    let connection: SQLiteConnection

    func load(table: String, columns: [String], rows: [[BulkValue]]) async throws {
        guard !rows.isEmpty else { return }
        let perStatement = max(1, 30_000 / columns.count)
        let placeholders = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        var start = 0
        while start < rows.count {
            let slice = rows[start..<min(rows.count, start + perStatement)]
            let sql =
                "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                + Array(repeating: placeholders, count: slice.count).joined(separator: ",")
            var binds: [SQLiteData] = []
            binds.reserveCapacity(slice.count * columns.count)
            for row in slice {
                for value in row {
                    switch value {
                    case .text(let text): binds.append(.text(text))
                    case .integer(let number): binds.append(.integer(Int(number)))
                    case .null: binds.append(.null)
                    }
                }
            }
            _ = try await connection.query(sql, binds)
            start += perStatement
        }
    }
}
