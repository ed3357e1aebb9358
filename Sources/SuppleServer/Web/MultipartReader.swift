import Foundation
import Hummingbird
import NIOCore

/// Reads a `multipart/form-data` body as it streams in, one part at a time, without holding the
/// body in memory: small fields are read whole, a file part is handed over in chunks.
struct MultipartReader {
    struct Malformed: Error {}

    struct PartHeaders {
        let name: String
        let fileName: String?
    }

    private var body: RequestBody.AsyncIterator
    private var buffer: [UInt8] = []
    private var ended = false
    private let delimiter: [UInt8]
    private var finished = false

    /// Takes the boundary from the request's Content-Type, or nil when the body isn't multipart.
    init?(_ request: Request) {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data"),
            let range = type.range(of: "boundary=")
        else { return nil }
        var boundary = String(type[range.upperBound...].prefix { $0 != ";" })
        if boundary.hasPrefix("\""), boundary.hasSuffix("\""), boundary.count >= 2 { boundary = String(boundary.dropFirst().dropLast()) }
        guard !boundary.isEmpty, boundary.count <= 70 else { return nil }
        self.body = request.body.makeAsyncIterator()
        // The first delimiter has no line break before it; pretend it had one.
        self.buffer = [13, 10]
        self.delimiter = Array("\r\n--\(boundary)".utf8)
    }

    private mutating func fill() async throws -> Bool {
        guard !ended else { return false }
        guard let chunk = try await body.next() else {
            ended = true
            return false
        }
        buffer.append(contentsOf: chunk.readableBytesView)
        return true
    }

    private func find(_ needle: [UInt8], from start: Int = 0) -> Int? {
        guard buffer.count >= needle.count + start else { return nil }
        let first = needle[0]
        var index = start
        let last = buffer.count - needle.count
        while index <= last {
            if buffer[index] == first {
                var matched = true
                for offset in 1..<needle.count where buffer[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }

    /// Moves to the next part and reads its headers; nil after the last part.
    mutating func nextPart() async throws -> PartHeaders? {
        guard !finished else { return nil }
        // Skip whatever is left of the current part (or the preamble) up to the next delimiter.
        while true {
            if let at = find(delimiter) {
                buffer.removeFirst(at + delimiter.count)
                break
            }
            if buffer.count > delimiter.count { buffer.removeFirst(buffer.count - delimiter.count) }
            guard try await fill() else { throw Malformed() }
        }
        while buffer.count < 2 { guard try await fill() else { throw Malformed() } }
        if buffer[0] == UInt8(ascii: "-") && buffer[1] == UInt8(ascii: "-") {
            finished = true
            return nil
        }
        let headerEnd: Int
        while true {
            if let at = find([13, 10, 13, 10]) {
                headerEnd = at
                break
            }
            guard buffer.count < 16 * 1024, try await fill() else { throw Malformed() }
        }
        let headerText = String(decoding: buffer[..<headerEnd], as: UTF8.self)
        buffer.removeFirst(headerEnd + 4)
        var name: String?
        var fileName: String?
        for line in headerText.split(separator: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
            name = Self.parameter("name", in: line)
            fileName = Self.parameter("filename", in: line)
        }
        guard let name else { throw Malformed() }
        return PartHeaders(name: name, fileName: fileName)
    }

    static func parameter(_ key: String, in line: Substring) -> String? {
        for piece in line.split(separator: ";") {
            let trimmed = piece.trimmingCharacters(in: .whitespaces)
            guard trimmed.lowercased().hasPrefix(key + "=") else { continue }
            var value = String(trimmed.dropFirst(key.count + 1))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }

    /// The next bytes of the current part's content, or nil at its end.
    mutating func nextChunk() async throws -> [UInt8]? {
        while true {
            if let at = find(delimiter) {
                guard at > 0 else { return nil }
                let chunk = Array(buffer[..<at])
                buffer.removeFirst(at)
                return chunk
            }
            // Keep back what could be the start of a delimiter split across reads.
            let safe = buffer.count - (delimiter.count - 1)
            if safe >= 64 * 1024 || (ended && safe > 0) {
                let chunk = Array(buffer[..<safe])
                buffer.removeFirst(safe)
                return chunk
            }
            guard try await fill() else {
                if safe > 0 { continue }
                throw Malformed()
            }
        }
    }

    /// A small text field's whole value (at most `limit` bytes).
    mutating func text(limit: Int = 1024) async throws -> String {
        var bytes: [UInt8] = []
        while let chunk = try await nextChunk() {
            bytes += chunk
            guard bytes.count <= limit else { throw Malformed() }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
