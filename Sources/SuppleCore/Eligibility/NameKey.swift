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
            case 0x80...: return latinKey(name) ?? unicodeKey(name)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): ascii.append(byte + 32)
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "-"), UInt8(ascii: "'"), UInt8(ascii: "`"), UInt8(ascii: "."):
                continue
            default: ascii.append(byte)
            }
        }
        return String(decoding: ascii, as: UTF8.self)
    }

    /// Latin letters with accents (U+00C0–U+017F) and their plain letters: most accented names
    /// on rosters, without Foundation. Empty: not a letter to map.
    static let latin: [String] = [
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
        "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
        "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
        "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
        "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
        "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
        "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
        "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
        "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
    ]

    /// The key for names in Latin script, or nil when another script needs Unicode folding.
    static func latinKey(_ name: String) -> String? {
        var key = ""
        key.reserveCapacity(name.utf8.count)
        for scalar in name.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                switch scalar {
                case "A"..."Z": key.unicodeScalars.append(Unicode.Scalar(value + 32)!)
                case " ", "\t", "-", "'", "`", ".": continue
                default: key.unicodeScalars.append(scalar)
                }
            } else if ignored.contains(scalar) {
                continue
            } else if value >= 0xC0, value < 0x180, !latin[Int(value - 0xC0)].isEmpty {
                key += latin[Int(value - 0xC0)]
            } else {
                return nil
            }
        }
        return key
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
            case "ł", "ŀ": scalars.append("l")
            case "đ", "ð": scalars.append("d")
            case "þ": scalars.append(contentsOf: "th".unicodeScalars)
            case "ħ": scalars.append("h")
            case "ı": scalars.append("i")
            case "ĳ": scalars.append(contentsOf: "ij".unicodeScalars)
            case "ĸ": scalars.append("k")
            case "ŉ", "ŋ": scalars.append("n")
            case "ŧ": scalars.append("t")
            case "ſ": scalars.append("s")
            default: scalars.append(scalar)
            }
        }
        return String(scalars).lowercased()
    }
}
