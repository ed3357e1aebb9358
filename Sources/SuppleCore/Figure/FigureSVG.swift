import Foundation

/// Draws an exercise's figure as SVG: animated through its key poses with SMIL (no script, no
/// style sheet, so it works under a strict Content-Security-Policy), or still (a "poster" for
/// lists, print and people who prefer reduced motion).
public enum FigureSVG {
    /// Limbs nearer the viewer, and those on the far side. Both stay at 3:1 or more against the
    /// white card (WCAG 1.4.11) and apart from each other, so the far side reads as "behind".
    public static let nearColour = "#1f3b4d"
    public static let farColour = "#6f93a3"
    static let moveSeconds = 1.2
    static let pauseSeconds = 0.6

    /// The animated drawing; holds last as long as the dose's hold (at most 20 seconds).
    public static func animated(_ exercise: Exercise) -> String? {
        guard let figure = exercise.figure else { return nil }
        let hold = min(20, Double(exercise.dose.holdSeconds ?? 2))
        let timeline = Timeline(figure: figure, holdSeconds: hold)
        return document(exercise, figure: figure, pose: figure.poses[0], timeline: timeline, cssClass: "figure figure-animated")
    }

    /// The still drawing ("poster"), at the pose that is held (or the last one), or at a given pose.
    public static func still(_ exercise: Exercise, poseIndex: Int? = nil) -> String? {
        guard let figure = exercise.figure else { return nil }
        let pose =
            poseIndex.flatMap { figure.poses.indices.contains($0) ? figure.poses[$0] : nil }
            ?? figure.poses.last { $0.hold } ?? figure.poses.last!
        return document(exercise, figure: figure, pose: pose, timeline: nil, cssClass: "figure figure-still")
    }

    /// When each pose is reached and left, over one loop that returns to the first pose.
    struct Timeline {
        let keyTimes: [Double]
        let poses: [FigurePose]
        let duration: Double

        init(figure: ExerciseFigure, holdSeconds: Double) {
            var times: [Double] = []
            var poses: [FigurePose] = []
            var t = 0.0
            for (index, pose) in figure.poses.enumerated() {
                if index > 0 { t += moveSeconds }
                times.append(t)
                poses.append(pose)
                t += pose.hold ? holdSeconds : pauseSeconds
                times.append(t)
                poses.append(pose)
            }
            t += moveSeconds
            times.append(t)
            poses.append(figure.poses[0])
            self.duration = t
            self.keyTimes = times.map { $0 / t }
            self.poses = poses
        }
    }

    /// A number as SVG and messages write it: one decimal at most, none when whole.
    public static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    static func escape(_ text: String) -> String { text.markupEscaped }

    /// The exercise file's own words for the movement when it has them (every shipped one does).
    static func description(_ exercise: Exercise, figure: ExerciseFigure) -> String {
        guard exercise.figureDescription.isEmpty else { return exercise.figureDescription }
        let holding = figure.poses.contains { $0.hold } ? exercise.dose.holdSeconds.map { ", holding for \($0) seconds" } ?? "" : ""
        return "A figure \(exercise.position.label.lowercased()) shows \(exercise.name): \(figure.poses.count) positions in a loop\(holding)."
    }

    static func document(_ exercise: Exercise, figure: ExerciseFigure, pose: FigurePose, timeline: Timeline?, cssClass: String) -> String {
        let x = FigureRig.horizontalOffset(figure)
        let y = FigureRig.groundOffset(pose, figure: figure)
        let label = escape("\(exercise.name). \(description(exercise, figure: figure))")
        let top = frameTop(figure)
        var svg =
            ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 \##(number(top)) 200 \##(number(200 - top))" class="\##(cssClass)" role="img" aria-label="\##(label)">"##
        svg += "<title>\(escape(exercise.name))</title><desc>\(escape(description(exercise, figure: figure)))</desc>"
        svg += scenery(figure, pose: pose, x: x, top: top)
        svg +=
            ##"<g fill="none" stroke="\##(nearColour)" stroke-width="6" stroke-linecap="round" transform="translate(\##(number(x)) \##(number(y)))">"##
        if let timeline {
            let values = timeline.poses.map { "\(number(x)) \(number(FigureRig.groundOffset($0, figure: figure)))" }
            svg += animate("translate", values: values, timeline)
        }
        let body = Body(figure: figure, pose: pose, timeline: timeline)
        svg += body.draw()
        svg += "</g></svg>"
        return svg
    }

    static func animate(_ type: String, values: [String], _ timeline: Timeline) -> String {
        let keyTimes = timeline.keyTimes.map { String(format: "%.3f", $0) }.joined(separator: ";")
        return
            ##"<animateTransform attributeName="transform" type="\##(type)" values="\##(values.joined(separator: ";"))" keyTimes="\##(keyTimes)" dur="\##(number(timeline.duration))s" repeatCount="indefinite"/>"##
    }

    /// Where the drawing's frame starts: just above the highest point any pose reaches, so a figure
    /// lying down is not lost in empty sky, but never so tight that a lying figure looks like a line. A raised arm that
    /// reaches past the old square canvas now stays in the frame too.
    static func frameTop(_ figure: ExerciseFigure) -> Double {
        let margin = 10.0
        let shortestFrame = 90.0
        let top = (FigureRig.highestPoint(figure) - margin).rounded(.down)
        return min(top, 200 - shortestFrame)
    }

    /// Ground, mat, chair, step and wall, drawn in canvas coordinates; the wall rises to the frame's top.
    static func scenery(_ figure: ExerciseFigure, pose: FigurePose, x: Double, top: Double = 0) -> String {
        let ground = FigureRig.ground
        var parts = [##"<line x1="0" y1="\##(number(ground))" x2="200" y2="\##(number(ground))" stroke="#9aa5ab" stroke-width="2"/>"##]
        if figure.props.contains(.mat) {
            parts.append(##"<rect x="8" y="\##(number(ground - 3))" width="184" height="3" fill="#8fc1b5"/>"##)
        }
        if figure.base == .chair {
            let seat = ground - FigureRig.seatHeight
            parts.append(
                ##"<path d="M\##(number(x - 14)) \##(number(seat))h30M\##(number(x - 12)) \##(number(seat))v\##(number(FigureRig.seatHeight))M\##(number(x + 14)) \##(number(seat))v\##(number(FigureRig.seatHeight))M\##(number(x - 14)) \##(number(seat))v-\##(number(FigureRig.chairBack))" stroke="#b08850" stroke-width="3" fill="none"/>"##
            )
        }
        if figure.base == .step || figure.props.contains(.step) {
            let ankle = FigureRig.skeleton(pose, view: figure.view, base: figure.base)["ankle_near"].x + x
            parts.append(
                ##"<rect x="\##(number(ankle - 18))" y="\##(number(ground - FigureRig.stepHeight))" width="40" height="\##(number(FigureRig.stepHeight))" fill="#c9bdb4"/>"##
            )
        }
        if figure.base != .chair, figure.props.contains(.chair) {
            // A chair used for balance or as a target stands to one side, not under the figure.
            parts.append(
                ##"<path d="M6 \##(number(ground - 30))h18M8 \##(number(ground - 30))v30M22 \##(number(ground - 30))v30M8 \##(number(ground - 30))v-26" stroke="#b08850" stroke-width="3" fill="none"/>"##
            )
        }
        if figure.props.contains(.wall) {
            parts.append(##"<line x1="192" y1="\##(number(max(top, 20)))" x2="192" y2="\##(number(ground))" stroke="#9aa5ab" stroke-width="4"/>"##)
        }
        return parts.joined()
    }

    /// The skeleton as nested groups, each rotating about its joint, mirroring `FigureRig`.
    struct Body {
        let figure: ExerciseFigure
        let pose: FigurePose
        let timeline: Timeline?

        /// A group rotated about a pivot by one joint angle (animated when the angle changes).
        func joint(_ angle: (FigurePose) -> Double, pivot: FigureRig.Point, content: String, attributes: String = "") -> String {
            let p = "\(number(pivot.x)) \(number(pivot.y))"
            var group = ##"<g\##(attributes) transform="rotate(\##(number(angle(pose))) \##(p))">"##
            if let timeline {
                let values = timeline.poses.map { angle($0) }
                if Set(values).count > 1 {
                    group += FigureSVG.animate("rotate", values: values.map { "\(number($0)) \(p)" }, timeline)
                }
            }
            return group + content + "</g>"
        }

        func line(_ a: FigureRig.Point, _ b: FigureRig.Point, width: Double? = nil) -> String {
            let w = width.map { ##" stroke-width="\##(number($0))""## } ?? ""
            return ##"<path d="M\##(number(a.x)) \##(number(a.y))L\##(number(b.x)) \##(number(b.y))"\##(w)/>"##
        }

        func leg(_ side: FigureRig.Side) -> String {
            let s = FigureRig.sign(side, figure.view)
            let pick: (FigurePose.Pair) -> Double = { side == .near ? $0.near : $0.far }
            let geometry = FigureRig.legs(figure.view, base: figure.base)
            let foot = joint({ -pick($0.ankles) }, pivot: geometry.ankle, content: line(geometry.ankle, geometry.toe, width: 4))
            let kneeAngle: (FigurePose) -> Double = figure.view == .side ? { pick($0.knees) * s } : { _ in 0 }
            let shin = joint(kneeAngle, pivot: geometry.knee, content: line(geometry.knee, geometry.ankle) + foot)
            return joint({ -pick($0.hips) * s }, pivot: .init(0, 0), content: line(.init(0, 0), geometry.knee) + shin, attributes: colour(side))
        }

        func arm(_ side: FigureRig.Side) -> String {
            let s = FigureRig.sign(side, figure.view)
            let pick: (FigurePose.Pair) -> Double = { side == .near ? $0.near : $0.far }
            var hand = line(FigureRig.wrist, FigureRig.handTip, width: 4)
            if side == .near, figure.props.contains(.band) || figure.props.contains(.strap) {
                hand += ##"<path d="M0 8L0 22" stroke="#d08a2e" stroke-width="3"/>"##
            }
            let forearm = joint({ -pick($0.elbows) * s }, pivot: FigureRig.elbow, content: line(FigureRig.elbow, FigureRig.wrist, width: 5) + hand)
            return joint(
                { -pick($0.shoulders) * s },
                pivot: FigureRig.shoulder,
                content: line(FigureRig.shoulder, FigureRig.elbow, width: 5) + forearm,
                attributes: colour(side)
            )
        }

        func colour(_ side: FigureRig.Side) -> String {
            side == .far ? ##" stroke="\##(FigureSVG.farColour)""## : ""
        }

        func draw() -> String {
            let head = joint(
                { $0.neck },
                pivot: FigureRig.shoulder,
                content: line(FigureRig.shoulder, FigureRig.neckTop, width: 5)
                    + ##"<circle cx="0" cy="\##(number(FigureRig.headCenter.y))" r="\##(number(FigureRig.headRadius))" fill="\##(FigureSVG.nearColour)" stroke="none"/>"##
            )
            let upper = joint(
                { $0.lumbar },
                pivot: FigureRig.waist,
                content: arm(.far) + line(FigureRig.waist, FigureRig.shoulder) + head + arm(.near)
            )
            let content = leg(.far) + line(.init(0, 0), FigureRig.waist) + upper + leg(.near)
            return joint({ $0.trunk }, pivot: .init(0, 0), content: content)
        }
    }
}
