import Foundation
import SuppleCore

/// Dates written plainly, in the viewer's own time zone ("27 Nov 2026").
enum DisplayFormats {
    static func day(_ instant: Date, in zone: MemberTimeZone) -> String {
        format(instant, in: zone, as: "d MMM yyyy")
    }

    /// A calendar date kept as `YYYY-MM-DD`, as people write it: "7 Dec 2026".
    static func day(iso text: String) -> String {
        guard let date = CalendarDate(iso8601: text) else { return text }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(date.day) \(months[date.month - 1]) \(date.year)"
    }

    /// A calendar date as people write it in `language`: "7 Dec 2026", "7 dic 2026".
    static func day(_ date: CalendarDate, in language: Language) -> String {
        "\(date.day) \(months(in: language)[date.month - 1]) \(date.year)"
    }

    static func months(in language: Language) -> [String] {
        switch language {
        case .english: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        case .spanish: ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"]
        }
    }

    private static let englishDate = try! NSRegularExpression(
        pattern: #"^(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4})(, \d{2}:\d{2})?$"#
    )

    /// A date this file wrote in English ("7 Dec 2026", "7 Dec 2026, 14:05") in `language`;
    /// any other text unchanged. Pages are built in English and put into the member's language
    /// as they are rendered.
    static func localizedDate(_ text: String, in language: Language) -> String? {
        guard language != .english, text.count <= 20,
            let match = englishDate.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            let monthRange = Range(match.range(at: 2), in: text),
            let index = months(in: .english).firstIndex(of: String(text[monthRange]))
        else { return nil }
        return text.replacingCharacters(in: monthRange, with: months(in: language)[index])
    }

    /// A day and time: "27 Nov 2026, 14:05".
    static func moment(_ instant: Date, in zone: MemberTimeZone) -> String {
        format(instant, in: zone, as: "d MMM yyyy, HH:mm")
    }

    private static func format(_ instant: Date, in zone: MemberTimeZone, as pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone.timeZone
        formatter.dateFormat = pattern
        return formatter.string(from: instant)
    }

    /// Picker options with `chosen` selected (or UTC until the browser's script picks the local one).
    static func timeZoneOptions(chosen: String?) -> [[String: Any]] {
        let selected = chosen.flatMap { MemberTimeZone.selectableIdentifiers.contains($0) ? $0 : nil } ?? "UTC"
        return MemberTimeZone.selectableIdentifiers.map { ["id": $0, "selected": $0 == selected] }
    }
}
