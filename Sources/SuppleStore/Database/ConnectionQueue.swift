import Foundation

/// A fixed set of connections handed out one caller at a time; callers wait their turn in
/// arrival order. With one connection this is the SQLite write lane; with several, the readers.
final class ConnectionQueue<Connection: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [Connection]
    private var waiters: [CheckedContinuation<Connection, Never>] = []
    let all: [Connection]

    init(_ connections: [Connection]) {
        precondition(!connections.isEmpty)
        self.idle = connections
        self.all = connections
    }

    func withConnection<T>(_ body: (Connection) async throws -> T) async throws -> T {
        let connection = await checkOut()
        defer { checkIn(connection) }
        return try await body(connection)
    }

    private func checkOut() async -> Connection {
        await withCheckedContinuation { continuation in
            let ready: Connection? = lock.withLock {
                if idle.isEmpty {
                    waiters.append(continuation)
                    return nil
                }
                return idle.removeLast()
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    private func checkIn(_ connection: Connection) {
        let next: CheckedContinuation<Connection, Never>? = lock.withLock {
            if waiters.isEmpty {
                idle.append(connection)
                return nil
            }
            return waiters.removeFirst()
        }
        next?.resume(returning: connection)
    }
}
