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

    /// Durability and deadlines, from `SUPPLE_SQLITE_SYNCHRONOUS` and `SUPPLE_DATABASE_TIMEOUT`.
    func storeOptions() throws -> StoreOptions {
        var options = StoreOptions()
        if let text = Environment.value("SUPPLE_SQLITE_SYNCHRONOUS") {
            guard let level = StoreOptions.SQLiteSynchronous(rawValue: text.lowercased()) else {
                throw ValidationError(
                    "SUPPLE_SQLITE_SYNCHRONOUS must be full (the default: every acknowledged write survives a power loss) or normal."
                )
            }
            options.sqliteSynchronous = level
        }
        options.callTimeout = try Environment.seconds("SUPPLE_DATABASE_TIMEOUT", default: options.callTimeout, allowed: 0.1...120)
        return options
    }

    /// Opens the database and brings its schema up to date.
    func openMigrated(logger: Logger) async throws -> any Database {
        let database = try await location.open(options: try storeOptions(), logger: logger)
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

    /// A duration given in (possibly fractional) seconds, checked against `allowed`.
    static func seconds(_ name: String, default fallback: Duration, allowed: ClosedRange<Double>) throws -> Duration {
        guard let text = value(name) else { return fallback }
        guard let seconds = Double(text), allowed.contains(seconds) else {
            throw ValidationError("\(name) must be a number of seconds from \(allowed.lowerBound.formatted()) to \(allowed.upperBound.formatted()).")
        }
        return .milliseconds(Int64(seconds * 1000))
    }

    static func integer(_ name: String, default fallback: Int, allowed: ClosedRange<Int>) throws -> Int {
        guard let text = value(name) else { return fallback }
        guard let number = Int(text), allowed.contains(number) else {
            throw ValidationError("\(name) must be a whole number from \(allowed.lowerBound) to \(allowed.upperBound).")
        }
        return number
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
