import Hummingbird
import NIOCore
import SuppleCore

/// What every request carries through the middleware: who is signed in, the CSRF token for
/// forms on the page, the parsed form body, and the client's address for the audit log.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var signedIn: AccountService.SignedIn?
    public var csrfToken: String = ""
    public var form: FormFields = FormFields()
    /// On a streamed upload, the CSRF cookie its `_csrf` part must match (empty: no cookie).
    public var uploadCSRFCookie: String?
    public let clientAddress: String?
    /// For a signed-in member on a web page: messages from their care team they have not read,
    /// shown beside Messages in the navigation.
    public var unreadMessages = 0

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.clientAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Form and JSON bodies are small; anything bigger is a mistake or an attack.
    public var maxUploadSize: Int { 64 * 1024 }

    public var actor: Actor? { signedIn?.account.actor }
}
