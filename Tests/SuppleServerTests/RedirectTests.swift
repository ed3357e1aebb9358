import Testing

@testable import SuppleServer

/// Where sign-in may send someone next (issue 17, finding 5): only a path on this site, however
/// the address is dressed up.
@Suite struct RedirectTests {
    static let bypasses = [
        "//evil.example", "/\t/evil.example", "/%09/evil.example", "/\\evil.example", "/%5Cevil.example", "/%2F/evil.example",
        "/%252F/evil.example", "https://evil.example", "javascript:alert(1)", "/\n/evil.example", "/%0a/evil.example",
        "/\r\n//evil.example", "evil.example", "", "/\u{7F}/evil.example", "/\u{2028}/evil.example", "\\\\evil.example",
        "/%E3%80%80/evil.example",
    ]

    @Test("known open-redirect tricks are refused", arguments: bypasses)
    func refused(_ target: String) {
        #expect(!target.isSafeLocalPath)
    }

    @Test("ordinary paths on this site are accepted")
    func accepted() {
        for path in ["/home", "/plan", "/staff/members/abc?tab=notes", "/library/articles/when-to-get-urgent-help#signs", "/intake/where"] {
            #expect(path.isSafeLocalPath, "\(path)")
        }
    }
}
