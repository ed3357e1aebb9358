import Foundation
import SuppleContent
import SuppleCore
import Testing

/// `supple content check` on broken content: each fixture is the valid fixture folder with one
/// file changed, and each must fail with its own precise file: field: message.
@Suite struct ContentCheckTests {
    static var validFolder: URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("valid")
    }

    /// Copies the valid fixture to a temporary folder, lets `change` break it, and loads it.
    func load(_ change: (URL) throws -> Void) throws -> Result<ContentLibrary, ContentInvalid> {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("supple-content-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.validFolder, to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        try change(folder)
        return ContentLoader.load(from: folder)
    }

    func edit(_ folder: URL, _ file: String, replacing old: String, with new: String) throws {
        let url = folder.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(old), "fixture \(file) has no \(old)")
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
    }

    func problems(_ result: Result<ContentLibrary, ContentInvalid>) -> [String] {
        if case .failure(let invalid) = result { return invalid.problems.map(\.description) }
        return []
    }

    @Test("the valid fixture loads")
    func valid() throws {
        let library = try load { _ in }.get()
        #expect(library.exercises.count == 3)
        #expect(library.articles.map(\.slug) == ["walking-basics"])
    }

    static let gentle = "exercises/basic/gentle-tilt.yaml"
    static let strong = "exercises/basic/strong-tilt.yaml"
    static let article = "articles/walking-basics.md"

    static let brokenFixtures: [(file: String, old: String, new: String, expected: String)] = [
        (
            gentle, "summary: Rocks the pelvis gently to loosen a stiff lower back.\n", "",
            "exercises/basic/gentle-tilt.yaml: summary: is missing"
        ),
        (
            gentle, "name: Gentle Tilt", "name: \"\"",
            "exercises/basic/gentle-tilt.yaml: name: is empty"
        ),
        (
            gentle, "kind: mobility", "kind: yoga",
            "exercises/basic/gentle-tilt.yaml: kind: unknown value \"yoga\" (allowed: stretch, mobility, strength, motor-control, endurance, aerobic, balance, neural, relaxation)"
        ),
        (
            gentle, "equipment: [mat]", "equipment: [trampoline]",
            "exercises/basic/gentle-tilt.yaml: equipment: unknown value \"trampoline\""
        ),
        (
            gentle, "spine_bias: flexion", "spine-bias: flexion",
            "exercises/basic/gentle-tilt.yaml: spine-bias: is not a known field"
        ),
        (
            gentle, "hold_seconds: 20", "hold_seconds: 300",
            "exercises/basic/gentle-tilt.yaml: dose.hold_seconds: must be a whole number from 1 to 120 (got 300)"
        ),
        (
            gentle, "reps: 10", "reps: 80",
            "exercises/basic/gentle-tilt.yaml: dose.reps: must be a whole number from 1 to 50 (got 80)"
        ),
        (
            gentle, "level: 1", "level: 9",
            "exercises/basic/gentle-tilt.yaml: level: must be a whole number from 1 to 5 (got 9)"
        ),
        (
            gentle, "progressions: [strong-tilt]", "progressions: [nowhere]",
            "exercises/basic/gentle-tilt.yaml: progressions: \"nowhere\" is not an exercise in the library"
        ),
        (
            strong, "regressions: [gentle-tilt]", "regressions: [missing-one]",
            "exercises/basic/strong-tilt.yaml: regressions: \"missing-one\" is not an exercise in the library"
        ),
        (
            strong, "name: Strong Tilt", "name: gentle tilt",
            "exercises/basic/strong-tilt.yaml: name: \"gentle tilt\" is already used by exercises/basic/gentle-tilt.yaml"
        ),
        (
            gentle, "id: gentle-tilt", "id: Gentle_Tilt",
            "exercises/basic/gentle-tilt.yaml: id: must be kebab-case"
        ),
        (
            gentle, "steps:\n  - Lie on your back with your knees bent.\n", "steps:\n",
            "exercises/basic/gentle-tilt.yaml: steps: has 2 items; it needs 3 to 7"
        ),
        (
            gentle, "  - mistake: Holding your breath.\n    fix: Breathe out as you tilt.", "  - mistake: Holding your breath.",
            "exercises/basic/gentle-tilt.yaml: mistakes[1]: needs both a mistake and a fix"
        ),
        (
            gentle, "figure:", "drawing:",
            "exercises/basic/gentle-tilt.yaml: figure: is missing"
        ),
        (
            gentle, "- {trunk: -95, hips: 50, knees: 90, ankles: -45, hold: true}", "- {trunk: -95, hips: 50, knees: 190, hold: true}",
            "exercises/basic/gentle-tilt.yaml: figure.poses[2].knees: 190° is outside what a body can do (0 to 150)"
        ),
        (
            gentle, "- {trunk: -95, hips: 50, knees: 90, ankles: -45, hold: true}", "- {hips: 50, knees: 90, hold: true}",
            "exercises/basic/gentle-tilt.yaml: figure.poses[2]: a supine exercise is done on the floor, but the pelvis is"
        ),
        (
            gentle, "  props: [mat]\n  poses:\n    - {trunk: -90, hips: 45, knees: 90, ankles: -45}\n    - {trunk: -95",
            "  props: []\n  poses:\n    - {trunk: -90, hips: 45, knees: 90, ankles: -45}\n    - {trunk: -95",
            "exercises/basic/gentle-tilt.yaml: figure.props: the steps mention a mat, so the figure must show one"
        ),
        (
            gentle, "    - {trunk: -95, hips: 50, knees: 90, ankles: -45, hold: true}\n", "",
            "exercises/basic/gentle-tilt.yaml: figure.poses: needs 2 to 4 poses"
        ),
        (
            gentle, "{trunk: -90, hips: 45, knees: 90, ankles: -45}", "{trunk: -90, hips: 45, knees: 90, ankles: -45, wiggle: 3}",
            "exercises/basic/gentle-tilt.yaml: figure.poses[1].wiggle: is not a joint"
        ),
        (
            gentle, "spine_bias: flexion\n", "spine_bias: flexion\nmovements: [spinal-flexion]\n",
            "exercises/basic/gentle-tilt.yaml: precautions: must name \"osteoporosis\""
        ),
        (
            gentle, "spine_bias: flexion\n", "spine_bias: flexion\nmovements: [hip-deep-flexion]\n",
            "exercises/basic/gentle-tilt.yaml: precautions: must name \"hip replacement\""
        ),
        (
            gentle, "spine_bias: flexion\n", "spine_bias: flexion\nmovements: [cartwheels]\n",
            "exercises/basic/gentle-tilt.yaml: movements: unknown value \"cartwheels\""
        ),
        (
            gentle, "  - If you are more than about 20 weeks pregnant, do this propped up on pillows instead of flat.\n", "",
            "exercises/basic/gentle-tilt.yaml: precautions: must name \"pregnan\""
        ),
        (
            article, "reading_minutes: 2\n", "",
            "articles/walking-basics.md: reading_minutes: is missing"
        ),
        (
            article, "references:\n  - title: \"Example reference\"\n    url: https://doi.org/10.1016/S0140-6736(24)00755-4\n", "",
            "articles/walking-basics.md: references: is missing"
        ),
        (
            article, "(/library/exercises/gentle-tilt)", "(/library/articles/nowhere)",
            "articles/walking-basics.md: body: links to /library/articles/nowhere, which does not exist"
        ),
        (
            article, "review_status: pending clinical review", "review_status: approved",
            "articles/walking-basics.md: review_status: must stay \"pending clinical review\""
        ),
        (
            article, "topics: [walking]", "topics: [gossip]",
            "articles/walking-basics.md: topics: unknown value \"gossip\""
        ),
        (
            article, "Walk for a few minutes", "<script>alert(1)</script> Walk for a few minutes",
            "articles/walking-basics.md: body: contains raw HTML"
        ),
        (
            article, "## What to do today", "## Next",
            "articles/walking-basics.md: body: needs a closing \"## What to do today\" section"
        ),
        (
            article, "last_reviewed: 2026-11-27", "last_reviewed: last week",
            "articles/walking-basics.md: last_reviewed: must be a date written YYYY-MM-DD"
        ),
    ]

    @Test("each broken fixture fails with its own precise message", arguments: 0..<brokenFixtures.count)
    func broken(_ index: Int) throws {
        let fixture = Self.brokenFixtures[index]
        let found = problems(try load { try edit($0, fixture.file, replacing: fixture.old, with: fixture.new) })
        #expect(found.contains { $0.hasPrefix(fixture.expected) }, "expected \(fixture.expected), got \(found)")
    }

    @Test("the same id in two folders is refused")
    func duplicateID() throws {
        let found = problems(
            try load { folder in
                let other = folder.appendingPathComponent("exercises/other")
                try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: folder.appendingPathComponent(Self.gentle), to: other.appendingPathComponent("gentle-tilt.yaml"))
            }
        )
        #expect(found.contains("exercises/other/gentle-tilt.yaml: id: \"gentle-tilt\" is already used by exercises/basic/gentle-tilt.yaml"))
    }

    @Test("progressions that loop back without going up are refused")
    func loop() throws {
        let found = problems(
            try load { folder in
                try edit(folder, Self.strong, replacing: "level: 2", with: "level: 1")
                try edit(folder, Self.strong, replacing: "progressions: []", with: "progressions: [gentle-tilt]")
            }
        )
        #expect(found.contains { $0.contains("progressions: form a loop that never leads up: gentle-tilt → strong-tilt → gentle-tilt") }, "\(found)")
    }

    @Test("a progression that is easier than the exercise is refused")
    func progressionGoesDown() throws {
        let found = problems(
            try load { folder in
                try edit(folder, Self.gentle, replacing: "level: 1", with: "level: 3")
            }
        )
        #expect(found.contains("exercises/basic/gentle-tilt.yaml: progressions: \"strong-tilt\" is level 2, easier than this level 3 exercise"))
    }

    @Test("a seated exercise drawn off a chair is refused")
    func seatedOffChair() throws {
        let found = problems(
            try load { folder in
                try edit(folder, "exercises/basic/easy-walk.yaml", replacing: "position: standing", with: "position: seated")
            }
        )
        #expect(found.contains("exercises/basic/easy-walk.yaml: figure.base: a seated exercise sits on a chair: use base: chair"))
    }

    @Test("a file that is not YAML is named, not crashed on")
    func notYAML() throws {
        let found = problems(
            try load { folder in
                try Data([0x00, 0xFF, 0x10, 0x3A, 0x5B]).write(to: folder.appendingPathComponent("exercises/basic/broken.yaml"))
            }
        )
        #expect(found.contains { $0.hasPrefix("exercises/basic/broken.yaml: ") })
    }
}
