import SuppleContent
import SuppleCore

/// Exercises shaped for the templates.
enum ExerciseView {
    /// `say` puts vocabulary labels into the page's language; `exercise` is already localized.
    static func summary(_ exercise: Exercise, language: Language = .english, say: (String) -> String = { $0 }) -> [String: Any] {
        [
            "id": exercise.id, "name": exercise.name, "summary": exercise.summary, "level": exercise.level,
            "dose": exercise.dose.text(in: language), "regions": exercise.regions.map { say($0.label) }.joined(separator: ", "),
            "position": say(exercise.position.label), "kind": say(exercise.kind.label),
        ]
    }

    static func detail(
        _ exercise: Exercise,
        catalog: ExerciseCatalog,
        language: Language = .english,
        say: (String) -> String = { $0 }
    ) -> [String: Any] {
        var values = summary(exercise, language: language, say: say)
        values.merge([
            "spineBias": say(exercise.spineBias.label),
            "equipment": exercise.needsNoEquipment ? say("Nothing but yourself") : exercise.equipment.map { say($0.label) }.joined(separator: ", "),
            "steps": exercise.steps,
            "cues": exercise.cues,
            "mistakes": exercise.mistakes.map { ["mistake": $0.mistake, "fix": $0.fix] },
            "precautions": exercise.precautions,
            "easier": catalog.regressions(of: exercise).map { ["id": $0.id, "name": $0.localized(language).name, "level": $0.level] },
            "harder": catalog.progressions(of: exercise).map { ["id": $0.id, "name": $0.localized(language).name, "level": $0.level] },
            "source": exercise.source,
            "hasEasier": !exercise.regressions.isEmpty,
            "figureAnimated": FigureSVG.animated(exercise) ?? "",
            "figureStill": FigureSVG.still(exercise) ?? "",
            "hasHarder": !exercise.progressions.isEmpty,
        ]) { _, new in new }
        return values
    }
}

/// Articles shaped for the templates.
enum ArticleView {
    static func summary(_ article: Article) -> [String: Any] {
        ["slug": article.slug, "title": article.title, "summary": article.summary, "minutes": article.readingMinutes]
    }

    static func detail(_ article: Article, language: Language = .english, catalog: TextCatalog? = nil) -> [String: Any] {
        var values = summary(article)
        let say = { (english: String) in catalog?.text(english, in: language) ?? english }
        values.merge([
            "html": ArticleRenderer.html(for: article, language: language, catalog: catalog),
            "topics": article.topics.map { say($0.label) }.joined(separator: ", "),
            "writtenBy": article.writtenBy, "reviewedBy": article.reviewedBy, "reviewStatus": article.reviewStatus,
            "lastReviewed": DisplayFormats.day(article.lastReviewed, in: language),
            "references": article.references.map { ["title": $0.title, "url": $0.url] },
        ]) { _, new in new }
        return values
    }
}
