// What SQLite's `synchronous = FULL` costs: N small write transactions (the size of a walk or a
// check-in, each committed on its own as a request would) with FULL and with NORMAL, one after
// the other on a fresh file each, printing transactions per second and the median commit time.
//
// Run: swift run -c release --package-path Benchmarks durability-benchmark [transactions] [folder]
import Foundation
import Logging
import SQLKit
import SuppleStore

let transactions = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 2000 : 2000
let folder = CommandLine.arguments.count > 2 ? CommandLine.arguments[2] : FileManager.default.temporaryDirectory.path
var logger = Logger(label: "durability-benchmark")
logger.logLevel = .warning

func measure(_ level: StoreOptions.SQLiteSynchronous) async throws -> (perSecond: Double, medianMilliseconds: Double) {
    let path = "\(folder)/durability-\(level.rawValue)-\(UUID().uuidString).sqlite"
    defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
    let store = try await SQLiteStore.open(path: path, options: StoreOptions(sqliteSynchronous: level), logger: logger)
    try await Migrator().migrate(store, logger: logger)
    var commits: [Double] = []
    commits.reserveCapacity(transactions)
    let clock = ContinuousClock()
    let started = clock.now
    for index in 0..<transactions {
        let before = clock.now
        try await store.transaction { db in
            try await db.raw("INSERT INTO sign_in_throttle (subject, window_started_at, attempts) VALUES (\(bind: "bench\(index)@example.org"), \(bind: index), 1)").run()
        }
        let elapsed = clock.now - before
        commits.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
    }
    let total = clock.now - started
    try await store.shutdown()
    let seconds = Double(total.components.seconds) + Double(total.components.attoseconds) / 1e18
    return (Double(transactions) / seconds, commits.sorted()[commits.count / 2])
}

print("SQLite write transactions, one row each, \(transactions) in a row, on \(folder)")
for level in [StoreOptions.SQLiteSynchronous.normal, .full] {
    let result = try await measure(level)
    print(String(format: "synchronous=%-6@ %8.0f transactions/s   median commit %.3f ms", level.rawValue as NSString, result.perSecond, result.medianMilliseconds))
}
