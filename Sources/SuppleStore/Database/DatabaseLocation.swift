import Logging

/// Where the data lives: a SQLite file by default, or PostgreSQL when a `postgres://` URL is given.
public enum DatabaseLocation: Sendable, Equatable {
    case sqliteFile(path: String)
    case postgres(url: String)

    /// `DATABASE_URL` wins when it names PostgreSQL; otherwise the SQLite file path is used.
    public init(databaseURL: String?, sqlitePath: String) {
        if let databaseURL, databaseURL.hasPrefix("postgres://") || databaseURL.hasPrefix("postgresql://") {
            self = .postgres(url: databaseURL)
        } else if let databaseURL, databaseURL.hasPrefix("sqlite://") {
            self = .sqliteFile(path: String(databaseURL.dropFirst("sqlite://".count)))
        } else {
            self = .sqliteFile(path: sqlitePath)
        }
    }

    /// A description safe for logs: never includes a password.
    public var safeDescription: String {
        switch self {
        case .sqliteFile(let path): return "SQLite file \(path)"
        case .postgres: return "PostgreSQL"
        }
    }

    /// Opens the database for a command: a PostgreSQL store runs its own client until `shutdown()`.
    public func open(options: StoreOptions = StoreOptions(), logger: Logger) async throws -> any Database {
        switch self {
        case .sqliteFile(let path): return try await SQLiteStore.open(path: path, options: options, logger: logger)
        case .postgres(let url): return try await PostgresStore.connect(url: url, options: options, logger: logger)
        }
    }
}
