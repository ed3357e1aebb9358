import SuppleCore
import Testing

@Suite struct PasswordPolicyTests {
    let policy = PasswordPolicy(commonPasswords: ["password1", "iloveyou"])

    @Test("a long enough, uncommon password passes unchanged")
    func accepts() throws {
        #expect(try policy.validate("walk the dog at dawn") == "walk the dog at dawn")
    }

    @Test("short, overlong and common passwords are refused with the reason")
    func refuses() {
        #expect(throws: FieldError.self) { try policy.validate("short1") }
        #expect(throws: FieldError.self) { try policy.validate(String(repeating: "x", count: 129)) }
        #expect(throws: FieldError.self) { try policy.validate("") }
        do {
            _ = try policy.validate("PassWord1")
            Issue.record("a common password passed")
        } catch {
            #expect(error.message.contains("most common"))
        }
    }

    @Test("the email address is not a password")
    func notTheEmail() {
        let email = EmailAddress(trusted: "riley.demo@example.org")
        #expect(throws: FieldError.self) { try policy.validate("riley.demo@example.org", email: email) }
        #expect(throws: FieldError.self) { try policy.validate("Riley.Demo", email: email) }
    }

    @Test(
        "repeats, runs and the site's own name are refused; real phrases are not",
        arguments: [
            "aaaaaaaa", "abcabcabc", "abababab", "abcdefgh", "87654321", "qwertyui", "Supple2026", "supple!!2026", "SUPPLE123",
        ]
    )
    func patterns(_ weak: String) {
        #expect(throws: FieldError.self) { try policy.validate(weak) }
    }

    @Test("phrases that merely contain a run or the site's name pass")
    func phrases() throws {
        for fine in ["a walk in the park", "supple knees at dawn", "my abcd garden gate", "walk the dog at dawn"] {
            #expect(try policy.validate(fine) == fine)
        }
    }
}
