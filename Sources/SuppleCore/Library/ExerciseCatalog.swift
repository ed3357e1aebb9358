import Foundation

/// The exercise library, built once and read by everything: the program engine, the pages and
/// the API. Immutable, indexed by id, and filterable without scanning text each time.
public struct ExerciseCatalog: Sendable {
    public let all: [Exercise]
    private let byID: [String: Exercise]
    private let searchKeys: [String: SearchKey]

    public init(_ exercises: [Exercise]) {
        self.all = exercises.sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
        self.byID = Dictionary(exercises.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.searchKeys = Dictionary(exercises.map { ($0.id, SearchKey($0.name)) }, uniquingKeysWith: { first, _ in first })
    }

    public subscript(id: String) -> Exercise? { byID[id] }

    public var count: Int { all.count }

    /// Exercises matching every filter that is set, alphabetical; with a search text, best
    /// matches first.
    public func matching(_ filter: ExerciseFilter) -> [Exercise] {
        let filtered = all.filter { filter.admits($0) }
        guard let query = filter.search.map(SearchKey.init), !query.isEmpty else { return filtered }
        return
            filtered
            .compactMap { exercise in searchKeys[exercise.id].flatMap { $0.score(for: query) }.map { (exercise, $0) } }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.name < $1.0.name }
            .map(\.0)
    }

    /// The easier and harder versions of an exercise that exist in the library.
    public func regressions(of exercise: Exercise) -> [Exercise] { exercise.regressions.compactMap { byID[$0] } }
    public func progressions(of exercise: Exercise) -> [Exercise] { exercise.progressions.compactMap { byID[$0] } }
}

/// What a person narrowed the library to. Unset fields do not filter.
public struct ExerciseFilter: Sendable, Equatable {
    public var region: BodyRegion?
    public var kind: ExerciseKind?
    public var position: BodyPosition?
    public var equipment: Equipment?
    public var level: Int?
    public var spineBias: SpineBias?
    public var search: String?

    public init(
        region: BodyRegion? = nil,
        kind: ExerciseKind? = nil,
        position: BodyPosition? = nil,
        equipment: Equipment? = nil,
        level: Int? = nil,
        spineBias: SpineBias? = nil,
        search: String? = nil
    ) {
        self.region = region
        self.kind = kind
        self.position = position
        self.equipment = equipment
        self.level = level
        self.spineBias = spineBias
        self.search = search
    }

    public var isEmpty: Bool { self == ExerciseFilter() || self == ExerciseFilter(search: "") }

    func admits(_ exercise: Exercise) -> Bool {
        if let region, !exercise.regions.contains(region) { return false }
        if let kind, exercise.kind != kind { return false }
        if let position, exercise.position != position { return false }
        if let equipment, !exercise.equipment.contains(equipment) { return false }
        if let level, exercise.level != level { return false }
        if let spineBias, exercise.spineBias != spineBias { return false }
        return true
    }
}

/// A name reduced for forgiving search: lower-case letters and digits only, so "Cat-Cow",
/// "cat cow" and "catcow" are the same, plus its words for typo-tolerant matching.
struct SearchKey: Sendable {
    let joined: String
    let words: [String]

    init(_ text: String) {
        let lowered = text.lowercased().folding(options: .diacriticInsensitive, locale: nil)
        let words = lowered.split { !$0.isLetter && !$0.isNumber }.map(String.init)
        self.words = words
        self.joined = words.joined()
    }

    var isEmpty: Bool { joined.isEmpty }

    /// How well `query` matches this name (higher is better), or nil for no match.
    func score(for query: SearchKey) -> Int? {
        if joined == query.joined { return 100 }
        if joined.hasPrefix(query.joined) { return 80 }
        if joined.contains(query.joined) { return 60 }
        // Every word typed must be close to some word of the name: a prefix, or at most one
        // typo for words of four letters or more ("hamstrng", "bridg").
        let allClose = query.words.allSatisfy { typed in
            words.contains { word in
                word.hasPrefix(typed) || (typed.count >= 3 && EditDistance.atMostOne(typed, word))
            }
        }
        return allClose ? 40 : nil
    }
}

enum EditDistance {
    /// True when `a` becomes `b` with at most one insertion, deletion, substitution or swap of
    /// neighbouring letters.
    static func atMostOne(_ a: String, _ b: String) -> Bool {
        let x = Array(a)
        let y = Array(b)
        if abs(x.count - y.count) > 1 { return false }
        var i = 0
        var j = 0
        var edits = 0
        while i < x.count, j < y.count {
            if x[i] == y[j] {
                i += 1
                j += 1
                continue
            }
            edits += 1
            if edits > 1 { return false }
            if x.count > y.count {
                i += 1
            } else if x.count < y.count {
                j += 1
            } else if i + 1 < x.count, x[i] == y[j + 1], x[i + 1] == y[j] {
                i += 2
                j += 2
            } else {
                i += 1
                j += 1
            }
        }
        return edits + (x.count - i) + (y.count - j) <= 1
    }
}
