import Foundation
import Hummingbird

/// JSON answers of the API: ISO 8601 dates, stable key order.
enum APIJSON {
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return Response(
            status: status,
            headers: [.contentType: "application/json", .contentLength: "\(data.count)"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
