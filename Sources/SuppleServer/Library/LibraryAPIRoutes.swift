import Foundation
import Hummingbird
import SuppleContent
import SuppleCore

/// The library as JSON: the same catalog and filters the pages use.
struct LibraryAPIRoutes {
    let library: ContentLibrary

    func register(on router: Router<AppRequestContext>) {
        let api = router.group("api/v1")
        api.get("exercises", use: exercises)
        api.get("exercises/{id}", use: exercise)
        api.get("articles", use: articles)
        api.get("articles/{slug}", use: article)
    }

    struct ExerciseList: Encodable {
        let count: Int
        let exercises: [Exercise]
    }

    struct ArticleSummary: Encodable {
        let slug: String, title: String, summary: String, topics: [ArticleTopic], regions: [BodyRegion], readingMinutes: Int

        init(_ article: Article) {
            slug = article.slug
            title = article.title
            summary = article.summary
            topics = article.topics
            regions = article.regions
            readingMinutes = article.readingMinutes
        }
    }

    struct ArticleList: Encodable {
        let count: Int
        let articles: [ArticleSummary]
    }

    /// The summary fields plus the article itself, in one flat JSON object.
    struct ArticleDetail: Encodable {
        let summary: ArticleSummary
        let writtenBy: String, reviewedBy: String, reviewStatus: String, lastReviewed: CalendarDate
        let references: [Article.Reference]
        let markdown: String
        let html: String

        enum CodingKeys: String, CodingKey { case writtenBy, reviewedBy, reviewStatus, lastReviewed, references, markdown, html }

        init(_ article: Article) {
            summary = ArticleSummary(article)
            writtenBy = article.writtenBy
            reviewedBy = article.reviewedBy
            reviewStatus = article.reviewStatus
            lastReviewed = article.lastReviewed
            references = article.references
            markdown = article.markdown
            html = ArticleRenderer.html(for: article)
        }

        func encode(to encoder: any Encoder) throws {
            try summary.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(writtenBy, forKey: .writtenBy)
            try container.encode(reviewedBy, forKey: .reviewedBy)
            try container.encode(reviewStatus, forKey: .reviewStatus)
            try container.encode(lastReviewed, forKey: .lastReviewed)
            try container.encode(references, forKey: .references)
            try container.encode(markdown, forKey: .markdown)
            try container.encode(html, forKey: .html)
        }
    }

    @Sendable func exercises(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = LibraryQuery(request: request)
        guard query.problems.isEmpty else {
            return ProblemDetails(status: .badRequest, detail: "Some filters are not valid.", parameters: query.problems).response()
        }
        let found = library.exercises.matching(query.filter)
        return try APIJSON.response(ExerciseList(count: found.count, exercises: found))
    }

    @Sendable func exercise(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let exercise = library.exercises[try context.parameters.require("id")] else {
            throw APIProblem(status: .notFound, detail: "There is no exercise with that id.")
        }
        return try APIJSON.response(exercise)
    }

    @Sendable func articles(_ request: Request, context: AppRequestContext) async throws -> Response {
        var articles = library.articles
        if let raw = request.uri.queryParameters["topic"].map(String.init), !raw.isEmpty {
            guard let topic = ArticleTopic(rawValue: raw) else {
                return ProblemDetails(
                    status: .badRequest,
                    detail: "Some filters are not valid.",
                    parameters: [
                        FieldError(field: "topic", message: "Choose one of: \(ArticleTopic.allCases.map(\.rawValue).joined(separator: ", ")).")
                    ]
                ).response()
            }
            articles = articles.filter { $0.topics.contains(topic) }
        }
        return try APIJSON.response(ArticleList(count: articles.count, articles: articles.map(ArticleSummary.init)))
    }

    @Sendable func article(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let article = library.article(slug: try context.parameters.require("slug")) else {
            throw APIProblem(status: .notFound, detail: "There is no article with that slug.")
        }
        return try APIJSON.response(ArticleDetail(article))
    }
}
