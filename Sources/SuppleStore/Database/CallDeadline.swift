import Foundation

/// Runs `operation` and fails it with `StoreFault.timedOut` once `timeout` passes. The caller is
/// answered at the deadline whatever the operation is doing: a connection that went silent, a
/// pool that cannot connect, a lock held elsewhere. The operation is cancelled then, and the
/// stores make that count (a cancelled transaction rolls back rather than commit, a PostgreSQL
/// connection is closed), so a call that timed out never lands later.
func withCallDeadline<T: Sendable>(_ timeout: Duration, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    let work = Task { try await operation() }
    let race = DeadlineRace<T>()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            race.start(continuation)
            let timer = Task {
                try await Task.sleep(for: timeout)
                if race.finish(.failure(StoreFault(.timedOut, code: "deadline"))) { work.cancel() }
            }
            Task {
                let result = await work.result
                timer.cancel()
                race.finish(result)
            }
        }
    } onCancel: {
        work.cancel()
    }
}

/// The same, with the engine's errors that are faults (down, full, locked…) named as `StoreFault`s.
func withCallDeadline<T: Sendable>(
    _ timeout: Duration,
    faults: (any Error) -> StoreFault?,
    _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    do {
        return try await withCallDeadline(timeout, operation)
    } catch {
        throw faults(error) ?? error
    }
}

/// The first of the operation and its deadline to finish answers the caller; the other is ignored.
private final class DeadlineRace<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, any Error>?
    private var early: Result<T, any Error>?

    func start(_ continuation: CheckedContinuation<T, any Error>) {
        let ready: Result<T, any Error>? = lock.withLock {
            if let early { return early }
            self.continuation = continuation
            return nil
        }
        if let ready { continuation.resume(with: ready) }
    }

    /// True when this result answered the caller.
    @discardableResult
    func finish(_ result: Result<T, any Error>) -> Bool {
        let waiting: CheckedContinuation<T, any Error>?? = lock.withLock {
            if let continuation {
                self.continuation = nil
                early = result  // marks it answered
                return .some(continuation)
            }
            if early != nil { return .some(nil) }
            early = result
            return nil
        }
        switch waiting {
        case .some(.some(let continuation)):
            continuation.resume(with: result)
            return true
        case .some(.none): return false
        case .none: return true  // answered as soon as the caller starts waiting
        }
    }
}
