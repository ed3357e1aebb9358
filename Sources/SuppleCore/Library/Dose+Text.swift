extension Dose {
    /// The dose in plain words in `language`. Which sentence a dose gets (reps held, holds, reps,
    /// minutes) is decided here once; each language only supplies its words.
    public func text(in language: Language) -> String {
        let words = DoseWords.of(language)
        var parts: [String] = []
        let hold = holdSeconds.map { words.seconds($0, holdSecondsMax) }
        switch (reps, hold, minutes) {
        case (let reps?, let hold?, _) where reps > 1: parts.append(words.repsHeld(sets, reps, hold))
        case (_, let hold?, _): parts.append(words.holds(sets, hold))
        case (let reps?, nil, _): parts.append(words.reps(sets, reps))
        case (nil, nil, let minutes?): parts.append(words.minutes(minutes, sets))
        default: parts.append(words.sets(sets))
        }
        if let minutes, reps != nil || hold != nil { parts.append(words.forAbout(minutes)) }
        if perSide { parts.append(words.eachSide) }
        return parts.joined(separator: " ")
    }
}

/// The words of a dose sentence in one language.
struct DoseWords: Sendable {
    /// "10 seconds", "10–15 seconds".
    let seconds: @Sendable (_ low: Int, _ high: Int?) -> String
    let repsHeld: @Sendable (_ sets: Int, _ reps: Int, _ hold: String) -> String
    let holds: @Sendable (_ sets: Int, _ hold: String) -> String
    let reps: @Sendable (_ sets: Int, _ reps: Int) -> String
    let minutes: @Sendable (_ minutes: Int, _ sets: Int) -> String
    let sets: @Sendable (Int) -> String
    let forAbout: @Sendable (_ minutes: Int) -> String
    let eachSide: String

    static func of(_ language: Language) -> DoseWords {
        switch language {
        case .english: english
        case .spanish: spanish
        }
    }

    static func plural(_ count: Int, _ one: String, _ many: String) -> String { "\(count) \(count == 1 ? one : many)" }

    static let english = DoseWords(
        seconds: { low, high in high.map { "\(low)–\($0) seconds" } ?? plural(low, "second", "seconds") },
        repsHeld: { sets, reps, hold in "\(sets == 1 ? "" : "\(sets) sets of ")\(reps) reps, holding each for \(hold)" },
        holds: { sets, hold in "\(sets == 1 ? "Hold" : "\(sets) holds of") \(hold)" },
        reps: { sets, reps in sets == 1 ? "\(reps) reps" : "\(sets) sets of \(reps) reps" },
        minutes: { minutes, sets in plural(minutes, "minute", "minutes") + (sets > 1 ? ", \(sets) times" : "") },
        sets: { plural($0, "set", "sets") },
        forAbout: { "for about " + plural($0, "minute", "minutes") },
        eachSide: "on each side"
    )

    /// "2 series de 10 repeticiones, de cada lado", "Mantener 10–15 segundos", "10 minutos".
    static let spanish = DoseWords(
        seconds: { low, high in high.map { "\(low)–\($0) segundos" } ?? plural(low, "segundo", "segundos") },
        repsHeld: { sets, reps, hold in "\(sets == 1 ? "" : "\(sets) series de ")\(reps) repeticiones, manteniendo cada una \(hold)" },
        holds: { sets, hold in sets == 1 ? "Mantener \(hold)" : "Mantener \(hold), \(sets) veces" },
        reps: { sets, reps in sets == 1 ? "\(reps) repeticiones" : "\(sets) series de \(reps) repeticiones" },
        minutes: { minutes, sets in plural(minutes, "minuto", "minutos") + (sets > 1 ? ", \(sets) veces" : "") },
        sets: { plural($0, "serie", "series") },
        forAbout: { "durante unos " + plural($0, "minuto", "minutos") },
        eachSide: "de cada lado"
    )
}
