import SuppleCore
import Testing

@Suite struct SponsorReportTests {
    static func member(
        baseline: Double? = 6,
        week12: Double? = nil,
        peg: Double? = 6,
        pegAt12: Double? = nil,
        reached: Bool = true,
        active: Bool = true,
        sessions: Int = 4
    ) -> SponsorReport.Member {
        .init(
            activated: baseline != nil,
            activeLast30Days: active,
            sessionsLast30Days: sessions,
            baselinePain: baseline,
            painAtWeek12: week12,
            baselinePEG: peg,
            pegAtWeek12: pegAt12,
            reachedWeek12: reached
        )
    }

    static func value(_ report: SponsorReport, _ metric: String) -> String? { report.lines.first { $0.metric == metric }?.value }

    @Test("groups under 11 show as 'fewer than 11', and so do figures computed from them")
    func small() {
        let report = SponsorReport(members: (0..<10).map { _ in Self.member(week12: 2) })
        #expect(Self.value(report, "enrolled") == "fewer than 11")
        #expect(Self.value(report, "activated") == "fewer than 11")
        #expect(Self.value(report, "mean_pain_change")?.contains("fewer than 11") == true)
        #expect(Self.value(report, "sessions_per_active_member_per_week")?.contains("fewer than 11") == true)
    }

    @Test("outcomes are intention-to-treat: people with no week-12 answer count as unchanged")
    func intentionToTreat() {
        // 12 improved by 3 points, 12 never answered in week 12, 5 not yet 12 weeks in (left out).
        let members =
            (0..<12).map { _ in Self.member(week12: 3, pegAt12: 4) } + (0..<12).map { _ in Self.member() }
            + (0..<5).map { _ in Self.member(week12: 0, reached: false) }
        let report = SponsorReport(members: members)
        #expect(Self.value(report, "enrolled") == "29")
        #expect(Self.value(report, "outcome_denominator") == "24")
        #expect(Self.value(report, "mean_pain_change") == "-1.5 points")
        #expect(Self.value(report, "meaningful_pain_change_share") == "50% (12 of 24)")
        #expect(Self.value(report, "mean_peg_change") == "-1.0 points")
        #expect(Self.value(report, "sessions_per_active_member_per_week") == "0.9")
        #expect(report.method.contains("intention-to-treat"))
    }

    @Test("a 30% fall counts as meaningful even when under 2 points")
    func thirtyPercent() {
        let members = (0..<11).map { _ in Self.member(baseline: 3, week12: 2) } + (0..<11).map { _ in Self.member(baseline: 3, week12: 2.5) }
        #expect(Self.value(SponsorReport(members: members), "meaningful_pain_change_share") == "50% (11 of 22)")
    }

    @Test("the coverage answer prefers current coverage, then future, then ended")
    func coverageAnswer() {
        #expect(
            CoverageAnswer.decide(organizationName: "A", matches: [("2026-01-01", "2026-03-01"), ("2026-04-01", nil)], today: "2026-05-01")
                == .covered(organizationName: "A")
        )
        #expect(
            CoverageAnswer.decide(organizationName: "A", matches: [("2026-01-01", "2026-03-01")], today: "2026-05-01")
                == .ended(organizationName: "A", on: "2026-03-01")
        )
        #expect(
            CoverageAnswer.decide(organizationName: "A", matches: [("2026-06-01", nil)], today: "2026-05-01")
                == .notStarted(organizationName: "A", on: "2026-06-01")
        )
        #expect(CoverageAnswer.decide(organizationName: "A", matches: [], today: "2026-05-01") == .notConfirmed)
        #expect(CoverageAnswer.covered(organizationName: "Acme").headline == "You're covered: $0 to you, through Acme.")
    }
}
