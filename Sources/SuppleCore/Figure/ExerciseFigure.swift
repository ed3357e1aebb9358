/// How an exercise is drawn: a simple figure moving through 2–4 key poses (docs in
/// SuppleContent/FORMAT.md, "figure").
public struct ExerciseFigure: Sendable, Equatable, Codable {
    public enum View: String, Sendable, Codable, CaseIterable { case side, front }
    /// What carries the body's weight: the floor, a chair seat, or a low step under the feet.
    public enum Base: String, Sendable, Codable, CaseIterable { case ground, chair, step }
    public enum Prop: String, Sendable, Codable, CaseIterable { case chair, wall, step, mat, band, strap }

    public let view: View
    public let base: Base
    public let props: [Prop]
    public let poses: [FigurePose]

    public init(view: View, base: Base, props: [Prop], poses: [FigurePose]) {
        self.view = view
        self.base = base
        self.props = props
        self.poses = poses
    }
}

/// One key pose as joint angles in degrees (see `FigureRig` for what each angle means).
public struct FigurePose: Sendable, Equatable, Codable {
    /// A left/right or near/far pair of limb angles.
    public struct Pair: Sendable, Equatable, Codable {
        public var near: Double
        public var far: Double

        public init(_ near: Double, _ far: Double) {
            self.near = near
            self.far = far
        }

        public static let zero = Pair(0, 0)
    }

    public var trunk: Double = 0
    public var lumbar: Double = 0
    public var neck: Double = 0
    public var shoulders = Pair.zero
    public var elbows = Pair.zero
    public var hips = Pair.zero
    public var knees = Pair.zero
    public var ankles = Pair.zero
    /// Hold here for the dose's hold time.
    public var hold = false

    public init() {}

    public enum Joint: String, CaseIterable, Sendable {
        case trunk, lumbar, neck, shoulders, elbows, hips, knees, ankles
    }
}
