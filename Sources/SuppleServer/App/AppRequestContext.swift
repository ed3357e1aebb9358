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
    /// On a streamed upload, the form token its `_csrf` part must match (empty: none).
    public var uploadCSRFExpected: String?
    /// The peer's address, replaced by the real client's behind a trusted proxy
    /// (`ClientAddressMiddleware`).
    public var clientAddress: String?
    /// For a signed-in member on a web page: messages from their care team they have not read,
    /// shown beside Messages in the navigation.
    public var unreadMessages = 0
    /// What the browser asks for (a `supple_lang` cookie set from the language links, else
    /// `Accept-Language`), for pages seen before signing in.
    public var browserLanguage: Language = .english

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.clientAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Form and JSON bodies are small; anything bigger is a mistake or an attack.
    public var maxUploadSize: Int { 64 * 1024 }

    public var actor: Actor? { signedIn?.account.actor }

    /// The language of the page: a member's own choice; English for the care team, whose pages
    /// are not translated; the browser's wish for everyone not signed in.
    public var language: Language {
        guard let account = signedIn?.account else { return browserLanguage }
        return account.role == .member ? account.language : .english
    }
}
