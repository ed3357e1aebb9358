// Writes a synthetic eligibility file: `roster-generator ROWS FILE [SEED]`.
// Deterministic for a seed; names include accents, hyphens and apostrophes as real rosters do.
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 3, let rows = Int(arguments[1]) else {
    FileHandle.standardError.write(Data("usage: roster-generator ROWS FILE [SEED]\n".utf8))
    exit(2)
}
/// A small linear congruential generator: the same seed gives the same file.
struct Random {
    var state: UInt64
    mutating func next() -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int(truncatingIfNeeded: (state >> 33) & 0x7fff_ffff)
    }
}
var random = Random(state: arguments.count > 3 ? UInt64(arguments[3]) ?? 7 : 7)
let firstNames = ["Ana", "José", "Li", "Mary-Ann", "Siobhán", "Omar", "Zoë", "Kwame", "Priya", "Liam", "Noah", "Emma", "Olivia", "Mateo", "Aiko", "Chloé", "Dmitri", "Fatima", "Hannah", "Jürgen"]
let lastNames = ["Smith", "O'Brien", "García-López", "Nguyen", "Müller", "Kowalski", "Johnson", "Da Silva", "Park", "Okafor", "D'Angelo", "Brown", "Novák", "Haddad", "Williams", "Ivanova", "Tanaka", "Martin", "Lefèvre", "Khan"]
let relationships = ["employee", "employee", "employee", "spouse", "dependent"]
FileManager.default.createFile(atPath: arguments[2], contents: nil)
guard let out = FileHandle(forWritingAtPath: arguments[2]) else { exit(1) }
var buffer = "member_id,first_name,last_name,date_of_birth,email,postal_code,relationship,coverage_start,coverage_end\r\n"
for index in 0..<rows {
    let first = firstNames[random.next() % firstNames.count], last = lastNames[random.next() % lastNames.count]
    let born = String(format: "%04d-%02d-%02d", 1940 + random.next() % 65, 1 + random.next() % 12, 1 + random.next() % 28)
    let quotedLast = last.contains(" ") ? "\"\(last)\"" : last
    let email = index % 3 == 0 ? "member\(index)@example.com" : ""
    let end = index % 20 == 0 ? "2026-12-31" : ""
    buffer += "M\(String(format: "%08d", index)),\(first),\(quotedLast),\(born),\(email),\(10000 + random.next() % 89999),\(relationships[random.next() % relationships.count]),2026-01-01,\(end)\r\n"
    if buffer.utf8.count > 1 << 20 {
        out.write(Data(buffer.utf8))
        buffer = ""
    }
}
out.write(Data(buffer.utf8))
try out.close()
