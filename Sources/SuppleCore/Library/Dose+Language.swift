extension Dose {
    /// The dose in plain words in `language` (see `description` for the English).
    public func text(in language: Language) -> String {
        switch language {
        case .english: description
        case .spanish: spanishDescription
        }
    }

    /// "2 series de 10 repeticiones, de cada lado", "Mantener 10–15 segundos", "10 minutos".
    var spanishDescription: String {
        var parts: [String] = []
        let hold: String? = holdSeconds.map { low in
            if let high = holdSecondsMax { return "\(low)–\(high) segundos" }
            return "\(low) segundo\(low == 1 ? "" : "s")"
        }
        switch (reps, hold, minutes) {
        case (let reps?, let hold?, _) where reps > 1:
            parts.append("\(sets == 1 ? "" : "\(sets) series de ")\(reps) repeticiones, manteniendo cada una \(hold)")
        case (_, let hold?, _):
            parts.append(sets == 1 ? "Mantener \(hold)" : "Mantener \(hold), \(sets) veces")
        case (let reps?, nil, _):
            parts.append(sets == 1 ? "\(reps) repeticiones" : "\(sets) series de \(reps) repeticiones")
        case (nil, nil, let minutes?):
            parts.append("\(minutes) minuto\(minutes == 1 ? "" : "s")\(sets > 1 ? ", \(sets) veces" : "")")
        default:
            parts.append("\(sets) serie\(sets == 1 ? "" : "s")")
        }
        if let minutes, reps != nil || hold != nil { parts.append("durante unos \(minutes) minuto\(minutes == 1 ? "" : "s")") }
        if perSide { parts.append("de cada lado") }
        return parts.joined(separator: " ")
    }
}
