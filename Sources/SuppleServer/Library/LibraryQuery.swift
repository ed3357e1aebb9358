import Hummingbird
import SuppleCore

/// The library filters as they arrive in a URL (`/library?region=lumbar&position=standing`),
/// turned into an `ExerciseFilter`. An unknown value is reported by name and then ignored, so a
/// stale bookmark still shows the library.
struct LibraryQuery {
    let filter: ExerciseFilter
    let problems: [FieldError]
    /// The raw values, to keep the form showing what was chosen.
    let chosen: [String: String]

    static let parameters = ["region", "kind", "position", "equipment", "level", "spineBias", "q"]

    init(_ query: [String: String]) {
        var problems: [FieldError] = []
        func pick<E: RawRepresentable & CaseIterable>(_ name: String, _ type: E.Type) -> E? where E.RawValue == String {
            guard let raw = query[name], !raw.isEmpty else { return nil }
            guard let value = E(rawValue: raw) else {
                problems.append(
                    FieldError(
                        field: name,
                        message: "\"\(raw.prefix(40))\" is not a known \(name); choose one of: \(E.allCases.map(\.rawValue).joined(separator: ", "))."
                    )
                )
                return nil
            }
            return value
        }
        var level: Int?
        if let raw = query["level"], !raw.isEmpty {
            if let number = Int(raw), (1...5).contains(number) {
                level = number
            } else {
                problems.append(FieldError(field: "level", message: "Level must be a number from 1 to 5."))
            }
        }
        let search = query["q"].map { String($0.trimmingCharacters(in: .whitespaces).prefix(100)) }
        self.filter = ExerciseFilter(
            region: pick("region", BodyRegion.self),
            kind: pick("kind", ExerciseKind.self),
            position: pick("position", BodyPosition.self),
            equipment: pick("equipment", Equipment.self),
            level: level,
            spineBias: pick("spineBias", SpineBias.self),
            search: search?.isEmpty == true ? nil : search
        )
        self.problems = problems
        self.chosen = query.filter { Self.parameters.contains($0.key) }.mapValues { String($0.prefix(100)) }
    }

    init(request: Request) {
        var values: [String: String] = [:]
        for (key, value) in request.uri.queryParameters where values[String(key)] == nil {
            values[String(key)] = String(value)
        }
        self.init(values)
    }
}
