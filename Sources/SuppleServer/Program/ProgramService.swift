import Foundation
import SuppleContent
import SuppleCore
import SuppleStore

/// The member's daily program: the current plan version, today's occurrences, recording what
/// they did, and adapting the plan with the progression engine after each session or walk.
public struct ProgramService: Sendable {
    public let database: any Database
    public let library: ContentLibrary
    public let clock: any WallClock

    public init(database: any Database, library: ContentLibrary, clock: any WallClock) {
        self.database = database
        self.library = library
        self.clock = clock
    }

    public func today(for member: AccountRecord) -> CalendarDate {
        CalendarDate(clock.now(), in: member.timeZone.timeZone)
    }

    public struct CurrentPlan: Sendable {
        public let version: PlanVersionRepository.Record
        public let plan: ProgramPlan
    }

    public func currentPlan(for memberID: UUID) async throws -> CurrentPlan? {
        guard let record = try await database.read({ db in try await PlanVersionRepository.latest(memberID: memberID, in: db) }) else { return nil }
        return CurrentPlan(version: record, plan: try JSONDecoder().decode(ProgramPlan.self, from: Data(record.planJSON.utf8)))
    }

    static func encode(_ plan: ProgramPlan) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(plan), as: UTF8.self)
    }

    /// What happened so far, as the progression engine reads it. A "next morning" answer belongs
    /// to the day before it was given.
    public func history(for memberID: UUID) async throws -> SessionHistory {
        let (sessions, walks, checkIns) = try await database.read { db in
            (
                try await ActivityRepository.sessions(memberID: memberID, in: db),
                try await ActivityRepository.walks(memberID: memberID, in: db),
                try await ActivityRepository.checkIns(memberID: memberID, in: db)
            )
        }
        var nextMorning: [CalendarDate: SessionHistory.NextMorning] = [:]
        for checkIn in checkIns where checkIn.kind == CheckInKind.nextMorning.rawValue {
            if let date = CalendarDate(iso8601: checkIn.date), let answer = SessionHistory.NextMorning(rawValue: checkIn.answers) {
                nextMorning[date.adding(days: -1)] = answer
            }
        }
        return SessionHistory(
            sessions: sessions.compactMap { session in
                guard let date = CalendarDate(iso8601: session.occurrenceDate) else { return nil }
                return .init(
                    date: date,
                    items: session.outcomes.map {
                        .init(
                            exerciseId: $0.exerciseID,
                            pain: $0.pain,
                            difficulty: SessionHistory.Difficulty(rawValue: $0.difficulty) ?? .aboutRight,
                            symptomsSpread: $0.symptomsSpread
                        )
                    },
                    nextMorning: nextMorning[date]
                )
            },
            walks: walks.compactMap { walk in
                CalendarDate(iso8601: walk.date).map { .init(date: $0, minutes: walk.minutes, pain: walk.pain, nextMorning: nextMorning[$0]) }
            }
        )
    }

    /// The limits the member's plan was built under, from their latest intake; nil without one
    /// (then the engine proposes no swaps at all).
    func limits(for memberID: UUID) async throws -> MemberLimits? {
        guard let intake = try await LatestIntake.read(memberID, from: database) else { return nil }
        return MemberLimits.limits(for: intake, Classifier.classify(intake)).0
    }

    /// Marks the review alert for an exercise swap the engine proposed.
    static let proposalSource = "progression"

    /// Runs the progression engine and, when anything changes, stores the next plan version,
    /// effective tomorrow, with the reasons. Returns the decisions.
    @discardableResult
    public func adapt(_ member: AccountRecord) async throws -> ProgressionEngine.Decisions? {
        guard let current = try await currentPlan(for: member.id) else {
            try await database.transaction { db in try await PendingAdaptationRepository.clear(memberID: member.id, in: db) }
            return nil
        }
        let decisions = ProgressionEngine(catalog: library.exercises).decide(
            plan: current.plan,
            history: try await history(for: member.id),
            limits: try await limits(for: member.id)
        )
        let tomorrow = today(for: member).adding(days: 1)
        let next = PlanAdapter.apply(decisions, to: current.plan, catalog: library.exercises, on: tomorrow)
        // Steady, or a proposal already waiting proposed again: nothing changes, nothing is pending.
        guard !decisions.isSteady, next != current.plan else {
            try await database.transaction { db in try await PendingAdaptationRepository.clear(memberID: member.id, in: db) }
            return decisions
        }
        let reasons =
            decisions.items.filter { $0.action != .keep }.map(\.rationale.explanation)
            + [decisions.walking].compactMap { $0 }.filter { $0.newMinutes != $0.currentMinutes || $0.newDaysPerWeek != nil }.map(
                \.rationale.explanation
            )
        let json = try Self.encode(next)
        let now = clock.now()
        try await database.transaction { db in
            try await PendingAdaptationRepository.clear(memberID: member.id, in: db)
            _ = try await PlanVersionRepository.add(
                memberID: member.id,
                effectiveFrom: tomorrow.description,
                author: "engine",
                reason: reasons.joined(separator: " "),
                planJSON: json,
                at: now,
                in: db
            )
            let newProposals = next.exercises.filter { item in
                item.proposal != nil && current.plan.exercises.first { $0.exerciseId == item.exerciseId }?.proposal != item.proposal
            }
            if !newProposals.isEmpty, try await !AlertRepository.hasOpen(memberID: member.id, source: Self.proposalSource, in: db) {
                try await AlertRepository.insert(
                    .init(
                        memberID: member.id,
                        severity: .routine,
                        audience: .clinical,
                        reason: "Engine proposed an exercise change: pending review",
                        source: Self.proposalSource,
                        createdAt: now
                    ),
                    in: db
                )
            }
        }
        return decisions
    }
}

extension ProgramService {
    /// Adapts the plans that a crash or a failed step left waiting (see PendingAdaptationRepository).
    /// Returns how many it finished. A member whose adaptation fails keeps their mark for the next
    /// round and does not hold up the others; the database failing stops the round.
    @discardableResult
    public func finishPendingAdaptations(limit: Int = 500) async throws -> Int {
        let members = try await database.read { db in try await PendingAdaptationRepository.pending(limit: limit, in: db) }
        var finished = 0
        for id in members {
            do {
                guard let member = try await database.read({ db in try await AccountRepository.find(id: id, in: db) }) else { continue }
                _ = try await adapt(member)
                finished += 1
            } catch let fault as StoreFault {
                throw fault
            } catch {
                continue
            }
        }
        return finished
    }
}

extension ProgramService {
    /// What a member's day holds: computed from the plan and what is recorded, never stored.
    public struct Day: Sendable {
        public let date: CalendarDate
        public let sessionDone: Bool
        public let walkDone: Bool
        public let checkInsDue: [CheckInKind]
        /// One article a day, taking turns through the reading list.
        public let article: ProgramPlan.Reading?
    }

    public func day(for member: AccountRecord, plan: ProgramPlan) async throws -> Day {
        let date = today(for: member)
        let history = try await history(for: member.id)
        let (checkIns, planStart) = try await database.read { db in
            (
                try await ActivityRepository.checkIns(memberID: member.id, in: db),
                try await PlanVersionRepository.all(memberID: member.id, in: db).first.flatMap { CalendarDate(iso8601: $0.effectiveFrom) }
            )
        }
        let answered = Set(checkIns.filter { $0.date == date.description }.map(\.kind))
        let yesterday = date.adding(days: -1)
        let activeYesterday = history.sessions.contains { $0.date == yesterday } || history.walks.contains { $0.date == yesterday }
        var due: [CheckInKind] = []
        if !answered.contains(CheckInKind.dailyPain.rawValue) { due.append(.dailyPain) }
        if activeYesterday && !answered.contains(CheckInKind.nextMorning.rawValue) { due.append(.nextMorning) }
        let lastSafety = checkIns.filter { $0.kind == CheckInKind.weeklySafety.rawValue }.compactMap { CalendarDate(iso8601: $0.date) }.max()
        if let planStart, WeeklySafetyCheck.isDue(planStart: planStart, today: date, lastAnswered: lastSafety) { due.insert(.weeklySafety, at: 0) }
        // Articles for later weeks wait for their week (EducationPath spreads the list out).
        let week = planStart.map { max(0, date.daysSince($0)) / 7 + 1 } ?? 1
        let reading = plan.education.filter { ($0.fromWeek ?? 1) <= week }
        return Day(
            date: date,
            sessionDone: history.sessions.contains { $0.date == date },
            walkDone: history.walks.contains { $0.date == date },
            checkInsDue: due,
            article: reading.isEmpty ? nil : reading[abs(date.daysSince(CalendarDate(year: 2026, month: 1, day: 1)!)) % reading.count]
        )
    }
}

/// The check-ins Supple asks for.
public enum CheckInKind: String, Sendable, CaseIterable {
    case dailyPain = "daily-pain"
    case nextMorning = "next-morning"
    /// The danger signs again, once a week (WeeklySafetyCheck).
    case weeklySafety = "weekly-safety"
}
