import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import Prometheus
import SuppleContent
import SuppleCore
import SuppleStore

/// What the application is built from. Tests pass their own clock, a link recorder and a
/// throw-away database; `supple serve` passes the real ones.
public struct AppDependencies: Sendable {
    public var database: any Database
    public var clock: any WallClock
    public var links: (any LinkDelivery)?
    public var metrics: PrometheusCollectorRegistry
    /// The exercise and article library; the bundled one unless a test brings its own.
    public var library: ContentLibrary?

    public init(
        database: any Database,
        clock: any WallClock = SystemClock(),
        links: (any LinkDelivery)? = nil,
        metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
        library: ContentLibrary? = nil
    ) {
        self.database = database
        self.library = library
        self.clock = clock
        self.links = links
        self.metrics = metrics
    }
}

/// The whole HTTP surface: middleware in order, then every route group.
public func buildRouter(
    _ configuration: AppConfiguration,
    dependencies: AppDependencies,
    logger: Logger
) async throws -> Router<AppRequestContext> {
    try await buildServer(configuration, dependencies: dependencies, logger: logger).router
}

/// The router, and the program service the server's maintenance rounds share with it.
func buildServer(
    _ configuration: AppConfiguration,
    dependencies: AppDependencies,
    logger: Logger
) async throws -> (router: Router<AppRequestContext>, program: ProgramService) {
    // Services reach the store through the claiming door, so a keyed API write claims its key
    // in its own first transaction.
    var dependencies = dependencies
    let store = dependencies.database
    dependencies.database = ClaimingDatabase(base: store)
    let library = try dependencies.library ?? ContentLibrary.bundled()
    var pages = try PageRenderer.loadBundled(
        emergencyNumber: configuration.emergencyNumber,
        catalog: try TextCatalog.bundled().addingTerms(library.exerciseNames)
    )
    pages.isDemoInstallation = try await DemoData.isDemoInstallation(store)
    if pages.isDemoInstallation {
        logger.warning("This database holds the demo: anyone can sign in to its accounts with the published password. Every page says so.")
    }
    let assets = try StaticAssets.loadBundled()
    let staffTwoFactor = configuration.staffTwoFactor ?? (pages.isDemoInstallation ? .optional : .required)
    let accounts = try await AccountService(
        database: dependencies.database,
        hasher: PasswordHasher(cost: configuration.passwordHashCost),
        policy: PasswordPolicy(commonPasswords: CommonPasswords.all),
        clock: dependencies.clock,
        links: dependencies.links ?? LogLinkDelivery(logger: logger),
        publicBaseURL: configuration.publicBaseURL,
        staffTwoFactor: staffTwoFactor,
        staffIdleTimeout: configuration.staffIdleTimeout
    )
    guard let openAPI = assets.assets["openapi.json"] else { throw BundledResourceMissing(name: "openapi.json") }
    let program = ProgramService(database: dependencies.database, library: library, clock: dependencies.clock)
    let intakes = IntakeService(
        database: dependencies.database,
        engine: ProgramEngine(catalog: library.exercises, articles: library.articles),
        clock: dependencies.clock
    )

    let eligibility = EligibilityService(database: dependencies.database, clock: dependencies.clock, limits: configuration.rosterLimits)
    let organizationPages = OrganizationPages(eligibility: eligibility, pages: pages)

    let router = Router(context: AppRequestContext.self)
    // Outermost first: metrics and logs see the final status of every answer, errors included.
    router.add(middleware: ClientAddressMiddleware(proxies: configuration.trustedProxies))
    router.add(middleware: RequestMetricsMiddleware(registry: dependencies.metrics))
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: SecurityHeadersMiddleware(strictTransport: configuration.secureCookies))
    router.add(middleware: ErrorPagesMiddleware(pages: pages))
    router.add(middleware: CanonicalPathMiddleware())
    router.add(middleware: DoorRateLimitMiddleware(requestsPerMinute: configuration.doorRequestsPerMinute, clock: dependencies.clock))
    router.add(middleware: AuthenticationMiddleware(accounts: accounts))
    router.add(middleware: SecondFactorGateMiddleware(policy: staffTwoFactor))
    router.add(middleware: RefusedAccessAuditMiddleware(accounts: accounts))
    router.add(middleware: CSRFMiddleware(secureCookies: configuration.secureCookies))
    router.add(middleware: IdempotencyMiddleware(ledger: IdempotencyLedger(database: store, clock: dependencies.clock)))

    OperationsRoutes(
        database: store,
        registry: dependencies.metrics,
        readinessDeadline: configuration.readinessTimeout,
        metricsToken: configuration.metricsToken
    ).register(on: router)
    assets.register(on: router)
    PublicPages(pages: pages).register(on: router)
    AccountPages(accounts: accounts, eligibility: eligibility, pages: pages, secureCookies: configuration.secureCookies).register(on: router)
    let messaging = MessagingService(database: dependencies.database, clock: dependencies.clock)
    MemberPages(pages: pages, intakes: intakes, program: program, messaging: messaging).register(on: router)
    ProgramPages(program: program, intakes: intakes, messaging: messaging, pages: pages).register(on: router)
    QuestionnairePages(program: program, pages: pages).register(on: router)
    ProgramAPIRoutes(program: program).register(on: router)
    let caseload = CaseloadService(database: dependencies.database, clock: dependencies.clock)
    let access = RecordAccess(database: dependencies.database, clock: dependencies.clock)
    StaffPages(accounts: accounts, caseload: caseload, pages: pages, secureCookies: configuration.secureCookies).register(on: router)
    TeamPages(accounts: accounts, pages: pages).register(on: router)
    TwoFactorPages(accounts: accounts, pages: pages, secureCookies: configuration.secureCookies).register(on: router)
    AuditPages(accounts: accounts, pages: pages).register(on: router)
    IntakePages(intakes: intakes, program: program, library: library, pages: pages).register(on: router)
    WhatMattersPages(intakes: intakes, pages: pages).register(on: router)
    let notes = ClinicalNotes(database: dependencies.database, clock: dependencies.clock)
    let records = MemberRecordService(access: access, program: program, intakes: intakes, messaging: messaging)
    MemberRecordPages(records: records, notes: notes, pages: pages).register(on: router)
    let editing = PlanEditingService(program: program, intakes: intakes)
    PlanEditPages(editing: editing, access: access, pages: pages).register(on: router)
    StaffAPIRoutes(records: records, caseload: caseload, editing: editing, notes: notes).register(on: router)
    MessageAPIRoutes(messaging: messaging).register(on: router)
    let replies = SavedReplyService(database: dependencies.database, clock: dependencies.clock)
    MessagePages(messaging: messaging, access: access, replies: replies, pages: pages).register(on: router)
    SavedReplyPages(replies: replies, pages: pages).register(on: router)
    IntakeAPIRoutes(intakes: intakes).register(on: router)
    LibraryPages(library: library, pages: pages).register(on: router)
    FigureRoutes(library: library, pages: pages).register(on: router)
    APIRoutes(accounts: accounts, openAPIDocument: openAPI.body).register(on: router)
    LibraryAPIRoutes(library: library).register(on: router)
    CoveragePages(eligibility: eligibility, pages: pages, secureCookies: configuration.secureCookies).register(on: router)
    EligibilityAPIRoutes(eligibility: eligibility).register(on: router)
    organizationPages.register(on: router)
    RosterUploadRoute(eligibility: eligibility, organizations: organizationPages).register(on: router)
    SponsorReportPages(eligibility: eligibility, organizations: organizationPages, pages: pages).register(on: router)
    return (router, program)
}

/// The application that `supple serve` runs and the tests drive.
public func buildApplication(
    _ configuration: AppConfiguration,
    dependencies: AppDependencies,
    logger: Logger,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    let (router, program) = try await buildServer(configuration, dependencies: dependencies, logger: logger)
    let maintenance = configuration.maintenanceInterval.map { interval in
        MaintenanceService(database: program.database, program: program, clock: dependencies.clock, interval: interval, logger: logger)
    }
    let limits = configuration.connections
    let bodyTimeout = TimeAmount(limits.bodyTimeout)
    return Application(
        router: router,
        server: .http1(
            configuration: .init(
                additionalChannelHandlers: [RequestBodyDeadline(timeout: bodyTimeout)],
                idleTimeout: TimeAmount(limits.idleTimeout)
            )
        ),
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port),
            serverName: "Supple",
            availableConnectionsDelegate: MaximumAvailableConnections(limits.maximumConnections)
        ),
        services: maintenance.map { [$0] } ?? [],
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger
    )
}
