import Hummingbird

/// Pages anyone can read: the landing page, terms, privacy notice and the crisis page.
struct PublicPages {
    let pages: PageRenderer

    func register(on router: Router<AppRequestContext>) {
        router.get("/") { _, context in
            try pages.page("landing", title: "Exercise therapy for back and joint pain", context: context, currentPath: "/")
        }
        router.get("/terms") { _, context in try pages.page("terms", title: "Terms of use", context: context) }
        router.get("/privacy") { _, context in try pages.page("privacy", title: "Privacy notice", context: context) }
        // The crisis path (docs/intake.md, "Crisis"): open to everyone, signed in or not, so it can
        // never be locked behind a session that has expired.
        router.get("/support/now") { _, context in
            try pages.page(
                "support_now",
                title: "Help right now",
                context: context,
                data: ["signedInMember": context.signedIn?.account.role == .member]
            )
        }
    }
}
