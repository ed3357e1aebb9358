import Foundation
import SQLKit
import SuppleCore

/// Imports one eligibility file for one organization as one transaction: the file is read in
/// chunks and parsed as it arrives (memory holds a chunk, a batch, and the member ids seen so
/// far, to catch one repeated), and every row is checked. An organization's first roster goes
/// straight into `eligibility_records`; a later one goes to a temporary staging table, and
/// set-based SQL then works out what is added, updated, unchanged and ended. A refusal or any
/// failure part-way rolls everything back, leaving the previous roster exactly as it was.
public struct RosterImporter: Sendable {
    public let database: any Database
    public let limits: RosterLimits
    /// Rows per bulk load.
    public var batchSize = 5_000
    /// Told the name of each step as it finishes, for benchmarks.
    public var onStep: (@Sendable (String) -> Void)?

    public init(database: any Database, limits: RosterLimits) {
        self.database = database
        self.limits = limits
    }

    public struct Request: Sendable {
        public var organizationID: UUID
        public var mode: RosterImportMode
        /// The file's date: in replace mode, people missing from the file are covered up to and
        /// including this day.
        public var asOf: String
        public var fileName: String
        public var importedBy: UUID?
        /// `web` or `cli`, for the import history.
        public var source: String
        public var now: Date

        public init(organizationID: UUID, mode: RosterImportMode, asOf: String, fileName: String, importedBy: UUID?, source: String, now: Date) {
            self.organizationID = organizationID
            self.mode = mode
            self.asOf = asOf
            self.fileName = fileName
            self.importedBy = importedBy
            self.source = source
            self.now = now
        }
    }

    public struct Outcome: Sendable {
        public let importID: UUID
        public let summary: RosterImportSummary
        public let bytes: Int
    }

    /// The file was refused as a whole; nothing was written. `rejections` holds the first
    /// rejected rows, so the message can show what to fix.
    public struct Refused: Error, Sendable, CustomStringConvertible {
        public let refusal: RosterRefusal
        public let rejections: [RosterRejection]
        public var description: String { refusal.description }
    }

    static let sampleSize = 100
    static let stagingColumns = [
        "member_id", "first_name", "last_name", "first_key", "last_key", "date_of_birth", "email",
        "postal_code", "relationship", "coverage_start", "coverage_end", "row_hash",
    ]
    static let recordColumns = [
        "organization_id", "member_id", "first_name", "last_name", "first_key", "last_key", "date_of_birth",
        "email", "postal_code", "relationship", "coverage_start", "coverage_end", "row_hash", "created_at",
        "updated_at",
    ]
    /// The coverage check's index, exactly as the schema (migration 6) creates it. While a first
    /// roster loads into an empty table it is dropped and then built once at the end, which is
    /// several times faster than growing it row by row; so is PostgreSQL's primary key (SQLite's
    /// is the table itself).
    static let lookupIndex = """
        CREATE INDEX eligibility_records_lookup ON eligibility_records (organization_id, last_key, date_of_birth, first_key, \
        coverage_start, coverage_end)
        """
    static let sqliteIndexBuildCacheKilobytes = 32_768
    static let primaryKey = "ALTER TABLE eligibility_records ADD CONSTRAINT eligibility_records_pkey PRIMARY KEY (organization_id, member_id)"

    /// Runs the import. `nextChunk` returns the file's next bytes, or nil at its end; an error
    /// it throws (a dropped upload, a failing disk) rolls the import back.
    /// `alsoInTransaction` runs just before commit, for the caller's audit record.
    public func run(
        _ request: Request,
        nextChunk: () async throws -> [UInt8]?,
        alsoInTransaction: (any SQLDatabase, Outcome) async throws -> Void = { _, _ in }
    ) async throws -> Outcome {
        try await database.bulkTransaction { db, loader in
            var run = RosterImportRun(request: request, limits: limits, kind: database.kind, db: db, loader: loader, batchSize: batchSize)
            run.onStep = onStep
            let outcome = try await run.perform(nextChunk: nextChunk)
            try await alsoInTransaction(db, outcome)
            return outcome
        }
    }
}

/// The state of one import while it runs.
struct RosterImportRun {
    let request: RosterImporter.Request
    let limits: RosterLimits
    let kind: DatabaseKind
    let db: any SQLDatabase
    let loader: any BulkRowLoader
    let batchSize: Int
    let importID = UUID()
    /// The same on every record of a first roster: formatted once, not a million times.
    let organizationValue: BulkValue
    let nowValue: BulkValue

    var summary = RosterImportSummary()
    var bytes = 0
    var parser = CSVStreamParser()
    var validator: RosterRowValidator?
    var sawHeader = false
    var batch: [[BulkValue]] = []
    /// Each member id read so far and the line it was first on: a repeat is rejected.
    var firstLines = MemberIDFirstLines()
    /// The organization has no records yet, so rows go straight into `eligibility_records`.
    var direct = false
    /// The table was empty, so its indexes are built after the load.
    var buildIndexesAfter = false
    var rejections: [[BulkValue]] = []
    var sample: [RosterRejection] = []
    var onStep: (@Sendable (String) -> Void)?
    /// The batch being written while the next is read and checked: the two cores each take one.
    var loading: Task<Void, any Error>?

    init(request: RosterImporter.Request, limits: RosterLimits, kind: DatabaseKind, db: any SQLDatabase, loader: any BulkRowLoader, batchSize: Int) {
        self.request = request
        self.limits = limits
        self.kind = kind
        self.db = db
        self.loader = loader
        self.batchSize = batchSize
        organizationValue = .text(request.organizationID.uuidString)
        nowValue = .integer(request.now.storedMilliseconds)
    }

    func refuse(_ refusal: RosterRefusal) -> RosterImporter.Refused {
        RosterImporter.Refused(refusal: refusal, rejections: sample)
    }

    mutating func perform(nextChunk: () async throws -> [UInt8]?) async throws -> RosterImporter.Outcome {
        do {
            return try await performSteps(nextChunk: nextChunk)
        } catch {
            // A load may still be running on the connection: let it finish before the rollback.
            _ = try? await loading?.value
            throw error
        }
    }

    mutating func performSteps(nextChunk: () async throws -> [UInt8]?) async throws -> RosterImporter.Outcome {
        try await prepare()
        var first = true
        while let chunk = try await nextChunk() {
            guard !chunk.isEmpty else { continue }
            bytes += chunk.count
            if bytes > limits.maxBytes { throw refuse(.tooLarge(limitBytes: limits.maxBytes)) }
            if first, let refusal = RosterRefusal.sniff(chunk) { throw refuse(refusal) }
            first = false
            let records: [CSVRecord]
            do throws(CSVFileProblem) { records = try parser.parse(chunk) } catch let problem { throw refuse(RosterRefusal(problem)) }
            try await take(records)
        }
        let last: [CSVRecord]
        do throws(CSVFileProblem) { last = try parser.finish() } catch let problem { throw refuse(RosterRefusal(problem)) }
        try await take(last)
        guard bytes > 0, sawHeader else { throw refuse(.empty) }
        guard summary.rowsRead > 0 else { throw refuse(.noRows) }
        try await flush(force: true)
        onStep?(direct ? "read and loaded" : "read and staged")
        if Double(summary.rejected) > limits.maxRejectedShare * Double(summary.rowsRead) {
            throw refuse(.tooManyRejected(rejected: summary.rejected, read: summary.rowsRead, limitShare: limits.maxRejectedShare))
        }
        let accepted = firstLines.count
        // Not needed once the file is read: give the memory back before the database sorts.
        firstLines = MemberIDFirstLines()
        if direct {
            // Nothing was on file, so every accepted row is new.
            summary.added = accepted
            if buildIndexesAfter { try await buildIndexes() }
        } else {
            try await merge()
            if kind == .sqlite { try await db.raw("DROP TABLE temp.roster_staging").run() }
        }
        try await record()
        onStep?("merged")
        return RosterImporter.Outcome(importID: importID, summary: summary, bytes: bytes)
    }

    mutating func prepare() async throws {
        let org = request.organizationID.uuidString
        if kind == .postgres {
            // One import per organization at a time: a second waits here for the first to finish.
            try await db.raw("SELECT id FROM organizations WHERE id = \(bind: org) FOR UPDATE").run()
        }
        direct = try await db.raw("SELECT 1 AS one FROM eligibility_records WHERE organization_id = \(bind: org) LIMIT 1").first() == nil
        if direct {
            buildIndexesAfter = try await db.raw("SELECT 1 AS one FROM eligibility_records LIMIT 1").first() == nil
            if buildIndexesAfter { try await dropIndexes() }
        } else {
            try await createStagingTable()
        }
        // The import's own row comes first so its rejected rows can refer to it; counts follow.
        try await db.raw(
            """
            INSERT INTO roster_imports (id, organization_id, mode, as_of, file_name, bytes, rows_read, added, updated, unchanged, ended,
                rejected, imported_by, source, imported_at)
            VALUES (\(bind: importID.uuidString), \(bind: org), \(bind: request.mode.rawValue),
                \(bind: request.asOf), \(bind: String(request.fileName.prefix(200))), 0, 0, 0, 0, 0, 0, 0,
                \(bind: request.importedBy?.uuidString), \(bind: request.source), \(bind: request.now.storedMilliseconds))
            """
        ).run()
    }

    /// Only while the table is empty: a PostgreSQL reader of the table waits for the import, and
    /// with no roster on file yet there is nobody it could have found.
    func dropIndexes() async throws {
        try await db.raw("DROP INDEX eligibility_records_lookup").run()
        if kind == .postgres { try await db.raw("ALTER TABLE eligibility_records DROP CONSTRAINT eligibility_records_pkey").run() }
    }

    func buildIndexes() async throws {
        if kind == .postgres {
            // Sorting a million keys in memory rather than in temporary files; for this transaction only.
            try await db.raw("SET LOCAL maintenance_work_mem = '256MB'").run()
            try await db.raw("\(unsafeRaw: RosterImporter.primaryKey)").run()
        }
        if kind == .sqlite {
            // SQLite's sorter takes as much memory again as the page cache: a smaller cache for
            // the sort keeps a million-row import under 300 MB, and is no slower.
            try await db.raw("PRAGMA cache_size = -\(unsafeRaw: String(RosterImporter.sqliteIndexBuildCacheKilobytes))").run()
        }
        try await db.raw("\(unsafeRaw: RosterImporter.lookupIndex)").run()
        onStep?("indexed")
    }

    func createStagingTable() async throws {
        let columns = """
            member_id TEXT NOT NULL, first_name TEXT NOT NULL, last_name TEXT NOT NULL,
            first_key TEXT NOT NULL, last_key TEXT NOT NULL, date_of_birth TEXT NOT NULL, email TEXT, postal_code TEXT,
            relationship TEXT NOT NULL, coverage_start TEXT NOT NULL, coverage_end TEXT, row_hash BIGINT NOT NULL
            """
        switch kind {
        case .sqlite:
            try await db.raw("DROP TABLE IF EXISTS temp.roster_staging").run()
            try await db.raw("CREATE TEMP TABLE roster_staging (\(unsafeRaw: columns))").run()
        case .postgres:
            try await db.raw("CREATE TEMP TABLE roster_staging (\(unsafeRaw: columns)) ON COMMIT DROP").run()
        }
    }

    mutating func take(_ records: [CSVRecord]) async throws {
        for record in records {
            guard let validator else {
                // The first record is the header row.
                do throws(RosterRefusal) { validator = RosterRowValidator(columns: try RosterColumns(header: record.fields)) } catch {
                    throw refuse(error)
                }
                sawHeader = true
                continue
            }
            summary.rowsRead += 1
            switch validator.validate(record) {
            case .success(let entry):
                if let firstLine = firstLines.recordOrFirstLine(entry.memberID, line: entry.line) {
                    reject(RosterRejection(line: entry.line, field: "member_id", reason: "is the same as on line \(firstLine)"))
                    continue
                }
                batch.append(direct ? recordRow(entry) : stagingRow(entry))
            case .failure(let rejection):
                reject(rejection)
            }
        }
        try await flush(force: false)
    }

    func stagingRow(_ entry: RosterEntry) -> [BulkValue] {
        [
            .text(entry.memberID), .text(entry.firstName), .text(entry.lastName),
            .text(entry.firstKey), .text(entry.lastKey), .text(entry.dateOfBirth), BulkValue(entry.email),
            BulkValue(entry.postalCode), .text(entry.relationship.rawValue), .text(entry.coverageStart),
            BulkValue(entry.coverageEnd), .integer(entry.fingerprint),
        ]
    }

    func recordRow(_ entry: RosterEntry) -> [BulkValue] {
        [
            organizationValue, .text(entry.memberID), .text(entry.firstName), .text(entry.lastName),
            .text(entry.firstKey), .text(entry.lastKey), .text(entry.dateOfBirth), BulkValue(entry.email),
            BulkValue(entry.postalCode), .text(entry.relationship.rawValue), .text(entry.coverageStart),
            BulkValue(entry.coverageEnd), .integer(entry.fingerprint), nowValue, nowValue,
        ]
    }

    mutating func reject(_ rejection: RosterRejection) {
        summary.rejected += 1
        if sample.count < RosterImporter.sampleSize { sample.append(rejection) }
        rejections.append([.text(importID.uuidString), .integer(Int64(rejection.line)), .text(rejection.field), .text(rejection.reason)])
    }

    /// Hands full batches to the loader, one load at a time; with `force`, also what is left,
    /// and waits until everything is written.
    mutating func flush(force: Bool) async throws {
        if batch.count >= batchSize || (force && !batch.isEmpty) {
            if direct {
                try await startLoad(table: "eligibility_records", columns: RosterImporter.recordColumns, rows: batch)
            } else {
                try await startLoad(table: "roster_staging", columns: RosterImporter.stagingColumns, rows: batch)
            }
            batch = []
            batch.reserveCapacity(batchSize)
        }
        if rejections.count >= batchSize || (force && !rejections.isEmpty) {
            try await startLoad(table: "roster_import_rejections", columns: ["import_id", "line", "field", "reason"], rows: rejections)
            rejections = []
        }
        if force {
            try await loading?.value
            loading = nil
        }
    }

    mutating func startLoad(table: String, columns: [String], rows: [[BulkValue]]) async throws {
        try await loading?.value
        let loader = self.loader
        loading = Task { try await loader.load(table: table, columns: columns, rows: rows) }
    }

    /// Adds and updates from the staging table, then (replace mode) ends whoever is missing.
    mutating func merge() async throws {
        let org = request.organizationID.uuidString
        try await db.raw("CREATE INDEX roster_staging_member ON roster_staging (member_id)").run()
        if kind == .postgres { try await db.raw("ANALYZE roster_staging").run() }
        let existingBefore =
            try await db.raw("SELECT COUNT(*) AS n FROM eligibility_records WHERE organization_id = \(bind: org)")
            .first()?.decode(column: "n", as: Int.self) ?? 0
        let counts = try await db.raw(
            """
            SELECT COUNT(*) AS valid,
                COALESCE(SUM(CASE WHEN r.member_id IS NULL THEN 1 ELSE 0 END), 0) AS added,
                COALESCE(SUM(CASE WHEN r.member_id IS NOT NULL AND r.row_hash <> s.row_hash THEN 1 ELSE 0 END), 0) AS updated
            FROM roster_staging s
            LEFT JOIN eligibility_records r ON r.organization_id = \(bind: org) AND r.member_id = s.member_id
            """
        ).first()
        let valid = try counts?.decode(column: "valid", as: Int.self) ?? 0
        summary.added = try counts?.decode(column: "added", as: Int.self) ?? 0
        summary.updated = try counts?.decode(column: "updated", as: Int.self) ?? 0
        summary.unchanged = valid - summary.added - summary.updated
        onStep?("counted")
        let now = request.now.storedMilliseconds
        if summary.added + summary.updated > 0 {
            try await db.raw(
                """
                INSERT INTO eligibility_records (organization_id, member_id, first_name, last_name, first_key, last_key, date_of_birth,
                    email, postal_code, relationship, coverage_start, coverage_end, row_hash, created_at, updated_at)
                SELECT \(bind: org), member_id, first_name, last_name, first_key, last_key, date_of_birth, email, postal_code,
                    relationship, coverage_start, coverage_end, row_hash, \(bind: now), \(bind: now)
                FROM roster_staging WHERE true
                ON CONFLICT (organization_id, member_id) DO UPDATE SET
                    first_name = excluded.first_name, last_name = excluded.last_name, first_key = excluded.first_key,
                    last_key = excluded.last_key, date_of_birth = excluded.date_of_birth, email = excluded.email,
                    postal_code = excluded.postal_code, relationship = excluded.relationship,
                    coverage_start = excluded.coverage_start, coverage_end = excluded.coverage_end,
                    row_hash = excluded.row_hash, updated_at = excluded.updated_at
                WHERE eligibility_records.row_hash <> excluded.row_hash
                """
            ).run()
        }
        onStep?("upserted")
        // Nobody can be missing from the file when everyone on file was in it.
        guard request.mode == .replace, existingBefore > valid - summary.added else { return }
        // A zero fingerprint matches no file row, so the person's next appearance reopens them.
        let end: SQLQueryString = """
            UPDATE eligibility_records SET coverage_end = \(bind: request.asOf), row_hash = 0, updated_at = \(bind: now)
            WHERE organization_id = \(bind: org) AND (coverage_end IS NULL OR coverage_end > \(bind: request.asOf))
            AND NOT EXISTS (SELECT 1 FROM roster_staging s WHERE s.member_id = eligibility_records.member_id)
            """
        switch kind {
        case .sqlite:
            try await db.raw(end).run()
            summary.ended = try await db.raw("SELECT changes() AS n").first()?.decode(column: "n", as: Int.self) ?? 0
        case .postgres:
            summary.ended =
                try await db.raw("WITH ended AS (\(end) RETURNING 1) SELECT COUNT(*) AS n FROM ended").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    func record() async throws {
        try await db.raw(
            """
            UPDATE roster_imports SET bytes = \(bind: bytes), rows_read = \(bind: summary.rowsRead), added = \(bind: summary.added),
                updated = \(bind: summary.updated), unchanged = \(bind: summary.unchanged), ended = \(bind: summary.ended),
                rejected = \(bind: summary.rejected)
            WHERE id = \(bind: importID.uuidString)
            """
        ).run()
    }
}
