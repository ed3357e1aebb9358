import Foundation
import SuppleCore

/// Reads a content folder (`exercises/**/*.yaml`, `articles/*.md`), checks every file and the
/// links between them, and builds the library. Any problem means no library: half-valid
/// content is never served.
public enum ContentLoader {
    public static func load(from folder: URL) -> Result<ContentLibrary, ContentInvalid> {
        var problems: [ContentProblem] = []
        let exercises = readAll(folder, "exercises", extension: "yaml", problems: &problems) { file, text, name in
            ExerciseFileReader.read(file: file, yaml: text, expectedID: name)
        }
        let languageFolders = Set(Language.translations.map(\.tag))
        let articles = readAll(folder, "articles", extension: "md", skipping: languageFolders, problems: &problems) { file, text, name in
            ArticleFileReader.read(file: file, text: text, expectedSlug: name)
        }
        // Translated articles live in articles/<language>/ under the English slug; the danger-sign
        // article must exist in every language (issue 25), the others may follow.
        var translatedArticles: [Language: [Article]] = [:]
        for language in Language.translations {
            let translated = readAll(folder, "articles/\(language.tag)", extension: "md", problems: &problems) { file, text, name in
                ArticleFileReader.read(file: file, text: text, expectedSlug: name, language: language)
            }
            let englishSlugs = Set(articles.map(\.item.slug))
            for (file, article) in translated where !englishSlugs.contains(article.slug) {
                problems.append(ContentProblem(file: file, field: "slug", message: "\"\(article.slug)\" has no English article to translate"))
            }
            if englishSlugs.contains(ContentLibrary.dangerSignArticle),
                !translated.contains(where: { $0.item.slug == ContentLibrary.dangerSignArticle })
            {
                problems.append(
                    ContentProblem(
                        file: "articles/\(language.tag)/\(ContentLibrary.dangerSignArticle).md",
                        field: "file",
                        message: "is missing: the danger-sign article must be in \(language.ownName) from the start"
                    )
                )
            }
            translatedArticles[language] = translated.map(\.item)
        }
        problems += LibraryRules.check(exercises: exercises, articles: articles)
        guard problems.isEmpty else { return .failure(ContentInvalid(problems: problems)) }
        return .success(ContentLibrary(exercises: exercises.map(\.item), articles: articles.map(\.item), translatedArticles: translatedArticles))
    }

    /// Reads every file of one kind with `read(file, text, nameWithoutExtension)`, keeping what
    /// parsed and collecting what did not.
    static func readAll<Item>(
        _ root: URL,
        _ subfolder: String,
        extension ext: String,
        skipping: Set<String> = [],
        problems: inout [ContentProblem],
        read: (String, String, String) -> (Item?, [ContentProblem])
    ) -> [(file: String, item: Item)] {
        var items: [(file: String, item: Item)] = []
        for (relative, url) in files(in: root.appendingPathComponent(subfolder), under: subfolder, extension: ext)
        where !skipping.contains(relative.split(separator: "/").dropFirst().first.map(String.init) ?? "") {
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                problems.append(ContentProblem(file: relative, field: "file", message: "is not readable UTF-8 text"))
                continue
            }
            let (item, found) = read(relative, text, url.deletingPathExtension().lastPathComponent)
            problems += found
            if let item { items.append((relative, item)) }
        }
        return items
    }

    /// Files with the extension anywhere below `folder`, sorted, with paths relative to the
    /// content root for messages.
    static func files(in folder: URL, under label: String, extension ext: String) -> [(String, URL)] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        var found: [(String, URL)] = []
        for case let url as URL in enumerator where url.pathExtension == ext {
            let relative = url.standardizedFileURL.path.replacingOccurrences(of: folder.standardizedFileURL.path, with: label)
            found.append((relative, url))
        }
        return found.sorted { $0.0 < $1.0 }
    }
}
