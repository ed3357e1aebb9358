import Foundation
import Synchronization

/// Counts attempts per key in a sliding window, in this process's memory. With several servers
/// each counts its own share, which is why limits are set well below what enumeration needs.
final class AttemptLimiter: Sendable {
    let limit: Int
    let window: TimeInterval

    private struct State {
        var attempts: [String: [Date]] = [:]
        var lastSweep = Date.distantPast

        /// Forgets keys with nothing in the window, at most once a minute, so memory stays small.
        mutating func sweep(now: Date, window: TimeInterval) {
            guard now.timeIntervalSince(lastSweep) > 60 else { return }
            lastSweep = now
            attempts = attempts.filter { $0.value.contains { now.timeIntervalSince($0) < window } }
        }
    }

    private let state = Mutex(State())

    init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Nil when the key may go ahead (and counts the attempt), else when it may try again.
    func admit(_ key: String, now: Date) -> Date? {
        state.withLock { state in
            state.sweep(now: now, window: window)
            var recent = (state.attempts[key] ?? []).filter { now.timeIntervalSince($0) < window }
            if recent.count >= limit {
                state.attempts[key] = recent
                return recent[0].addingTimeInterval(window)
            }
            recent.append(now)
            state.attempts[key] = recent
            return nil
        }
    }

    /// Whether the key is at its limit, without counting an attempt.
    func isBlocked(_ key: String, now: Date) -> Date? {
        state.withLock { state in
            let recent = (state.attempts[key] ?? []).filter { now.timeIntervalSince($0) < window }
            return recent.count >= limit ? recent[0].addingTimeInterval(window) : nil
        }
    }

    /// Counts an attempt without checking.
    func count(_ key: String, now: Date) {
        state.withLock { $0.attempts[key, default: []].append(now) }
    }
}
