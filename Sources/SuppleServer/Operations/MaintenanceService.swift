import Foundation
import Logging
import ServiceLifecycle
import SuppleCore
import SuppleStore

/// The server's own rounds, at start and then every `interval`: finish plan adaptations that a
/// crash left waiting, and delete what has expired (web sessions, API tokens, old one-time
/// links, idempotency keys, sign-in failures). A failed round is logged and tried next time.
public struct MaintenanceService: Service {
    let database: any Database
    let program: ProgramService
    let clock: any WallClock
    let interval: Duration
    let logger: Logger

    public init(database: any Database, program: ProgramService, clock: any WallClock, interval: Duration, logger: Logger) {
        self.database = database
        self.program = program
        self.clock = clock
        self.interval = interval
        self.logger = logger
    }

    public struct Round: Sendable, Equatable {
        public let adaptationsFinished: Int
        public let swept: Housekeeping.Swept
    }

    /// One round now; what the server does on its schedule.
    public func runOnce() async throws -> Round {
        let adapted = try await program.finishPendingAdaptations()
        let now = clock.now()
        let kind = database.kind
        let swept = try await database.transaction { db in try await Housekeeping.sweep(now: now, kind: kind, in: db) }
        return Round(adaptationsFinished: adapted, swept: swept)
    }

    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let round = try await runOnce()
                logger.info(
                    "Maintenance round",
                    metadata: [
                        "adaptations": "\(round.adaptationsFinished)", "ran": "\(round.swept.ran)",
                        "webSessions": "\(round.swept.webSessions)", "apiTokens": "\(round.swept.apiTokens)",
                        "links": "\(round.swept.oneTimeLinks)", "idempotencyKeys": "\(round.swept.idempotencyKeys)",
                    ]
                )
            } catch let fault as StoreFault {
                logger.warning("Maintenance round skipped", metadata: ["fault": "\(fault.kind.rawValue)", "code": "\(fault.code)"])
            } catch {
                logger.warning("Maintenance round failed", metadata: ["error.type": "\(String(reflecting: type(of: error)))"])
            }
            // Wakes early for shutdown, so it never holds the group up.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
