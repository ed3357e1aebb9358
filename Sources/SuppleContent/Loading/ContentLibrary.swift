import Foundation
import SuppleCore

/// Everything Supple teaches with: the exercise catalog and the articles, checked and immutable.
public struct ContentLibrary: Sendable {
    public let exercises: ExerciseCatalog
    /// Articles by title.
    public let articles: [Article]
    private let articlesBySlug: [String: Article]

    public init(exercises: [Exercise], articles: [Article]) {
        self.exercises = ExerciseCatalog(exercises)
        self.articles = articles.sorted { $0.title.localizedStandardCompare($1.title) == .orderedAscending }
        self.articlesBySlug = Dictionary(articles.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func article(slug: String) -> Article? { articlesBySlug[slug] }

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
