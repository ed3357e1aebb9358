/// The languages Supple speaks to members in. English is the source text of everything; every
/// other language is a translation of it, checked to be complete (care-team pages stay English).
public enum Language: String, Sendable, Codable, CaseIterable {
    case english = "en"
    case spanish = "es"

    /// The BCP 47 tag a page's `lang` attribute carries.
    public var tag: String { rawValue }

    /// The language's own name, as a member looking for it would read it.
    public var ownName: String {
        switch self {
        case .english: "English"
        case .spanish: "Español"
        }
    }

    /// The languages content files must be translated into.
    public static let translations: [Language] = [.spanish]
}
