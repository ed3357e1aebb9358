/// What an admin types to create a sponsor organization, checked field by field.
public struct OrganizationDraft: Sendable, Equatable {
    public let slug: String
    public let name: String
    public let kind: String
    public let enrollmentMode: String

    public init(slug: String?, name: String?, kind: String?, enrollmentMode: String?, kinds: [String], modes: [String]) throws(ValidationFailure) {
        var errors = FieldErrorCollector()
        let slug = (slug ?? "").trimmingSpaces.lowercased()
        let allowed = slug.utf8.allSatisfy {
            ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "-")
        }
        if slug.isEmpty {
            errors.add("slug", "Enter a short code for the organization, like acme-corp.")
        } else if !allowed || slug.hasPrefix("-") || slug.hasSuffix("-") || slug.count < 3 || slug.count > 40 {
            errors.add("slug", "Use 3–40 lowercase letters, digits and hyphens, like acme-corp. People may type it to check their coverage.")
        }
        let name = (name ?? "").trimmingSpaces
        if name.isEmpty {
            errors.add("name", "Enter the name people know the organization by.")
        } else if name.count > 100 {
            errors.add("name", "Names are at most 100 characters.")
        } else if name.contains("<") || name.contains(">") {
            errors.add("name", "The name can't contain < or >.")
        }
        if !kinds.contains(kind ?? "") { errors.add("kind", "Choose employer, health plan or clinic.") }
        if !modes.contains(enrollmentMode ?? "") { errors.add("enrollmentMode", "Choose roster or open enrollment.") }
        try errors.throwIfAny()
        self.slug = slug
        self.name = name
        self.kind = kind!
        self.enrollmentMode = enrollmentMode!
    }
}
