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

    /// The first supported language an `Accept-Language` header asks for (RFC 9110 §12.5.4),
    /// by quality then order; English when it names none of ours.
    public static func preferred(acceptLanguage header: String?) -> Language {
        guard let header else { return .english }
        var best: (Language, Double, Int)?
        for (index, part) in header.split(separator: ",").enumerated() {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let range = pieces.first?.lowercased(), !range.isEmpty else { continue }
            let quality = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            guard quality > 0 else { continue }
            let primary = range.split(separator: "-").first.map(String.init) ?? range
            guard let language = Language(rawValue: primary) else { continue }
            if best == nil || quality > best!.1 || (quality == best!.1 && index < best!.2) { best = (language, quality, index) }
        }
        return best?.0 ?? .english
    }
}
