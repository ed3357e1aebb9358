import Foundation
import SuppleCore

/// Checks that span files: unique ids and names, links that lead somewhere, progressions that
/// go up in difficulty without looping back, articles that link only to what exists.
enum LibraryRules {
    static func check(exercises: [(file: String, exercise: Exercise)], articles: [(file: String, article: Article)]) -> [ContentProblem] {
        var problems: [ContentProblem] = []
        var byID: [String: (file: String, exercise: Exercise)] = [:]
        var names: [String: String] = [:]
        for entry in exercises {
            let exercise = entry.exercise
            if let first = byID[exercise.id] {
                problems.append(.init(file: entry.file, field: "id", message: "\"\(exercise.id)\" is already used by \(first.file)"))
            } else {
                byID[exercise.id] = entry
            }
            let nameKey = exercise.name.lowercased()
            if let first = names[nameKey] {
                problems.append(.init(file: entry.file, field: "name", message: "\"\(exercise.name)\" is already used by \(first)"))
            } else {
                names[nameKey] = entry.file
            }
        }
        for (file, exercise) in exercises {
            for target in exercise.progressions {
                guard let harder = byID[target]?.exercise else {
                    problems.append(.init(file: file, field: "progressions", message: "\"\(target)\" is not an exercise in the library"))
                    continue
                }
                if target == exercise.id {
                    problems.append(.init(file: file, field: "progressions", message: "lists the exercise itself"))
                } else if harder.level < exercise.level {
                    problems.append(.init(file: file, field: "progressions", message: "\"\(target)\" is level \(harder.level), easier than this level \(exercise.level) exercise"))
                }
            }
            for target in exercise.regressions {
                guard let easier = byID[target]?.exercise else {
                    problems.append(.init(file: file, field: "regressions", message: "\"\(target)\" is not an exercise in the library"))
                    continue
                }
                if target == exercise.id {
                    problems.append(.init(file: file, field: "regressions", message: "lists the exercise itself"))
                } else if easier.level > exercise.level {
                    problems.append(.init(file: file, field: "regressions", message: "\"\(target)\" is level \(easier.level), harder than this level \(exercise.level) exercise"))
                }
            }
        }
        problems += progressionLoops(byID)

        let slugs = Set(articles.map(\.article.slug))
        var seenSlugs: [String: String] = [:]
        for (file, article) in articles {
            if let first = seenSlugs[article.slug] {
                problems.append(.init(file: file, field: "slug", message: "\"\(article.slug)\" is already used by \(first)"))
            }
            seenSlugs[article.slug] = file
            for link in ArticleFileReader.internalLinks(in: article.markdown) {
                let parts = link.split(separator: "/").map(String.init)
                let exists = switch (parts.count, parts.first, parts.dropFirst().first) {
                case (3, "library", "articles"): slugs.contains(parts[2])
                case (3, "library", "exercises"): byID[parts[2]] != nil
                case (1, "library", _), (2, "library", "articles"): true
                default: false
                }
                if !exists {
                    problems.append(.init(file: file, field: "body", message: "links to \(link), which does not exist"))
                }
            }
        }
        return problems
    }

    /// Following "harder version" links must never return to where it started; a loop means
    /// the program could "progress" someone in a circle forever.
    static func progressionLoops(_ byID: [String: (file: String, exercise: Exercise)]) -> [ContentProblem] {
        var problems: [ContentProblem] = []
        var state: [String: Int] = [:] // 1 = on the current path, 2 = finished
        var reported = Set<String>()

        func visit(_ id: String, path: [String]) {
            state[id] = 1
            for next in byID[id]?.exercise.progressions ?? [] where byID[next] != nil && next != id {
                if state[next] == 1 {
                    let loop = Array(path.drop { $0 != next }) + [id, next]
                    let key = Set(loop).sorted().joined(separator: ",")
                    if reported.insert(key).inserted, let file = byID[next]?.file {
                        let cleaned = loop.reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } }
                        problems.append(.init(file: file, field: "progressions", message: "form a loop that never leads up: \(cleaned.joined(separator: " → "))"))
                    }
                } else if state[next] == nil {
                    visit(next, path: path + [id])
                }
            }
            state[id] = 2
        }
        for id in byID.keys.sorted() where state[id] == nil { visit(id, path: []) }
        return problems
    }
}
