import Foundation
import Hummingbird
import SuppleCore

/// The language someone not signed in picked from the links at the foot of every page, kept in
/// a cookie for a year; without one, the browser's `Accept-Language` decides.
enum BrowserLanguage {
    static let name = "supple_lang"

    static func language(of request: Request) -> Language {
        if let chosen = request.cookies[name]?.value, let language = Language(rawValue: chosen) { return language }
        return preferred(acceptLanguage: request.headers[.acceptLanguage])
    }

    static func chosen(_ language: Language, secure: Bool) -> Cookie {
        Cookie(name: name, value: language.tag, maxAge: 365 * 24 * 3600, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// The first supported language an `Accept-Language` header asks for (RFC 9110 §12.5.4),
    /// by quality then order; English when it names none of ours.
    static func preferred(acceptLanguage header: String?) -> Language {
        guard let header else { return .english }
        var best: (language: Language, quality: Double)?
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let range = pieces.first?.lowercased(), !range.isEmpty else { continue }
            let quality = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            guard quality > 0 else { continue }
            let primary = range.split(separator: "-").first.map(String.init) ?? range
            guard let language = Language(rawValue: primary) else { continue }
            // Ties go to the earlier range, as the header lists them in order of preference.
            if quality > best?.quality ?? 0 { best = (language, quality) }
        }
        return best?.language ?? .english
    }
}
