import Foundation
import SuppleCore
import Testing

@testable import SuppleContent

@Suite struct TranslationTests {
    @Test("a PO file's entries are read with continued lines and escapes; the header is not an entry")
    func readsPO() {
        let text = #"""
            # a comment
            msgid ""
            msgstr ""
            "Language: es\n"

            #: layout.mustache
            msgid "Sign "
            "out"
            msgstr "Cerrar sesión"

            msgid "Say \"hi\""
            msgstr "Diga \"hola\""
            """#
        let parsed = POFile.parse(text)
        #expect(parsed.problems.isEmpty)
        #expect(parsed.entries.map(\.id) == ["Sign out", "Say \"hi\""])
        #expect(parsed.entries.map(\.translation) == ["Cerrar sesión", "Diga \"hola\""])
    }

    @Test("a broken PO file is refused with its line: bad quoting, a msgid without msgstr, plurals")
    func refusesBrokenPO() {
        #expect(POFile.parse("msgid \"open\nmsgstr \"x\"").problems.first?.line == 1)
        #expect(POFile.parse("msgid \"a\"\n\nmsgid \"b\"\nmsgstr \"c\"").problems.map(\.message).contains("msgid without a msgstr"))
        #expect(POFile.parse("msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[0] \"x\"").problems.contains { $0.message.contains("plural") })
    }

    @Test("a translation that drops a placeholder or an HTML tag is refused, naming the line")
    func placeholdersKept() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("supple-po-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try #"""
        msgid "Hi, {{greetingName}}"
        msgstr "Hola"

        msgid "Already a member? <a href=\"/signin\">Sign in</a>."
        msgstr "¿Ya es miembro? Inicie sesión."
        """#.write(to: folder.appendingPathComponent("es.po"), atomically: true, encoding: .utf8)
        guard case .failure(let invalid) = TextCatalog.load(from: folder) else {
            Issue.record("a broken catalog loaded")
            return
        }
        #expect(invalid.problems.map(\.field) == ["line 1", "line 4"])
    }

    @Test("the shipped catalog loads, and white space in a text is layout, not wording")
    func shippedCatalog() throws {
        let catalog = try TextCatalog.bundled()
        #expect(catalog.text("Sign out", in: .spanish) == "Cerrar sesión")
        #expect(catalog.text("Sign\n   out", in: .spanish) == "Cerrar sesión")
        #expect(catalog.text("Sign out", in: .english) == "Sign out")
        #expect(catalog.text("A sentence nobody wrote", in: .spanish) == "A sentence nobody wrote")
    }

    @Test("every shipped exercise speaks Spanish: its name, steps, cues, mistakes, precautions and figure description")
    func exercisesInSpanish() throws {
        let library = try ContentLibrary.bundled()
        let birdDog = try #require(library.exercises["bird-dog"])
        let spanish = birdDog.localized(.spanish)
        #expect(spanish.name == "Perro de muestra")
        #expect(spanish.steps.count == birdDog.steps.count)
        #expect(spanish.dose == birdDog.dose)
        #expect(!birdDog.figureDescription.isEmpty && spanish.figureDescription != birdDog.figureDescription)
        for exercise in library.exercises.all {
            #expect(exercise.translations["es"] != nil, "\(exercise.id) has no Spanish")
        }
        let names = library.exercises.all.map { $0.localized(.spanish).name.lowercased() }
        #expect(Set(names).count == names.count, "Spanish names are unique")
    }

    @Test("a Spanish step that changes a number, or drops a line, is refused")
    func translationChecks() {
        var reader = FieldReader(file: "x.yaml", values: [:])
        TranslationReader.compare(&reader, "steps", ["Aguante 15 segundos."], ["Hold for 10 seconds."])
        TranslationReader.compare(&reader, "cues", ["Respire."], ["Breathe.", "Relax."])
        #expect(reader.problems.map(\.field) == ["steps[1]", "cues"])
    }

    @Test("the danger-sign article is in Spanish, with the shared list inserted in Spanish")
    func dangerSignArticle() throws {
        let library = try ContentLibrary.bundled()
        let catalog = try TextCatalog.bundled()
        let article = try #require(library.article(slug: ContentLibrary.dangerSignArticle, in: .spanish))
        #expect(article.title != library.article(slug: ContentLibrary.dangerSignArticle)?.title)
        let html = ArticleRenderer.html(for: article, language: .spanish, catalog: catalog)
        for sign in EmergencySigns.signs {
            #expect(html.contains(ArticleRenderer.escape(catalog.text(sign, in: .spanish))))
            #expect(catalog.has(sign, in: .spanish), "\(sign) has no Spanish")
        }
        #expect(library.hasArticle(slug: ContentLibrary.dangerSignArticle, in: .spanish))
    }
}
