import SuppleCore
import Testing

@Suite struct MemberSignUpTests {
    let policy = PasswordPolicy(commonPasswords: ["password1"])
    let today = CalendarDate(iso8601: "2026-11-27")!

    func input(
        name: String? = "Riley Demo",
        email: String? = "riley@example.org",
        password: String? = "walk the dog at dawn",
        dateOfBirth: String? = "1980-04-23",
        timeZone: String? = "America/Chicago",
        consent: Bool = true
    ) -> MemberSignUp.Input {
        .init(name: name, email: email, password: password, dateOfBirth: dateOfBirth, timeZone: timeZone, consent: consent)
    }

    func failure(_ input: MemberSignUp.Input) -> ValidationFailure? {
        do {
            _ = try MemberSignUp(input, policy: policy, today: today)
            return nil
        } catch {
            return error
        }
    }

    @Test("a complete sign-up passes")
    func valid() throws {
        let signUp = try MemberSignUp(input(), policy: policy, today: today)
        #expect(signUp.name.value == "Riley Demo")
        #expect(signUp.dateOfBirth.description == "1980-04-23")
        #expect(signUp.timeZone.identifier == "America/Chicago")
    }

    @Test("every missing field is named at once")
    func allMissing() {
        let result = failure(input(name: nil, email: nil, password: nil, dateOfBirth: nil, timeZone: nil, consent: false))
        #expect(result?.errors.map(\.field) == ["name", "email", "password", "dateOfBirth", "timeZone", "consent"])
    }

    @Test("a date of birth in the future, under 18, or impossible is refused")
    func dateOfBirth() {
        #expect(failure(input(dateOfBirth: "2030-01-01"))?.message(for: "dateOfBirth")?.contains("future") == true)
        #expect(failure(input(dateOfBirth: "2010-01-01"))?.message(for: "dateOfBirth")?.contains("adults") == true)
        #expect(failure(input(dateOfBirth: "1980-02-30"))?.message(for: "dateOfBirth") != nil)
        #expect(failure(input(dateOfBirth: "23/04/1980"))?.message(for: "dateOfBirth") != nil)
        #expect(failure(input(dateOfBirth: "1880-01-01"))?.message(for: "dateOfBirth") != nil)
    }

    @Test("turning 18 today is old enough; 18 tomorrow is not")
    func eighteenthBirthday() {
        #expect(failure(input(dateOfBirth: "2008-11-27")) == nil)
        #expect(failure(input(dateOfBirth: "2008-11-28"))?.message(for: "dateOfBirth") != nil)
    }

    @Test("an unknown time zone is refused")
    func timeZone() {
        #expect(failure(input(timeZone: "Mars/Olympus_Mons"))?.message(for: "timeZone") != nil)
        #expect(failure(input(timeZone: "UTC")) == nil)
    }

    @Test("names that are overlong, contain markup or control characters are refused")
    func names() {
        #expect(failure(input(name: String(repeating: "A", count: 10_000)))?.message(for: "name")?.contains("100") == true)
        #expect(failure(input(name: "<script>alert(1)</script>"))?.message(for: "name") != nil)
        #expect(failure(input(name: "Riley\u{0007}"))?.message(for: "name") != nil)
        #expect(failure(input(name: "   "))?.message(for: "name") != nil)
        #expect(failure(input(name: "Zoë O'Brien-Núñez")) == nil)
    }
}
