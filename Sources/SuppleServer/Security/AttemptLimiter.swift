import Foundation

/// Counts attempts per key in a sliding window, in this process's memory. With several servers
/// each counts its own share, which is why limits are set well below what enumeration needs.
final class AttemptLimiter: @unchecked Sendable {
    let limit: Int
    let window: TimeInterval
    private let lock = NSLock()
    private var attempts: [String: [Date]] = [:]
    private var lastSweep = Date.distantPast

    init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Nil when the key may go ahead (and counts the attempt), else when it may try again.
    func admit(_ key: String, now: Date) -> Date? {
        lock.withLock {
            sweep(now: now)
            var recent = (attempts[key] ?? []).filter { now.timeIntervalSince($0) < window }
            if recent.count >= limit {
                attempts[key] = recent
                return recent[0].addingTimeInterval(window)
            }
            recent.append(now)
            attempts[key] = recent
            return nil
        }
    }

    /// Whether the key is at its limit, without counting an attempt.
    func isBlocked(_ key: String, now: Date) -> Date? {
        lock.withLock {
            let recent = (attempts[key] ?? []).filter { now.timeIntervalSince($0) < window }
            return recent.count >= limit ? recent[0].addingTimeInterval(window) : nil
        }
    }

    /// Counts an attempt without checking.
    func count(_ key: String, now: Date) {
        lock.withLock { attempts[key, default: []].append(now) }
    }

    /// Forgets keys with nothing in the window, at most once a minute, so memory stays small.
    private func sweep(now: Date) {
        guard now.timeIntervalSince(lastSweep) > 60 else { return }
        lastSweep = now
        attempts = attempts.filter { $0.value.contains { now.timeIntervalSince($0) < window } }
    }
}
