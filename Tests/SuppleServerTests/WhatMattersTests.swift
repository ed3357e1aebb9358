import Foundation
import Hummingbird
import HummingbirdTesting
import SuppleCore
import SuppleStore
import Testing

@testable import SuppleServer

/// The optional "what matters to you" questions (PSFS activities and a goal) come after the
/// first session, not on the way to it (issue 25), and reach the PSFS check-ins and the chart.
@Suite struct WhatMattersTests {
    func storedIntake(_ app: TestApp, _ account: AccountRecord) async throws -> String {
        try #require(try await app.database.read { db in try await IntakeRepository.latestSubmitted(accountID: account.id, in: db) }).answers
    }

    @Test("asked on Today once a session is done; a half-answered pair is refused by field; saved answers reach the PSFS check-in and the chart")
    func afterFirstSession() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("pt@example.org", role: .physicalTherapist, name: "Pat Lee")
            let (member, account) = try await ProgramTests().memberWithPlan(app, client)
            #expect(
                !(try await member.get("/intake/daily-life")).text.contains("An activity that is hard for you now"),
                "not on the way to the first session"
            )
            #expect(!(try await member.get("/home")).text.contains("What matters to you"), "not before a session")
            try await member.post("/session", form: ProgramTests().sessionForm(try await member.get("/session")))
            #expect(try await member.get("/home").text.contains("What matters to you"))

            let half = try await member.post("/what-matters", form: [("psfs.0.activity", "Walk to the shops")])
            #expect(half.status == .unprocessableContent)
            #expect(half.text.contains("Choose how well you can do it today."))
            #expect(half.body.contains(#"value="Walk to the shops""#), "what was typed is kept")
            #expect(!(try await storedIntake(app, account)).contains("Walk to the shops"), "a refused form changes nothing")

            let saved = try await member.post(
                "/what-matters",
                form: [
                    ("psfs.0.activity", "Walk to the shops"), ("psfs.0.score", "4"),
                    ("goals", "Walk to the park with my grandchildren"),
                ]
            )
            #expect(saved.location == "/home?done=what-matters")
            let stored = try await storedIntake(app, account)
            #expect(stored.contains(#""activity":"Walk to the shops""#) && stored.contains("grandchildren"))
            #expect(!(try await member.get("/home")).text.contains("Optional, about two minutes"), "asked once")
            #expect(try await member.get("/what-matters").body.contains(#"value="Walk to the shops""#), "the answers can be changed")
            #expect(try await member.get("/questionnaires/psfs").text.contains("walk to the shops today?"), "the PSFS check-in asks about it")

            let pt = Browser(client)
            try await pt.signIn("pt@example.org")
            let chart = try await pt.get("/staff/members/\(account.id.uuidString.lowercased())").text
            let glance = try #require(chart.range(of: "At a glance")).lowerBound
            let activity = try #require(chart.range(of: "Walk to the shops: 4 of 10")).lowerBound
            #expect(activity > glance && activity < (chart.range(of: "Alerts")?.lowerBound ?? chart.endIndex), "at the top of the chart")
            #expect(chart.contains("Walk to the park with my grandchildren"))
            let summary = chart[glance..<(chart.range(of: "Alerts")?.lowerBound ?? chart.endIndex)]
            #expect(summary.contains("chronic (20 weeks)") && summary.contains("pattern flexion-relieved-walking"))
            #expect(!summary.contains("your back"), "the care team's summary is not written to the member")
            let audit = try await app.database.read { db in try await AuditLog.trail(for: account.id, in: db) }
            #expect(audit.contains { $0.event.action == "intake.what_matters_saved" && $0.event.detail == "activities=1" })
        }
    }

    @Test("'Not now' stops the asking and stores nothing but that; a member with no intake is sent to it")
    func notNow() async throws {
        try await TestApp.run { app, client in
            let (member, account) = try await ProgramTests().memberWithPlan(app, client)
            try await member.post("/session", form: ProgramTests().sessionForm(try await member.get("/session")))
            #expect(try await member.post("/what-matters", form: [("skip", "yes"), ("psfs.0.activity", "ignored")]).location == "/home")
            #expect(!(try await member.get("/home")).text.contains("Optional, about two minutes"))
            let stored = try await storedIntake(app, account)
            #expect(stored.contains(#""psfs":[]"#) && stored.contains(#""goals":"""#) && !stored.contains("ignored"))
            #expect(try await LatestIntake.read(account.id, from: app.database) != nil, "the intake still reads")

            try await app.createAccount("new@example.org", role: .member, name: "New Member")
            let newcomer = Browser(client)
            try await newcomer.signIn("new@example.org")
            #expect(try await newcomer.get("/what-matters").location == "/intake")
        }
    }
}
