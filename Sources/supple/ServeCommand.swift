import ArgumentParser
import Foundation
import Hummingbird
import SuppleServer
import SuppleStore

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Migrate the database and serve the web app and API."
    )

    @Option(help: "Address to listen on (env SUPPLE_HOST).") var host: String?
    @Option(help: "Port to listen on; 0 picks a free one (env SUPPLE_PORT).") var port: Int?
    @Option(name: .customLong("public-url"), help: "Address people use to reach Supple, for links (env SUPPLE_PUBLIC_URL).")
    var publicURL: String?
    @Flag(help: "Load demo data (an employer, staff and members) before serving.") var demo = false
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var roster: RosterOptions

    func run() async throws {
        let logger = Environment.makeLogger()
        let host = host ?? Environment.value("SUPPLE_HOST") ?? "127.0.0.1"
        guard let port = port ?? Environment.value("SUPPLE_PORT").flatMap(Int.init) ?? Optional(8080), (0...65535).contains(port) else {
            throw ValidationError("SUPPLE_PORT must be a number from 0 to 65535.")
        }
        let configuration = AppConfiguration(
            host: host, port: port, database: database.location,
            publicBaseURL: publicURL ?? Environment.value("SUPPLE_PUBLIC_URL"),
            secureCookies: Environment.value("SUPPLE_SECURE_COOKIES").map { $0 == "true" || $0 == "1" },
            passwordHashCost: Environment.value("SUPPLE_BCRYPT_COST").flatMap(UInt8.init).map { min(max($0, 4), 31) } ?? 12,
            emergencyNumber: Environment.value("SUPPLE_EMERGENCY_NUMBER"),
            rosterLimits: try roster.limits()
        )
        logger.info("Opening database", metadata: ["database": "\(configuration.database.safeDescription)"])
        let store = try await database.openMigrated(logger: logger)
        if demo {
            try await DemoData.load(into: store, hasher: PasswordHasher(cost: configuration.passwordHashCost))
        }
        let showDemo = demo
        let explicitPublicURL = publicURL ?? Environment.value("SUPPLE_PUBLIC_URL")
        let app = try await buildApplication(configuration, dependencies: AppDependencies(database: store), logger: logger) { boundPort in
            let url = explicitPublicURL ?? "http://\(host):\(boundPort)"
            var lines = ["", "Supple is running at \(url)", "Press Ctrl-C to stop."]
            if showDemo {
                lines.append("Demo sign-ins (password for all: \(DemoData.password)):")
                lines += DemoData.signIns.map { "  \($0.role.displayName.padding(toLength: 20, withPad: " ", startingAt: 0)) \($0.email)" }
            }
            print(lines.joined(separator: "\n") + "\n")
            fflush(nil)
        }
        do {
            // Stops on SIGINT or SIGTERM: no new connections, in-flight requests finish.
            try await app.runService()
        } catch {
            try? await store.shutdown()
            throw error
        }
        try await store.shutdown()
        logger.info("Stopped; database closed")
    }
}
