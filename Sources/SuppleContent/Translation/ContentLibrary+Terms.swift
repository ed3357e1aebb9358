import SuppleCore

extension ContentLibrary {
    /// Every exercise's name in each language it is written in, by its English name: the names
    /// the engine's filled-in sentences carry.
    public var exerciseNames: [Language: [String: String]] {
        var names: [Language: [String: String]] = [:]
        for language in Language.translations {
            names[language] = Dictionary(exercises.all.map { ($0.name, $0.localized(language).name) }, uniquingKeysWith: { first, _ in first })
        }
        return names
    }
}
