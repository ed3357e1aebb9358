import Foundation
import Testing

@testable import SuppleServer

/// The QR encoder's structure. Whether a real reader decodes it is checked end to end by
/// `e2e/test_two_factor.py` with zxing-cpp; these pin what the standard fixes.
@Suite struct QRCodeTests {
    @Test("the version grows with the text, and the size is 4 × version + 17")
    func versions() throws {
        #expect(try QRCode(text: "hello").version == 1)
        let address = "otpauth://totp/Supple:pt@example.org?secret=\(String(repeating: "A", count: 52))&issuer=Supple"
        let code = try QRCode(text: address)
        #expect(code.version == 7)
        #expect(code.size == 45)
        #expect(throws: QRCode.TooLong.self) { try QRCode(text: String(repeating: "x", count: 214)) }
        #expect(try QRCode(text: String(repeating: "x", count: 213)).version == 10)
    }

    @Test("finder patterns sit in three corners, with the timing pattern between them")
    func functionPatterns() throws {
        let code = try QRCode(text: "otpauth://totp/Supple:riley%40example.org?secret=ABC&issuer=Supple")
        let n = code.size
        for (x, y) in [(0, 0), (n - 7, 0), (0, n - 7)] {
            for i in 0..<7 {
                #expect(code.modules[y][x + i] && code.modules[y + 6][x + i] && code.modules[y + i][x] && code.modules[y + i][x + 6])
            }
            #expect(!code.modules[y + 1][x + 1] && code.modules[y + 3][x + 3])
        }
        for i in 8..<(n - 8) { #expect(code.modules[6][i] == (i % 2 == 0)) }
        #expect(code.modules[n - 8][8], "the dark module")
    }

    @Test("Reed–Solomon matches the standard's worked example (ISO 18004 annex I: 01234567 at 1-M)")
    func reedSolomon() {
        let data: [UInt8] = [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11]
        let ec = ReedSolomon.remainder(data, divisor: ReedSolomon.divisor(degree: 10))
        #expect(ec == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
    }
}
