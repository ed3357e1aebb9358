import Foundation

/// A fixed set of connections handed out one caller at a time; callers wait their turn in
/// arrival order. With one connection this is the SQLite write lane; with several, the readers.
/// A waiting caller whose task is cancelled (its deadline passed) leaves the queue at once.
final class ConnectionQueue<Connection: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [Connection]
    private var waiters: [(id: UInt64, continuation: CheckedContinuation<Connection, any Error>)] = []
    private var nextWaiterID: UInt64 = 0
    let all: [Connection]

    init(_ connections: [Connection]) {
        precondition(!connections.isEmpty)
        self.idle = connections
        self.all = connections
    }

    func withConnection<T>(_ body: (Connection) async throws -> T) async throws -> T {
        let connection = try await checkOut()
        defer { checkIn(connection) }
        return try await body(connection)
    }

    private func checkOut() async throws -> Connection {
        let id: UInt64 = lock.withLock {
            nextWaiterID += 1
            return nextWaiterID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Connection, any Error>) in
                let ready: Connection?? = lock.withLock {
                    if let connection = idle.popLast() { return connection }
                    // Cancelled before it could queue: the cancellation handler found no waiter.
                    if Task.isCancelled { return .some(nil) }
                    waiters.append((id, continuation))
                    return nil
                }
                switch ready {
                case .some(.some(let connection)): continuation.resume(returning: connection)
                case .some(.none): continuation.resume(throwing: CancellationError())
                case .none: break
                }
            }
        } onCancel: {
            let gone = lock.withLock { () -> CheckedContinuation<Connection, any Error>? in
                guard let index = waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return waiters.remove(at: index).continuation
            }
            gone?.resume(throwing: CancellationError())
        }
    }

    private func checkIn(_ connection: Connection) {
        let next: CheckedContinuation<Connection, any Error>? = lock.withLock {
            if waiters.isEmpty {
                idle.append(connection)
                return nil
            }
            return waiters.removeFirst().continuation
        }
        next?.resume(returning: connection)
    }
}
