/// The database could not do its part, for a reason that is not the request's fault: it is down,
/// slow past the deadline, full, read-only or locked by someone else. The HTTP layer answers 503
/// (507 when full) with `Retry-After` instead of 500, and logs `code`, never the data.
public struct StoreFault: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The call did not finish within its deadline (waiting for a connection included).
        case timedOut = "timed-out"
        /// The database cannot be reached, or dropped the connection.
        case unavailable
        /// No room left on the disk (or the database's size limit was reached).
        case diskFull = "disk-full"
        /// The database or its folder cannot be written.
        case readOnly = "read-only"
        /// Another writer holds the lock.
        case busy
    }

    public let kind: Kind
    /// The engine's own name for what happened: a SQLite result code, a PostgreSQL SQLSTATE or
    /// client error code. Safe to log: it never contains data.
    public let code: String

    public init(_ kind: Kind, code: String) {
        self.kind = kind
        self.code = code
    }

    /// Seconds a client should wait before trying again.
    public var retryAfterSeconds: Int {
        switch kind {
        case .busy, .timedOut: return 2
        case .unavailable: return 5
        case .diskFull, .readOnly: return 30
        }
    }

    public var description: String { "database \(kind.rawValue) (\(code))" }
}

extension StoreFault {
    /// The engine's code for any database error, fault or not (a SQLite result code or a
    /// PostgreSQL SQLSTATE), for logs; nil for errors that did not come from the engine.
    public static func engineCode(of error: any Error) -> String? {
        (error as? StoreFault)?.code ?? SQLiteStore.code(of: error) ?? PostgresStore.code(of: error)
    }
}
