import Foundation
import Synchronization

/// Where code that needs "now" gets it, so tests can control time.
public protocol WallClock: Sendable {
    func now() -> Date
}

public struct SystemClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that reads whatever time a test sets, and can be moved forward.
public final class ManualClock: WallClock {
    private let current: Mutex<Date>

    public init(_ start: Date) { self.current = Mutex(start) }

    public func now() -> Date { current.withLock { $0 } }

    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
