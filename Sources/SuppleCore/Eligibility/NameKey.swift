import Foundation

/// The form of a name that eligibility matching compares: case, accents, spaces, hyphens and
/// apostrophes are ignored, so "José  O'Brien-Smith" on a roster matches "jose obriensmith" typed
/// on a phone. Only the comparison uses it; the roster keeps the name as the sponsor wrote it.
public enum NameKey {
    public static func make(_ name: String) -> String {
        // Most roster names are plain ASCII: handle those byte by byte, without Foundation.
        var ascii: [UInt8] = []
        ascii.reserveCapacity(name.utf8.count)
        for byte in name.utf8 {
            switch byte {
            case 0x80...: return unicodeKey(name)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): ascii.append(byte + 32)
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "-"), UInt8(ascii: "'"), UInt8(ascii: "`"), UInt8(ascii: "."):
                continue
            default: ascii.append(byte)
            }
        }
        return String(decoding: ascii, as: UTF8.self)
    }

    /// Characters that separate or decorate parts of a name rather than spell them.
    static let ignored: Set<Unicode.Scalar> = [
        " ", "\t", "-", "'", "`", ".", "\u{00A0}", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2018}", "\u{2019}",
        "\u{02BC}", "\u{00B4}", "\u{2032}",
    ]

    static func unicodeKey(_ name: String) -> String {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        var scalars = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars where !ignored.contains(scalar) && !scalar.properties.isWhitespace {
            // Letters with no decomposition that folding leaves alone.
            switch scalar {
            case "ß": scalars.append(contentsOf: "ss".unicodeScalars)
            case "ø": scalars.append("o")
            case "æ": scalars.append(contentsOf: "ae".unicodeScalars)
            case "œ": scalars.append(contentsOf: "oe".unicodeScalars)
            case "ł": scalars.append("l")
            case "đ": scalars.append("d")
            default: scalars.append(scalar)
            }
        }
        return String(scalars).lowercased()
    }
}
