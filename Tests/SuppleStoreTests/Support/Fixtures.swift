import Foundation
import SuppleCore
import SuppleStore

enum Fixtures {
    static let start = Date(timeIntervalSince1970: 1_795_000_000)

    static func member(_ email: String = "riley@example.org", at instant: Date = start) -> AccountRecord {
        AccountRecord(
            email: EmailAddress(trusted: email),
            name: PersonName(trusted: "Riley Test"),
            role: .member,
            passwordHash: "not-a-real-hash",
            timeZone: MemberTimeZone(trusted: "America/Chicago"),
            dateOfBirth: CalendarDate(iso8601: "1980-04-23"),
            consentedAt: instant,
            createdAt: instant
        )
    }
}
