import Logging
import SuppleCore

/// A one-time link on its way to a person.
public struct OutboundLink: Sendable, Equatable {
    public enum Kind: String, Sendable { case passwordReset = "password reset", staffInvitation = "staff invitation" }
    public let kind: Kind
    public let email: EmailAddress
    public let url: String
}

/// How one-time links reach people. Supple has no mail server of its own yet, so the default
/// writes the link to the server log for the operator to pass on (the README says so).
public protocol LinkDelivery: Sendable {
    func deliver(_ link: OutboundLink) async
}

public struct LogLinkDelivery: LinkDelivery {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    public func deliver(_ link: OutboundLink) async {
        logger.notice(
            "No mail server is configured: pass this \(link.kind.rawValue) link on to the person yourself",
            metadata: ["to": "\(link.email)", "link": "\(link.url)"]
        )
    }
}
