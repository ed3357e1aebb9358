/// A valid sign-up form; tests change one field at a time.
struct SignUpForm {
    var name = "Riley Demo"
    var email = "riley@example.org"
    var password = "walk the dog at dawn"
    var dateOfBirth = "1980-04-23"
    var timeZone = "America/Chicago"
    var consent = true

    var fields: [(String, String)] {
        var fields = [("name", name), ("email", email), ("password", password), ("dateOfBirth", dateOfBirth), ("timeZone", timeZone)]
        if consent { fields.append(("consent", "yes")) }
        return fields
    }
}
