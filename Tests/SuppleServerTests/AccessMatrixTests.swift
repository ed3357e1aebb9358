import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SuppleCore
import SuppleServer
import SuppleStore
import Testing

/// Every route the server has, web and API, tried by every kind of person: anonymous, member A,
/// member B, A's coach, A's physical therapist, a physical therapist who is not A's, and an admin.
/// A route missing from `rules` fails the test, so a new route cannot skip this check.
@Suite struct AccessMatrixTests {
    enum Person: String, CaseIterable {
        // Ordered so that routes that change something for the one person allowed (deleting a
        // saved reply, signing out) run after everyone else has been refused.
        case anonymous, memberB, memberA, otherPhysicalTherapist, coach, admin, physicalTherapist
    }

    /// Who may reach a route. Everything about member A is open to A's care team and admins.
    enum Rule {
        /// Nothing to protect: anyone, signed in or not.
        case everyone
        case signedIn
        /// The member side of the app; each member only ever sees their own data.
        case members
        /// Member A's own session: member B gets "no such session".
        case memberA
        case staff
        case admin
        /// A's chart, messages and notes.
        case careTeamOfA
        /// Changing A's plan: A's physical therapist and admins.
        case clinicianOfA
        /// Resolving A's clinical alert: in the queue of A's physical therapist and admins.
        case clinicalQueueOfA
        /// A saved reply belongs to the physical therapist who wrote it, even against an admin.
        case replyOwner
        /// Only a scraper holding the configured token: no person.
        case metricsScraper

        var allowed: Set<Person> {
            switch self {
            case .everyone: Set(Person.allCases)
            case .signedIn: Set(Person.allCases).subtracting([.anonymous])
            case .members: [.memberA, .memberB]
            case .memberA: [.memberA]
            case .staff: [.coach, .physicalTherapist, .otherPhysicalTherapist, .admin]
            case .admin: [.admin]
            case .careTeamOfA: [.coach, .physicalTherapist, .admin]
            case .clinicianOfA: [.physicalTherapist, .admin]
            case .clinicalQueueOfA: [.physicalTherapist, .admin]
            case .replyOwner: [.physicalTherapist]
            case .metricsScraper: []
            }
        }
    }

    static let rules: [String: Rule] = [
        // Public pages, health, assets and the library.
        "GET /": .everyone, "GET /terms": .everyone, "GET /privacy": .everyone, "GET /support/now": .everyone,
        "GET /healthz": .everyone, "GET /readyz": .everyone, "GET /metrics": .metricsScraper, "GET /static/{file}": .everyone,
        "GET /library": .everyone, "GET /library/exercises/{id}": .everyone, "GET /library/exercises/{id}/figure.svg": .everyone,
        "GET /library/exercises/{id}/still.svg": .everyone, "GET /library/exercises/{id}/pose/{index}": .everyone,
        "GET /library/articles": .everyone, "GET /library/articles/{slug}": .everyone,
        "GET /signup": .everyone, "POST /signup": .everyone, "GET /signin": .everyone, "POST /signin": .everyone,
        "GET /password/forgot": .everyone, "POST /password/forgot": .everyone,
        "GET /password/reset/{token}": .everyone, "POST /password/reset/{token}": .everyone,
        "GET /invite/{token}": .everyone, "POST /invite/{token}": .everyone,
        "GET /api/v1/openapi.json": .everyone, "GET /api/v1/exercises": .everyone, "GET /api/v1/exercises/{id}": .everyone,
        "GET /api/v1/articles": .everyone, "GET /api/v1/articles/{slug}": .everyone,
        "POST /api/v1/members": .everyone, "POST /api/v1/tokens": .everyone,
        // Checking coverage comes before having an account.
        "GET /coverage": .everyone, "POST /coverage": .everyone, "POST /api/v1/eligibility/check": .everyone,
        // Any account.
        "GET /account": .signedIn, "POST /account/password": .signedIn, "POST /account/language": .signedIn,
        "GET /account/two-factor": .signedIn, "POST /account/two-factor": .signedIn,
        "POST /account/two-factor/recovery-codes": .signedIn, "POST /account/two-factor/off": .signedIn,
        // The second step of signing in comes before having a session.
        "GET /signin/code": .everyone, "POST /signin/code": .everyone,
        // Choosing the language of the pages, before signing in.
        "GET /language/{tag}": .everyone,
        // Signing out is harmless for anyone, so it needs no sign-in.
        "POST /signout": .everyone,
        "GET /api/v1/me": .signedIn, "DELETE /api/v1/tokens/current": .signedIn,
        // The member app.
        "GET /home": .members, "GET /intake": .members, "GET /intake/{step}": .members, "POST /intake/{step}": .members,
        "GET /plan": .members, "GET /session": .members, "POST /session": .members,
        "GET /session/stop": .members, "POST /session/stop": .members, "POST /walks": .members, "POST /checkins": .members,
        "GET /checkins/safety": .members, "POST /checkins/safety": .members,
        "GET /questionnaires/{kind}": .members, "POST /questionnaires/{kind}": .members, "GET /progress": .members,
        "GET /messages": .members, "POST /messages": .members, "GET /what-matters": .members, "POST /what-matters": .members,
        "POST /api/v1/intake": .members, "GET /api/v1/plan": .members, "GET /api/v1/today": .members,
        "POST /api/v1/sessions": .members, "PUT /api/v1/sessions/{id}/items/{exerciseId}": .memberA,
        "POST /api/v1/sessions/{id}/finish": .memberA, "POST /api/v1/walks": .members, "POST /api/v1/checkins": .members,
        "POST /api/v1/questionnaires/{kind}": .members, "GET /api/v1/progress": .members,
        "GET /api/v1/messages": .members, "POST /api/v1/messages": .members,
        // The staff workspace.
        "GET /staff": .staff, "GET /staff/members": .staff, "GET /staff/replies": .staff, "POST /staff/replies": .staff,
        "POST /staff/replies/{id}/delete": .replyOwner, "GET /staff/library/figures": .staff,
        "GET /api/v1/staff/queue": .staff, "GET /api/v1/staff/members": .staff,
        "POST /staff/alerts/{id}/resolve": .clinicalQueueOfA, "POST /api/v1/staff/alerts/{id}/resolve": .clinicalQueueOfA,
        "GET /staff/members/{id}": .careTeamOfA, "GET /staff/members/{id}/messages": .careTeamOfA,
        "POST /staff/members/{id}/messages": .careTeamOfA, "POST /staff/members/{id}/notes": .careTeamOfA,
        "GET /api/v1/staff/members/{id}": .careTeamOfA, "GET /api/v1/staff/members/{id}/messages": .careTeamOfA,
        "POST /api/v1/staff/members/{id}/messages": .careTeamOfA, "GET /api/v1/staff/members/{id}/notes": .careTeamOfA,
        "POST /api/v1/staff/members/{id}/notes": .careTeamOfA,
        "GET /staff/members/{id}/plan": .clinicianOfA, "POST /staff/members/{id}/plan": .clinicianOfA,
        "POST /api/v1/staff/members/{id}/plan": .clinicianOfA, "POST /staff/members/{id}/release": .clinicianOfA,
        // Admin only.
        "GET /staff/team": .admin, "POST /staff/invitations": .admin, "POST /staff/invitations/{id}/withdraw": .admin,
        "POST /staff/team/{id}/disable": .admin, "POST /staff/team/{id}/enable": .admin, "POST /staff/team/{id}/reset-link": .admin,
        "POST /staff/team/{id}/two-factor/reset": .admin, "GET /staff/audit": .admin, "GET /staff/audit.csv": .admin,
        "GET /staff/members/{id}/audit.csv": .admin, "POST /staff/members/{id}/care-team": .admin,
        "GET /staff/organizations": .admin, "POST /staff/organizations": .admin, "GET /staff/organizations/{slug}": .admin,
        "POST /staff/organizations/{slug}/roster": .admin, "GET /staff/organizations/{slug}/imports/{id}": .admin,
        "GET /staff/organizations/{slug}/report": .admin, "GET /staff/organizations/{slug}/report.csv": .admin,
    ]

    /// Routes that end what the person is signed in with: tried last for each person.
    static let endsTheSession: Set<String> = ["POST /signout", "DELETE /api/v1/tokens/current"]

    @Test("every route, web and API, admits exactly the people it should, and none answers 500")
    func matrix() async throws {
        try await TestApp.run { app, client in
            let router = try await buildRouter(
                AppConfiguration(passwordHashCost: 4),
                dependencies: AppDependencies(database: app.database),
                logger: Logger(label: "t")
            )
            let served = router.routes.map { "\($0.method.rawValue) \($0.path.description)" }
            let missing = Set(served).subtracting(Self.rules.keys)
            #expect(missing.isEmpty, "routes without an access rule: \(missing.sorted())")
            #expect(
                Set(Self.rules.keys).subtracting(served).isEmpty,
                "rules for routes that no longer exist: \(Set(Self.rules.keys).subtracting(served).sorted())"
            )

            // The people. A's care team exists before A; B joins after the other physical therapist, who gets B.
            try await app.createAccount("pt@example.org", role: .physicalTherapist, name: "Pat Lee")
            try await app.createAccount("coach@example.org", role: .healthCoach, name: "Cam Coach")
            let (_, memberA) = try await ProgramTests().memberWithPlan(app, client)
            let ptOther = try await app.createAccount("pt.other@example.org", role: .physicalTherapist, name: "Other PT")
            let memberB = try await app.createAccount("morgan@example.org", role: .member, name: "Morgan B")
            try await app.createAccount("admin@example.org", role: .admin, name: "Ada Admin")
            let assignedB = try await app.database.read { db in try await CareTeamRepository.assignment(memberID: memberB.id, in: db) }
            #expect(assignedB[.physicalTherapist] == ptOther.id)
            let emails: [Person: String] = [
                .memberA: "riley@example.org", .memberB: "morgan@example.org", .coach: "coach@example.org",
                .physicalTherapist: "pt@example.org", .otherPhysicalTherapist: "pt.other@example.org", .admin: "admin@example.org",
            ]

            // What the route parameters point at: A's records, and real library content.
            let tokenA = try await token(client, "riley@example.org")
            let started = try await client.execute(
                uri: "/api/v1/sessions",
                method: .post,
                headers: [.authorization: "Bearer \(tokenA)", .contentType: "application/json"],
                body: ByteBuffer(string: "{}")
            )
            let sessionID = try #require(try JSONSerialization.jsonObject(with: Data(buffer: started.body)) as? [String: Any])["id"] as? String
            let alertID = try #require(
                try await app.database.read { db in try await AlertRepository.forMember(memberA.id, in: db) }.first { $0.audience == .clinical }
            ).id
            let ptID = try #require(try await app.account("pt@example.org")).id
            let reply = SavedReplyRepository.Reply(staffID: ptID, title: "Hello", body: "Hello there", createdAt: app.clock.now())
            let employer = OrganizationRepository.Organization(
                slug: "acme-test",
                name: "Acme (test employer)",
                kind: .employer,
                enrollmentMode: .roster,
                createdAt: app.clock.now()
            )
            try await app.database.transaction { db in
                try await SavedReplyRepository.add(reply, in: db)
                try await OrganizationRepository.insert(employer, in: db)
            }

            func concrete(_ pattern: String) -> String {
                let path = pattern.split(separator: " ", maxSplits: 1)[1]
                var result = String(path)
                let alertRoute = path.contains("/alerts/")
                let replyRoute = path.contains("/replies/")
                let sessionRoute = path.contains("/sessions/")
                let id =
                    alertRoute
                    ? alertID.uuidString
                    : replyRoute
                        ? reply.id.uuidString : sessionRoute ? (sessionID ?? "") : path.contains("exercises/{id}") ? "cat-cow" : memberA.id.uuidString
                let slug = path.contains("/organizations/") ? employer.slug : "back-pain-when-walking"
                for (name, value) in [
                    ("{id}", id.lowercased()), ("{exerciseId}", "forward-bend"), ("{index}", "0"), ("{file}", "app.css"), ("{tag}", "es"),
                    ("{slug}", slug), ("{kind}", "peg"), ("{step}", "where"), ("{token}", "not-a-real-token-at-all"),
                ] {
                    result = result.replacingOccurrences(of: name, with: value)
                }
                return result
            }

            var failures: [String] = []
            for person in Person.allCases {
                let browser = Browser(client)
                var bearer: String?
                if let email = emails[person] {
                    try await browser.signIn(email)
                    bearer = try await token(client, email)
                }
                let ordered = Self.rules.keys.sorted {
                    (Self.endsTheSession.contains($0) ? 1 : 0, $0) < (Self.endsTheSession.contains($1) ? 1 : 0, $1)
                }
                for route in ordered {
                    let rule = Self.rules[route]!
                    let method = HTTPRequest.Method(String(route.split(separator: " ")[0]))!
                    let path = concrete(route)
                    let response: (status: HTTPResponse.Status, location: String?)
                    if path.hasPrefix("/api/") {
                        var headers: HTTPFields = [.contentType: "application/json"]
                        if let bearer { headers[.authorization] = "Bearer \(bearer)" }
                        let answer = try await client.execute(
                            uri: path,
                            method: method,
                            headers: headers,
                            body: method == .get ? nil : ByteBuffer(string: "{}")
                        )
                        response = (answer.status, answer.headers[.location])
                    } else if method == .get {
                        let page = try await browser.get(path)
                        response = (page.status, page.location)
                    } else {
                        let page = try await browser.post(path, form: [])
                        response = (page.status, page.location)
                    }
                    if response.status.code >= 500 { failures.append("\(person) \(route): \(response.status.code)") }
                    let reached = Self.reached(response.status, location: response.location, rule: rule)
                    if reached != rule.allowed.contains(person) {
                        failures.append(
                            "\(person) \(route): \(reached ? "reached" : "refused") with \(response.status.code) \(response.location ?? "")"
                        )
                    }
                }
            }
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
            // Nothing an unauthorized person sent changed A's plan or closed A's alert.
            #expect(try await app.database.read { db in try await PlanVersionRepository.all(memberID: memberA.id, in: db) }.count == 1)
        }
    }

    /// Whether the request got past the door. Refusals are 401, 403, a redirect to sign in, and
    /// 404 for a record that is someone else's (elsewhere 404 can honestly mean "none yet", as
    /// for a member without a plan); a member app page sends staff to their own workspace.
    static func reached(_ status: HTTPResponse.Status, location: String?, rule: Rule) -> Bool {
        let aboutSomeoneElsesRecord: Set<Rule> = [.memberA, .careTeamOfA, .clinicianOfA, .clinicalQueueOfA, .replyOwner]
        if status == .forbidden || status == .notFound && aboutSomeoneElsesRecord.contains(rule) { return false }
        if status == .unauthorized && rule != .everyone { return false }
        if let location, location.hasPrefix("/signin"), location != "/signin?done=signedout" { return false }
        if rule == .members, location == "/staff" { return false }
        return true
    }

    func token(_ client: any TestClientProtocol, _ email: String) async throws -> String {
        let response = try await client.execute(
            uri: "/api/v1/tokens",
            method: .post,
            headers: [.contentType: "application/json"],
            body: ByteBuffer(string: #"{"email":"\#(email)","password":"walk the dog at dawn"}"#)
        )
        return try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])["token"] as? String ?? ""
    }
}
