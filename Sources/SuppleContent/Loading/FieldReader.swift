import Foundation
import SuppleCore

/// Reads typed fields out of a parsed YAML mapping, recording a precise problem for every field
/// that is missing, empty, of the wrong type or outside its vocabulary, instead of stopping at
/// the first.
struct FieldReader {
    let file: String
    let values: [String: Any]
    let prefix: String
    private(set) var problems: [ContentProblem] = []

    init(file: String, values: [String: Any], prefix: String = "") {
        self.file = file
        self.values = values
        self.prefix = prefix
    }

    mutating func problem(_ field: String, _ message: String) {
        problems.append(ContentProblem(file: file, field: prefix + field, message: message))
    }

    /// Flags keys that are not part of the format (usually a typo such as `spine-bias`).
    mutating func rejectUnknownKeys(allowed: Set<String>) {
        for key in values.keys.sorted() where !allowed.contains(key) {
            problem(key, "is not a known field (allowed: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    mutating func text(_ key: String, maxLength: Int = 2000) -> String? {
        guard let raw = values[key] else {
            problem(key, "is missing")
            return nil
        }
        guard let value = raw as? String else {
            problem(key, "must be text")
            return nil
        }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            problem(key, "is empty")
            return nil
        }
        guard trimmed.count <= maxLength else {
            problem(key, "is \(trimmed.count) characters; keep it to \(maxLength)")
            return nil
        }
        return trimmed
    }

    mutating func textList(_ key: String, count range: ClosedRange<Int>) -> [String]? {
        guard let raw = values[key] else {
            problem(key, "is missing")
            return nil
        }
        guard let list = raw as? [Any] else {
            problem(key, "must be a list")
            return nil
        }
        var result: [String] = []
        for (index, item) in list.enumerated() {
            guard let text = (item as? String)?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
                problem("\(key)[\(index + 1)]", "must be non-empty text")
                continue
            }
            result.append(text)
        }
        guard range.contains(list.count) else {
            problem(
                key,
                "has \(list.count) item\(list.count == 1 ? "" : "s"); it needs \(range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)")"
            )
            return nil
        }
        return result.count == list.count ? result : nil
    }

    /// A list of ids that may be empty (progressions, regressions).
    mutating func idList(_ key: String) -> [String]? {
        guard let raw = values[key] else {
            problem(key, "is missing (write [] for none)")
            return nil
        }
        guard let list = raw as? [Any] else {
            problem(key, "must be a list of ids")
            return nil
        }
        let ids = list.compactMap { $0 as? String }
        guard ids.count == list.count else {
            problem(key, "must hold ids only")
            return nil
        }
        return ids
    }

    mutating func choice<E: RawRepresentable & CaseIterable>(_ key: String, of type: E.Type) -> E? where E.RawValue == String {
        guard let raw = values[key] else {
            problem(key, "is missing")
            return nil
        }
        guard let text = raw as? String, let value = E(rawValue: text) else {
            problem(key, "unknown value \"\(raw)\" (allowed: \(E.allCases.map(\.rawValue).joined(separator: ", ")))")
            return nil
        }
        return value
    }

    mutating func choices<E: RawRepresentable & CaseIterable>(_ key: String, of type: E.Type) -> [E]? where E.RawValue == String {
        guard let raw = values[key] else {
            problem(key, "is missing")
            return nil
        }
        guard let list = raw as? [Any], !list.isEmpty else {
            problem(key, "must be a non-empty list")
            return nil
        }
        var result: [E] = []
        for item in list {
            guard let text = item as? String, let value = E(rawValue: text) else {
                problem(key, "unknown value \"\(item)\" (allowed: \(E.allCases.map(\.rawValue).joined(separator: ", ")))")
                continue
            }
            result.append(value)
        }
        return result.count == list.count ? result : nil
    }

    /// A list that may be left out or empty (`movements`): absent means none.
    mutating func optionalChoices<E: RawRepresentable & CaseIterable>(_ key: String, of type: E.Type) -> [E]? where E.RawValue == String {
        guard let raw = values[key] else { return [] }
        if let list = raw as? [Any], list.isEmpty { return [] }
        return choices(key, of: type)
    }

    mutating func wholeNumber(_ key: String, in range: ClosedRange<Int>, required: Bool = true) -> Int? {
        guard let raw = values[key] else {
            if required { problem(key, "is missing") }
            return nil
        }
        guard let value = raw as? Int, !(raw is Bool), range.contains(value) else {
            problem(key, "must be a whole number from \(range.lowerBound) to \(range.upperBound) (got \(raw))")
            return nil
        }
        return value
    }

    mutating func flag(_ key: String) -> Bool? {
        guard let raw = values[key] else {
            problem(key, "is missing (true or false)")
            return nil
        }
        guard let value = raw as? Bool else {
            problem(key, "must be true or false (got \(raw))")
            return nil
        }
        return value
    }

    mutating func mapping(_ key: String) -> [String: Any]? {
        guard let raw = values[key] else {
            problem(key, "is missing")
            return nil
        }
        guard let map = raw as? [String: Any] else {
            problem(key, "must be a mapping of fields")
            return nil
        }
        return map
    }

    /// A date written YYYY-MM-DD (YAML may already have read it as a timestamp).
    mutating func date(_ key: String) -> CalendarDate? {
        guard let raw = values[key] else {
            problem(key, "is missing")
            return nil
        }
        if let instant = raw as? Date { return CalendarDate(instant, in: TimeZone(identifier: "UTC")!) }
        guard let text = raw as? String, let date = CalendarDate(iso8601: text) else {
            problem(key, "must be a date written YYYY-MM-DD (got \(raw))")
            return nil
        }
        return date
    }

    /// Reads a nested mapping with the same problem list, its fields named `parent.child`.
    mutating func nested<T>(_ key: String, _ body: (inout FieldReader) -> T?) -> T? {
        guard let map = mapping(key) else { return nil }
        var reader = FieldReader(file: file, values: map, prefix: prefix + key + ".")
        let result = body(&reader)
        problems += reader.problems
        return result
    }
}
