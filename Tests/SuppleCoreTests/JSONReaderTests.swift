import Foundation
import SuppleCore
import Testing

/// The one-pass JSON reader: what it accepts is what Foundation's parser reads, and nesting past
/// its limit is refused before it costs anything (issue 17, finding 1).
@Suite struct JSONReaderTests {
    func read(_ text: String) throws -> JSONValue { try JSONReader.read(Data(text.utf8)) }

    @Test("objects, arrays, strings with every escape, numbers, true, false and null read as Foundation reads them")
    func valid() throws {
        let text = #"{"a": [1, -2.5, 3e2, 0, -0.125E-1], "b": {"c": true, "d": false, "e": null}, "s": "q\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00 ñ"}"#
        let value = try read(text)
        #expect(value == (try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))))
        guard case .object(let fields) = value, case .string(let s)? = fields["s"] else {
            Issue.record("not an object")
            return
        }
        #expect(s == "q\"\\/\u{08}\u{0C}\n\r\té😀 ñ")
        #expect(try read("  [ ]  ") == .array([]))
        #expect(try read("{}") == .object([:]))
    }

    @Test("malformed JSON is refused: trailing data, bad numbers, lone surrogates, raw control characters, bad escapes")
    func invalid() {
        for text in [
            "", "{", "[1,]", "{\"a\" 1}", "{\"a\":1,}", "01", "1.", "-", "1e", "+1", "[1] 2", "\"\\ud800\"", "\"a\u{01}b\"",
            "\"\\x\"", "nul", "tru", "{1:2}", "[\"\\u12\"]", "1e400", "NaN",
        ] {
            #expect(throws: JSONReader.Failure.self, "\(text.debugDescription)") { try read(text) }
        }
    }

    @Test("nesting past the limit is refused as too deep, at once, however it is built")
    func depth() throws {
        let fine = String(repeating: "[", count: 32) + String(repeating: "]", count: 32)
        #expect(throws: Never.self) { try read(fine) }
        for deep in [
            String(repeating: "[", count: 33) + String(repeating: "]", count: 33),
            String(repeating: "{\"a\":", count: 500) + "1" + String(repeating: "}", count: 500),
            String(repeating: "[", count: 100_000),
        ] {
            #expect(throws: JSONReader.Failure.tooDeep(limit: 32)) { try read(deep) }
        }
    }

    @Test("any value Supple writes reads back the same (a bounded set of generated documents)")
    func roundTrip() throws {
        var generator = SystemRandomNumberGenerator()
        func random(_ depth: Int) -> JSONValue {
            switch Int.random(in: 0..<(depth > 3 ? 4 : 6), using: &generator) {
            case 0:
                return .string(String((0..<Int.random(in: 0..<8, using: &generator)).map { _ in "aé\"\\\n😀 z".randomElement(using: &generator)! }))
            case 1: return .bool(Bool.random(using: &generator))
            case 2: return .number(Double(Int.random(in: -1000...1000, using: &generator)) / 8)
            case 3: return .null
            case 4: return .array((0..<Int.random(in: 0..<4, using: &generator)).map { _ in random(depth + 1) })
            default:
                return .object(Dictionary(uniqueKeysWithValues: (0..<Int.random(in: 0..<4, using: &generator)).map { ("k\($0)", random(depth + 1)) }))
            }
        }
        for _ in 0..<300 {
            let value = random(0)
            #expect(try read(value.jsonText) == value)
        }
    }
}
