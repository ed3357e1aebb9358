import Foundation
import SuppleCore
import Testing

@Suite struct IntakeParserTests {
    static let minimal =
        #"{"age":40,"painRegions":["lumbar"],"weeksWithPain":6,"painNow":4,"painAverageWeek":4,"painWorstWeek":6,"peg":{"enjoymentInterference":3,"activityInterference":4},"phq2":[0,1],"gad2":[1,0],"fearOfMovement":2}"#

    func errors(_ json: String) -> [String: String] {
        do {
            _ = try IntakeParser.parse(Data(json.utf8))
            return [:]
        } catch {
            return Dictionary(error.errors.map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a })
        }
    }

    func with(_ replacement: String, for key: String) -> String {
        let pattern = "\"\(key)\":"
        guard let range = Self.minimal.range(of: pattern) else {
            return Self.minimal.replacingOccurrences(
                of: "}",
                with: ",\(pattern)\(replacement)}",
                options: .backwards,
                range: Self.minimal.index(before: Self.minimal.endIndex)..<Self.minimal.endIndex
            )
        }
        let rest = Self.minimal[range.upperBound...]
        var depth = 0
        var end = rest.startIndex
        for index in rest.indices {
            let c = rest[index]
            if c == "{" || c == "[" { depth += 1 }
            if c == "}" || c == "]" {
                if depth == 0 {
                    end = index
                    break
                }
                depth -= 1
            }
            if c == "," && depth == 0 {
                end = index
                break
            }
        }
        return Self.minimal.replacingCharacters(in: range.upperBound..<end, with: replacement)
    }

    @Test("a minimal document parses and fills documented defaults")
    func defaults() throws {
        let intake = try IntakeParser.parse(Data(Self.minimal.utf8))
        #expect(intake.legSymptoms == .none)
        #expect(intake.canGetToFloor)
        #expect(intake.equipment.isEmpty)
        #expect(intake.walkMinutesBeforePain == nil)
        #expect(intake.preferredWalkTime == .morning)
        #expect(intake.pegScore == (4 + 3 + 4) / 3.0)
    }

    @Test("out-of-range values are rejected per field")
    func ranges() {
        #expect(errors(with("11", for: "painNow"))["painNow"]?.contains("0 to 10") == true)
        #expect(errors(with("-2", for: "weeksWithPain"))["weeksWithPain"] != nil)
        #expect(errors(with("[0,4]", for: "phq2"))["phq2"] != nil)
        #expect(errors(with("12", for: "age"))["age"] != nil)
        #expect(errors(with("4.5", for: "painNow"))["painNow"] != nil)
    }

    @Test("unknown fields are rejected by name, including nested ones")
    func unknownFields() {
        #expect(
            errors(Self.minimal.replacingOccurrences(of: "\"age\":40", with: "\"age\":40,\"pain_now\":3"))["pain_now"]?.contains("not a field")
                == true
        )
        #expect(errors(with(#"{"bladderChanges":true}"#, for: "dangerSigns"))["dangerSigns.bladderChanges"] != nil)
    }

    @Test("wrong types and values name the field")
    func types() {
        #expect(errors(with(#""yes""#, for: "numbnessOrTingling"))["numbnessOrTingling"]?.contains("true or false") == true)
        #expect(errors(with(#"["lumbar","elbow"]"#, for: "painRegions"))["painRegions"] != nil)
        #expect(errors(with(#"["whole-body"]"#, for: "painRegions"))["painRegions"] != nil)
        #expect(errors(with(#""sometimes""#, for: "legSymptoms"))["legSymptoms"] != nil)
        #expect(errors(with(#"{"start":"17:00","end":"09:00"}"#, for: "workHours"))["workHours.end"] != nil)
        #expect(errors("[1,2]")["document"] != nil)
        #expect(errors("not json")["document"] != nil)
    }

    @Test("every missing required field is reported at once")
    func required() {
        let found = errors("{}")
        for field in ["age", "painRegions", "weeksWithPain", "painNow", "painAverageWeek", "painWorstWeek", "peg", "phq2", "gad2", "fearOfMovement"] {
            #expect(found[field] != nil, "\(field)")
        }
    }
}
