import Foundation

/// The fields of an `application/x-www-form-urlencoded` body. A field sent twice keeps its first
/// value; checkboxes that are unticked are simply absent.
public struct FormFields: Sendable, Equatable {
    private var values: [String: String] = [:]

    public init() {}

    public init(urlEncoded body: String) {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else { continue }
            let value = parts.count > 1 ? Self.decode(parts[1]) ?? "" : ""
            if values[name] == nil { values[name] = value }
        }
    }

    public subscript(_ name: String) -> String? { values[name] }

    /// A checkbox counts as ticked when it was sent with any value but "false" or "off".
    public func isChecked(_ name: String) -> Bool {
        guard let value = values[name] else { return false }
        return value != "false" && value != "off"
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
