import Foundation
import SuppleCore
import SuppleStore

/// Secure in-app messages between a member and their care team. Plain text only; the text
/// never goes to logs, audit details or notifications, only into the thread.
struct MessagingService: Sendable {
    let database: any Database
    let clock: any WallClock

    static let maxLength = 4_000

    /// Stores a message in the member's thread. The sender is the member or someone allowed on
    /// their record (the caller checks that). A repeated idempotency key stores nothing again.
    func send(_ raw: String?, from sender: AccountRecord, threadOf memberID: UUID, idempotencyKey: String, clientAddress: String?) async throws {
        let body: String
        do { body = try TextInput.paragraphs(raw, field: "body", label: "message", maxLength: Self.maxLength) } catch {
            throw ValidationFailure([error])
        }
        try IdempotencyKey.check(idempotencyKey)
        let now = clock.now()
        try await database.transaction { db in
            let stored = try await MessageRepository.send(
                memberID: memberID,
                senderID: sender.id,
                body: body,
                idempotencyKey: "\(sender.id.uuidString):\(idempotencyKey)",
                at: now,
                in: db
            )
            if stored, sender.role.isStaff {
                try await AuditLog.record(
                    .init(
                        occurredAt: now,
                        actorID: sender.id,
                        action: "staff.sent_message",
                        subjectAccountID: memberID,
                        detail: "characters=\(body.count)",
                        clientAddress: clientAddress
                    ),
                    in: db
                )
            }
        }
    }

    /// How long a member's reading may wait to mark the thread read.
    static let markReadDeadline = Duration.milliseconds(250)

    /// The thread as the reader sees it, marking it read up to now. A staff reading is audited in
    /// the same transaction (no look without its record). A member's reading never waits long on
    /// the write queue: the thread comes from a reader, and marking it read gets a short deadline
    /// of its own; if the writer is busy, the messages simply stay "new" a little longer.
    func read(threadOf memberID: UUID, by reader: AccountRecord, clientAddress: String?) async throws -> [MessageRepository.Message] {
        let now = clock.now()
        guard reader.role.isStaff else {
            let messages = try await database.read { db in try await MessageRepository.thread(memberID: memberID, in: db) }
            try? await database.transaction(within: Self.markReadDeadline) { db in
                try await MessageRepository.markRead(memberID: memberID, readerID: reader.id, until: now, in: db)
            }
            return messages
        }
        return try await database.transaction { db in
            let messages = try await MessageRepository.thread(memberID: memberID, in: db)
            try await MessageRepository.markRead(memberID: memberID, readerID: reader.id, until: now, in: db)
            try await AuditLog.record(
                .init(
                    occurredAt: now,
                    actorID: reader.id,
                    action: "staff.read_messages",
                    subjectAccountID: memberID,
                    clientAddress: clientAddress
                ),
                in: db
            )
            return messages
        }
    }

    /// Who answers this member's messages, by role.
    func careTeam(of memberID: UUID) async throws -> [CareTeamRepository.Member] {
        try await database.read { db in try await CareTeamRepository.team(memberID: memberID, in: db) }
    }

    /// The member's care team and how many of the team's messages they have not read, in one
    /// read (the Today page shows both).
    func teamAndUnread(for member: AccountRecord) async throws -> (team: [CareTeamRepository.Member], unread: Int) {
        try await database.read { db in
            (
                try await CareTeamRepository.team(memberID: member.id, in: db),
                try await MessageRepository.unreadCount(memberID: member.id, readerID: member.id, in: db)
            )
        }
    }

    func unread(threadOf memberID: UUID, for reader: AccountRecord) async throws -> Int {
        try await database.read { db in try await MessageRepository.unreadCount(memberID: memberID, readerID: reader.id, in: db) }
    }

    /// The thread shaped for a page, in the reader's time zone.
    static func view(_ messages: [MessageRepository.Message], reader: AccountRecord) -> [[String: Any]] {
        messages.map { message in
            [
                "body": message.body, "fromMember": message.isFromMember, "mine": message.senderID == reader.id,
                "sender": message.senderID == reader.id
                    ? "You" : (message.isFromMember ? message.senderName : "\(message.senderName), \(message.senderRole.displayName.lowercased())"),
                "when": DisplayFormats.moment(message.sentAt, in: reader.timeZone),
            ]
        }
    }
}
