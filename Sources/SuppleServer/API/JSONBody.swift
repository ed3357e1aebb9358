import Foundation
import Hummingbird
import SuppleCore

/// Any JSON value, so a body can be read property by property with precise type checks.
enum JSONValue: Decodable {
    case string(String), bool(Bool), number(Double), null, array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }
}

/// A JSON object body read leniently, so that a missing or mistyped property becomes a field
/// problem with a pointer rather than a generic decoding failure.
struct JSONBody {
    private let object: [String: JSONValue]
    private var typeErrors = FieldErrorCollector()

    static func read(_ request: Request, context: AppRequestContext) async throws -> JSONBody {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        guard case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: Data(buffer: buffer)) else {
            throw APIProblem(status: .badRequest, detail: "The request body must be a JSON object.")
        }
        return JSONBody(object: object)
    }

    /// A string property; absent and null are nil, any other type is recorded as a field error.
    mutating func string(_ name: String) -> String? {
        switch object[name] {
        case nil, .null?: return nil
        case .string(let value)?: return value
        default:
            typeErrors.add(name, "\(name) must be a string.")
            return nil
        }
    }

    mutating func bool(_ name: String) -> Bool {
        switch object[name] {
        case nil, .null?: return false
        case .bool(let value)?: return value
        default:
            typeErrors.add(name, "\(name) must be true or false.")
            return false
        }
    }

    /// Throws the type problems found so far, if any.
    func checkTypes() throws {
        try typeErrors.throwIfAny()
    }
}

/// An API answer that is not a success, carried to the error middleware.
struct APIProblem: Error {
    let status: HTTPResponse.Status
    let detail: String
}
