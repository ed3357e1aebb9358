import SuppleCore
import Testing

@testable import SuppleServer

@Suite struct LanguageTests {
    @Test(
        "Accept-Language picks our best-rated language, by quality then order, and English otherwise",
        arguments: [
            ("es-MX,es;q=0.9,en;q=0.8", Language.spanish),
            ("en-US,en;q=0.9,es;q=0.8", .english),
            ("fr-FR, es;q=0.5", .spanish),
            ("en;q=0.2, es;q=0.7", .spanish),
            ("es;q=0, en", .english),
            ("de, fr", .english),
            ("", .english),
            ("*", .english),
        ]
    )
    func acceptLanguage(header: String, expected: Language) {
        #expect(BrowserLanguage.preferred(acceptLanguage: header) == expected)
    }
}
