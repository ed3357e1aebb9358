import Foundation

/// The fields of an `application/x-www-form-urlencoded` body. Checkbox groups send one name
/// several times (`all`); single fields read the first value. Unticked checkboxes are absent.
public struct FormFields: Sendable, Equatable {
    private var values: [String: [String]] = [:]

    public init() {}

    public init(urlEncoded body: String) {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else { continue }
            let value = parts.count > 1 ? Self.decode(parts[1]) ?? "" : ""
            values[name, default: []].append(value)
        }
    }

    public subscript(_ name: String) -> String? { values[name]?.first }

    /// Every value sent under `name`, in order (a group of checkboxes).
    public func all(_ name: String) -> [String] { values[name] ?? [] }

    /// A checkbox counts as ticked when it was sent with any value but "false" or "off".
    public func isChecked(_ name: String) -> Bool {
        guard let value = self[name] else { return false }
        return value != "false" && value != "off"
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
