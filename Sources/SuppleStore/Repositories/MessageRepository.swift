import Foundation
import SQLKit
import SuppleCore

/// One thread per member, shared by the member and their care team. Each reader keeps their own
/// place in it (`message_reads`), which is what unread counts are measured against. Bodies are
/// stored as plain text and never leave this table except to the people in the thread.
public enum MessageRepository {
    public struct Message: Sendable, Equatable {
        public let id: UUID
        public let memberID: UUID
        public let senderID: UUID
        public let senderName: String
        public let senderRole: Role
        public let body: String
        public let sentAt: Date

        /// Whether the member wrote it, rather than someone on their care team.
        public var isFromMember: Bool { senderID == memberID }
    }

    /// Adds a message; false when a message with this idempotency key was already stored (a
    /// double-submitted form or a retried request).
    @discardableResult
    public static func send(
        memberID: UUID,
        senderID: UUID,
        body: String,
        idempotencyKey: String,
        at instant: Date,
        in db: any SQLDatabase
    ) async throws -> Bool {
        // A repeat of the key is ignored by the insert itself, so concurrent retries cannot race.
        guard
            try await db.raw(
                """
                INSERT INTO messages (id, member_id, sender_id, body, sent_at, idempotency_key)
                VALUES (\(bind: UUID().uuidString), \(bind: memberID.uuidString), \(bind: senderID.uuidString), \(bind: body),
                    \(bind: instant.storedMilliseconds), \(bind: idempotencyKey))
                ON CONFLICT (idempotency_key) DO NOTHING RETURNING id
                """
            ).first() != nil
        else { return false }
        // Writing in a thread means having read it up to then.
        try await markRead(memberID: memberID, readerID: senderID, until: instant, in: db)
        return true
    }

    /// The newest `limit` messages of the member's thread, oldest first.
    public static func thread(memberID: UUID, limit: Int = 200, in db: any SQLDatabase) async throws -> [Message] {
        try await db.raw(
            """
            SELECT m.*, s.name AS sender_name, s.role AS sender_role FROM messages m JOIN accounts s ON s.id = m.sender_id
            WHERE m.member_id = \(bind: memberID.uuidString) ORDER BY m.sent_at DESC, m.id DESC LIMIT \(bind: limit)
            """
        ).all().map(decode).reversed()
    }

    /// Moves the reader's place in the thread forward (never back).
    public static func markRead(memberID: UUID, readerID: UUID, until instant: Date, in db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO message_reads (member_id, reader_id, read_until)
            VALUES (\(bind: memberID.uuidString), \(bind: readerID.uuidString), \(bind: instant.storedMilliseconds))
            ON CONFLICT (member_id, reader_id) DO UPDATE SET read_until =
                CASE WHEN excluded.read_until > message_reads.read_until THEN excluded.read_until ELSE message_reads.read_until END
            """
        ).run()
    }

    /// Messages in the member's thread from other people that this reader has not seen yet.
    public static func unreadCount(memberID: UUID, readerID: UUID, in db: any SQLDatabase) async throws -> Int {
        let row = try await db.raw(
            """
            SELECT COUNT(*) AS unread FROM messages m
            WHERE m.member_id = \(bind: memberID.uuidString) AND m.sender_id <> \(bind: readerID.uuidString)
            AND m.sent_at > COALESCE((SELECT r.read_until FROM message_reads r
                                      WHERE r.member_id = m.member_id AND r.reader_id = \(bind: readerID.uuidString)), -1)
            """
        ).first()
        return try row?.decode(column: "unread", as: Int.self) ?? 0
    }

    public struct UnreadThread: Sendable, Equatable {
        public let memberID: UUID
        public let memberName: String
        public let unread: Int
        /// When the oldest unread message was sent: how long the member has been waiting.
        public let waitingSince: Date
    }

    /// Threads where the member wrote something this staff member has not read: their own
    /// members' threads, or every thread for an admin. Longest waiting first.
    public static func unreadThreads(staffID: UUID, everyMember: Bool, in db: any SQLDatabase) async throws -> [UnreadThread] {
        let staff = staffID.uuidString
        let scope: SQLQueryString = everyMember ? "" : "AND (a.physical_therapist_id = \(bind: staff) OR a.health_coach_id = \(bind: staff))"
        return try await db.raw(
            """
            SELECT m.member_id, a.name AS member_name, COUNT(*) AS unread, MIN(m.sent_at) AS waiting_since
            FROM messages m JOIN accounts a ON a.id = m.member_id
            WHERE m.sender_id = m.member_id
            AND m.sent_at > COALESCE((SELECT r.read_until FROM message_reads r WHERE r.member_id = m.member_id AND r.reader_id = \(bind: staff)), -1)
            """ + " " + scope + " " + "GROUP BY m.member_id, a.name ORDER BY waiting_since, m.member_id"
        ).all().map { row in
            UnreadThread(
                memberID: UUID(uuidString: try row.decode(column: "member_id", as: String.self))!,
                memberName: try row.decode(column: "member_name", as: String.self),
                unread: try row.decode(column: "unread", as: Int.self),
                waitingSince: try row.instant("waiting_since")
            )
        }
    }

    static func decode(_ row: any SQLRow) throws -> Message {
        Message(
            id: UUID(uuidString: try row.decode(column: "id", as: String.self))!,
            memberID: UUID(uuidString: try row.decode(column: "member_id", as: String.self))!,
            senderID: UUID(uuidString: try row.decode(column: "sender_id", as: String.self))!,
            senderName: try row.decode(column: "sender_name", as: String.self),
            senderRole: Role(rawValue: try row.decode(column: "sender_role", as: String.self)) ?? .member,
            body: try row.decode(column: "body", as: String.self),
            sentAt: try row.instant("sent_at")
        )
    }
}
