import Foundation
import SQLKit
import SuppleCore
import SuppleStore
import Testing

/// Roster imports on both engines: what each import changes, idempotent re-imports, endings in
/// replace mode, every refusal, and rollback when a file fails part-way.
@Suite struct RosterImportTests {
    static let header = "member_id,first_name,last_name,date_of_birth,email,postal_code,relationship,coverage_start,coverage_end\r\n"
    static let now = Date(timeIntervalSince1970: 1_794_970_800)
    static let lines = [
        "E1,Ana,Lopez,1980-01-02,,60601,employee,2026-01-01,",
        "E2,\"José\",\"O'Brien\",1975-05-06,jose@example.org,60602,spouse,2026-01-01,",
        "E3,Kim,Park,1990-07-08,,,dependent,2026-01-01,2026-12-31",
    ]

    static func file(_ rows: [String]) -> [UInt8] { Array((header + rows.joined(separator: "\r\n") + "\r\n").utf8) }

    static func organization(in db: any Database) async throws -> OrganizationRepository.Organization {
        let org = OrganizationRepository.Organization(slug: "acme", name: "Acme", kind: .employer, enrollmentMode: .roster, createdAt: now)
        try await db.transaction { sql in try await OrganizationRepository.insert(org, in: sql) }
        return org
    }

    /// Feeds `bytes` in chunks of `size`, then throws `failure` instead of ending, when given.
    static func chunks(_ bytes: [UInt8], size: Int = 7, failure: (any Error)? = nil) -> () async throws -> [UInt8]? {
        let source = ChunkSource(bytes: bytes, size: size, failure: failure)
        return { try source.next() }
    }

    final class ChunkSource: @unchecked Sendable {
        let bytes: [UInt8], size: Int, failure: (any Error)?
        var offset = 0
        init(bytes: [UInt8], size: Int, failure: (any Error)?) {
            self.bytes = bytes
            self.size = size
            self.failure = failure
        }
        func next() throws -> [UInt8]? {
            guard offset < bytes.count else {
                if let failure { throw failure }
                return nil
            }
            defer { offset += size }
            return Array(bytes[offset..<min(bytes.count, offset + size)])
        }
    }

    static func run(
        _ db: any Database,
        _ org: OrganizationRepository.Organization,
        _ bytes: [UInt8],
        mode: RosterImportMode = .update,
        asOf: String = "2026-11-18",
        limits: RosterLimits = RosterLimits(),
        batchSize: Int = 2
    ) async throws -> RosterImportSummary {
        var importer = RosterImporter(database: db, limits: limits)
        importer.batchSize = batchSize
        let request = RosterImporter.Request(
            organizationID: org.id,
            mode: mode,
            asOf: asOf,
            fileName: "roster.csv",
            importedBy: nil,
            source: "test",
            now: now
        )
        return try await importer.run(request, nextChunk: chunks(bytes)).summary
    }

    /// Everything on file, as text, to compare before and after.
    static func snapshot(_ db: any Database) async throws -> [String] {
        try await db.read { sql in
            try await sql.raw(
                """
                SELECT member_id, first_name, last_name, first_key, last_key, date_of_birth, email, postal_code, relationship,
                    coverage_start, coverage_end, row_hash, updated_at FROM eligibility_records ORDER BY member_id
                """
            ).all().map { row in
                try [
                    "member_id", "first_name", "last_name", "first_key", "last_key", "date_of_birth", "email", "postal_code", "relationship",
                    "coverage_start", "coverage_end",
                ].map { try row.decode(column: $0, as: String?.self) ?? "∅" }.joined(separator: "|")
                    + "|\(try row.decode(column: "row_hash", as: Int64.self))|\(try row.decode(column: "updated_at", as: Int64.self))"
            }
        }
    }

    static func importCount(_ db: any Database) async throws -> Int {
        try await db.read { sql in try await sql.raw("SELECT COUNT(*) AS n FROM roster_imports").first()!.decode(column: "n", as: Int.self) }
    }

    @Test("a first import adds everyone; the same file again changes nothing", arguments: TestDatabase.available)
    func idempotent(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let org = try await Self.organization(in: db)
            let first = try await Self.run(db, org, Self.file(Self.lines))
            #expect(first.rowsRead == 3)
            #expect(first.added == 3)
            #expect(first.rejected == 0)
            let before = try await Self.snapshot(db)
            let again = try await Self.run(db, org, Self.file(Self.lines), mode: .replace)
            #expect(again.added == 0)
            #expect(again.updated == 0)
            #expect(again.unchanged == 3)
            #expect(again.ended == 0)
            #expect(try await Self.snapshot(db) == before)
            #expect(before[1].contains("|jose|obrien|"))
        }
    }

    @Test("update mode changes and adds; replace mode also ends whoever is missing, once", arguments: TestDatabase.available)
    func replaceEnds(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let org = try await Self.organization(in: db)
            _ = try await Self.run(db, org, Self.file(Self.lines))
            let changed = ["E1,Ana,Lopez-Diaz,1980-01-02,,60601,employee,2026-01-01,", "E4,Lee,Chan,1985-03-04,,,employee,2026-02-01,"]
            let update = try await Self.run(db, org, Self.file(changed))
            #expect((update.added, update.updated, update.unchanged, update.ended) == (1, 1, 0, 0))
            let replace = try await Self.run(db, org, Self.file(changed), mode: .replace, asOf: "2026-11-30")
            #expect((replace.added, replace.updated, replace.unchanged, replace.ended) == (0, 0, 2, 2))
            let ended = try await db.read { sql in
                (
                    try await EligibilityRepository.find(organizationID: org.id, memberID: "E2", in: sql),
                    try await EligibilityRepository.find(organizationID: org.id, memberID: "E3", in: sql)
                )
            }
            #expect(ended.0?.coverageEnd == "2026-11-30")
            // E3's coverage already ended after the file's date: it ends on the file's date now.
            #expect(ended.1?.coverageEnd == "2026-11-30")
            let again = try await Self.run(db, org, Self.file(changed), mode: .replace, asOf: "2026-11-30")
            #expect(again.ended == 0)
            // Back on the roster: coverage reopens.
            let back = try await Self.run(db, org, Self.file(changed + [Self.lines[1]]), mode: .update)
            #expect(back.updated == 1)
            #expect(
                try await db.read { sql in try await EligibilityRepository.find(organizationID: org.id, memberID: "E2", in: sql) }?.coverageEnd == nil
            )
        }
    }

    @Test("rejected rows are reported by line and field; a repeated member id is rejected after its first line", arguments: TestDatabase.available)
    func rejections(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let org = try await Self.organization(in: db)
            let rows =
                (1...40).map { "M\($0),First,Last\($0),1980-01-01,,,employee,2026-01-01," }
                + ["M1,Again,Same,1980-01-01,,,employee,2026-01-01,", "M99,Bad,Date,1980-02-30,,,employee,2026-01-01,"]
            var importer = RosterImporter(database: db, limits: RosterLimits(maxRejectedShare: 0.1))
            importer.batchSize = 3
            let request = RosterImporter.Request(
                organizationID: org.id,
                mode: .update,
                asOf: "2026-11-18",
                fileName: "r.csv",
                importedBy: nil,
                source: "test",
                now: Self.now
            )
            let outcome = try await importer.run(request, nextChunk: Self.chunks(Self.file(rows)))
            #expect(outcome.summary.rowsRead == 42)
            #expect(outcome.summary.added == 40)
            #expect(outcome.summary.rejected == 2)
            let rejected = try await db.read { sql in try await RosterImportRepository.rejections(importID: outcome.importID, in: sql) }
            #expect(
                rejected == [
                    RosterRejection(line: 42, field: "member_id", reason: "is the same as on line 2"),
                    RosterRejection(line: 43, field: "date_of_birth", reason: "is not a date written YYYY-MM-DD"),
                ]
            )
        }
    }

    static let refusals: [(String, [UInt8], RosterLimits, @Sendable (RosterRefusal) -> Bool)] = [
        ("empty file", [], RosterLimits(), { $0 == .empty }),
        ("header only", Array(header.utf8), RosterLimits(), { $0 == .noRows }),
        (
            "missing column", Array("member_id,first_name,last_name,relationship,coverage_start\nE9,A,B,employee,2026-01-01\n".utf8), RosterLimits(),
            { $0 == .missingColumns(["date_of_birth"]) }
        ),
        (
            "misspelled column",
            Array("member_id,first_name,lastname,date_of_birth,relationship,coverage_start\nE9,A,B,1980-01-01,employee,2026-01-01\n".utf8),
            RosterLimits(), { if case .unknownColumn("lastname", _) = $0 { true } else { false } }
        ),
        (
            "spreadsheet", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00] + Array(repeating: 0x41, count: 100), RosterLimits(),
            { if case .notCSV = $0 { true } else { false } }
        ),
        ("binary", Array("member_id,first".utf8) + [0, 0, 0xFF, 0x10], RosterLimits(), { if case .notCSV = $0 { true } else { false } }),
        (
            "over the size limit", file(lines + lines.map { $0.replacingOccurrences(of: "E", with: "F") }), RosterLimits(maxBytes: 300),
            { $0 == .tooLarge(limitBytes: 300) }
        ),
        (
            "too many rejected", file(lines + ["E7,A,B,1980-01-01,,,boss,2026-01-01,"]), RosterLimits(),
            { if case .tooManyRejected(1, 4, _) = $0 { true } else { false } }
        ),
        ("not UTF-8", Array(header.utf8) + [0x45, 0x39, 0x2C, 0x4D, 0xFC, 0x2C, 0x0A], RosterLimits(), { $0 == .notUTF8(line: 2) }),
    ]

    @Test(
        "each refused file leaves the roster exactly as it was and records no import",
        arguments: TestDatabase.available.flatMap { kind in refusals.indices.map { (kind, $0) } }
    )
    func refused(_ example: (TestDatabase, Int)) async throws {
        let (name, bytes, limits, matches) = Self.refusals[example.1]
        try await example.0.with { db in
            let org = try await Self.organization(in: db)
            _ = try await Self.run(db, org, Self.file(Self.lines))
            let before = try await Self.snapshot(db)
            do {
                _ = try await Self.run(db, org, bytes, mode: .replace, limits: limits)
                Issue.record("\(name): accepted")
            } catch let refused as RosterImporter.Refused {
                #expect(matches(refused.refusal), "\(name): \(refused.refusal)")
                #expect(!refused.description.isEmpty)
            }
            #expect(try await Self.snapshot(db) == before, "\(name)")
            #expect(try await Self.importCount(db) == 1, "\(name)")
        }
    }

    struct ConnectionDropped: Error {}
    struct FailedAtTheEnd: Error {}

    @Test(
        "a file that fails part-way, or an import that fails after the merge, leaves the previous roster as it was",
        arguments: TestDatabase.available
    )
    func rollback(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let org = try await Self.organization(in: db)
            _ = try await Self.run(db, org, Self.file(Self.lines))
            let before = try await Self.snapshot(db)
            let bigger = Self.file((1...50).map { "N\($0),New,Person,1980-01-01,,,employee,2026-01-01," })
            var importer = RosterImporter(database: db, limits: RosterLimits())
            importer.batchSize = 5
            let request = RosterImporter.Request(
                organizationID: org.id,
                mode: .replace,
                asOf: "2026-11-18",
                fileName: "r.csv",
                importedBy: nil,
                source: "test",
                now: Self.now
            )
            // The upload drops after the whole file has streamed and rows have been staged.
            await #expect(throws: ConnectionDropped.self) {
                _ = try await importer.run(request, nextChunk: Self.chunks(bigger, size: 100, failure: ConnectionDropped()))
            }
            #expect(try await Self.snapshot(db) == before)
            // The merge has written everything and then the last step fails.
            await #expect(throws: FailedAtTheEnd.self) {
                _ = try await importer.run(request, nextChunk: Self.chunks(bigger)) { sql, outcome in
                    #expect(outcome.summary.added == 50)
                    #expect(outcome.summary.ended == 3)
                    throw FailedAtTheEnd()
                }
            }
            #expect(try await Self.snapshot(db) == before)
            #expect(try await Self.importCount(db) == 1)
        }
    }

    /// The indexes on `eligibility_records` as the database describes them.
    static func indexes(_ db: any Database, _ kind: TestDatabase) async throws -> [String] {
        try await db.read { sql in
            switch kind {
            case .sqlite:
                try await sql.raw("SELECT name, sql FROM sqlite_master WHERE tbl_name = 'eligibility_records' AND type = 'index' ORDER BY name").all()
                    .map { "\(try $0.decode(column: "name", as: String.self)): \(try $0.decode(column: "sql", as: String?.self) ?? "primary key")" }
            case .postgres:
                try await sql.raw(
                    """
                    SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'eligibility_records' ORDER BY indexname
                    """
                ).all().map { "\(try $0.decode(column: "indexname", as: String.self)): \(try $0.decode(column: "indexdef", as: String.self))" }
            }
        }
    }

    @Test(
        "a first roster into an empty table builds its indexes at the end: a failure leaves them as they were, and success leaves them as the schema has them",
        arguments: TestDatabase.available
    )
    func firstRosterIndexes(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let org = try await Self.organization(in: db)
            let schemaIndexes = try await Self.indexes(db, kind)
            #expect(schemaIndexes.contains { $0.hasPrefix("eligibility_records_lookup: CREATE INDEX") })
            var importer = RosterImporter(database: db, limits: RosterLimits())
            importer.batchSize = 2
            let request = RosterImporter.Request(
                organizationID: org.id,
                mode: .replace,
                asOf: "2026-11-18",
                fileName: "r.csv",
                importedBy: nil,
                source: "test",
                now: Self.now
            )
            await #expect(throws: ConnectionDropped.self) {
                _ = try await importer.run(request, nextChunk: Self.chunks(Self.file(Self.lines), failure: ConnectionDropped()))
            }
            await #expect(throws: FailedAtTheEnd.self) {
                _ = try await importer.run(request, nextChunk: Self.chunks(Self.file(Self.lines))) { _, _ in throw FailedAtTheEnd() }
            }
            #expect(try await Self.snapshot(db).isEmpty)
            #expect(try await Self.importCount(db) == 0)
            #expect(try await Self.indexes(db, kind) == schemaIndexes)

            #expect(try await Self.run(db, org, Self.file(Self.lines)).added == 3)
            #expect(try await Self.indexes(db, kind) == schemaIndexes)
            // A second organization's first roster goes in beside the first, indexes in place.
            let other = OrganizationRepository.Organization(
                slug: "globex",
                name: "Globex",
                kind: .healthPlan,
                enrollmentMode: .roster,
                createdAt: Self.now
            )
            try await db.transaction { sql in try await OrganizationRepository.insert(other, in: sql) }
            let added = try await Self.run(db, other, Self.file(Self.lines.map { $0.replacingOccurrences(of: "E", with: "G") } + [Self.lines[0]]))
            #expect(added.added == 4)
            #expect(try await Self.snapshot(db).count == 7)
            #expect(try await Self.indexes(db, kind) == schemaIndexes)
            let question = try CoverageQuestion(organization: "globex", firstName: "ana", lastName: "lopez", dateOfBirth: "1980-01-02", memberID: nil)
            let found = try await db.read { sql in try await EligibilityRepository.matches(organizationID: other.id, question: question, in: sql) }
            #expect(found.map(\.memberID).sorted() == ["E1", "G1"])
        }
    }

    @Test("a coverage question finds the person whatever the case, accents and punctuation of the name", arguments: TestDatabase.available)
    func coverageLookup(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let org = try await Self.organization(in: db)
            _ = try await Self.run(db, org, Self.file(Self.lines))
            func ask(_ first: String, _ last: String, _ born: String, _ id: String? = nil) async throws -> [EligibilityRepository.Coverage] {
                let question = try CoverageQuestion(organization: "acme", firstName: first, lastName: last, dateOfBirth: born, memberID: id)
                return try await db.read { sql in try await EligibilityRepository.matches(organizationID: org.id, question: question, in: sql) }
            }
            #expect(try await ask("jose", "O BRIEN", "1975-05-06").map(\.memberID) == ["E2"])
            #expect(try await ask("José", "o’brien", "1975-05-06", "E2").map(\.memberID) == ["E2"])
            #expect(try await ask("José", "OBrien", "1975-05-06", "e2").isEmpty)
            #expect(try await ask("José", "OBrien", "1975-05-07").isEmpty)
        }
    }
}
