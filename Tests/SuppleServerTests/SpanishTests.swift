import Foundation
import Hummingbird
import HummingbirdTesting
import SuppleContent
import SuppleStore
import Testing

@testable import SuppleCore
@testable import SuppleServer

/// A member who reads Spanish gets Spanish member pages; people not signed in get what their
/// browser asks for; the care team's pages stay English.
@Suite struct SpanishTests {
    @Test("every text the member pages and the player's script mark for translation has its Spanish")
    func catalogCoversTemplates() throws {
        let catalog = try TextCatalog.bundled()
        var missing: [String] = []
        for (name, text) in try PageRenderer.bundledTemplates() {
            missing += TemplateTranslation.texts(in: text).filter { !catalog.has($0, in: .spanish) }.map { "\(name): \($0)" }
        }
        missing += ScriptText.english.filter { !catalog.has($0, in: .spanish) }.map { "app.js: \($0)" }
        let script = try String(
            contentsOf: #require(Bundle.module.url(forResource: "Public", withExtension: nil)).appendingPathComponent("app.js"),
            encoding: .utf8
        )
        let called = try NSRegularExpression(pattern: #"SuppleText\("([^"]+)""#)
        for match in called.matches(in: script, range: NSRange(script.startIndex..., in: script)) {
            let text = String(script[Range(match.range(at: 1), in: script)!])
            if !ScriptText.english.contains(text) { missing.append("app.js calls SuppleText(\"\(text)\") but ScriptText does not list it") }
        }
        #expect(missing.isEmpty, "\(missing.count) texts without Spanish:\n\(missing.joined(separator: "\n"))")
    }

    @Test("the intake's questions, hints and answers, the danger signs and the triage messages have their Spanish")
    func catalogCoversClinicalText() throws {
        let catalog = try TextCatalog.bundled()
        var texts = EmergencySigns.signs + [EmergencySigns.heading, EmergencySigns.whatToDo]
        // What triage tells a member about each danger sign, and why.
        texts += TriageRules.rules.flatMap { [$0.message, $0.explanation] }
        for step in IntakeQuestionnaire.steps + [IntakeQuestionnaire.whatMatters] {
            texts += [step.title, step.intro]
            for question in step.questions {
                texts.append(question.label)
                if let hint = question.hint { texts.append(hint) }
                switch question.kind {
                case .scale(let low, let high): texts += [low, high]
                case .choice(let options, _), .multi(let options): texts += options.map(\.1)
                default: break
                }
            }
        }
        let missing = texts.filter { !catalog.has($0, in: .spanish) }
        #expect(missing.isEmpty, "\(missing.count) without Spanish:\n\(missing.joined(separator: "\n"))")
    }

    @Test("someone not signed in whose browser asks for Spanish gets the start page in Spanish, and can switch")
    func browserLanguage() async throws {
        try await TestApp.run { _, client in
            let visitor = Browser(client)
            let spanish = try await visitor.get("/", headers: [.acceptLanguage: "es-MX,es;q=0.9,en;q=0.5"])
            #expect(spanish.text.contains(#"<html lang="es">"#))
            #expect(spanish.text.contains(#"href="/language/en""#), "the Spanish page offers English at its foot")
            #expect(spanish.text.contains(try TextCatalog.bundled().text("See if you're covered", in: .spanish)))
            let english = try await visitor.get("/")
            #expect(english.text.contains(#"<html lang="en">"#))
            #expect(english.text.contains("See if you're covered"))
            let chosen = try await visitor.get("/language/es")
            #expect(chosen.location == "/")
            #expect(try await visitor.get("/").text.contains(#"<html lang="es">"#), "the chosen language outlives the browser's header")
            #expect(try await visitor.get("/language/fr").status == .notFound)
        }
    }

    @Test("a member who joins in Spanish reads their pages, the intake and an exercise in Spanish; staff pages stay English")
    func memberInSpanish() async throws {
        try await TestApp.run { app, client in
            let member = Browser(client)
            let joined = try await member.post("/signup", form: SignUpForm().fields + [("language", "es")])
            #expect(joined.location == "/home?welcome=1")
            #expect(try await app.account("riley@example.org")?.language == .spanish)
            let catalog = try TextCatalog.bundled()
            let home = try await member.get("/home")
            #expect(home.text.contains(#"<html lang="es">"#))
            #expect(home.text.contains(catalog.text("Start your questions", in: .spanish)))
            let safety = try await member.get("/intake/safety")
            let question = try #require(IntakeQuestionnaire.steps.first { $0.slug == "safety" }?.questions.first?.label)
            let spanishQuestion = catalog.text(question, in: .spanish)
            #expect(spanishQuestion != question)
            #expect(safety.text.contains(String(spanishQuestion.prefix(24))))
            let exercise = try await member.get("/library/exercises/bird-dog")
            #expect(exercise.text.contains("Perro de muestra"))
            #expect(exercise.text.contains("5 repeticiones, manteniendo cada una 10 segundos de cada lado"))
            let birdDog = try #require(try ContentLibrary.bundled().exercises["bird-dog"])
            let spanishFigure = try #require(birdDog.translations["es"]?.figureDescription)
            #expect(exercise.text.contains("<desc>\(spanishFigure)</desc>"), "the figure is described from the exercise file, in Spanish")
            #expect(try await Browser(client).get("/library/exercises/bird-dog").text.contains("<desc>\(birdDog.figureDescription)</desc>"))

            let article = try await member.get("/library/articles/\(ContentLibrary.dangerSignArticle)")
            #expect(article.text.contains(#"<article class="article" lang="es">"#))
            #expect(article.text.contains(catalog.text(EmergencySigns.signs[0], in: .spanish)))
            let untranslated = try await member.get("/library/articles/back-pain-when-walking")
            #expect(untranslated.text.contains(#"<article class="article" lang="en">"#), "an article not yet in Spanish says it is English")

            // What a member writes is shown as written, even when it matches a catalog text.
            let thread = try await member.get("/messages")
            let key = MessagingTests().key(thread)
            #expect(try await member.post("/messages", form: [("key", key), ("body", "Walking")]).status == .seeOther)
            #expect(catalog.text("Walking", in: .spanish) != "Walking")
            #expect(try await member.get("/messages").text.contains("Walking</li>"))

            let bad = try await member.post("/account/language", form: [("language", "xx")])
            #expect(bad.status == .unprocessableContent)
            #expect(try await app.account("riley@example.org")?.language == .spanish, "a bad choice changes nothing")
            let back = try await member.post("/account/language", form: [("language", "en")])
            #expect(back.location == "/account?done=language#language")
            #expect(try await member.get("/home").text.contains("Start your questions"))

            try await app.createAccount("pt@example.org", role: .physicalTherapist, name: "Pat Lee")
            let pt = Browser(client)
            try await pt.signIn("pt@example.org")
            #expect(try await pt.get("/staff", headers: [.acceptLanguage: "es"]).text.contains(#"<html lang="en">"#))
        }
    }

    @Test("dates the pages write in English read as Spanish speakers write them; other text is left alone")
    func spanishDates() {
        #expect(DisplayFormats.localizedDate("7 Dec 2026", in: .spanish) == "7 dic 2026")
        #expect(DisplayFormats.localizedDate("27 Nov 2026, 14:05", in: .spanish) == "27 nov 2026, 14:05")
        #expect(DisplayFormats.localizedDate("7 Dec 2026", in: .english) == nil)
        #expect(DisplayFormats.localizedDate("May I walk today?", in: .spanish) == nil)
        #expect(DisplayFormats.day(CalendarDate(year: 2026, month: 8, day: 3)!, in: .spanish) == "3 ago 2026")
    }

    @Test("a Spanish member's plan gives the engine's reasons, with their numbers and exercise names, in Spanish")
    func engineReasonsInSpanish() async throws {
        try await TestApp.run { app, client in
            let riley = try await app.createAccount("riley@example.org", role: .member, name: "Riley Demo")
            try await app.database.transaction { db in try await AccountRepository.updateLanguage(accountID: riley.id, to: .spanish, in: db) }
            let member = Browser(client)
            try await member.signIn("riley@example.org")
            for (slug, fields) in IntakeTests.walkingPainSteps() { try await member.post("/intake/\(slug)", form: fields) }
            let plan = try await member.get("/plan").text
            #expect(plan.contains("es uno de los cinco ejercicios para el dolor de espalda al caminar"))
            #expect(plan.contains("Puede caminar unos 10 minutos antes de que empiece el dolor"))
            #expect(!plan.contains("is one of the five exercises") && !plan.contains("You can walk about"))
            #expect(!plan.contains(">Warm-up<") && !plan.contains("(Forward Bend)"), "phase names and the walk's break are Spanish too")
            #expect(plan.contains(#"href="/library/articles/back-pain-when-walking" lang="en">"#), "an English article title is marked English")
        }
    }

    @Test("an on-hold member who reads Spanish is told in Spanish who will contact them and by when")
    func onHoldInSpanish() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("pt@example.org", role: .physicalTherapist, name: "Pat Lee")
            let riley = try await app.createAccount("riley@example.org", role: .member, name: "Riley Demo")
            try await app.database.transaction { db in try await AccountRepository.updateLanguage(accountID: riley.id, to: .spanish, in: db) }
            let member = Browser(client)
            try await member.signIn("riley@example.org")
            for (slug, fields) in HoldReleaseTests.onHoldSteps() { try await member.post("/intake/\(slug)", form: fields) }
            let home = try await member.get("/home")
            #expect(home.text.contains("Pat Lee, su fisioterapeuta, se pondrá en contacto con usted en un plazo de"))
            #expect(!home.text.contains("will contact you"))
        }
    }
}
