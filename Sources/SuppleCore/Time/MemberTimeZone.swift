import Foundation

/// An IANA time zone name ("Europe/Lisbon") that this system knows, so "today" can be computed
/// where the member lives.
public struct MemberTimeZone: Hashable, Sendable, CustomStringConvertible {
    public let identifier: String

    public init(validating raw: String?, field: String = "timeZone") throws(FieldError) {
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else {
            throw FieldError(field: field, message: "Choose your time zone.")
        }
        guard text.count <= 64, Self.selectable.contains(text) else {
            throw FieldError(field: field, message: "Choose a time zone from the list, such as America/Chicago.")
        }
        self.identifier = text
    }

    /// Every zone a person can choose: the system's IANA list plus plain "UTC", which Linux
    /// Foundation can use but leaves out of that list.
    public static let selectableIdentifiers: [String] = Array(Set(TimeZone.knownTimeZoneIdentifiers + ["UTC"])).sorted()
    static let selectable = Set(selectableIdentifiers)

    public init(trusted identifier: String) { self.identifier = identifier }

    public var timeZone: TimeZone { TimeZone(identifier: identifier) ?? TimeZone(identifier: "UTC")! }
    public var description: String { identifier }
}
