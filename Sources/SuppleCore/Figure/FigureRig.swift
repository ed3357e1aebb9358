import Foundation

/// A 2D stick-figure skeleton posed by joint angles, and its forward kinematics.
///
/// The skeleton is drawn in a rest pose (standing, arms down) with the pelvis at the origin and
/// every segment a child of the one it hangs from; each joint rotates its children about the
/// joint's rest position. That is exactly how the SVG nests its groups, so the positions computed
/// here are where the drawing puts them. Angles: 0 is the rest pose; `trunk` 0 points the lower
/// back straight up, 90 toward the figure's front (it faces right in side view); `lumbar` + bends
/// the upper trunk forward; `shoulders`/`hips` + raise the limb forward; `elbows`/`knees` + bend;
/// `ankles` + lift the toes.
public enum FigureRig {
    public struct Point: Sendable, Equatable {
        public var x: Double
        public var y: Double

        public init(_ x: Double, _ y: Double) {
            self.x = x
            self.y = y
        }

        /// Rotates clockwise on screen (y grows downward) by `degrees` about `pivot`, as SVG's rotate().
        func rotated(_ degrees: Double, about pivot: Point) -> Point {
            let radians = degrees * .pi / 180
            let dx = x - pivot.x
            let dy = y - pivot.y
            return Point(pivot.x + dx * cos(radians) - dy * sin(radians), pivot.y + dx * sin(radians) + dy * cos(radians))
        }
    }

    // Rest-pose geometry (units; the figure is about 170 tall).
    public static let waist = Point(0, -22)
    public static let shoulder = Point(0, -52)
    public static let neckTop = Point(0, -60)
    public static let headCenter = Point(0, -69)
    public static let headRadius = 9.0
    public static let elbow = Point(0, -24)
    public static let wrist = Point(0, 1)
    public static let handTip = Point(0, 8)
    public static let knee = Point(0, 40)
    public static let ankle = Point(0, 80)
    public static let sideToe = Point(14, 80)
    public static let frontToe = Point(0, 88)

    /// The canvas: 200 × 200 with the ground at y = 190.
    public static let ground = 190.0
    public static let seatHeight = 42.0
    public static let stepHeight = 12.0

    /// Anatomical limits for each joint (degrees), by view.
    public static func range(_ joint: FigurePose.Joint, view: ExerciseFigure.View) -> ClosedRange<Double> {
        switch (joint, view) {
        case (.trunk, _): -180...180
        case (.lumbar, .side): -40...70
        case (.lumbar, .front): -40...40
        case (.neck, .side): -60...70
        case (.neck, .front): -45...45
        case (.shoulders, .side): -60...180
        case (.shoulders, .front): -20...180
        case (.elbows, _): 0...150
        case (.hips, .side): -30...160
        case (.hips, .front): -20...60
        case (.knees, _): 0...150
        case (.ankles, _): -90...30
        }
    }

    public enum Side: String, Sendable, CaseIterable { case near, far }

    /// Where the leg joints sit in the rest pose. Seen from the front while sitting, the thighs
    /// point at the viewer and look almost no length at all, so the knees sit just below the hips.
    public struct LegGeometry: Sendable, Equatable {
        public let knee: Point
        public let ankle: Point
        public let toe: Point
    }

    public static func legs(_ view: ExerciseFigure.View, base: ExerciseFigure.Base) -> LegGeometry {
        switch (view, base) {
        case (.side, _): LegGeometry(knee: knee, ankle: ankle, toe: sideToe)
        case (.front, .chair): LegGeometry(knee: Point(0, 4), ankle: Point(0, 44), toe: Point(0, 52))
        case (.front, _): LegGeometry(knee: knee, ankle: ankle, toe: frontToe)
        }
    }

    /// The named points of a posed figure, pelvis at the origin.
    public struct Skeleton: Sendable, Equatable {
        public var points: [String: Point]
        public subscript(_ name: String) -> Point { points[name] ?? Point(0, 0) }
    }

    /// How each limb angle turns its group: front-view far limbs mirror the near ones.
    static func sign(_ side: Side, _ view: ExerciseFigure.View) -> Double {
        view == .front && side == .far ? -1 : 1
    }

    public static func skeleton(_ pose: FigurePose, view: ExerciseFigure.View, base: ExerciseFigure.Base = .ground) -> Skeleton {
        let geometry = legs(view, base: base)
        typealias Chain = [(Double, Point)]
        func place(_ point: Point, _ chain: Chain) -> Point {
            chain.reduce(point) { $0.rotated($1.0, about: $1.1) }
        }
        let root: Chain = [(pose.trunk, Point(0, 0))]
        let upper: Chain = [(pose.lumbar, waist)] + root
        var points: [String: Point] = [
            "pelvis": Point(0, 0),
            "waist": place(waist, root),
            "shoulders": place(shoulder, upper),
            "head": place(headCenter, [(pose.neck, shoulder)] + upper),
        ]
        for side in Side.allCases {
            let s = sign(side, view)
            let (shoulderAngle, elbowAngle, hipAngle, kneeAngle, ankleAngle) =
                side == .near
                ? (pose.shoulders.near, pose.elbows.near, pose.hips.near, pose.knees.near, pose.ankles.near)
                : (pose.shoulders.far, pose.elbows.far, pose.hips.far, pose.knees.far, pose.ankles.far)
            let arm: Chain = [(-shoulderAngle * s, shoulder)] + upper
            let forearm: Chain = [(-elbowAngle * s, elbow)] + arm
            let leg: Chain = [(-hipAngle * s, Point(0, 0))] + root
            let shin: Chain = [(view == .side ? kneeAngle * s : 0, geometry.knee)] + leg
            let foot: Chain = [(-ankleAngle, geometry.ankle)] + shin
            points["elbow_\(side)"] = place(elbow, arm)
            points["wrist_\(side)"] = place(wrist, forearm)
            points["hand_\(side)"] = place(handTip, forearm)
            points["knee_\(side)"] = place(geometry.knee, leg)
            points["ankle_\(side)"] = place(geometry.ankle, shin)
            points["toe_\(side)"] = place(geometry.toe, foot)
        }
        return Skeleton(points: points)
    }

    /// How far down to move a posed figure (pelvis at the origin) so it rests on its base: its
    /// lowest point on the ground or step, or its pelvis on the chair seat.
    public static func groundOffset(_ pose: FigurePose, figure: ExerciseFigure) -> Double {
        let skeleton = skeleton(pose, view: figure.view, base: figure.base)
        switch figure.base {
        case .chair:
            return (ground - seatHeight) - skeleton["pelvis"].y
        case .ground, .step:
            let floor = ground - (figure.base == .step ? stepHeight : 0)
            let bodyLowest = skeleton.points.filter { $0.key != "head" }.map(\.value.y).max() ?? 0
            let lowest = max(bodyLowest, skeleton["head"].y + headRadius)
            return floor - lowest
        }
    }

    /// The pelvis's height above the ground in a pose, once the figure rests on its base.
    public static func pelvisHeight(_ pose: FigurePose, figure: ExerciseFigure) -> Double {
        ground - (skeleton(pose, view: figure.view, base: figure.base)["pelvis"].y + groundOffset(pose, figure: figure))
    }

    /// The highest point the drawing reaches over all its poses (the head's top, a raised hand,
    /// a chair's back), in canvas coordinates: where a cropped figure's frame starts.
    public static func highestPoint(_ figure: ExerciseFigure) -> Double {
        let body =
            figure.poses.map { pose -> Double in
                let skeleton = skeleton(pose, view: figure.view, base: figure.base)
                let limbs = skeleton.points.filter { $0.key != "head" }.map(\.value.y).min() ?? 0
                return min(limbs, skeleton["head"].y - headRadius) + groundOffset(pose, figure: figure)
            }.min() ?? 0
        var highest = body
        if figure.base == .chair { highest = min(highest, ground - seatHeight - chairBack) }
        if figure.base != .chair, figure.props.contains(.chair) { highest = min(highest, ground - 56) }
        return highest
    }

    /// The height of a chair's back above its seat.
    public static let chairBack = 38.0

    /// One horizontal shift for all poses, centring the figure's whole range of movement on the
    /// canvas so it never slides between poses.
    public static func horizontalOffset(_ figure: ExerciseFigure) -> Double {
        let xs = figure.poses.flatMap { skeleton($0, view: figure.view, base: figure.base).points.values.map(\.x) }
        guard let low = xs.min(), let high = xs.max() else { return 100 }
        return 100 - (low + high) / 2
    }
}
