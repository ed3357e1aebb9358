import SuppleCore
import Testing

@Suite struct QuestionnaireTests {
    @Test("the PHQ-9 follows a PHQ-2 of 3 or more once, until answered; item 9 above 0 is self-harm")
    func phq9() throws {
        let day = CalendarDate(iso8601: "2026-12-01")!
        #expect(Questionnaire.phq9Due(afterMood: ["interest": 2, "down": 1], answeredOn: day, lastPHQ9: nil))
        #expect(!Questionnaire.phq9Due(afterMood: ["interest": 1, "down": 1], answeredOn: day, lastPHQ9: nil))
        #expect(!Questionnaire.phq9Due(afterMood: ["interest": 2, "down": 2], answeredOn: day, lastPHQ9: day))
        #expect(Questionnaire.phq9Due(afterMood: ["interest": 2, "down": 2], answeredOn: day, lastPHQ9: day.adding(days: -28)))
        var answers = Dictionary(uniqueKeysWithValues: Questionnaire.phq9Keys.map { ($0, 1) })
        #expect(try Questionnaire.phq9.score(answers).selfHarm == true)
        answers["harm"] = 0
        let result = try Questionnaire.phq9.score(answers)
        #expect(result.selfHarm == nil && result.score == 8 && !result.positive)
    }

    let start = CalendarDate(iso8601: "2026-12-01")!

    @Test("PEG is the mean of its three items")
    func peg() throws {
        #expect(try Questionnaire.peg.score(["pain": 4, "enjoyment": 5, "activity": 6]).score == 5)
        #expect(throws: ValidationFailure.self) { try Questionnaire.peg.score(["pain": 11, "enjoyment": 5, "activity": 6]) }
        #expect(throws: ValidationFailure.self) { try Questionnaire.peg.score(["pain": 4]) }
    }

    @Test("PHQ-2 or GAD-2 of 3 or more is a positive mood screen")
    func mood() throws {
        let low = try Questionnaire.mood.score(["interest": 1, "down": 1, "nervous": 1, "worry": 1])
        #expect(!low.positive && low.phq2 == 2 && low.gad2 == 2)
        let high = try Questionnaire.mood.score(["interest": 2, "down": 1, "nervous": 0, "worry": 0])
        #expect(high.positive && high.phq2 == 3)
        #expect(throws: ValidationFailure.self) { try Questionnaire.mood.score(["interest": 4, "down": 1, "nervous": 0, "worry": 0]) }
    }

    @Test("PSFS averages the activities scored; GROC keeps its rating")
    func psfsAndGroc() throws {
        #expect(try Questionnaire.psfs.score(["activity0": 4, "activity1": 6]).score == 5)
        #expect(try Questionnaire.groc.score(["rating": 3]).interpretation.contains("better"))
        #expect(throws: ValidationFailure.self) { try Questionnaire.groc.score(["rating": 9]) }
    }

    @Test("PEG weekly, PSFS every two weeks, mood every four, GROC at weeks 4, 8 and 12 only")
    func schedule() {
        #expect(Questionnaire.due(planStart: start, today: start.adding(days: 3), lastAnswered: [:]).isEmpty)
        #expect(Questionnaire.due(planStart: start, today: start.adding(days: 7), lastAnswered: [:]) == [.peg])
        #expect(Questionnaire.due(planStart: start, today: start.adding(days: 8), lastAnswered: [.peg: start.adding(days: 7)]).isEmpty)
        #expect(Questionnaire.due(planStart: start, today: start.adding(days: 14), lastAnswered: [.peg: start.adding(days: 7)]) == [.peg, .psfs])
        #expect(Set(Questionnaire.due(planStart: start, today: start.adding(days: 28), lastAnswered: [:])) == [.peg, .psfs, .mood, .groc])
        #expect(!Questionnaire.due(planStart: start, today: start.adding(days: 120), lastAnswered: [:]).contains(.groc))
    }
}
