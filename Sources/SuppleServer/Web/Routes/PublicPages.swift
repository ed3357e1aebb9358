import Hummingbird

/// Pages anyone can read: the landing page, terms and privacy notice.
struct PublicPages {
    let pages: PageRenderer

    func register(on router: Router<AppRequestContext>) {
        router.get("/") { _, context in
            try pages.page("landing", title: "Exercise therapy for back and joint pain", context: context, currentPath: "/")
        }
        router.get("/terms") { _, context in try pages.page("terms", title: "Terms of use", context: context) }
        router.get("/privacy") { _, context in try pages.page("privacy", title: "Privacy notice", context: context) }
    }
}
