import SuppleContent
import SuppleCore
import Testing

@Suite struct CommonPasswordsTests {
    @Test("the shipped list holds the 11,611 passwords of 8+ characters among the 30,000 most common, lower-cased")
    func shippedList() {
        #expect(CommonPasswords.all.count == 11_611)
        for common in ["password", "12345678", "baseball", "football", "iloveyou1", "trustno1"] {
            #expect(CommonPasswords.all.contains(common))
        }
        #expect(CommonPasswords.all.allSatisfy { $0 == $0.lowercased() && $0.count >= 8 })
    }

    @Test("a password far down the list (past the 20,000th) is refused like the most common")
    func deepEntriesRefused() {
        let policy = PasswordPolicy(commonPasswords: CommonPasswords.all)
        for deep in ["kolesnik", "speculum", "KOLESNIK"] {
            #expect(throws: FieldError.self) { try policy.validate(deep, field: "password", email: nil) }
        }
        #expect((try? policy.validate("a kettle on the stove", field: "password", email: nil)) != nil)
    }
}
