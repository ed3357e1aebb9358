/// One person on a sponsor's eligibility file, checked.
public struct RosterEntry: Sendable, Equatable {
    public enum Relationship: String, Sendable, CaseIterable { case employee, spouse, dependent }

    public var line: Int
    public var memberID: String
    public var firstName: String
    public var lastName: String
    public var firstKey: String
    public var lastKey: String
    public var dateOfBirth: String
    public var email: String?
    public var postalCode: String?
    public var relationship: Relationship
    public var coverageStart: String
    public var coverageEnd: String?

    /// A 64-bit fingerprint of everything the file says about the person: an unchanged row has
    /// the same fingerprint, so re-importing a file finds nothing to update.
    public var fingerprint: Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ part: String) {
            for byte in part.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            hash ^= 0x1f
            hash = hash &* 0x100_0000_01b3
        }
        add(memberID)
        add(firstName)
        add(lastName)
        add(dateOfBirth)
        add(email ?? "")
        add(postalCode ?? "")
        add(relationship.rawValue)
        add(coverageStart)
        add(coverageEnd ?? "")
        // Zero marks a record ended by a replace-mode import, so never produce it.
        return hash == 0 ? 1 : Int64(bitPattern: hash)
    }
}

/// A row of a roster file that was not imported, and why. Reasons never repeat the value, so a
/// report can be shared without copying personal data around.
public struct RosterRejection: Error, Sendable, Equatable {
    public let line: Int
    public let field: String
    public let reason: String

    public init(line: Int, field: String, reason: String) {
        self.line = line
        self.field = field
        self.reason = reason
    }
}

/// Turns one CSV record into a roster entry, or says which field is wrong.
public struct RosterRowValidator: Sendable {
    public let columns: RosterColumns
    let memberID: Int, firstName: Int, lastName: Int, dateOfBirth: Int, relationship: Int, coverageStart: Int
    let email: Int?, postalCode: Int?, coverageEnd: Int?

    public static let maxMemberIDLength = 64
    public static let maxNameLength = 100

    public init(columns: RosterColumns) {
        self.columns = columns
        let p = columns.positions
        memberID = p["member_id"]!
        firstName = p["first_name"]!
        lastName = p["last_name"]!
        dateOfBirth = p["date_of_birth"]!
        relationship = p["relationship"]!
        coverageStart = p["coverage_start"]!
        email = p["email"]
        postalCode = p["postal_code"]
        coverageEnd = p["coverage_end"]
    }

    /// The same simple check as `EmailAddress`, in one pass over the bytes: one @, a local part
    /// of 1–64, a dotted domain with a final label of 2 or more, nothing a header or markup
    /// would need. Returns the address in lower case.
    static func email(_ text: String) -> String? {
        var text = text
        var ascii = true
        let lowered: String?? = text.withUTF8 { bytes -> String?? in
            guard bytes.count <= EmailAddress.maxLength else { return .some(nil) }
            var at = -1
            var labels = 0
            var labelStart = 0
            var previous: UInt8 = 0
            for (index, byte) in bytes.enumerated() {
                if byte >= 0x80 { ascii = false }
                if isForbiddenInEmail(byte) { return .some(nil) }
                if byte == UInt8(ascii: "@") {
                    guard at < 0 else { return .some(nil) }
                    at = index
                    labelStart = index + 1
                    continue
                }
                guard at >= 0 else { continue }
                if byte == UInt8(ascii: ".") {
                    // A domain label ends: not empty, no hyphen at either end.
                    guard index > labelStart, bytes[labelStart] != UInt8(ascii: "-"), previous != UInt8(ascii: "-") else { return .some(nil) }
                    labels += 1
                    labelStart = index + 1
                }
                previous = byte
            }
            let last = bytes.count - labelStart
            guard at >= 1, at <= 64, bytes.count - at - 1 >= 3, labels >= 1, last >= 2,
                bytes[labelStart] != UInt8(ascii: "-"), previous != UInt8(ascii: "-")
            else { return .some(nil) }
            guard ascii else { return .none }
            return .some(String(decoding: bytes.lazy.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self))
        }
        // Outside the ASCII range, lower-casing needs Unicode's rules.
        return lowered ?? text.lowercased()
    }

    static func isForbiddenInEmail(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "\\"), UInt8(ascii: "\""),
            UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
            return true
        default:
            return false
        }
    }

    public func validate(_ record: CSVRecord) -> Result<RosterEntry, RosterRejection> {
        func reject(_ field: String, _ reason: String) -> Result<RosterEntry, RosterRejection> {
            .failure(RosterRejection(line: record.line, field: field, reason: reason))
        }
        if let problem = record.problem { return reject("row", problem) }
        let f = record.fields
        guard f.count == columns.count else {
            return reject("row", "has \(f.count) field\(f.count == 1 ? "" : "s"); the header has \(columns.count)")
        }
        let id = f[memberID].trimmingSpaces
        guard !id.isEmpty else { return reject("member_id", "is empty") }
        guard id.utf8.count <= Self.maxMemberIDLength else { return reject("member_id", "is longer than \(Self.maxMemberIDLength) characters") }
        let first = f[firstName].trimmingSpaces
        let last = f[lastName].trimmingSpaces
        guard !first.isEmpty else { return reject("first_name", "is empty") }
        guard first.utf8.count <= Self.maxNameLength || first.count <= Self.maxNameLength else {
            return reject("first_name", "is longer than \(Self.maxNameLength) characters")
        }
        guard !last.isEmpty else { return reject("last_name", "is empty") }
        guard last.utf8.count <= Self.maxNameLength || last.count <= Self.maxNameLength else {
            return reject("last_name", "is longer than \(Self.maxNameLength) characters")
        }
        let firstKey = NameKey.make(first)
        let lastKey = NameKey.make(last)
        guard !firstKey.isEmpty else { return reject("first_name", "has no letters") }
        guard !lastKey.isEmpty else { return reject("last_name", "has no letters") }
        guard let birth = RosterDate.validated(f[dateOfBirth].trimmingSpaces) else {
            return reject("date_of_birth", "is not a date written YYYY-MM-DD")
        }
        guard birth >= "1900-01-01" else { return reject("date_of_birth", "is before 1900") }
        let relationText = f[relationship].trimmingSpaces
        guard let relation = RosterEntry.Relationship(rawValue: relationText) ?? RosterEntry.Relationship(rawValue: relationText.lowercased()) else {
            return reject("relationship", "must be employee, spouse or dependent")
        }
        guard let start = RosterDate.validated(f[coverageStart].trimmingSpaces) else {
            return reject("coverage_start", "is not a date written YYYY-MM-DD")
        }
        var end: String?
        if let coverageEnd, !f[coverageEnd].trimmingSpaces.isEmpty {
            guard let value = RosterDate.validated(f[coverageEnd].trimmingSpaces) else {
                return reject("coverage_end", "is not a date written YYYY-MM-DD")
            }
            guard value >= start else { return reject("coverage_end", "is before coverage_start") }
            end = value
        }
        var mail: String?
        if let email, !f[email].trimmingSpaces.isEmpty {
            guard let address = Self.email(f[email].trimmingSpaces) else { return reject("email", "is not an email address") }
            mail = address
        }
        var postal: String?
        if let postalCode, !f[postalCode].trimmingSpaces.isEmpty {
            let value = f[postalCode].trimmingSpaces
            guard value.utf8.count <= 16 || value.count <= 16 else { return reject("postal_code", "is longer than 16 characters") }
            postal = value
        }
        return .success(
            RosterEntry(
                line: record.line,
                memberID: id,
                firstName: first,
                lastName: last,
                firstKey: firstKey,
                lastKey: lastKey,
                dateOfBirth: birth,
                email: mail,
                postalCode: postal,
                relationship: relation,
                coverageStart: start,
                coverageEnd: end
            )
        )
    }
}
