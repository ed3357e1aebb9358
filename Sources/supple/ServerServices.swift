import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import SuppleServer
import SuppleStore

/// The database as a service of the server's group. PostgreSQL's pool runs for as long as the
/// group does; either store closes only after the HTTP server has answered its last request
/// (a group shuts its services down last-first, and this one comes first).
struct DatabaseService: Service {
    let store: any Database

    func run() async throws {
        if let postgres = store as? PostgresStore {
            // Returns when the group shuts down gracefully.
            await postgres.run()
        } else {
            try? await gracefulShutdown()
        }
        try await store.shutdown()
    }
}

/// Supple itself: brings the schema up to date, proves the database takes writes, loads the
/// demo if asked, then serves until the group shuts down.
struct SuppleService: Service {
    let configuration: AppConfiguration
    let store: any Database
    let loadDemo: Bool
    let logger: Logger
    let onRunning: @Sendable (Int) async -> Void

    func run() async throws {
        try await Migrator().migrate(store, logger: logger)
        // Migrations may have nothing to write; this always writes, so a read-only file or a
        // full disk stops the server here with a clear message instead of failing members later.
        try await store.checkWritable(within: .seconds(5))
        if loadDemo {
            try await DemoData.load(into: store, hasher: PasswordHasher(cost: configuration.passwordHashCost))
        }
        let app = try await buildApplication(
            configuration,
            dependencies: AppDependencies(database: store),
            logger: logger,
            onServerRunning: onRunning
        )
        try await app.run()
    }
}

/// What a start-up failure means for the person running the server, in words they can act on.
enum StartupProblem {
    static func explain(_ error: any Error, database: DatabaseLocation) -> String? {
        guard let fault = error as? StoreFault else { return nil }
        switch fault.kind {
        case .readOnly:
            return "Supple can't write to its database (\(database.safeDescription)): it is read-only (\(fault.code)). "
                + "Make the file and its folder writable by the user running Supple, then start again."
        case .diskFull:
            return
                "Supple can't write to its database (\(database.safeDescription)): the disk is full (\(fault.code)). Free some space, then start again."
        case .busy:
            return "Supple's database (\(database.safeDescription)) is locked by another program (\(fault.code)). "
                + "Stop the other program (another Supple server on the same SQLite file?), then start again."
        case .timedOut, .unavailable:
            return "Supple can't reach its database (\(database.safeDescription)): \(fault.kind.rawValue) (\(fault.code)). "
                + "Check that it is running and the address is right, then start again."
        }
    }
}
