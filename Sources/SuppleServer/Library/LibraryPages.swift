import Hummingbird
import SuppleContent
import SuppleCore

/// The exercise and education library as web pages. Public: it holds no one's data.
struct LibraryPages {
    let library: ContentLibrary
    let pages: PageRenderer

    func register(on router: Router<AppRequestContext>) {
        router.get("/library", use: exercises)
        router.get("/library/exercises/{id}", use: exercise)
        router.get("/library/articles", use: articles)
        router.get("/library/articles/{slug}", use: article)
    }

    @Sendable func exercises(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = LibraryQuery(request: request)
        let language = context.language
        let say = { (english: String) in pages.catalog.text(english, in: language) }
        let found = library.exercises.matching(query.filter).map { $0.localized(language) }
        func options<E: RawRepresentable & CaseIterable>(_ name: String, _ type: E.Type, label: (E) -> String) -> [[String: Any]]
        where E.RawValue == String {
            E.allCases.map { ["value": $0.rawValue, "label": label($0), "selected": query.chosen[name] == $0.rawValue] }
        }
        return try pages.page(
            "library",
            title: "Exercise library",
            context: context,
            currentPath: "/library",
            data: [
                "q": query.chosen["q"] ?? "",
                "filtered": !query.filter.isEmpty,
                "problems": query.problems.map(\.message),
                "count": found.count,
                "total": library.exercises.count,
                "plural": found.count == 1 ? "" : "s",
                "exercises": found.map { ExerciseView.summary($0, language: language, say: say) },
                "regions": options("region", BodyRegion.self, label: \.label),
                "kinds": options("kind", ExerciseKind.self, label: \.label),
                "positions": options("position", BodyPosition.self, label: \.label),
                "equipment": options("equipment", Equipment.self, label: \.label),
                "biases": options("spineBias", SpineBias.self, label: \.label),
                "levels": (1...5).map { ["value": "\($0)", "label": "Level \($0)", "selected": query.chosen["level"] == "\($0)"] },
            ]
        )
    }

    @Sendable func exercise(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let exercise = library.exercises[try context.parameters.require("id")]?.localized(context.language) else { throw HTTPError(.notFound) }
        let say = { (english: String) in pages.catalog.text(english, in: context.language) }
        return try pages.page(
            "exercise",
            title: exercise.name,
            context: context,
            currentPath: "/library",
            data: ExerciseView.detail(exercise, catalog: library.exercises, language: context.language, say: say)
        )
    }

    @Sendable func articles(_ request: Request, context: AppRequestContext) async throws -> Response {
        let groups = ArticleTopic.allCases.compactMap { topic -> [String: Any]? in
            let inTopic = library.articles.filter { $0.topics.first == topic }
            guard !inTopic.isEmpty else { return nil }
            return [
                "topic": topic.label, "articles": inTopic.map { ArticleView.summary(library.article(slug: $0.slug, in: context.language) ?? $0) },
            ]
        }
        return try pages.page(
            "articles",
            title: "Learn",
            context: context,
            currentPath: "/library/articles",
            data: [
                "groups": groups, "count": library.articles.count,
            ]
        )
    }

    @Sendable func article(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let article = library.article(slug: try context.parameters.require("slug"), in: context.language) else { throw HTTPError(.notFound) }
        var data = ArticleView.detail(article, language: context.language, catalog: pages.catalog)
        // An article not yet translated is shown in English, marked so for the browser and screen readers.
        data["articleLang"] = library.hasArticle(slug: article.slug, in: context.language) ? context.language.tag : Language.english.tag
        return try pages.page("article", title: article.title, context: context, currentPath: "/library/articles", data: data)
    }
}
