import Foundation

/// Runs `operation` and fails it with `StoreFault.timedOut` once `timeout` passes. The operation
/// runs in a task of its own so the deadline can cancel it; the stores make every wait in it
/// cancellable (the connection queue, PostgreSQL's pool, a query on a dead connection), and a
/// cancelled transaction rolls back, so a call that timed out never lands later.
func withCallDeadline<T: Sendable>(_ timeout: Duration, _ operation: () async throws -> T) async throws -> T {
    try await withoutActuallyEscaping(operation) { operation in
        // The task is awaited before this returns, so the closure never outlives the call.
        let work = UncheckedSendableBox(operation)
        let task = Task { try await work.value() }
        let expired = ExpiryFlag()
        let timer = Task {
            try await Task.sleep(for: timeout)
            expired.set()
            task.cancel()
        }
        defer { timer.cancel() }
        do {
            return try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() }
        } catch {
            if expired.isSet, !(error is StoreFault) { throw StoreFault(.timedOut, code: "deadline") }
            throw error
        }
    }
}

struct UncheckedSendableBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

private final class ExpiryFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var expired = false
    func set() { lock.withLock { expired = true } }
    var isSet: Bool { lock.withLock { expired } }
}
