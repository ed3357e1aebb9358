import Foundation
import SuppleContent
import SuppleCore

/// The words app.js puts on screen or speaks in the session player, given to the script as a
/// JSON table in the page's language (`<script type="application/json" id="ui-text">`). app.js
/// writes each in English through `SuppleText("…")`; a test holds that every one is listed here.
enum ScriptText {
    static let english: [String] = [
        "Pause the figure", "Play the figure",
        "Your answers are saved on this phone. Sign in again and they will be sent.",
        "Saved on this phone. It will be sent when you're back online.",
        "Saved on this phone. Supple can't be reached just now; it will keep trying to send it.",
        "Sound and voice: on", "Sound and voice: off",
        "Left side", "Right side", "Hold {n} of {total}", "Rep {n} of {total}", "set {n} of {total}",
        "Done", "Resume", "Pause", "Paused", "Carry on", "Hold", "Relax", "Change sides", "Go", "{seconds} seconds",
    ]

    /// The table for `language` as JSON safe inside a script element; empty for English, which
    /// the script already speaks.
    static func json(in language: Language, catalog: TextCatalog) -> String {
        guard language != .english else { return "" }
        let table = Dictionary(uniqueKeysWithValues: english.map { ($0, catalog.text($0, in: language)) })
        guard let data = try? JSONSerialization.data(withJSONObject: table, options: [.sortedKeys]) else { return "" }
        // "</script>" or "<!--" inside a string must not end the element early.
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "<", with: "\\u003c")
    }
}
