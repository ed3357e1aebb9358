import Foundation

/// The shipped list of common passwords long enough to pass the length rule: 11,611 from the
/// 30,000 most common (see the file's header for its source).
public enum CommonPasswords {
    /// Lower-cased passwords, read once from the bundled resource.
    public static let all: Set<String> = {
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt", subdirectory: "Resources"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else {
            // The list ships inside the module; missing means a broken build, which tests catch.
            return []
        }
        return parse(text)
    }()

    static func parse(_ text: String) -> Set<String> {
        Set(
            text.split(whereSeparator: \.isNewline)
                .filter { !$0.hasPrefix("#") && !$0.isEmpty }
                .map { $0.lowercased() }
        )
    }
}
