import Hummingbird
import SuppleCore

/// The language someone not signed in picked from the links at the foot of every page, kept in
/// a cookie for a year; without one, the browser's `Accept-Language` decides.
enum LanguageCookie {
    static let name = "supple_lang"

    static func language(of request: Request) -> Language {
        if let chosen = request.cookies[name]?.value, let language = Language(rawValue: chosen) { return language }
        return Language.preferred(acceptLanguage: request.headers[.acceptLanguage])
    }

    static func chosen(_ language: Language, secure: Bool) -> Cookie {
        Cookie(name: name, value: language.tag, maxAge: 365 * 24 * 3600, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}
