// Imports a roster file into a fresh database, imports it again (nothing changes), times coverage
// lookups against it (unless --import-only), then imports the file for a second organization.
//   roster-benchmark FILE [sqlite|postgres] [--import-only]
// PostgreSQL uses SUPPLE_BENCH_POSTGRES_URL and works in a schema of its own, dropped afterwards.
import Foundation
import Logging
import SQLKit
import SuppleCore
import SuppleStore

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    print("usage: roster-benchmark FILE [sqlite|postgres]")
    exit(2)
}
let path = arguments[1]
let engine = arguments.count > 2 ? arguments[2] : "sqlite"
var logger = Logger(label: "roster-benchmark")
logger.logLevel = .warning

func peakRSSMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
    return kb / 1024
}

func importFile(_ db: any Database, _ org: OrganizationRepository.Organization, mode: RosterImportMode) async throws -> (RosterImportSummary, Double) {
    guard let handle = FileHandle(forReadingAtPath: path) else { fatalError("can't open \(path)") }
    defer { try? handle.close() }
    let started = ContinuousClock.now
    var importer = RosterImporter(database: db, limits: RosterLimits(maxBytes: 1 << 31))
    importer.onStep = { step in print("    \(step) at \(ContinuousClock.now - started)"); fflush(nil) }
    let outcome = try await importer.run(
        .init(organizationID: org.id, mode: mode, asOf: "2026-11-28", fileName: "bench.csv", importedBy: nil, source: "benchmark", now: Date())
    ) {
        let data = try handle.read(upToCount: 1 << 20) ?? Data()
        return data.isEmpty ? nil : [UInt8](data)
    }
    let elapsed = ContinuousClock.now - started
    return (outcome.summary, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("roster-bench-\(UUID().uuidString)")
let schema = "bench_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12))"
let database: any Database
var admin: PostgresStore?
if engine == "postgres" {
    guard let url = ProcessInfo.processInfo.environment["SUPPLE_BENCH_POSTGRES_URL"] else { fatalError("set SUPPLE_BENCH_POSTGRES_URL") }
    let adminStore = try await PostgresStore.connect(url: url, maximumConnections: 1, logger: logger)
    try await adminStore.transaction { db in try await db.raw("CREATE SCHEMA \(unsafeRaw: schema)").run() }
    admin = adminStore
    database = try await PostgresStore.connect(url: url, schema: schema, maximumConnections: 4, logger: logger)
} else {
    database = try await SQLiteStore.open(path: folder.appendingPathComponent("bench.sqlite").path, logger: logger)
}
try await Migrator().migrate(database, logger: logger)
let org = OrganizationRepository.Organization(slug: "bench", name: "Bench Corp", kind: .employer, enrollmentMode: .roster, createdAt: Date())
try await database.transaction { db in try await OrganizationRepository.insert(org, in: db) }

let (first, firstSeconds) = try await importFile(database, org, mode: .replace)
fflush(nil)
print(String(format: "[%@] first import: %d rows in %.2f s = %.0f rows/s (added %d, rejected %d), peak RSS so far %.0f MB", engine, first.rowsRead, firstSeconds,
             Double(first.rowsRead) / firstSeconds, first.added, first.rejected, peakRSSMegabytes()))
let (second, secondSeconds) = try await importFile(database, org, mode: .replace)
print(String(format: "[%@] same file again: %d rows in %.2f s = %.0f rows/s (unchanged %d, updated %d, ended %d)", engine, second.rowsRead, secondSeconds,
             Double(second.rowsRead) / secondSeconds, second.unchanged, second.updated, second.ended))

/// Coverage lookups: people sampled from the file (covered) and made-up people (not found).
func timeCoverageChecks() async throws {
    var sample: [CoverageQuestion] = try await database.read { db in
        try await db.raw("SELECT first_name, last_name, date_of_birth, member_id FROM eligibility_records ORDER BY member_id LIMIT 2000 OFFSET 5000").all().map { row in
            try CoverageQuestion(organization: "bench", firstName: try row.decode(column: "first_name", as: String.self).uppercased(),
                                               lastName: try row.decode(column: "last_name", as: String.self),
                                               dateOfBirth: try row.decode(column: "date_of_birth", as: String.self), memberID: nil)
        }
    }
    for index in 0..<2000 {
        sample.append(try CoverageQuestion(organization: "bench", firstName: "Nobody\(index)", lastName: "Here", dateOfBirth: "1970-01-01", memberID: nil))
    }
    var timings: [Double] = []
    var covered = 0
    for round in 0..<3 {
        for question in sample.shuffled() {
            let started = ContinuousClock.now
            let found = try await database.read { db -> CoverageAnswer in
                guard let organization = try await OrganizationRepository.find(slug: question.organization, in: db) else { return .notConfirmed }
                let matches = try await EligibilityRepository.matches(organizationID: organization.id, question: question, in: db)
                return CoverageAnswer.decide(organizationName: organization.name, matches: matches.map { ($0.coverageStart, $0.coverageEnd) }, today: "2026-11-28")
            }
            let elapsed = ContinuousClock.now - started
            if round > 0 {
                timings.append(Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
                if case .covered = found { covered += 1 }
            }
        }
    }
    timings.sort()
    func percentile(_ sorted: [Double], _ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
    print(String(format: "[%@] coverage check (%d lookups, %d covered): p50 %.0f µs, p99 %.0f µs, max %.0f µs", engine, timings.count, covered,
                 percentile(timings, 0.5), percentile(timings, 0.99), timings.last ?? 0))
}
if !arguments.contains("--import-only") { try await timeCoverageChecks() }

// Another organization's first roster, into a table that already holds the first one: its
// indexes stay in place, as they do for every roster after an installation's first.
let neighbour = OrganizationRepository.Organization(slug: "bench-two", name: "Bench Two", kind: .healthPlan, enrollmentMode: .roster, createdAt: Date())
try await database.transaction { db in try await OrganizationRepository.insert(neighbour, in: db) }
let (third, thirdSeconds) = try await importFile(database, neighbour, mode: .replace)
print(String(format: "[%@] another organization's first roster beside it: %d rows in %.2f s = %.0f rows/s (added %d)", engine, third.rowsRead, thirdSeconds,
             Double(third.rowsRead) / thirdSeconds, third.added))

print(String(format: "[%@] peak RSS %.0f MB", engine, peakRSSMegabytes()))

try await database.shutdown()
if let admin {
    try await admin.transaction { db in try await db.raw("DROP SCHEMA \(unsafeRaw: schema) CASCADE").run() }
    try await admin.shutdown()
}
try? FileManager.default.removeItem(at: folder)
