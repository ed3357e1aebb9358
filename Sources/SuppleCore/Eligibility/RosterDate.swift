/// Dates in a roster file: `YYYY-MM-DD` only, checked without a calendar object so a million
/// rows stay fast. What is returned is the same text, known to be a real day.
public enum RosterDate {
    public static func validated(_ text: String) -> String? {
        let bytes = text.utf8
        guard bytes.count == 10 else { return nil }
        var year = 0
        var month = 0
        var day = 0
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int(byte - UInt8(ascii: "0"))
            switch index {
            case 0..<4: year = year * 10 + digit
            case 5..<7: month = month * 10 + digit
            default: day = day * 10 + digit
            }
        }
        guard year >= 1, (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        return text
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
