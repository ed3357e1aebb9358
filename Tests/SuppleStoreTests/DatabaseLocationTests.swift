import SuppleStore
import Testing

@Suite struct DatabaseLocationTests {
    @Test func postgresURLWinsOverTheSQLitePath() {
        #expect(
            DatabaseLocation(databaseURL: "postgres://u:p@db:5432/supple", sqlitePath: "data/x.sqlite")
                == .postgres(url: "postgres://u:p@db:5432/supple")
        )
        #expect(DatabaseLocation(databaseURL: nil, sqlitePath: "data/x.sqlite") == .sqliteFile(path: "data/x.sqlite"))
        #expect(DatabaseLocation(databaseURL: "sqlite:///var/lib/supple.sqlite", sqlitePath: "x") == .sqliteFile(path: "/var/lib/supple.sqlite"))
    }

    @Test func descriptionsNeverShowThePassword() {
        let location = DatabaseLocation(databaseURL: "postgres://supple:s3cret@db/supple", sqlitePath: "x")
        #expect(!location.safeDescription.contains("s3cret"))
    }
}
