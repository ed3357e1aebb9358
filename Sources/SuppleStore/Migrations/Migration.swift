/// One forward-only change to the schema. Migrations are never edited once released: a change
/// to an existing table is a new migration with the next version number.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    /// Statements run in order inside one transaction. The SQL is written to mean the same on
    /// SQLite and PostgreSQL; where the two differ, the closure gets the engine.
    public let statements: @Sendable (DatabaseKind) -> [String]

    public init(version: Int, name: String, statements: @escaping @Sendable (DatabaseKind) -> [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }

    public init(version: Int, name: String, sql: [String]) {
        self.init(version: version, name: name) { _ in sql }
    }
}
