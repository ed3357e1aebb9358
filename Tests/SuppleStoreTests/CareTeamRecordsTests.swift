import Foundation
import SQLKit
import SuppleCore
import SuppleStore
import Testing

/// Messages, read places, saved replies, clinical notes and plan notes on both engines.
@Suite struct CareTeamRecordsTests {
    func people(_ db: any Database) async throws -> (member: AccountRecord, pt: AccountRecord, other: AccountRecord) {
        let pt = AccountRecord(
            email: EmailAddress(trusted: "pt@example.org"),
            name: PersonName(trusted: "Pat Lee"),
            role: .physicalTherapist,
            passwordHash: "x",
            timeZone: MemberTimeZone(trusted: "UTC"),
            createdAt: Fixtures.start
        )
        let other = AccountRecord(
            email: EmailAddress(trusted: "pt2@example.org"),
            name: PersonName(trusted: "Other PT"),
            role: .physicalTherapist,
            passwordHash: "x",
            timeZone: MemberTimeZone(trusted: "UTC"),
            createdAt: Fixtures.start.addingTimeInterval(1)
        )
        let member = Fixtures.member(at: Fixtures.start.addingTimeInterval(2))
        try await db.transaction { sql in
            for account in [pt, other, member] { try await AccountRepository.insert(account, in: sql) }
            try await CareTeamRepository.assignUnassigned(in: sql)
        }
        return (member, pt, other)
    }

    @Test(
        "unread counts follow each reader's place in the thread; a repeated key stores once; staff see only their members' threads",
        arguments: TestDatabase.available
    )
    func messages(_ kind: TestDatabase) async throws {
        try await kind.with { (db: any Database) async throws in
            let (member, pt, other) = try await people(db)
            let t0 = Fixtures.start.addingTimeInterval(3_600)
            let stored = try await db.transaction { sql -> [Bool] in
                [
                    try await MessageRepository.send(memberID: member.id, senderID: member.id, body: "First", idempotencyKey: "k-1", at: t0, in: sql),
                    try await MessageRepository.send(memberID: member.id, senderID: member.id, body: "First", idempotencyKey: "k-1", at: t0, in: sql),
                    try await MessageRepository.send(
                        memberID: member.id,
                        senderID: member.id,
                        body: "Second",
                        idempotencyKey: "k-2",
                        at: t0.addingTimeInterval(60),
                        in: sql
                    ),
                ]
            }
            #expect(stored == [true, false, true])
            let waiting = try await db.read { sql in try await MessageRepository.unreadThreads(staffID: pt.id, everyMember: false, in: sql) }
            #expect(waiting.map(\.unread) == [2])
            #expect(waiting.first?.waitingSince == t0)
            #expect(try await db.read { sql in try await MessageRepository.unreadThreads(staffID: other.id, everyMember: false, in: sql) }.isEmpty)
            #expect(try await db.read { sql in try await MessageRepository.unreadThreads(staffID: other.id, everyMember: true, in: sql) }.count == 1)

            try await db.transaction { sql in
                try await MessageRepository.markRead(memberID: member.id, readerID: pt.id, until: t0.addingTimeInterval(30), in: sql)
                // An older place never moves the reader back.
                try await MessageRepository.markRead(memberID: member.id, readerID: pt.id, until: t0, in: sql)
            }
            #expect(try await db.read { sql in try await MessageRepository.unreadCount(memberID: member.id, readerID: pt.id, in: sql) } == 1)
            try await db.transaction { sql in
                _ = try await MessageRepository.send(
                    memberID: member.id,
                    senderID: pt.id,
                    body: "Reply",
                    idempotencyKey: "k-3",
                    at: t0.addingTimeInterval(120),
                    in: sql
                )
            }
            #expect(
                try await db.read { sql in try await MessageRepository.unreadCount(memberID: member.id, readerID: pt.id, in: sql) } == 0,
                "writing marks read"
            )
            #expect(try await db.read { sql in try await MessageRepository.unreadCount(memberID: member.id, readerID: member.id, in: sql) } == 1)
            let thread = try await db.read { sql in try await MessageRepository.thread(memberID: member.id, in: sql) }
            #expect(thread.map(\.body) == ["First", "Second", "Reply"])
            #expect(thread.map(\.isFromMember) == [true, true, false])
            #expect(thread.last?.senderName == "Pat Lee")
        }
    }

    @Test(
        "saved replies are listed and deleted only by their owner; notes and amendments are kept in order; a plan version keeps its note",
        arguments: TestDatabase.available
    )
    func repliesNotesAndPlanNotes(_ kind: TestDatabase) async throws {
        try await kind.with { (db: any Database) async throws in
            let (member, pt, other) = try await people(db)
            let reply = SavedReplyRepository.Reply(staffID: pt.id, title: "Flare-up", body: "Ease off.", createdAt: Fixtures.start)
            let note = ClinicalNoteRepository.Note(
                memberID: member.id,
                authorID: pt.id,
                subjective: "S",
                objective: "",
                assessment: "A",
                plan: "P",
                writtenAt: Fixtures.start
            )
            try await db.transaction { sql in
                try await SavedReplyRepository.add(reply, in: sql)
                try await ClinicalNoteRepository.add(note, in: sql)
                try await ClinicalNoteRepository.add(
                    .init(
                        memberID: member.id,
                        authorID: pt.id,
                        amendsNoteID: note.id,
                        subjective: "",
                        objective: "",
                        assessment: "",
                        plan: "P2",
                        writtenAt: Fixtures.start.addingTimeInterval(60)
                    ),
                    in: sql
                )
                _ = try await PlanVersionRepository.add(
                    memberID: member.id,
                    effectiveFrom: "2026-11-28",
                    author: "Pat Lee, physical therapist",
                    reason: "Swap",
                    planJSON: "{}",
                    memberNote: "Go gently.",
                    at: Fixtures.start,
                    in: sql
                )
            }
            #expect(try await db.read { sql in try await SavedReplyRepository.list(staffID: other.id, in: sql) }.isEmpty)
            #expect(try await db.transaction { sql in try await SavedReplyRepository.delete(id: reply.id, staffID: other.id, in: sql) } == false)
            #expect(try await db.transaction { sql in try await SavedReplyRepository.delete(id: reply.id, staffID: pt.id, in: sql) })
            #expect(try await db.read { sql in try await SavedReplyRepository.list(staffID: pt.id, in: sql) }.isEmpty)

            let notes = try await db.read { sql in try await ClinicalNoteRepository.forMember(member.id, in: sql) }
            #expect(notes.map(\.note.plan) == ["P", "P2"])
            #expect(notes.last?.note.amendsNoteID == note.id)
            #expect(notes.first?.authorName == "Pat Lee")
            #expect(try await db.read { sql in try await PlanVersionRepository.latest(memberID: member.id, in: sql) }?.memberNote == "Go gently.")
        }
    }
}
