import Foundation
import Logging
import SuppleCore
import SuppleStore

/// Everything an operator can set. Each value comes from a command-line flag, else an
/// environment variable, else the default shown in the README.
public struct AppConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var database: DatabaseLocation
    /// The address people use to reach Supple; links in invitations and reset emails use it.
    public var publicBaseURL: String
    /// Mark cookies `Secure` and send HSTS. On by default when the public URL is https.
    public var secureCookies: Bool
    /// bcrypt work factor. 12 in production; tests lower it so they run fast.
    public var passwordHashCost: UInt8
    public var logLevel: Logger.Level
    /// The emergency telephone number shown with every danger-sign message (e.g. 911, 999, 112).
    public var emergencyNumber: String?
    /// Limits on eligibility files: size and the share of rejected rows.
    public var rosterLimits: RosterLimits
    /// Limits that keep slow or idle clients from holding connections.
    public var connections: ConnectionLimits
    /// How often the server finishes waiting plan adaptations and deletes what has expired;
    /// nil runs no maintenance (tests that drive a round themselves).
    public var maintenanceInterval: Duration?
    /// How long `/readyz` waits for its proving write: 2 s, so a load balancer hears of a stuck
    /// database quickly. The test suite, which saturates the machine's disk, allows longer.
    public var readinessTimeout: Duration = .seconds(2)
    /// Load balancers whose `X-Forwarded-For` names the client (`SUPPLE_TRUSTED_PROXIES`).
    public var trustedProxies: TrustedProxies = .none
    /// Requests per minute one address may make to the doors open before sign-in
    /// (`SUPPLE_DOOR_REQUESTS_PER_MINUTE`).
    public var doorRequestsPerMinute = 120
    /// The bearer token `/metrics` asks for (`SUPPLE_METRICS_TOKEN`); nil serves no metrics.
    public var metricsToken: String?
    /// Whether staff must use a second factor (`SUPPLE_STAFF_2FA`). Unset: required, except on a
    /// demo installation, whose staff are made up and whose visitors have no authenticator set.
    public var staffTwoFactor: StaffTwoFactorPolicy?
    /// A staff web session ends after this long without a request (`SUPPLE_STAFF_IDLE_MINUTES`).
    public var staffIdleTimeout: TimeInterval = 30 * 60

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        database: DatabaseLocation = .sqliteFile(path: "data/supple.sqlite"),
        publicBaseURL: String? = nil,
        secureCookies: Bool? = nil,
        passwordHashCost: UInt8 = 12,
        logLevel: Logger.Level = .info,
        emergencyNumber: String? = nil,
        rosterLimits: RosterLimits = RosterLimits(),
        connections: ConnectionLimits = ConnectionLimits(),
        maintenanceInterval: Duration? = .seconds(900)
    ) {
        self.connections = connections
        self.maintenanceInterval = maintenanceInterval
        self.rosterLimits = rosterLimits
        self.emergencyNumber = emergencyNumber.flatMap { $0.isEmpty ? nil : String($0.prefix(20)) }
        self.host = host
        self.port = port
        self.database = database
        let base = publicBaseURL ?? "http://\(host):\(port)"
        self.publicBaseURL = base.hasSuffix("/") ? String(base.dropLast()) : base
        self.secureCookies = secureCookies ?? base.hasPrefix("https://")
        self.passwordHashCost = passwordHashCost
        self.logLevel = logLevel
    }
}

/// How long a connection may take over each part of a request, and how many may be open.
public struct ConnectionLimits: Sendable, Equatable {
    /// A connection that has not sent a complete request head in this long is closed: between
    /// requests (keep-alive) and while a head arrives, however slowly.
    public var idleTimeout: Duration
    /// A request's body must have arrived in full within this long of its head.
    public var bodyTimeout: Duration
    /// Connections open at once; past it, new ones wait in the listen backlog.
    public var maximumConnections: Int

    public init(idleTimeout: Duration = .seconds(30), bodyTimeout: Duration = .seconds(60), maximumConnections: Int = 1024) {
        self.idleTimeout = idleTimeout
        self.bodyTimeout = bodyTimeout
        self.maximumConnections = maximumConnections
    }
}
