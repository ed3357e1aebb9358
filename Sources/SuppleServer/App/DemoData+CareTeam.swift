import Foundation
import SuppleContent
import SuppleCore
import SuppleStore

extension DemoData {
    /// The care team's side of the demo: a conversation with Riley waiting for an answer, a
    /// physical therapist's plan review with a note to Riley, a clinical note with an amendment,
    /// and saved replies, so each staff role opens a queue with something real in it.
    static func loadCareTeamWork(into database: any Database, clock: any WallClock) async throws -> Bool {
        func account(_ email: String) async throws -> AccountRecord? {
            try await database.read { db in try await AccountRepository.find(email: EmailAddress(trusted: email), in: db) }
        }
        guard let riley = try await account("riley@example.org"), let jordan = try await account("pt@example.org"),
            let sam = try await account("coach@example.org"),
            try await database.read({ db in try await MessageRepository.thread(memberID: riley.id, in: db) }).isEmpty
        else { return false }
        let library = try ContentLibrary.bundled()
        let now = clock.now()
        let hour: TimeInterval = 3_600

        // Jordan reviewed Riley's plan this morning: a gentler start than Cat Cow, and a note to Riley.
        let program = ProgramService(database: database, library: library, clock: clock)
        if let current = try await program.currentPlan(for: riley.id), current.plan.exercises.contains(where: { $0.exerciseId == "cat-cow" }),
            library.exercises["seated-forward-flexion"] != nil
        {
            var edit = PlanEdit()
            edit.swap = ["cat-cow": "seated-forward-flexion"]
            edit.approve = Set(current.plan.exercises.filter { $0.proposal != nil }.map(\.exerciseId))
            let intakes = IntakeService(
                database: database,
                engine: ProgramEngine(catalog: library.exercises, articles: library.articles),
                clock: clock
            )
            _ = try await PlanEditingService(program: program, intakes: intakes).save(
                edit,
                basedOn: current.version.version,
                for: riley,
                by: jordan,
                note:
                    "You're doing really well. Cat Cow on hands and knees was stiffening your back in the mornings, so I've swapped it for a seated forward bend. Same idea, easier start.",
                confirmation: "",
                clientAddress: "demo data"
            )
        }

        try await database.transaction { db in
            try await ClinicalNoteRepository.add(
                .init(
                    memberID: riley.id,
                    authorID: jordan.id,
                    subjective: "Walks about 12 minutes before the back aches; morning stiffness after Cat Cow.",
                    objective: "Three weeks of sessions logged, 5 of 7 days most weeks. Daily pain down from 5 to 3.",
                    assessment: "Flexion-relieved walking pattern, improving. Tolerating the program.",
                    plan: "Swap Cat Cow for a seated forward bend. Review in two weeks.",
                    writtenAt: now.addingTimeInterval(-30 * hour)
                ),
                in: db
            )
            if let note = try await ClinicalNoteRepository.forMember(riley.id, in: db).first {
                try await ClinicalNoteRepository.add(
                    .init(
                        memberID: riley.id,
                        authorID: jordan.id,
                        amendsNoteID: note.note.id,
                        subjective: "",
                        objective: "",
                        assessment: "",
                        plan: "Review in one week rather than two, since the walking target steps up.",
                        writtenAt: now.addingTimeInterval(-2 * hour)
                    ),
                    in: db
                )
            }
            // The conversation: Jordan's check-in, Riley's answer, and Riley's new question waiting.
            let thread: [(AccountRecord, String, TimeInterval)] = [
                (jordan, "Hi Riley, how are the walks going? Any stiffness the morning after?", 48),
                (riley, "Walks are better, thanks. My back is a bit stiff in the mornings after Cat Cow though.", 40),
                (riley, "Quick question: my walk today hit 14 minutes before the ache. Should I go longer tomorrow, or stick to the plan?", 5),
            ]
            for (index, (sender, body, hoursAgo)) in thread.enumerated() {
                try await MessageRepository.send(
                    memberID: riley.id,
                    senderID: sender.id,
                    body: body,
                    idempotencyKey: "demo-message-\(index)",
                    at: now.addingTimeInterval(-hoursAgo * hour),
                    in: db
                )
            }
            // Jordan read Riley's first answer; Riley's question is still waiting. Sam has not looked.
            try await MessageRepository.markRead(memberID: riley.id, readerID: jordan.id, until: now.addingTimeInterval(-39 * hour), in: db)
            let replies: [(AccountRecord, String, String)] = [
                (
                    jordan, "Flare-up plan",
                    "A flare-up is common and usually settles in a few days. Keep moving gently: do the easier version of each exercise, shorten walks by a third, and use heat before you go. If pain spreads down your leg or you notice numbness, tell us straight away."
                ),
                (
                    jordan, "Walking: stick to the plan",
                    "Great to hear. Stick to the plan's minutes for now: it grows about 10% a week, which keeps flare-ups away. You'll see the new target on your Today page."
                ),
                (
                    sam, "Checking in",
                    "Hi, it's been a few days since we heard from you. How are things going? Even a five-minute session counts. Is anything getting in the way that I can help with?"
                ),
            ]
            for (staff, title, body) in replies {
                try await SavedReplyRepository.add(.init(staffID: staff.id, title: title, body: body, createdAt: now), in: db)
            }
        }
        return true
    }
}
