import Foundation
import Hummingbird
import SuppleCore

/// A JSON object body read leniently, so that a missing or mistyped property becomes a field
/// problem with a pointer rather than a generic decoding failure.
struct JSONBody {
    private let object: [String: JSONValue]
    private var typeErrors = FieldErrorCollector()

    /// What a route that anyone may call before signing in reads at most: its whole form is a few
    /// short fields, so a bigger body is refused (413) before any of it is parsed.
    static let anonymousLimit = 4 * 1024

    static func read(_ request: Request, context: AppRequestContext, limit: Int? = nil) async throws -> JSONBody {
        var request = request
        let buffer = try await request.collectBody(upTo: min(limit ?? context.maxUploadSize, context.maxUploadSize))
        guard let body = try object(in: buffer) else {
            throw APIProblem(status: .badRequest, detail: "The request body must be a JSON object.")
        }
        return body
    }

    /// The bytes as a JSON object, or nil when they are not one; a body nested deeper than any
    /// Supple takes is refused by name before it costs more.
    static func object(in buffer: ByteBuffer) throws -> JSONBody? {
        do {
            guard case .object(let object) = try JSONReader.read(Data(buffer: buffer)) else { return nil }
            return JSONBody(object: object)
        } catch .tooDeep(let limit) {
            throw APIProblem(status: .badRequest, detail: "The request body nests more than \(limit) levels deep.")
        } catch {
            return nil
        }
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

    static var empty: JSONBody { JSONBody(object: [:]) }

    /// For routes whose body is optional: no body at all is an empty object; anything else must
    /// be a JSON object (400) of the usual size (413), as for every other route.
    static func readOptional(_ request: Request, context: AppRequestContext) async throws -> JSONBody {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        if buffer.readableBytes == 0 || buffer.readableBytesView.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return .empty
        }
        guard let body = try object(in: buffer) else {
            throw APIProblem(status: .badRequest, detail: "The request body must be a JSON object, or empty.")
        }
        return body
    }

    /// A whole-number property; absent and null are nil.
    mutating func integer(_ name: String) -> Int? {
        switch object[name] {
        case nil, .null?: return nil
        case let value? where value.integer != nil: return value.integer
        default:
            typeErrors.add(name, "\(name) must be a whole number.")
            return nil
        }
    }

    /// An object of whole numbers, e.g. questionnaire answers.
    mutating func integers(_ name: String) -> [String: Int] {
        guard case .object(let fields)? = object[name] else {
            typeErrors.add(name, "\(name) must be an object of whole numbers.")
            return [:]
        }
        var result: [String: Int] = [:]
        for (key, value) in fields {
            guard let number = value.integer else {
                typeErrors.add("\(name).\(key)", "must be a whole number.")
                continue
            }
            result[key] = number
        }
        return result
    }

    /// An array of strings; absent and null are empty.
    mutating func strings(_ name: String) -> [String] {
        switch object[name] {
        case nil, .null?: return []
        case .array(let items)?:
            var result: [String] = []
            for (index, item) in items.enumerated() {
                guard case .string(let value) = item else {
                    typeErrors.add("\(name)[\(index)]", "must be a string.")
                    continue
                }
                result.append(value)
            }
            return result
        default:
            typeErrors.add(name, "\(name) must be an array of strings.")
            return []
        }
    }

    /// An object property as raw JSON values; absent and null are empty.
    mutating func object(_ name: String) -> [String: JSONValue] {
        switch object[name] {
        case nil, .null?: return [:]
        case .object(let fields)?: return fields
        default:
            typeErrors.add(name, "\(name) must be an object.")
            return [:]
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
