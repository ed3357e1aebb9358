import Foundation
import SuppleContent
import SuppleCore
import SuppleStore

/// A small, believable program to look around in: one employer, its admin, a physical
/// therapist, a health coach and four members. Loading it twice changes nothing.
public enum DemoData {
    public static let password = "supple-demo-2026"
    public static let organizationSlug = "lakeside-demo"

    public struct SignIn: Sendable {
        public let role: Role
        public let email: String
    }

    static let people: [(name: String, email: String, role: Role, dateOfBirth: String?, timeZone: String)] = [
        ("Avery Demo", "admin@example.org", .admin, nil, "America/Chicago"),
        ("Jordan Demo", "pt@example.org", .physicalTherapist, nil, "America/Chicago"),
        ("Sam Demo", "coach@example.org", .healthCoach, nil, "America/New_York"),
        ("Riley Demo", "riley@example.org", .member, "1979-03-14", "America/Chicago"),
        ("Casey Demo", "casey@example.org", .member, "1988-11-02", "America/Denver"),
        ("Morgan Demo", "morgan@example.org", .member, "1965-06-27", "America/Los_Angeles"),
        ("Drew Demo", "drew@example.org", .member, "1991-08-09", "America/Chicago"),
    ]

    public static var signIns: [SignIn] { people.map { SignIn(role: $0.role, email: $0.email) } }

    /// The founding case: low back pain worse on walking, better sitting or bending forward.
    static let walkingPainIntake =
        #"{"painRegions":["lumbar"],"weeksWithPain":20,"painNow":4,"painAverageWeek":4,"painWorstWeek":6,"worseWith":["walking","standing"],"betterWith":["sitting","bendingForward"],"legSymptoms":"buttockOrThigh","walkMinutesBeforePain":10,"peg":{"enjoymentInterference":5,"activityInterference":6},"psfs":[{"activity":"Walk to the shops","score":4}],"phq2":[1,0],"gad2":[1,1],"fearOfMovement":3,"goals":"Walk to the park with my grandchildren","equipment":["mat"],"sittingHoursPerDay":7,"workHours":{"start":"09:00","end":"17:00"}}"#
    /// A past cancer with new back pain: the program waits for a clinician (T2-cancer).
    static let urgentIntake =
        #"{"painRegions":["lumbar"],"weeksWithPain":3,"painNow":5,"painAverageWeek":5,"painWorstWeek":7,"worseWith":["bendingForward","sitting"],"history":{"cancer":true},"peg":{"enjoymentInterference":4,"activityInterference":5},"phq2":[2,2],"gad2":[1,1],"fearOfMovement":6,"sittingHoursPerDay":3}"#
    /// Drew started the same program three weeks ago and has done nothing since: the coach's
    /// queue shows the quiet member.
    static let intakes = ["riley@example.org": walkingPainIntake, "morgan@example.org": urgentIntake, "drew@example.org": walkingPainIntake]

    /// The demo's accounts all share a published password, so it goes only into a database that
    /// holds nobody else (issue 17, finding 7).
    public struct RefusedIntoRealDatabase: Error, CustomStringConvertible {
        public var description: String {
            "This database has accounts that are not the demo's. The demo's published password would open accounts on a real installation, so it was not loaded. Use a new database file (or schema) for the demo."
        }
    }

    /// Whether the database has been marked as a demo installation.
    public static func isDemoInstallation(_ database: any Database) async throws -> Bool {
        try await database.read { db in try await InstallationMarkRepository.isSet(.demo, in: db) }
    }

    /// Adds whatever part of the demo is missing. Returns true if anything was added. Refuses a
    /// database with anyone in it but the demo's people, unless it is already marked a demo.
    @discardableResult
    public static func load(into database: any Database, hasher: PasswordHasher, clock: any WallClock = SystemClock()) async throws -> Bool {
        let addedPeople = try await loadPeople(into: database, hasher: hasher, clock: clock)
        // Intakes are backdated three weeks so the demo has weeks of sessions to show.
        let threeWeeksAgo = ManualClock(clock.now().addingTimeInterval(-21 * 86_400))
        let addedIntakes = try await loadIntakes(into: database, clock: threeWeeksAgo)
        let addedHistory = try await loadHistory(into: database, clock: clock)
        let addedCareTeamWork = try await loadCareTeamWork(into: database, clock: clock)
        let addedRoster = try await DemoRoster.load(into: database, clock: clock)
        return addedPeople || addedIntakes || addedHistory || addedCareTeamWork || addedRoster
    }

    /// Two members have finished their intake, so the plan and staff pages show real decisions.
    static func loadIntakes(into database: any Database, clock: any WallClock) async throws -> Bool {
        let library = try ContentLibrary.bundled()
        let service = IntakeService(database: database, engine: ProgramEngine(catalog: library.exercises, articles: library.articles), clock: clock)
        var added = false
        for (email, json) in intakes.sorted(by: { $0.key < $1.key }) {
            guard let account = try await database.read({ db in try await AccountRepository.find(email: EmailAddress(trusted: email), in: db) }),
                try await service.latestDecision(for: account.id) == nil,
                case .object(let document)? = JSONValue.parse(Data(json.utf8))
            else { continue }
            _ = try await service.submit(document, for: account, fromDraft: false, clientAddress: "demo data")
            added = true
        }
        return added
    }

    /// Three weeks of Riley's sessions, walks and check-ins: pain easing, walks growing, a couple
    /// of missed days, so every chart tells a story.
    static func loadHistory(into database: any Database, clock: any WallClock) async throws -> Bool {
        let library = try ContentLibrary.bundled()
        let program = ProgramService(database: database, library: library, clock: clock)
        guard
            let riley = try await database.read({ db in try await AccountRepository.find(email: EmailAddress(trusted: "riley@example.org"), in: db) }
            ),
            let current = try await program.currentPlan(for: riley.id),
            try await database.read({ db in try await ActivityRepository.sessions(memberID: riley.id, in: db) }).isEmpty
        else { return false }
        let today = program.today(for: riley)
        let now = clock.now()
        try await database.transaction { db in
            for back in stride(from: 21, through: 1, by: -1) {
                let date = today.adding(days: -back).description
                let progress = Double(21 - back) / 20
                let pain = Int((4 - 2 * progress).rounded())
                if back % 7 != 3 {
                    let outcomes = current.plan.exercises.map {
                        ActivityRepository.Outcome(
                            exerciseID: $0.exerciseId,
                            pain: max(1, pain - 1),
                            difficulty: "about-right",
                            symptomsSpread: false
                        )
                    }
                    _ = try await ProgramService.recordFinishedSession(
                        key: "demo-session-\(date)",
                        memberID: riley.id,
                        planVersionID: current.version.id,
                        date: date,
                        outcomes: outcomes,
                        at: now,
                        in: db
                    )
                }
                if back % 2 == 0 {
                    _ = try await ActivityRepository.recordWalk(
                        key: "demo-walk-\(date)",
                        memberID: riley.id,
                        date: date,
                        minutes: 8 + Int(6 * progress),
                        breaks: back > 10 ? 2 : 1,
                        painStartedMinute: back > 10 ? 7 : nil,
                        pain: max(1, pain),
                        at: now,
                        in: db
                    )
                }
                _ = try await ActivityRepository.recordCheckIn(
                    memberID: riley.id,
                    date: date,
                    kind: CheckInKind.dailyPain.rawValue,
                    answers: "\(pain + 1)",
                    score: Double(pain + 1),
                    at: now,
                    in: db
                )
                _ = try await ActivityRepository.recordCheckIn(
                    memberID: riley.id,
                    date: date,
                    kind: CheckInKind.nextMorning.rawValue,
                    answers: back % 5 == 0 ? "same" : "better",
                    score: nil,
                    at: now,
                    in: db
                )
                // Weekly PEG and fortnightly PSFS, easing and improving with the pain.
                if back == 14 || back == 7 || back == 1 {
                    let peg = 5.3 - 1.5 * progress
                    _ = try await ActivityRepository.recordCheckIn(
                        memberID: riley.id,
                        date: date,
                        kind: Questionnaire.peg.rawValue,
                        answers: #"{"demo":true}"#,
                        score: (peg * 10).rounded() / 10,
                        at: now,
                        in: db
                    )
                }
                if back == 14 || back == 1 {
                    _ = try await ActivityRepository.recordCheckIn(
                        memberID: riley.id,
                        date: date,
                        kind: Questionnaire.psfs.rawValue,
                        answers: #"{"activity0":\#(Int(4 + 3 * progress))}"#,
                        score: Double(Int(4 + 3 * progress)),
                        at: now,
                        in: db
                    )
                }
            }
        }
        try await program.adapt(riley)
        return true
    }

    static func loadPeople(into database: any Database, hasher: PasswordHasher, clock: any WallClock) async throws -> Bool {
        let now = clock.now()
        let passwordHash = try await hasher.hash(password)
        return try await database.transaction { db in
            if try await !InstallationMarkRepository.isSet(.demo, in: db),
                try await AccountRepository.anyAccount(otherThan: people.map(\.email), in: db)
            {
                throw RefusedIntoRealDatabase()
            }
            try await InstallationMarkRepository.set(.demo, at: now, in: db)
            var added = false
            let organization: OrganizationRepository.Organization
            if let existing = try await OrganizationRepository.find(slug: organizationSlug, in: db) {
                organization = existing
            } else {
                organization = .init(
                    slug: organizationSlug,
                    name: "Lakeside Manufacturing (demo employer)",
                    kind: .employer,
                    enrollmentMode: .roster,
                    createdAt: now
                )
                try await OrganizationRepository.insert(organization, in: db)
                added = true
            }
            for (index, person) in people.enumerated() {
                let email = EmailAddress(trusted: person.email)
                guard try await AccountRepository.find(email: email, in: db) == nil else { continue }
                // Stagger join times so lists have a believable order.
                let joined = now.addingTimeInterval(-Double(people.count - index) * 86_400 * 3)
                try await AccountRepository.insert(
                    AccountRecord(
                        email: email,
                        name: PersonName(trusted: person.name),
                        role: person.role,
                        passwordHash: passwordHash,
                        timeZone: MemberTimeZone(trusted: person.timeZone),
                        dateOfBirth: person.dateOfBirth.flatMap(CalendarDate.init(iso8601:)),
                        organizationID: person.role == .member ? organization.id : nil,
                        consentedAt: person.role == .member ? joined : nil,
                        createdAt: joined
                    ),
                    in: db
                )
                added = true
            }
            try await CareTeamRepository.assignUnassigned(in: db)
            return added
        }
    }
}
