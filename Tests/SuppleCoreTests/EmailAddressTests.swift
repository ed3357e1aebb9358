import SuppleCore
import Testing

@Suite struct EmailAddressTests {
    @Test("addresses are trimmed and lower-cased so one person has one account")
    func normalizes() throws {
        #expect(try EmailAddress(validating: "  Riley.Demo@Example.ORG ").value == "riley.demo@example.org")
    }

    @Test(
        "malformed and hostile addresses are refused with a message for the email field",
        arguments: [
            "", "riley", "riley@", "@example.org", "riley@example", "riley@@example.org", "riley example@x.org",
            "<script>@x.org", "' OR 1=1 --@example.org", "riley@example.org\r\nBcc: all@example.org",
        ]
    )
    func refuses(_ input: String) {
        #expect(throws: FieldError.self) { try EmailAddress(validating: input) }
        do { _ = try EmailAddress(validating: input) } catch { #expect(error.field == "email") }
    }

    @Test("an address longer than 254 characters is refused")
    func overlong() {
        let input = String(repeating: "a", count: 60) + "@" + String(repeating: "b", count: 200) + ".org"
        #expect(throws: FieldError(field: "email", message: "Email addresses are at most 254 characters.")) {
            try EmailAddress(validating: input)
        }
    }
}
