import SQLKit

/// One value of a row loaded in bulk: only what roster files need.
public enum BulkValue: Sendable, Equatable {
    case text(String)
    case integer(Int64)
    case null

    public init(_ text: String?) { self = text.map(BulkValue.text) ?? .null }
}

/// Loads many rows into a table of the current transaction at the engine's fastest: multi-row
/// INSERTs with native binds on SQLite, `COPY … FROM STDIN` on PostgreSQL. Table and column
/// names are written into SQL as given, so they must be constants of our own code.
public protocol BulkRowLoader: Sendable {
    func load(table: String, columns: [String], rows: [[BulkValue]]) async throws
}

extension Database {
    /// Loads rows inside a transaction of their own: for small loads outside a bulk transaction.
    public func loadInTransaction(table: String, columns: [String], rows: [[BulkValue]]) async throws {
        try await bulkTransaction { _, loader in try await loader.load(table: table, columns: columns, rows: rows) }
    }
}
