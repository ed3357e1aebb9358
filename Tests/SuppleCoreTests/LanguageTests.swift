import SuppleCore
import Testing

@Suite struct LanguageTests {
    @Test("Accept-Language picks our best-rated language, by quality then order, and English otherwise", arguments: [
        ("es-MX,es;q=0.9,en;q=0.8", Language.spanish),
        ("en-US,en;q=0.9,es;q=0.8", .english),
        ("fr-FR, es;q=0.5", .spanish),
        ("en;q=0.2, es;q=0.7", .spanish),
        ("es;q=0, en", .english),
        ("de, fr", .english),
        ("", .english),
        ("*", .english),
    ])
    func acceptLanguage(header: String, expected: Language) {
        #expect(Language.preferred(acceptLanguage: header) == expected)
    }

    @Test("a Spanish dose reads as it is played: holds, sides, ranges and minutes")
    func spanishDose() {
        #expect(Dose(sets: 1, reps: 5, holdSeconds: 10, perSide: true).text(in: .spanish) == "5 repeticiones, manteniendo cada una 10 segundos de cada lado")
        #expect(Dose(sets: 3, holdSeconds: 20, holdSecondsMax: 30).text(in: .spanish) == "Mantener 20–30 segundos, 3 veces")
        #expect(Dose(sets: 2, reps: 10).text(in: .spanish) == "2 series de 10 repeticiones")
        #expect(Dose(sets: 1, minutes: 1).text(in: .spanish) == "1 minuto")
        #expect(Dose(sets: 2, reps: 10).text(in: .english) == Dose(sets: 2, reps: 10).description)
    }
}
