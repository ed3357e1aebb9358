import Foundation
import Hummingbird
import SuppleCore

/// An RFC 9457 problem document. Field problems go in `errors`, each with a JSON pointer to the
/// field in the request body (RFC 6901), so a client can show the message beside the field.
struct ProblemDetails: Encodable, Sendable {
    /// A field of the JSON body (`pointer`) or a query parameter (`parameter`) and what is wrong with it.
    struct FieldProblem: Encodable, Sendable {
        var pointer: String?
        var parameter: String?
        let detail: String
    }

    var type = "about:blank"
    let title: String
    let status: Int
    let detail: String?
    var errors: [FieldProblem]?

    init(status: HTTPResponse.Status, detail: String?, errors: [FieldError]? = nil) {
        self.title = status.reasonPhrase
        self.status = status.code
        self.detail = detail
        self.errors = errors?.map { FieldProblem(pointer: Self.pointer(to: $0.field), detail: $0.message) }
    }

    /// A JSON pointer (RFC 6901) for a dotted field name: `dangerSigns.bladderChange` → `#/dangerSigns/bladderChange`,
    /// `psfs[0].score` → `#/psfs/0/score`.
    static func pointer(to field: String) -> String {
        let path = field.replacingOccurrences(of: "[", with: ".").replacingOccurrences(of: "]", with: "")
            .split(separator: ".").map { $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }
        return "#/" + path.joined(separator: "/")
    }

    init(status: HTTPResponse.Status, detail: String?, parameters: [FieldError]) {
        self.title = status.reasonPhrase
        self.status = status.code
        self.detail = detail
        self.errors = parameters.map { FieldProblem(parameter: $0.field, detail: $0.message) }
    }

    func response(headers extra: HTTPFields = [:]) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        var headers: HTTPFields = [.contentType: "application/problem+json", .contentLength: "\(data.count)"]
        headers.append(contentsOf: extra)
        return Response(status: HTTPResponse.Status(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
