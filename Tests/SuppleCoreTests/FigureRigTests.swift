import Foundation
import SuppleCore
import Testing

@Suite struct FigureRigTests {
    func close(_ a: FigureRig.Point, _ x: Double, _ y: Double) -> Bool { abs(a.x - x) < 0.01 && abs(a.y - y) < 0.01 }

    @Test("standing at rest: head above the shoulders, feet below the hips, toes forward")
    func rest() {
        let s = FigureRig.skeleton(FigurePose(), view: .side)
        #expect(close(s["head"], 0, -69))
        #expect(close(s["shoulders"], 0, -52))
        #expect(close(s["ankle_near"], 0, 80))
        #expect(close(s["toe_near"], 14, 80))
        #expect(close(s["hand_near"], 0, 8))
    }

    @Test("sitting: the thigh points forward, the shin straight down")
    func sitting() {
        var pose = FigurePose()
        pose.hips = .init(90, 90)
        pose.knees = .init(90, 90)
        let s = FigureRig.skeleton(pose, view: .side)
        #expect(close(s["knee_near"], 40, 0))
        #expect(close(s["ankle_near"], 40, 40))
    }

    @Test("lying on the back: the head is to the left, the toes point up")
    func supine() {
        var pose = FigurePose()
        pose.trunk = -90
        let s = FigureRig.skeleton(pose, view: .side)
        #expect(close(s["head"], -69, 0))
        #expect(close(s["ankle_near"], 80, 0))
        #expect(close(s["toe_near"], 80, -14))
    }

    @Test("bending forward rounds the upper trunk toward the front")
    func flexion() {
        var pose = FigurePose()
        pose.lumbar = 90
        let s = FigureRig.skeleton(pose, view: .side)
        #expect(close(s["shoulders"], 30, -22))
    }

    @Test("a figure rests on its base: feet on the ground, pelvis on the chair seat")
    func grounding() {
        let standing = ExerciseFigure(view: .side, base: .ground, props: [], poses: [FigurePose(), FigurePose()])
        #expect(abs(FigureRig.pelvisHeight(FigurePose(), figure: standing) - 80) < 0.01)
        var sit = FigurePose()
        sit.hips = .init(90, 90)
        sit.knees = .init(90, 90)
        let chair = ExerciseFigure(view: .side, base: .chair, props: [], poses: [sit, sit])
        #expect(abs(FigureRig.pelvisHeight(sit, figure: chair) - FigureRig.seatHeight) < 0.01)
    }

    @Test("joint ranges are anatomical")
    func ranges() {
        #expect(FigureRig.range(.knees, view: .side).contains(150))
        #expect(!FigureRig.range(.knees, view: .side).contains(-10))
        #expect(!FigureRig.range(.elbows, view: .side).contains(170))
        #expect(!FigureRig.range(.lumbar, view: .side).contains(80))
    }

    @Test("both sides' limbs stand out from the white card at 3:1 or more, and from each other")
    func limbContrast() {
        func luminance(_ hex: String) -> Double {
            let value = Int(hex.dropFirst(), radix: 16)!
            func channel(_ shift: Int) -> Double {
                let c = Double((value >> shift) & 0xff) / 255
                return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
        }
        func contrast(_ a: String, _ b: String) -> Double {
            let (x, y) = (luminance(a), luminance(b))
            return (max(x, y) + 0.05) / (min(x, y) + 0.05)
        }
        #expect(contrast(FigureSVG.farColour, "#ffffff") >= 3)
        #expect(contrast(FigureSVG.nearColour, "#ffffff") >= 3)
        #expect(contrast(FigureSVG.nearColour, FigureSVG.farColour) >= 3)
    }
}
