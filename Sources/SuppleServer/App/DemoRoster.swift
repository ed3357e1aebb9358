import Foundation
import SuppleCore
import SuppleStore

/// The demo employer's eligibility file: the demo members, Pat Example (on the roster, not yet
/// joined: check coverage as Pat Example, born 1984-05-17), Jamie Former (coverage ended), and
/// colleagues enough for a roster that looks like one.
enum DemoRoster {
    static let members: [(id: String, first: String, last: String, born: String, email: String?)] = [
        ("LMD-0001", "Riley", "Demo", "1979-03-14", "riley@example.org"),
        ("LMD-0002", "Casey", "Demo", "1988-11-02", "casey@example.org"),
        ("LMD-0003", "Morgan", "Demo", "1965-06-27", "morgan@example.org"),
        ("LMD-0004", "Drew", "Demo", "1991-08-09", "drew@example.org"),
    ]

    static var csv: String {
        var lines = ["member_id,first_name,last_name,date_of_birth,email,postal_code,relationship,coverage_start,coverage_end"]
        for member in members {
            lines.append("\(member.id),\(member.first),\(member.last),\(member.born),\(member.email ?? ""),60601,employee,2026-01-01,")
        }
        lines.append("LMD-0005,Pat,Example,1984-05-17,,60601,employee,2026-01-01,")
        lines.append("LMD-0006,Jamie,Former,1975-02-11,,60614,employee,2025-01-01,2026-06-30")
        lines.append("LMD-0007,\"María José\",\"O'Connor-Núñez\",1990-12-01,,60622,spouse,2026-01-01,")
        let first = ["Alex", "Sam", "Jordan", "Taylor", "Quinn", "Avery", "Parker", "Rowan", "Skyler", "Emerson"]
        let last = ["Lake", "Shore", "Harbor", "Pine", "Maple", "Birch", "Cedar"]
        for index in 0..<33 {
            let born = String(format: "19%02d-%02d-%02d", 60 + index, 1 + index % 12, 1 + index % 28)
            lines.append(
                "LMD-\(String(format: "%04d", 100 + index)),\(first[index % first.count]),\(last[index % last.count]),\(born),,6060\(index % 10),\(index % 5 == 0 ? "dependent" : "employee"),2026-01-01,"
            )
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Imports the roster once and links the demo members to their records.
    static func load(into database: any Database, clock: any WallClock) async throws -> Bool {
        guard let organization = try await database.read({ db in try await OrganizationRepository.find(slug: DemoData.organizationSlug, in: db) }),
            try await database.read({ db in try await EligibilityRepository.rosterCounts(organizationID: organization.id, on: "2026-01-01", in: db) })
                .total == 0
        else { return false }
        var remaining: [UInt8]? = Array(csv.utf8)
        let service = EligibilityService(database: database, clock: clock, limits: RosterLimits())
        _ = try await service.importRoster(
            organization: organization,
            mode: .replace,
            asOf: CalendarDate(clock.now(), in: TimeZone(identifier: "UTC")!).description,
            fileName: "lakeside-demo-roster.csv",
            by: nil,
            source: "demo",
            clientAddress: "demo data"
        ) {
            defer { remaining = nil }
            return remaining
        }
        try await database.transaction { db in
            for member in members {
                guard let account = try await AccountRepository.find(email: EmailAddress(trusted: member.email!), in: db) else { continue }
                try await EligibilityRepository.link(accountID: account.id, to: .init(organizationID: organization.id, memberID: member.id), in: db)
            }
        }
        return true
    }
}
