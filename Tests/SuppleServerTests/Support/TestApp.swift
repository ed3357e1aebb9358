import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Prometheus
import SuppleContent
import SuppleCore
import SuppleServer
import SuppleStore
import Testing

/// Captures one-time links instead of writing them to the log, as a person's inbox would.
final class RecordingLinkDelivery: LinkDelivery, @unchecked Sendable {
    private let lock = NSLock()
    private var links: [OutboundLink] = []

    func deliver(_ link: OutboundLink) async { lock.withLock { links.append(link) } }

    var delivered: [OutboundLink] { lock.withLock { links } }

    /// The path part of the newest link sent to `email`.
    func latestPath(to email: String) -> String? {
        delivered.last { $0.email.value == email }.map { URL(string: $0.url)!.path }
    }
}

/// A real application on a throw-away SQLite file (or, with `SUPPLE_TEST_SERVER_ON_POSTGRES=1`
/// and `SUPPLE_TEST_POSTGRES_URL`, a throw-away PostgreSQL schema), with a clock the test
/// controls and bcrypt at its lowest cost so tests stay quick.
struct TestApp: Sendable {
    let database: any Database
    let clock: ManualClock
    let links: RecordingLinkDelivery
    let metrics: PrometheusCollectorRegistry
    let folder: URL

    static let start = Date(timeIntervalSince1970: 1_794_970_800)  // 2026-11-18 03:00 UTC

    /// The PostgreSQL server the HTTP suite runs on instead of SQLite, when asked to.
    static var postgresURL: String? {
        let environment = ProcessInfo.processInfo.environment
        guard environment["SUPPLE_TEST_SERVER_ON_POSTGRES"] == "1" else { return nil }
        return environment["SUPPLE_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static var onSQLite: Bool { postgresURL == nil }

    /// Tests check behaviour, not speed: a generous deadline so a busy CI machine never trips it
    /// (ReliabilityTests set a short one to test the deadline itself).
    /// `prepare` runs on the migrated database before the application is built, as a command
    /// run before `serve` would (loading the demo, say).
    static func run<T: Sendable>(
        options: StoreOptions = StoreOptions(callTimeout: .seconds(60)),
        prepare: @escaping @Sendable (any Database) async throws -> Void = { _ in },
        configure: @Sendable (inout AppConfiguration) -> Void = { _ in },
        _ body: @escaping @Sendable (TestApp, any TestClientProtocol) async throws -> T
    ) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("supple-app-\(UUID().uuidString)")
        var logger = Logger(label: "supple.tests")
        logger.logLevel = .warning
        let database: any Database
        var dropSchema: (@Sendable () async -> Void)?
        if let url = postgresURL {
            let schema = "app_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16))"
            let admin = try await PostgresStore.connect(url: url, maximumConnections: 1, logger: logger)
            try await admin.transaction { db in try await db.raw("CREATE SCHEMA \(unsafeRaw: schema)").run() }
            database = try await PostgresStore.connect(url: url, schema: schema, maximumConnections: 4, options: options, logger: logger)
            dropSchema = {
                try? await admin.transaction { db in try await db.raw("DROP SCHEMA \(unsafeRaw: schema) CASCADE").run() }
                try? await admin.shutdown()
            }
        } else {
            database = try await SQLiteStore.open(path: folder.appendingPathComponent("app.sqlite").path, options: options, logger: logger)
        }
        let app = TestApp(
            database: database,
            clock: ManualClock(start),
            links: RecordingLinkDelivery(),
            metrics: PrometheusCollectorRegistry(),
            folder: folder
        )
        defer { try? FileManager.default.removeItem(at: folder) }
        // Everything after opening the store is inside the do: a store left open when a step
        // throws trips SQLite's "not closed" assertion and takes the whole test run down with it.
        do {
            try await Migrator().migrate(database, logger: logger)
            try await prepare(database)
            var configuration = AppConfiguration(port: 0, publicBaseURL: "http://supple.test", passwordHashCost: 4, maintenanceInterval: nil)
            // The parallel suite keeps the disk busy; /readyz's 2-second write would miss now and then.
            configuration.readinessTimeout = .seconds(15)
            configuration.metricsToken = TestApp.metricsToken
            // Most tests sign staff in with a password alone; `TwoFactorTests` requires the second step.
            configuration.staffTwoFactor = .optional
            configure(&configuration)
            let application = try await buildApplication(
                configuration,
                dependencies: AppDependencies(database: database, clock: app.clock, links: app.links, metrics: app.metrics),
                logger: logger
            )
            let result = try await application.test(.router) { client in try await body(app, client) }
            try await database.shutdown()
            await dropSchema?()
            return result
        } catch {
            try? await database.shutdown()
            await dropSchema?()
            throw error
        }
    }

    func memberCount() async throws -> Int {
        try await database.read { db in try await AccountRepository.count(role: .member, in: db) }
    }

    func account(_ email: String) async throws -> AccountRecord? {
        try await database.read { db in try await AccountRepository.find(email: EmailAddress(trusted: email), in: db) }
    }

    /// The account service on this app's database and clock, for tests that call it directly.
    func accountService() async throws -> AccountService {
        try await AccountService(
            database: database,
            hasher: PasswordHasher(cost: 4),
            policy: PasswordPolicy(commonPasswords: CommonPasswords.all),
            clock: clock,
            links: links,
            publicBaseURL: "http://supple.test"
        )
    }

    /// The bearer token the test server's /metrics asks for.
    static let metricsToken = "test-metrics-token-0123456789"

    /// Creates an account directly, for tests that start from "this person already exists".
    @discardableResult
    func createAccount(
        _ email: String,
        role: Role,
        password: String = "walk the dog at dawn",
        name: String = "Test Person"
    ) async throws -> AccountRecord {
        let account = AccountRecord(
            email: EmailAddress(trusted: email),
            name: PersonName(trusted: name),
            role: role,
            passwordHash: try await PasswordHasher(cost: 4).hash(password),
            timeZone: MemberTimeZone(trusted: "America/Chicago"),
            dateOfBirth: role == .member ? CalendarDate(iso8601: "1980-04-23") : nil,
            createdAt: clock.now()
        )
        try await database.transaction { db in
            try await AccountRepository.insert(account, in: db)
            try await CareTeamRepository.assignUnassigned(in: db)
        }
        return account
    }
}
