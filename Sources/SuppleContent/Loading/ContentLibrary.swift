import Foundation
import SuppleCore

/// Everything Supple teaches with: the exercise catalog and the articles, checked and immutable.
public struct ContentLibrary: Sendable {
    public let exercises: ExerciseCatalog
    /// Articles by title.
    public let articles: [Article]
    private let articlesBySlug: [String: Article]
    /// Articles translated so far, by language and slug.
    private let translatedArticles: [Language: [String: Article]]

    /// The article every language must have from the start: when pain is an emergency.
    public static let dangerSignArticle = "when-to-get-urgent-help"

    public init(exercises: [Exercise], articles: [Article], translatedArticles: [Language: [Article]] = [:]) {
        self.exercises = ExerciseCatalog(exercises)
        self.translatedArticles = translatedArticles.mapValues { list in
            Dictionary(list.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        }
        self.articles = articles.sorted { $0.title.localizedStandardCompare($1.title) == .orderedAscending }
        self.articlesBySlug = Dictionary(articles.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func article(slug: String) -> Article? { articlesBySlug[slug] }

    /// The article in `language` when it has been translated, else the English one.
    public func article(slug: String, in language: Language) -> Article? {
        translatedArticles[language]?[slug] ?? articlesBySlug[slug]
    }

    /// Whether the article has been written in `language` (English always has).
    public func hasArticle(slug: String, in language: Language) -> Bool {
        language == .english || translatedArticles[language]?[slug] != nil
    }

    /// The content that ships inside Supple, read and checked once per process. Throws with
    /// every problem if any file is wrong.
    public static func bundled() throws -> ContentLibrary {
        try bundledResult.get()
    }

    private static let bundledResult: Result<ContentLibrary, ContentInvalid> = {
        guard let folder = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            return .failure(ContentInvalid(problems: [ContentProblem(file: "Resources", field: "folder", message: "is missing from the build")]))
        }
        return ContentLoader.load(from: folder)
    }()
}
