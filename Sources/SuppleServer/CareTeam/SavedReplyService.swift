import Foundation
import SuppleCore
import SuppleStore

/// A staff member's own saved replies: write, list, delete. Nobody else sees them.
struct SavedReplyService: Sendable {
    let database: any Database
    let clock: any WallClock

    func list(for staff: AccountRecord) async throws -> [SavedReplyRepository.Reply] {
        try await database.read { db in try await SavedReplyRepository.list(staffID: staff.id, in: db) }
    }

    /// One of the viewer's own replies, to start a message from.
    func reply(_ id: UUID, of staff: AccountRecord) async throws -> SavedReplyRepository.Reply? {
        try await list(for: staff).first { $0.id == id }
    }

    /// Saves a reply after checking its title and text; names every field that is wrong.
    func add(title rawTitle: String?, body rawBody: String?, by staff: AccountRecord) async throws {
        var errors = FieldErrorCollector()
        var title = ""
        var body = ""
        do { title = try TextInput.required(rawTitle, field: "title", label: "title", maxLength: 80) } catch {
            errors.add(error.field, error.message)
        }
        do { body = try TextInput.paragraphs(rawBody, field: "body", label: "reply", maxLength: MessagingService.maxLength) } catch {
            errors.add(error.field, error.message)
        }
        try errors.throwIfAny()
        let reply = SavedReplyRepository.Reply(staffID: staff.id, title: title, body: body, createdAt: clock.now())
        try await database.transaction { db in try await SavedReplyRepository.add(reply, in: db) }
    }

    /// Deletes one of the viewer's own replies; false when there is no such reply of theirs.
    func delete(_ id: UUID, by staff: AccountRecord) async throws -> Bool {
        try await database.transaction { db in try await SavedReplyRepository.delete(id: id, staffID: staff.id, in: db) }
    }
}
