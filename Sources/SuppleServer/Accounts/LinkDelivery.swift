import Logging
import SuppleCore

/// A one-time link on its way to a person.
public struct OutboundLink: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case passwordReset = "password reset"
        case staffInvitation = "staff invitation"
        /// Someone tried to join with the email of an existing account: the owner is told, with
        /// the way to reset their password if it was them.
        case joinedAgain = "joined again"
    }
    public let kind: Kind
    public let email: EmailAddress
    public let url: String
}

/// How one-time links reach people: by email once a mail server is configured.
public protocol LinkDelivery: Sendable {
    func deliver(_ link: OutboundLink) async
}

/// Without a mail server nothing can reach the person, and a usable link must never sit in a
/// log that others read (issue 17, finding 4). So the log says only that a link was asked for
/// and where an admin can make one to pass on in person.
public struct LogLinkDelivery: LinkDelivery {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    public func deliver(_ link: OutboundLink) async {
        switch link.kind {
        case .passwordReset:
            logger.notice(
                "A password reset was asked for, but no mail server is configured, so no link was sent. An admin can make one: Team page, or `supple admin reset-link --email`",
                metadata: ["to": "\(link.email)"]
            )
        case .joinedAgain:
            logger.notice(
                "Someone tried to join with the email of an existing account; no mail server is configured, so its owner was not told",
                metadata: ["to": "\(link.email)"]
            )
        case .staffInvitation:
            logger.notice(
                "A staff invitation was made; no mail server is configured, so the admin who made it passes on the link shown on the Team page",
                metadata: ["to": "\(link.email)"]
            )
        }
    }
}
