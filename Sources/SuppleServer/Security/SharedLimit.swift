import Foundation
import SQLKit
import SuppleCore
import SuppleStore

/// A limit on how often something may be asked for, counted in the database (the same counters
/// as `SignInThrottle`), so several servers share it and a restart forgets nothing.
struct SharedLimit: Equatable {
    let key: String
    let limit: Int
    let window: TimeInterval

    /// Counts one attempt against each limit, in order, in the caller's transaction. Returns the
    /// first limit passed and when its window ends, or nil when every limit still admits it.
    static func count(_ limits: [SharedLimit], at now: Date, in db: any SQLDatabase) async throws -> (SharedLimit, Date)? {
        for limit in limits {
            let count = try await SignInThrottleRepository.count(limit.key, window: limit.window, at: now, in: db)
            if count.attempts > limit.limit { return (limit, count.windowStartedAt.addingTimeInterval(limit.window)) }
        }
        return nil
    }

    // MARK: The limits

    static let hour: TimeInterval = 3600

    /// Reset links asked for from one address, whatever the accounts (issue 17, finding 4).
    static func resetRequests(from address: String?) -> SharedLimit {
        SharedLimit(key: "reset-from:\(address ?? "unknown")", limit: 20, window: hour)
    }

    /// Reset links asked for one account: three an hour is plenty for a person who lost an
    /// email, and too few to fill anyone's inbox.
    static func resetRequests(for email: EmailAddress) -> SharedLimit {
        SharedLimit(key: "reset-for:\(email.value)", limit: 3, window: hour)
    }

    /// Sign-ups from one address (finding 6): a household or a clinic's front desk stays well
    /// under it; a script probing which emails have accounts does not.
    static func signUps(from address: String?) -> SharedLimit {
        SharedLimit(key: "signup-from:\(address ?? "unknown")", limit: 20, window: hour)
    }
}

/// Asked for too often from one place: answered 429 with when to try again.
public struct RequestLimitReached: Error, Equatable {
    public let retryAfterMinutes: Int

    init(until: Date, now: Date) {
        retryAfterMinutes = max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up)))
    }

    public var message: String {
        "Too many requests from here. Wait \(retryAfterMinutes) minute\(retryAfterMinutes == 1 ? "" : "s") and try again."
    }
}
