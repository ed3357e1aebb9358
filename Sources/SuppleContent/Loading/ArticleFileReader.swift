import Foundation
import SuppleCore
import Yams

/// Turns one Markdown article with YAML front matter into an `Article`, or into the list of
/// what is wrong with it.
enum ArticleFileReader {
    static let fields: Set<String> = [
        "slug", "title", "summary", "topics", "regions", "reading_minutes", "written_by", "reviewed_by",
        "review_status", "last_reviewed", "references",
    ]
    /// Until a licensed clinician signs an article off in the product, it says so.
    static let pendingReview = "pending clinical review"
    static let dangerSignsMarker = "<!-- danger-signs -->"

    /// Every article ends with what to do today, in its own language.
    static func closingHeading(_ language: Language) -> String {
        switch language {
        case .english: "## What to do today"
        case .spanish: "## Qué hacer hoy"
        }
    }

    static func read(file: String, text: String, expectedSlug: String, language: Language = .english) -> (Article?, [ContentProblem]) {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        guard normalized.hasPrefix("---\n"),
            let end = normalized.range(of: "\n---\n", range: normalized.index(normalized.startIndex, offsetBy: 4)..<normalized.endIndex)
        else {
            return (nil, [ContentProblem(file: file, field: "front matter", message: "must start the file, between two lines of ---")])
        }
        let frontMatter = String(normalized[normalized.index(normalized.startIndex, offsetBy: 4)..<end.lowerBound])
        let body = String(normalized[end.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
        let parsed: Any?
        do {
            parsed = try Yams.load(yaml: frontMatter)
        } catch {
            return (nil, [ContentProblem(file: file, field: "front matter", message: "is not valid YAML (\(error))")])
        }
        guard let values = parsed as? [String: Any] else {
            return (nil, [ContentProblem(file: file, field: "front matter", message: "must be a mapping of fields")])
        }
        var reader = FieldReader(file: file, values: values)
        reader.rejectUnknownKeys(allowed: fields)
        let slug = reader.text("slug", maxLength: 80)
        if let slug, slug != expectedSlug {
            reader.problem("slug", "\"\(slug)\" must match the file name \"\(expectedSlug)\"")
        }
        let title = reader.text("title", maxLength: 120)
        let summary = reader.text("summary", maxLength: 240)
        let topics = reader.choices("topics", of: ArticleTopic.self)
        let regions = reader.choices("regions", of: BodyRegion.self)
        let minutes = reader.wholeNumber("reading_minutes", in: 1...20)
        let writtenBy = reader.text("written_by", maxLength: 80)
        let reviewedBy = reader.text("reviewed_by", maxLength: 80)
        let status = reader.text("review_status", maxLength: 80)
        if let status, status != pendingReview {
            reader.problem("review_status", "must stay \"\(pendingReview)\" until a clinician signs the article off in Supple")
        }
        let lastReviewed = reader.date("last_reviewed")
        let references = readReferences(&reader)
        if body.isEmpty {
            reader.problem("body", "is empty")
        } else if !body.contains(closingHeading(language)) {
            reader.problem("body", "needs a closing \"\(closingHeading(language))\" section")
        }
        if containsRawHTML(body) {
            reader.problem("body", "contains raw HTML; write Markdown only (the one allowed comment is \(dangerSignsMarker))")
        }
        guard reader.problems.isEmpty, let slug, let title, let summary, let topics, let regions, let minutes, let writtenBy,
            let reviewedBy, let status, let lastReviewed, let references
        else {
            return (nil, reader.problems)
        }
        let article = Article(
            slug: slug,
            title: title,
            summary: summary,
            topics: topics,
            regions: regions,
            readingMinutes: minutes,
            writtenBy: writtenBy,
            reviewedBy: reviewedBy,
            reviewStatus: status,
            lastReviewed: lastReviewed,
            references: references,
            markdown: body
        )
        return (article, [])
    }

    static func readReferences(_ reader: inout FieldReader) -> [Article.Reference]? {
        guard let raw = reader.values["references"] else {
            reader.problem("references", "is missing")
            return nil
        }
        guard let list = raw as? [Any], !list.isEmpty else {
            reader.problem("references", "needs at least one source with a title and a URL")
            return nil
        }
        var result: [Article.Reference] = []
        for (index, item) in list.enumerated() {
            guard let map = item as? [String: Any], let title = map["title"] as? String, !title.isEmpty,
                let url = map["url"] as? String, url.hasPrefix("https://") || url.hasPrefix("http://"),
                URL(string: url)?.host != nil
            else {
                reader.problem("references[\(index + 1)]", "needs a title and a full http(s) URL")
                continue
            }
            result.append(.init(title: title, url: url))
        }
        return result.count == list.count ? result : nil
    }

    /// Articles are Markdown written by us; raw tags would bypass the page's escaping.
    static func containsRawHTML(_ body: String) -> Bool {
        let withoutMarker = body.replacingOccurrences(of: dangerSignsMarker, with: "")
        return withoutMarker.range(of: #"<[A-Za-z!/]"#, options: .regularExpression) != nil
    }

    /// Every `/library/...` link in the body, for the broken-link check.
    static func internalLinks(in markdown: String) -> [String] {
        guard let pattern = try? NSRegularExpression(pattern: #"\]\((/library/[^)\s#]+)"#) else { return [] }
        let range = NSRange(markdown.startIndex..., in: markdown)
        return pattern.matches(in: markdown, range: range).compactMap { match in
            Range(match.range(at: 1), in: markdown).map { String(markdown[$0]) }
        }
    }
}
