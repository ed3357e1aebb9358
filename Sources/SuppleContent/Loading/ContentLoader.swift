import Foundation
import SuppleCore

/// Reads a content folder (`exercises/**/*.yaml`, `articles/*.md`), checks every file and the
/// links between them, and builds the library. Any problem means no library: half-valid
/// content is never served.
public enum ContentLoader {
    public static func load(from folder: URL) -> Result<ContentLibrary, ContentInvalid> {
        var problems: [ContentProblem] = []
        var exercises: [(file: String, exercise: Exercise)] = []
        var articles: [(file: String, article: Article)] = []

        for (relative, url) in files(in: folder.appendingPathComponent("exercises"), under: "exercises", extension: "yaml") {
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                problems.append(ContentProblem(file: relative, field: "file", message: "is not readable UTF-8 text"))
                continue
            }
            let (exercise, found) = ExerciseFileReader.read(file: relative, yaml: text, expectedID: url.deletingPathExtension().lastPathComponent)
            problems += found
            if let exercise { exercises.append((relative, exercise)) }
        }
        for (relative, url) in files(in: folder.appendingPathComponent("articles"), under: "articles", extension: "md") {
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                problems.append(ContentProblem(file: relative, field: "file", message: "is not readable UTF-8 text"))
                continue
            }
            let (article, found) = ArticleFileReader.read(file: relative, text: text, expectedSlug: url.deletingPathExtension().lastPathComponent)
            problems += found
            if let article { articles.append((relative, article)) }
        }
        problems += LibraryRules.check(exercises: exercises, articles: articles)
        guard problems.isEmpty else { return .failure(ContentInvalid(problems: problems)) }
        return .success(ContentLibrary(exercises: exercises.map(\.exercise), articles: articles.map(\.article)))
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
