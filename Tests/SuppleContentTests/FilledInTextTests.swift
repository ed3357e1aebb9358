import Foundation
import SuppleContent
import SuppleCore
import Testing

/// The engine's sentences carry numbers and names; a Spanish page finds the catalog entry each
/// came from and says it in Spanish with the same values (issue 25's last Spanish gap).
@Suite struct FilledInTextTests {
    let catalog: TextCatalog

    init() throws {
        let library = try ContentLibrary.bundled()
        catalog = try TextCatalog.bundled().addingTerms(library.exerciseNames)
    }

    @Test("a number inside an engine reason keeps its value in the Spanish")
    func numbers() {
        #expect(
            catalog.text("Exercises stay at level 2 or below for now; they step up as your pain allows.", in: .spanish)
                == "Por ahora, los ejercicios se quedan en el nivel 2 o inferior; subirán a medida que el dolor lo permita."
        )
        #expect(catalog.text("A week of comfortable walks, so each walk grows to 17 minutes.", in: .spanish).contains("17 minutos"))
        #expect(
            catalog.text("Exercises stay at level 2 or below for now; they step up as your pain allows.", in: .english)
                == "Exercises stay at level 2 or below for now; they step up as your pain allows.",
            "English is left alone"
        )
    }

    @Test("an exercise's name in a reason is its Spanish name, and a value that is itself a sentence is translated too")
    func namesAndNesting() {
        let brief = catalog.text(
            "Forward Bend is one of the five exercises for back pain when walking, and it suits your pattern of pain.",
            in: .spanish
        )
        #expect(
            !brief.contains("Forward Bend")
                && brief.hasSuffix("es uno de los cinco ejercicios para el dolor de espalda al caminar, y se adapta a su tipo de dolor.")
        )
        let regress = catalog.text("Because pain reached 6/10 during it, Bird Dog continues at a lower dose.", in: .spanish)
        #expect(regress == "Como el dolor llegó a 6/10 durante el ejercicio, Perro de muestra sigue con una dosis más baja.")
    }

    @Test("the most specific entry wins, words inside take their catalog form, and joined reasons are translated sentence by sentence")
    func specificityAndSentences() {
        let fit = catalog.text(
            "A gentle warm-up for your lower back and is used for pain like yours; level 1 fits where your pain is now.",
            in: .spanish
        )
        #expect(
            fit
                == "Un calentamiento suave para su parte baja de la espalda, que se usa para dolores como el suyo; el nivel 1 se ajusta a cómo está su dolor ahora."
        )
        let joined = catalog.text(
            "A week of comfortable walks, so each walk grows to 12 minutes. Something the catalog has never seen.",
            in: .spanish
        )
        #expect(joined == "Una semana de caminatas cómodas, así que cada caminata crece a 12 minutos. Something the catalog has never seen.")
        #expect(catalog.text("Nothing like any entry, 42 times.", in: .spanish) == "Nothing like any entry, 42 times.")
    }
}
