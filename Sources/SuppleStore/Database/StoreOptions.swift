/// How a store trades speed for safety, and how long any one call may take.
public struct StoreOptions: Sendable, Equatable {
    /// SQLite's `synchronous` setting in WAL mode. `full` syncs the WAL on every commit, so an
    /// acknowledged write survives a power loss or an OS crash; `normal` syncs only at
    /// checkpoints, which is faster but can roll back the last moments of acknowledged writes.
    public enum SQLiteSynchronous: String, Sendable, CaseIterable {
        case full
        case normal
    }

    public var sqliteSynchronous: SQLiteSynchronous
    /// The deadline of every read or transaction: waiting for a connection, the statements and
    /// the commit together. Past it the call fails with `StoreFault.timedOut` and nothing lands.
    public var callTimeout: Duration

    public init(sqliteSynchronous: SQLiteSynchronous = .full, callTimeout: Duration = .seconds(5)) {
        self.sqliteSynchronous = sqliteSynchronous
        self.callTimeout = callTimeout
    }

    var callTimeoutMilliseconds: Int64 {
        let parts = callTimeout.components
        return parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
    }
}
