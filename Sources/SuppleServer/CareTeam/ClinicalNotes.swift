import Foundation
import Hummingbird
import SuppleCore
import SuppleStore

/// SOAP-style notes on a member's record. A note is never changed: a correction is an
/// amendment, a new note pointing at the original, and the chart shows both.
struct ClinicalNotes: Sendable {
    let database: any Database
    let clock: any WallClock

    static let fields = [("subjective", "Subjective"), ("objective", "Objective"), ("assessment", "Assessment"), ("plan", "Plan")]
    static let maxLength = 4_000

    /// Validates and stores a note (or an amendment of `amends`), audited in the same transaction.
    func write(
        _ form: FormFields,
        member: AccountRecord,
        by author: AccountRecord,
        clientAddress: String?
    ) async throws -> ClinicalNoteRepository.Note {
        var fields: [String: String] = [:]
        for (field, _) in Self.fields { fields[field] = form[field] }
        return try await write(fields, amends: form["amends"], member: member, by: author, clientAddress: clientAddress)
    }

    func write(
        _ fields: [String: String],
        amends raw: String?,
        member: AccountRecord,
        by author: AccountRecord,
        clientAddress: String?
    ) async throws -> ClinicalNoteRepository.Note {
        var errors = FieldErrorCollector()
        var text: [String: String] = [:]
        for (field, label) in Self.fields {
            do {
                text[field] = try TextInput.paragraphs(
                    fields[field],
                    field: field,
                    label: label.lowercased(),
                    maxLength: Self.maxLength,
                    required: false
                )
            } catch { errors.add(error.field, error.message) }
        }
        if errors.errors.isEmpty, text.values.allSatisfy(\.isEmpty) {
            errors.add("subjective", "Write at least one of subjective, objective, assessment or plan.")
        }
        var amends: UUID?
        if let raw, !raw.isEmpty {
            guard let id = UUID(uuidString: raw) else { throw ValidationFailure(field: "amends", message: "That note is not on this record.") }
            amends = id
        }
        try errors.throwIfAny()
        let note = ClinicalNoteRepository.Note(
            memberID: member.id,
            authorID: author.id,
            amendsNoteID: amends,
            subjective: text["subjective"] ?? "",
            objective: text["objective"] ?? "",
            assessment: text["assessment"] ?? "",
            plan: text["plan"] ?? "",
            writtenAt: clock.now()
        )
        let amendedID = amends
        try await database.transaction { db in
            if let amends = amendedID {
                // Amendments hang off an original note of the same member, never off another amendment.
                guard let original = try await ClinicalNoteRepository.find(id: amends, in: db), original.memberID == member.id,
                    original.amendsNoteID == nil
                else {
                    throw ValidationFailure(field: "amends", message: "That note is not on this record.")
                }
            }
            try await ClinicalNoteRepository.add(note, in: db)
            try await AuditLog.record(
                .init(
                    occurredAt: note.writtenAt,
                    actorID: author.id,
                    action: amendedID == nil ? "staff.wrote_note" : "staff.amended_note",
                    subjectAccountID: member.id,
                    clientAddress: clientAddress
                ),
                in: db
            )
        }
        return note
    }

    /// Notes for the chart: originals oldest first, each followed by its amendments.
    static func view(_ notes: [ClinicalNoteRepository.Written], viewer: AccountRecord) -> [[String: Any]] {
        func shape(_ written: ClinicalNoteRepository.Written) -> [String: Any] {
            let note = written.note
            return [
                "id": note.id.uuidString.lowercased(),
                "author": "\(written.authorName), \(written.authorRole.displayName.lowercased())",
                "when": DisplayFormats.moment(note.writtenAt, in: viewer.timeZone),
                "sections": fields.compactMap { field, label -> [String: String]? in
                    let value =
                        switch field {
                        case "subjective": note.subjective
                        case "objective": note.objective
                        case "assessment": note.assessment
                        default: note.plan
                        }
                    return value.isEmpty ? nil : ["label": label, "text": value]
                },
            ]
        }
        let amendments = Dictionary(grouping: notes.filter { $0.note.amendsNoteID != nil }, by: { $0.note.amendsNoteID! })
        return notes.filter { $0.note.amendsNoteID == nil }.map { original in
            var view = shape(original)
            view["amendments"] = (amendments[original.note.id] ?? []).map(shape)
            return view
        }
    }
}
