import SuppleCore
import Testing

@Suite struct NameKeyTests {
    @Test(
        "names match whatever their case, accents, spaces, hyphens and apostrophes",
        arguments: [
            ("José", "jose"), ("JOSE", "José"), ("O'Brien", "obrien"), ("O’Brien", "O Brien"), ("Smith-Jones", "smith jones"),
            ("  Anne   Marie ", "annemarie"), ("Zoë", "Zoe"), ("Müller", "MULLER"), ("Nuñez", "Nunez"), ("D'Angelo-Ruiz", "dangeloruiz"),
            ("Strauß", "Strauss"), ("Øyvind", "oyvind"), ("François", "francois"), ("Renée", "RENEE"),
            ("Þór", "thor"), ("Łukasz", "lukasz"), ("Jose\u{301}", "José"), ("Þo\u{301}r", "Þór"), ("Ærø", "aero"), ("Δημήτρης", "δημητρης"),
        ]
    )
    func matches(_ pair: (String, String)) {
        #expect(NameKey.make(pair.0) == NameKey.make(pair.1), "\(pair.0) / \(pair.1)")
    }

    @Test("different names stay different", arguments: [("Jon", "John"), ("Ann", "Anne"), ("Lee", "Li"), ("Smith", "Smyth")])
    func differs(_ pair: (String, String)) {
        #expect(NameKey.make(pair.0) != NameKey.make(pair.1))
    }

    @Test("a name of only spaces and hyphens has no key")
    func empty() {
        #expect(NameKey.make(" - ' ").isEmpty)
    }
}
