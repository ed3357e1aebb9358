import SuppleContent
import SuppleCore

/// Exercises shaped for the templates.
enum ExerciseView {
    static func summary(_ exercise: Exercise) -> [String: Any] {
        [
            "id": exercise.id, "name": exercise.name, "summary": exercise.summary, "level": exercise.level,
            "dose": exercise.dose.description, "regions": exercise.regions.map(\.label).joined(separator: ", "),
            "position": exercise.position.label, "kind": exercise.kind.label,
        ]
    }

    static func detail(_ exercise: Exercise, catalog: ExerciseCatalog) -> [String: Any] {
        var values = summary(exercise)
        values.merge([
            "spineBias": exercise.spineBias.label,
            "equipment": exercise.needsNoEquipment ? "Nothing but yourself" : exercise.equipment.map(\.label).joined(separator: ", "),
            "steps": exercise.steps,
            "cues": exercise.cues,
            "mistakes": exercise.mistakes.map { ["mistake": $0.mistake, "fix": $0.fix] },
            "precautions": exercise.precautions,
            "easier": catalog.regressions(of: exercise).map { ["id": $0.id, "name": $0.name, "level": $0.level] },
            "harder": catalog.progressions(of: exercise).map { ["id": $0.id, "name": $0.name, "level": $0.level] },
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

    static func detail(_ article: Article) -> [String: Any] {
        var values = summary(article)
        values.merge([
            "html": ArticleRenderer.html(for: article),
            "topics": article.topics.map(\.label).joined(separator: ", "),
            "writtenBy": article.writtenBy, "reviewedBy": article.reviewedBy, "reviewStatus": article.reviewStatus,
            "lastReviewed": article.lastReviewed.description,
            "references": article.references.map { ["title": $0.title, "url": $0.url] },
        ]) { _, new in new }
        return values
    }
}
