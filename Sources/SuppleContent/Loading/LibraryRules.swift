import Foundation
import SuppleCore

/// Checks that span files: unique ids and names, links that lead somewhere, progressions that
/// go up in difficulty without looping back, articles that link only to what exists.
enum LibraryRules {
    static func check(exercises: [(file: String, item: Exercise)], articles: [(file: String, item: Article)]) -> [ContentProblem] {
        var problems: [ContentProblem] = []
        var byID: [String: (file: String, exercise: Exercise)] = [:]
        var names: [String: String] = [:]
        for entry in exercises {
            let exercise = entry.item
            if let first = byID[exercise.id] {
                problems.append(.init(file: entry.file, field: "id", message: "\"\(exercise.id)\" is already used by \(first.file)"))
            } else {
                byID[exercise.id] = (entry.file, exercise)
            }
            let nameKey = exercise.name.lowercased()
            if let first = names[nameKey] {
                problems.append(.init(file: entry.file, field: "name", message: "\"\(exercise.name)\" is already used by \(first)"))
            } else {
                names[nameKey] = entry.file
            }
        }
        for (file, exercise) in exercises {
            problems += linkProblems(file, exercise, field: "progressions", targets: exercise.progressions, byID: byID) {
                $0 < exercise.level ? "easier" : nil
            }
            problems += linkProblems(file, exercise, field: "regressions", targets: exercise.regressions, byID: byID) {
                $0 > exercise.level ? "harder" : nil
            }
        }
        problems += progressionLoops(byID)

        let slugs = Set(articles.map(\.item.slug))
        var seenSlugs: [String: String] = [:]
        for (file, article) in articles {
            if let first = seenSlugs[article.slug] {
                problems.append(.init(file: file, field: "slug", message: "\"\(article.slug)\" is already used by \(first)"))
            }
            seenSlugs[article.slug] = file
            for link in ArticleFileReader.internalLinks(in: article.markdown) {
                let parts = link.split(separator: "/").map(String.init)
                let exists =
                    switch (parts.count, parts.first, parts.dropFirst().first) {
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

    /// Links to easier or harder versions must name other exercises that exist, at a level that
    /// fits the direction (`wrongWay` names the problem for a target's level, or nil if fine).
    static func linkProblems(
        _ file: String,
        _ exercise: Exercise,
        field: String,
        targets: [String],
        byID: [String: (file: String, exercise: Exercise)],
        wrongWay: (Int) -> String?
    ) -> [ContentProblem] {
        targets.compactMap { target in
            guard let other = byID[target]?.exercise else {
                return .init(file: file, field: field, message: "\"\(target)\" is not an exercise in the library")
            }
            if target == exercise.id { return .init(file: file, field: field, message: "lists the exercise itself") }
            guard let direction = wrongWay(other.level) else { return nil }
            return .init(
                file: file,
                field: field,
                message: "\"\(target)\" is level \(other.level), \(direction) than this level \(exercise.level) exercise"
            )
        }
    }

    /// Following "harder version" links must never return to where it started; a loop means
    /// the program could "progress" someone in a circle forever.
    static func progressionLoops(_ byID: [String: (file: String, exercise: Exercise)]) -> [ContentProblem] {
        var problems: [ContentProblem] = []
        var state: [String: Int] = [:]  // 1 = on the current path, 2 = finished
        var reported = Set<String>()

        func visit(_ id: String, path: [String]) {
            state[id] = 1
            for next in byID[id]?.exercise.progressions ?? [] where byID[next] != nil && next != id {
                if state[next] == 1 {
                    let loop = Array(path.drop { $0 != next }) + [id, next]
                    let key = Set(loop).sorted().joined(separator: ",")
                    if reported.insert(key).inserted, let file = byID[next]?.file {
                        let cleaned = loop.reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } }
                        problems.append(
                            .init(file: file, field: "progressions", message: "form a loop that never leads up: \(cleaned.joined(separator: " → "))")
                        )
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
