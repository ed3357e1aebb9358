import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import SuppleCore
import SuppleStore
import Testing

/// SOAP notes on the chart: append-only, corrected by amendments that sit under the original.
@Suite struct ClinicalNotesTests {
    @Test("a note is written, then amended; both stay, the amendment under the original, and both are audited")
    func amend() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("pt@example.org", role: .physicalTherapist, name: "Pat Lee")
            let member = try await app.createAccount("riley@example.org", role: .member, name: "Riley Demo")
            let pt = Browser(client)
            try await pt.signIn("pt@example.org")
            let chart = "/staff/members/\(member.id.uuidString.lowercased())"

            let empty = try await pt.post(chart + "/notes", form: [("subjective", " "), ("plan", "")])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.text.contains("Write at least one of subjective, objective, assessment or plan."))

            let saved = try await pt.post(
                chart + "/notes",
                form: [
                    ("subjective", "Pain 5/10 after walks."), ("assessment", "Flexion-relieved pattern."),
                    ("plan", "Review in 2 weeks."),
                ]
            )
            #expect(saved.location == chart + "?done=note-saved#notes")
            let original = try #require(try await app.database.read { db in try await ClinicalNoteRepository.forMember(member.id, in: db) }.first)

            let amendForm = try await pt.get(chart + "?amend=\(original.note.id.uuidString.lowercased())")
            #expect(amendForm.text.contains("Amend a note"))
            let amended = try await pt.post(
                chart + "/notes",
                form: [("amends", original.note.id.uuidString.lowercased()), ("plan", "Review in 1 week instead.")]
            )
            #expect(amended.status == .seeOther)

            let page = try await pt.get(chart)
            let text = page.text
            #expect(text.contains("Review in 2 weeks."), "the original is kept as written")
            #expect(text.contains("Amendment by Pat Lee"))
            #expect(text.range(of: "Review in 2 weeks.")!.lowerBound < text.range(of: "Review in 1 week instead.")!.lowerBound)

            // An amendment of an amendment, or of another member's note, is refused.
            let notes = try await app.database.read { db in try await ClinicalNoteRepository.forMember(member.id, in: db) }
            let amendment = try #require(notes.first { $0.note.amendsNoteID != nil })
            let nested = try await pt.post(chart + "/notes", form: [("amends", amendment.note.id.uuidString.lowercased()), ("plan", "x")])
            #expect(nested.status == .unprocessableContent)
            #expect(nested.text.contains("That note is not on this record."))

            let audit = try await app.database.read { db in try await AuditLog.trail(for: member.id, in: db) }.map(\.event.action)
            #expect(audit.contains("staff.wrote_note") && audit.contains("staff.amended_note"))
            #expect(try await app.database.read { db in try await ClinicalNoteRepository.forMember(member.id, in: db) }.count == 2)
        }
    }

    @Test("a clinician not on the member's care team cannot write a note")
    func stranger() async throws {
        try await TestApp.run { app, client in
            try await app.createAccount("pt@example.org", role: .physicalTherapist, name: "Pat Lee")
            let member = try await app.createAccount("riley@example.org", role: .member, name: "Riley Demo")
            try await app.createAccount("pt.other@example.org", role: .physicalTherapist, name: "Other PT")
            let stranger = Browser(client)
            try await stranger.signIn("pt.other@example.org")
            let result = try await stranger.post("/staff/members/\(member.id.uuidString.lowercased())/notes", form: [("subjective", "x")])
            #expect(result.status == .forbidden)
            #expect(try await app.database.read { db in try await ClinicalNoteRepository.forMember(member.id, in: db) }.isEmpty)
        }
    }
}
