import Foundation
import SuppleContent
import SuppleCore
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The content Supple ships: it passes every check and holds what the product promises.
@Suite struct ShippedContentTests {
    let library: ContentLibrary

    init() throws { library = try ContentLibrary.bundled() }

    @Test(
        "the clinical review's wording fixes hold: bladder or bowel loss on a walk is an emergency now; heel drops warn about pain at the heel bone"
    )
    func reviewWording() throws {
        let walking = try #require(library.exercises["interval-walking"]).precautions.joined(separator: " ").lowercased()
        #expect(walking.contains("bladder") && walking.contains("emergency") && walking.contains("now"))
        #expect(!walking.contains("get checked"))
        for id in ["straight-knee-eccentric-heel-drop", "bent-knee-eccentric-heel-drop"] {
            let exercise = try #require(library.exercises[id])
            #expect(exercise.precautions.contains { $0.contains("heel bone") && $0.contains("level of the step") }, "\(id)")
            #expect(!exercise.cues.joined().contains("twice a day"), "\(id)")
        }
        #expect(library.exercises["mindful-walking"]?.kind == .aerobic)
        #expect(library.exercises["seated-sciatic-nerve-slider"]?.conditions.contains(.flexionRelievedWalkingPain) == false)
        for id in ["clamshell", "side-lying-hip-abduction"] { #expect(library.exercises[id]?.regions.contains(.knee) == true, "\(id)") }
    }

    @Test("every exercise of the review's osteoporosis list names the risky movement, and its precautions say so")
    func osteoporosisTags() throws {
        for id in [
            "knee-hug", "double-knee-to-chest", "single-knee-to-chest", "childs-pose", "childs-pose-side-reach", "standing-childs-pose",
            "cat-cow", "lower-trunk-rotation", "open-book", "thread-the-needle", "gentle-yoga", "forward-bend",
        ] {
            let exercise = try #require(library.exercises[id], "\(id)")
            #expect(!Set(exercise.movements).isDisjoint(with: [.spinalFlexion, .spinalRotation]), "\(id) has no spinal movement tag")
            #expect(exercise.precautions.joined().lowercased().contains("osteoporosis"), "\(id)")
        }
        // Every exercise lying on the front or back speaks to pregnancy.
        for exercise in library.exercises.all where [.prone, .supine].contains(exercise.position) {
            #expect(exercise.precautions.joined().lowercased().contains("pregnan"), "\(exercise.id)")
        }
    }

    @Test("at least 150 exercises and 24 articles")
    func counts() {
        #expect(library.exercises.count >= 150)
        #expect(library.articles.count >= 24)
    }

    @Test("every body region has exercises")
    func regions() {
        for region in BodyRegion.allCases {
            #expect(library.exercises.matching(ExerciseFilter(region: region)).count >= 5, "\(region)")
        }
    }

    @Test("the brief's five exercises exist by name, with the brief's bias and doses")
    func briefExercises() throws {
        let forward = try #require(library.exercises["forward-bend"])
        #expect(forward.name == "Forward Bend")
        #expect(forward.spineBias == .flexion)
        #expect(forward.dose.holdSeconds == 10 && forward.dose.holdSecondsMax == 15)
        #expect(forward.dose.description == "Hold 10–15 seconds")
        #expect(library.exercises["standing-childs-pose"]?.name == "Standing Child's Pose")
        #expect(library.exercises["standing-childs-pose"]?.spineBias == .flexion)
        #expect(library.exercises["seated-backbends"]?.name == "Seated Backbends")
        #expect(library.exercises["seated-backbends"]?.spineBias == .extension)
        #expect(library.exercises["knee-hug"]?.name == "Knee Hug")
        #expect(library.exercises["knee-hug"]?.spineBias == .flexion)
        #expect(library.exercises["cat-cow"]?.name == "Cat Cow")
        #expect(library.exercises["cat-cow"]?.spineBias == .mixed)
    }

    @Test(
        "the articles the product promises are there",
        arguments: [
            "back-pain-when-walking", "easing-back-pain-on-a-walk", "movement-snacks", "staying-active", "eating-for-activity",
            "stress-and-pain", "pain-relievers-you-can-buy", "hurt-versus-harm", "flare-up-plan", "sleep-and-pain",
            "pacing-and-graded-activity", "when-to-get-urgent-help", "spinal-stenosis", "disc-problems", "osteoarthritis",
            "neck-pain", "shoulder-pain", "hip-pain", "knee-pain", "ankle-pain",
        ]
    )
    func promisedArticle(_ slug: String) {
        #expect(library.article(slug: slug) != nil)
    }

    @Test("articles carry the brief's facts")
    func briefFacts() throws {
        let walking = try #require(library.article(slug: "easing-back-pain-on-a-walk")).markdown
        #expect(walking.contains("10") && walking.contains("15"))
        let snacks = try #require(library.article(slug: "movement-snacks")).markdown
        #expect(snacks.contains("30 seconds"))
        let causes = try #require(library.article(slug: "back-pain-when-walking")).markdown.lowercased()
        for cause in ["fatigue", "strain", "sprain", "stenosis", "disc", "stress", "osteoarthritis"] {
            #expect(causes.contains(cause), "missing \(cause)")
        }
    }

    @Test("the pain-reliever article educates and never gives a dose")
    func medicationEducationOnly() throws {
        let text = try #require(library.article(slug: "pain-relievers-you-can-buy")).markdown.lowercased()
        #expect(text.contains("pharmacist"))
        #expect(text.range(of: #"\d+\s?(mg|milligram)"#, options: .regularExpression) == nil)
    }

    @Test("the urgent-help article shows the one shared danger-sign list")
    func dangerSigns() throws {
        let article = try #require(library.article(slug: "when-to-get-urgent-help"))
        let html = ArticleRenderer.html(for: article)
        for sign in EmergencySigns.signs {
            #expect(html.contains(sign.replacingOccurrences(of: "'", with: "'")))
        }
        #expect(!html.contains("<!-- danger-signs -->"))
    }

    @Test("every article is still marked pending clinical review and authored by role")
    func reviewStatus() {
        for article in library.articles {
            #expect(article.reviewStatus == "pending clinical review")
            #expect(["physical therapist", "physician reviewer", "clinical reviewer", "health coach"].contains(article.writtenBy), "\(article.slug)")
        }
    }

    @Test("search forgives spaces, hyphens and small typos", arguments: ["cat cow", "cat-cow", "catcow", "Cat Cow", "cta cow"])
    func search(_ text: String) {
        #expect(library.exercises.matching(ExerciseFilter(search: text)).first?.id == "cat-cow")
    }

    @Test("lumbar + standing finds Forward Bend")
    func filter() {
        let found = library.exercises.matching(ExerciseFilter(region: .lumbar, position: .standing))
        #expect(found.contains { $0.id == "forward-bend" })
        #expect(found.allSatisfy { $0.regions.contains(.lumbar) && $0.position == .standing })
    }

    @Test("every exercise has a figure that renders to small, well-formed, animated SVG with a title")
    func figures() throws {
        for exercise in library.exercises.all {
            let figure = try #require(exercise.figure, "\(exercise.id) has no figure")
            #expect((2...4).contains(figure.poses.count))
            let animated = try #require(FigureSVG.animated(exercise))
            let still = try #require(FigureSVG.still(exercise))
            #expect(animated.utf8.count < 8_000, "\(exercise.id) is \(animated.utf8.count) bytes")
            #expect(animated.contains("<animateTransform"), "\(exercise.id) does not move")
            #expect(!still.contains("<animate"))
            #expect(animated.contains("<title>\(exercise.name.replacingOccurrences(of: "'", with: "'"))</title>") || animated.contains("<title>"))
            for document in [animated, still] {
                let parser = XMLParser(data: Data(document.utf8))
                #expect(parser.parse(), "\(exercise.id): \(parser.parserError.map(String.init(describing:)) ?? "")")
            }
        }
    }

    @Test("floor exercises lie on the floor and seated ones sit on the chair, in every pose")
    func placement() {
        for exercise in library.exercises.all {
            guard let figure = exercise.figure else { continue }
            for pose in figure.poses {
                let pelvis = FigureRig.pelvisHeight(pose, figure: figure)
                switch exercise.position {
                case .supine, .prone, .sideLying, .quadruped, .kneeling, .halfKneeling, .floorSitting:
                    #expect(pelvis <= 48, "\(exercise.id) floats \(pelvis) above the floor")
                case .seated:
                    #expect(figure.base == .chair, "\(exercise.id) is seated off a chair")
                default:
                    break
                }
            }
        }
    }

    @Test("the brief's exercises bend the right way: Forward Bend rounds forward, Seated Backbends arch back")
    func briefFiguresBendRightWay() throws {
        let forward = try #require(library.exercises["forward-bend"]?.figure)
        #expect(forward.poses.contains { $0.lumbar > 20 && $0.trunk > 20 && $0.hold })
        let backbend = try #require(library.exercises["seated-backbends"]?.figure)
        #expect(backbend.base == .chair)
        #expect(backbend.poses.contains { $0.lumbar < -10 })
        let catCow = try #require(library.exercises["cat-cow"]?.figure)
        #expect(catCow.poses.contains { $0.lumbar > 10 } && catCow.poses.contains { $0.lumbar < -10 })
        let kneeHug = try #require(library.exercises["knee-hug"]?.figure)
        #expect(kneeHug.poses.contains { $0.hips.near > 100 && $0.hips.far > 100 })
    }
}
