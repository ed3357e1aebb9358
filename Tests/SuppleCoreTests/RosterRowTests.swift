import SuppleCore
import Testing

@Suite struct RosterRowTests {
    static let header = [
        "member_id", "first_name", "last_name", "date_of_birth", "email", "postal_code", "relationship", "coverage_start", "coverage_end",
    ]

    @Test("columns are found by name in any order, whatever their case")
    func anyOrder() throws {
        let columns = try RosterColumns(header: ["Last_Name", "member_id", "first_name", "relationship", "date_of_birth", "coverage_start"])
        #expect(columns.positions["last_name"] == 0)
        #expect(columns.count == 6)
    }

    @Test("a missing required column refuses the file and names it")
    func missing() {
        #expect(throws: RosterRefusal.missingColumns(["date_of_birth"])) {
            try RosterColumns(header: ["member_id", "first_name", "last_name", "relationship", "coverage_start"])
        }
    }

    @Test("a misspelled column is named, with the column it probably meant")
    func misspelled() throws {
        do {
            _ = try RosterColumns(header: ["member_id", "first_name", "last_name", "date_of_brith", "relationship", "coverage_start"])
            Issue.record("expected a refusal")
        } catch {
            #expect(error == .unknownColumn(name: "date_of_brith", hint: " Did you mean \"date_of_birth\"?"))
            #expect(error.description.contains("date_of_brith"))
            #expect(error.description.contains("Did you mean \"date_of_birth\"?"))
        }
    }

    @Test("a column named twice refuses the file")
    func twice() {
        #expect(throws: RosterRefusal.duplicateColumn(name: "member_id")) {
            try RosterColumns(header: ["member_id", "member_id", "first_name", "last_name", "date_of_birth", "relationship", "coverage_start"])
        }
    }

    static func validate(_ fields: [String]) throws -> Result<RosterEntry, RosterRejection> {
        RosterRowValidator(columns: try RosterColumns(header: header)).validate(CSVRecord(fields: fields, line: 7, problem: nil))
    }

    @Test("a good row becomes an entry with name keys")
    func good() throws {
        let entry = try Self.validate(["E1", " José ", "O'Brien-Smith", "1980-02-29", "Jose@Example.com", "", "Employee", "2026-01-01", ""]).get()
        #expect(entry.firstKey == "jose")
        #expect(entry.lastKey == "obriensmith")
        #expect(entry.firstName == "José")
        #expect(entry.email == "jose@example.com")
        #expect(entry.postalCode == nil)
        #expect(entry.coverageEnd == nil)
        #expect(entry.relationship == .employee)
    }

    @Test(
        "each bad field is rejected with its line, its field and a reason that doesn't repeat the value",
        arguments: [
            (["", "A", "B", "1980-01-01", "", "", "employee", "2026-01-01", ""], "member_id"),
            (["E", "", "B", "1980-01-01", "", "", "employee", "2026-01-01", ""], "first_name"),
            (["E", "A", "-", "1980-01-01", "", "", "employee", "2026-01-01", ""], "last_name"),
            (["E", "A", "B", "1981-02-29", "", "", "employee", "2026-01-01", ""], "date_of_birth"),
            (["E", "A", "B", "01/02/1980", "", "", "employee", "2026-01-01", ""], "date_of_birth"),
            (["E", "A", "B", "1980-01-01", "not-an-email", "", "employee", "2026-01-01", ""], "email"),
            (["E", "A", "B", "1980-01-01", "", "", "partner", "2026-01-01", ""], "relationship"),
            (["E", "A", "B", "1980-01-01", "", "", "employee", "2026-13-01", ""], "coverage_start"),
            (["E", "A", "B", "1980-01-01", "", "", "employee", "2026-06-01", "2026-05-31"], "coverage_end"),
            (["E", "A", "B", "1980-01-01", "", "", "employee", "2026-01-01"], "row"),
        ]
    )
    func rejected(_ example: ([String], String)) throws {
        guard case .failure(let rejection) = try Self.validate(example.0) else {
            Issue.record("accepted")
            return
        }
        #expect(rejection.line == 7)
        #expect(rejection.field == example.1)
        for value in example.0 where value.count > 2 { #expect(!rejection.reason.contains(value)) }
    }

    @Test(
        "an email is kept in lower case when it has one @, a local part and a dotted domain",
        arguments: [
            ("Ana.Lopez@Example.ORG", "ana.lopez@example.org"),
            ("a@b.co", "a@b.co"),
            ("x@mail.example-corp.com", "x@mail.example-corp.com"),
            ("Zoë@Example.org", "zoë@example.org"),
        ]
    )
    func goodEmail(_ example: (String, String)) throws {
        #expect(try Self.validate(["E", "A", "B", "1980-01-01", example.0, "", "employee", "2026-01-01", ""]).get().email == example.1)
    }

    @Test(
        "an email that isn't an address is rejected",
        arguments: [
            "@example.org", "ana@", "ana@example", "ana@example.c", "ana@@example.org", "ana@ex@ample.org", "ana lopez@example.org",
            "ana@-example.org", "ana@example-.org", "ana@example..org", "ana@.example.org", "ana@example.org.", "ana@example.-org",
            "<ana@example.org>", String(repeating: "a", count: 65) + "@example.org",
        ]
    )
    func badEmail(_ address: String) throws {
        guard case .failure(let rejection) = try Self.validate(["E", "A", "B", "1980-01-01", address, "", "employee", "2026-01-01", ""]) else {
            Issue.record("accepted \(address)")
            return
        }
        #expect(rejection.field == "email")
    }

    @Test("a repeated member id is found with the line it first appeared on, among a hundred thousand")
    func firstLines() {
        var seen = MemberIDFirstLines()
        for number in 0..<100_000 { #expect(seen.recordOrFirstLine("M\(number)", line: number + 2) == nil) }
        #expect(seen.count == 100_000)
        #expect(seen.recordOrFirstLine("M0", line: 200_000) == 2)
        #expect(seen.recordOrFirstLine("M99999", line: 200_001) == 100_001)
        // Nothing is recorded for a repeat, and ids differing only in case or length are different people.
        #expect(seen.recordOrFirstLine("M99999", line: 200_002) == 100_001)
        #expect(seen.recordOrFirstLine("m0", line: 200_003) == nil)
        #expect(seen.recordOrFirstLine("M00", line: 200_004) == nil)
        #expect(seen.recordOrFirstLine("Jörg-7", line: 200_005) == nil)
        #expect(seen.recordOrFirstLine("Jörg-7", line: 200_006) == 200_005)
        #expect(seen.count == 100_003)
    }

    @Test("files that aren't CSV are recognized by their first bytes")
    func sniff() {
        #expect(RosterRefusal.sniff([0x50, 0x4B, 0x03, 0x04, 0x14]) == .notCSV(kind: "a spreadsheet or a zip archive"))
        #expect(RosterRefusal.sniff([0xD0, 0xCF, 0x11, 0xE0]) == .notCSV(kind: "an old-style Excel workbook"))
        #expect(RosterRefusal.sniff(Array("member_id,first_name\n".utf8)) == nil)
    }
}
