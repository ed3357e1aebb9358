import Foundation
import Hummingbird
import HummingbirdTesting
import SuppleCore
import SuppleStore
import Testing

/// Today shows the last seven days against the member's own goals, and celebrates a streak's
/// milestones and a walking goal reached (issue 25, row 9).
@Suite struct WeeklyGoalsTests {
    @Test("three sessions on three days in a row are celebrated; the walking goal is the plan's own and is celebrated when reached")
    func celebrates() async throws {
        try await TestApp.run { app, client in
            let program = ProgramTests()
            let (member, _) = try await program.memberWithPlan(app, client)
            let first = try await member.get("/home").text
            // The walking-pain plan: 2 walks of 8 minutes on 3 days.
            #expect(first.contains("Walking: 0 of 48 minutes, your goal this week"))
            #expect(first.contains("Sessions: 0 of 7"))
            #expect(!first.contains("days in a row"))
            for day in 0..<3 {
                if day > 0 { app.clock.advance(by: 86_400) }
                try await member.post("/session", form: program.sessionForm(try await member.get("/session")))
            }
            let home = try await member.get("/home").text
            #expect(home.contains("3 days in a row."), "the third day is a milestone")
            #expect(home.contains("Sessions: 3 of 7"))
            #expect(!home.contains("You reached your walking goal"))
            // Walks count toward the goal of the plan as it stands (comfortable walks can grow it).
            func week(_ page: String) throws -> (walked: Int, goal: Int) {
                let match = try #require(page.firstMatch(of: /Walking: (\d+) of (\d+) minutes/))
                return (Int(match.output.1)!, Int(match.output.2)!)
            }
            var page = home
            for index in 0..<8 where try week(page).walked < week(page).goal {
                try await member.post(
                    "/walks",
                    form: [("key", "walk-key-\(index)-" + String(repeating: "k", count: 20)), ("minutes", "30"), ("breaks", "0"), ("walkPain", "2")]
                )
                page = try await member.get("/home").text
            }
            let (walked, goal) = try week(page)
            #expect(walked >= goal && goal >= 48)
            #expect(page.contains("You reached your walking goal for the week."))
            app.clock.advance(by: 86_400)
            #expect(!(try await member.get("/home")).text.contains("3 days in a row."), "a streak waiting for today's session is not re-celebrated")
        }
    }

    @Test("streak milestones fall at 3, 7, 14, 21, 30, 60, 90 days and every 30 after")
    func milestones() {
        #expect((1...200).filter(StreakMilestone.isMilestone) == [3, 7, 14, 21, 30, 60, 90, 120, 150, 180])
    }
}
