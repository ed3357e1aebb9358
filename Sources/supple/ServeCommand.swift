import ArgumentParser
import Foundation
import Hummingbird
import ServiceLifecycle
import SuppleServer
import SuppleStore

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Migrate the database and serve the web app and API."
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
        var configuration = AppConfiguration(
            host: host,
            port: port,
            database: database.location,
            publicBaseURL: publicURL ?? Environment.value("SUPPLE_PUBLIC_URL"),
            secureCookies: Environment.value("SUPPLE_SECURE_COOKIES").map { $0 == "true" || $0 == "1" },
            passwordHashCost: Environment.value("SUPPLE_BCRYPT_COST").flatMap(UInt8.init).map { min(max($0, 4), 31) } ?? 12,
            emergencyNumber: Environment.value("SUPPLE_EMERGENCY_NUMBER"),
            rosterLimits: try roster.limits(),
            connections: ConnectionLimits(
                idleTimeout: try Environment.seconds("SUPPLE_IDLE_TIMEOUT", default: .seconds(30), allowed: 1...3600),
                bodyTimeout: try Environment.seconds("SUPPLE_REQUEST_BODY_TIMEOUT", default: .seconds(60), allowed: 1...3600),
                maximumConnections: try Environment.integer("SUPPLE_MAX_CONNECTIONS", default: 1024, allowed: 1...100_000)
            ),
            maintenanceInterval: try Environment.seconds("SUPPLE_MAINTENANCE_INTERVAL", default: .seconds(900), allowed: 1...86_400)
        )
        switch TrustedProxies.parse(Environment.value("SUPPLE_TRUSTED_PROXIES") ?? "") {
        case .success(let proxies): configuration.trustedProxies = proxies
        case .failure(let problem):
            throw ValidationError("SUPPLE_TRUSTED_PROXIES: \"\(problem.entry)\" is not an address or an IPv4 range such as 10.0.0.0/8.")
        }
        if let token = Environment.value("SUPPLE_METRICS_TOKEN"), !token.isEmpty {
            guard token.count >= 20 else { throw ValidationError("SUPPLE_METRICS_TOKEN must be at least 20 characters.") }
            configuration.metricsToken = token
        }
        if let policy = Environment.value("SUPPLE_STAFF_2FA"), !policy.isEmpty {
            guard let parsed = StaffTwoFactorPolicy(rawValue: policy) else {
                throw ValidationError("SUPPLE_STAFF_2FA must be \"required\" or \"optional\".")
            }
            configuration.staffTwoFactor = parsed
        }
        configuration.staffIdleTimeout = TimeInterval(try Environment.integer("SUPPLE_STAFF_IDLE_MINUTES", default: 30, allowed: 1...720) * 60)
        configuration.doorRequestsPerMinute = try Environment.integer("SUPPLE_DOOR_REQUESTS_PER_MINUTE", default: 120, allowed: 1...1_000_000)
        let options = try database.storeOptions()
        let grace = try Environment.seconds("SUPPLE_SHUTDOWN_GRACE", default: .seconds(10), allowed: 0...600)
        logger.info(
            "Opening database",
            metadata: [
                "database": "\(configuration.database.safeDescription)",
                "sqlite.synchronous": "\(options.sqliteSynchronous.rawValue)",
            ]
        )
        let store: any Database
        do {
            switch configuration.database {
            case .sqliteFile(let path): store = try await SQLiteStore.open(path: path, options: options, logger: logger)
            case .postgres(let url): store = try PostgresStore.forService(url: url, options: options, logger: logger)
            }
        } catch {
            throw StartupProblem.explain(error, database: configuration.database).map { StartupFailure(message: $0) } ?? error
        }
        let showDemo = demo
        let explicitPublicURL = publicURL ?? Environment.value("SUPPLE_PUBLIC_URL")
        let supple = SuppleService(configuration: configuration, store: store, loadDemo: demo, logger: logger) { boundPort in
            let url = explicitPublicURL ?? "http://\(host):\(boundPort)"
            var lines = ["", "Supple is running at \(url)", "Press Ctrl-C to stop."]
            if showDemo {
                lines.append("Demo sign-ins (password for all: \(DemoData.password)):")
                lines += DemoData.signIns.map { "  \($0.role.displayName.padding(toLength: 20, withPad: " ", startingAt: 0)) \($0.email)" }
            }
            print(lines.joined(separator: "\n") + "\n")
            fflush(nil)
        }
        var group = ServiceGroupConfiguration(
            services: [
                .init(
                    service: DatabaseService(store: store),
                    successTerminationBehavior: .gracefullyShutdownGroup,
                    failureTerminationBehavior: .gracefullyShutdownGroup,
                    serviceName: "database"
                ),
                .init(
                    service: supple,
                    successTerminationBehavior: .gracefullyShutdownGroup,
                    failureTerminationBehavior: .gracefullyShutdownGroup,
                    serviceName: "supple"
                ),
            ],
            // SIGINT or SIGTERM: no new connections, in-flight requests finish, then the database closes.
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
        // A request still running after the grace period is cancelled; a cancelled task that
        // still hangs gets a few more seconds before the group gives up on it.
        group.maximumGracefulShutdownDuration = grace
        group.maximumCancellationDuration = .seconds(3)
        do {
            try await ServiceGroup(configuration: group).run()
        } catch let refused as DemoData.RefusedIntoRealDatabase {
            throw StartupFailure(message: refused.description)
        } catch {
            throw StartupProblem.explain(error, database: configuration.database).map { StartupFailure(message: $0) } ?? error
        }
        logger.info("Stopped; database closed")
    }
}

/// A start-up failure already explained in words; printed without a stack of error types.
struct StartupFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
