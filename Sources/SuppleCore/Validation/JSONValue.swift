import Foundation

/// Any JSON value, so documents can be read property by property with precise type checks
/// (JSONSerialization on Linux cannot tell `true` from `1`).
public enum JSONValue: Decodable, Equatable, Sendable {
    case string(String), bool(Bool), number(Double), null, array([JSONValue]), object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    /// Parses JSON text; nil when it is not JSON.
    public static func parse(_ data: Data) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// A whole number, if this is one.
    public var integer: Int? {
        guard case .number(let value) = self, value == value.rounded(), abs(value) < 1e9 else { return nil }
        return Int(value)
    }
}
