import Foundation
import SuppleCore

/// One person who can sign in: a member or a staff user.
public struct AccountRecord: Sendable, Equatable {
    public let id: UUID
    public var email: EmailAddress
    public var name: PersonName
    public var role: Role
    public var passwordHash: String
    public var timeZone: MemberTimeZone
    public var dateOfBirth: CalendarDate?
    public var organizationID: UUID?
    public var consentedAt: Date?
    public var createdAt: Date
    public var passwordChangedAt: Date
    public var disabledAt: Date?
    public var lastSignedInAt: Date?
    /// The language the member reads Supple in; staff pages are English whatever this says.
    public var language: Language

    public init(
        id: UUID = UUID(),
        email: EmailAddress,
        name: PersonName,
        role: Role,
        passwordHash: String,
        timeZone: MemberTimeZone,
        dateOfBirth: CalendarDate? = nil,
        organizationID: UUID? = nil,
        consentedAt: Date? = nil,
        createdAt: Date,
        passwordChangedAt: Date? = nil,
        disabledAt: Date? = nil,
        language: Language = .english,
        lastSignedInAt: Date? = nil
    ) {
        self.lastSignedInAt = lastSignedInAt
        self.language = language
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.timeZone = timeZone
        self.dateOfBirth = dateOfBirth
        self.organizationID = organizationID
        self.consentedAt = consentedAt
        self.createdAt = createdAt
        self.passwordChangedAt = passwordChangedAt ?? createdAt
        self.disabledAt = disabledAt
    }

    public var actor: Actor { Actor(accountID: id.uuidString, role: role) }
}
