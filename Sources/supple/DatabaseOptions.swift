import ArgumentParser
import Foundation
import Logging
import SuppleStore

/// Where the data lives, shared by every command. Flags win over environment variables.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("database"), help: "SQLite database file (env SUPPLE_DATABASE_PATH). Default: data/supple.sqlite")
    var databasePath: String?

    @Option(name: .customLong("database-url"), help: "postgres://user:password@host:5432/db to use PostgreSQL instead (env DATABASE_URL)")
    var databaseURL: String?

    var location: DatabaseLocation {
        let env = ProcessInfo.processInfo.environment
        return DatabaseLocation(
            databaseURL: databaseURL ?? env["DATABASE_URL"],
            sqlitePath: databasePath ?? env["SUPPLE_DATABASE_PATH"] ?? "data/supple.sqlite"
        )
    }

    /// Opens the database and brings its schema up to date.
    func openMigrated(logger: Logger) async throws -> any Database {
        let database = try await location.open(logger: logger)
        do {
            try await Migrator().migrate(database, logger: logger)
        } catch {
            try? await database.shutdown()
            throw error
        }
        return database
    }
}

enum Environment {
    static func value(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    static func makeLogger(label: String = "supple") -> Logger {
        let level = value("SUPPLE_LOG_LEVEL").flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: label)
    }
}
