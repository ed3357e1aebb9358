import SuppleCore

/// Reads and checks an exercise's `figure` block: poses inside anatomical ranges, the body on the
/// floor for floor exercises and on a chair for seated ones, and every prop the steps mention.
enum FigureReader {
    static let poseKeys: Set<String> = ["trunk", "lumbar", "neck", "shoulders", "elbows", "hips", "knees", "ankles", "hold"]
    static let floorPositions: Set<BodyPosition> = [.supine, .prone, .sideLying, .quadruped, .kneeling, .halfKneeling, .floorSitting]
    /// The pelvis may be this high off the ground in a floor exercise (hands-and-knees, kneeling).
    static let floorPelvisLimit = 48.0
    /// Props a step can name that the drawing must then show, with the equipment that means it.
    static let mentionedProps: [(ExerciseFigure.Prop, Equipment)] = [
        (.chair, .chair), (.wall, .wall), (.mat, .mat), (.band, .band), (.strap, .strap), (.step, .step),
    ]

    static func read(_ reader: inout FieldReader, position: BodyPosition?, steps: [String]?, equipment: [Equipment]?) -> ExerciseFigure? {
        guard reader.values["figure"] != nil else {
            reader.problem("figure", "is missing: every exercise needs a figure with 2 to 4 poses")
            return nil
        }
        return reader.nested("figure") { figure in
            figure.rejectUnknownKeys(allowed: ["view", "base", "props", "poses", "description"])
            let view = figure.choice("view", of: ExerciseFigure.View.self)
            let base = figure.choice("base", of: ExerciseFigure.Base.self)
            let props: [ExerciseFigure.Prop]? =
                figure.values["props"] is [Any] && (figure.values["props"] as? [Any])?.isEmpty == true
                ? [] : figure.choices("props", of: ExerciseFigure.Prop.self)
            guard let rawPoses = figure.values["poses"] as? [Any], (2...4).contains(rawPoses.count) else {
                figure.problem("poses", "needs 2 to 4 poses")
                return nil
            }
            guard let view, let base, let props else { return nil }
            var poses: [FigurePose] = []
            for (index, raw) in rawPoses.enumerated() {
                let field = "poses[\(index + 1)]"
                guard let values = raw as? [String: Any] else {
                    figure.problem(field, "must be a mapping of joint angles ({} for the rest pose)")
                    continue
                }
                if let pose = readPose(values, field: field, view: view, into: &figure) { poses.append(pose) }
            }
            guard poses.count == rawPoses.count else { return nil }
            let result = ExerciseFigure(view: view, base: base, props: props, poses: poses)
            checkPlacement(result, position: position, into: &figure)
            checkProps(result, steps: steps ?? [], equipment: equipment ?? [], into: &figure)
            return result
        }
    }

    static func readPose(_ values: [String: Any], field: String, view: ExerciseFigure.View, into figure: inout FieldReader) -> FigurePose? {
        var pose = FigurePose()
        var ok = true
        for key in values.keys.sorted() where !poseKeys.contains(key) {
            figure.problem("\(field).\(key)", "is not a joint (use: \(poseKeys.sorted().joined(separator: ", ")))")
            ok = false
        }
        func angle(_ key: String, _ joint: FigurePose.Joint) -> Double? {
            guard let raw = values[key] else { return 0 }
            guard let value = number(raw) else {
                figure.problem("\(field).\(key)", "must be a number of degrees")
                return nil
            }
            return inRange(value, key, joint)
        }
        func inRange(_ value: Double, _ key: String, _ joint: FigurePose.Joint) -> Double? {
            let range = FigureRig.range(joint, view: view)
            guard range.contains(value) else {
                figure.problem(
                    "\(field).\(key)",
                    "\(FigureSVG.number(value))° is outside what a body can do (\(FigureSVG.number(range.lowerBound)) to \(FigureSVG.number(range.upperBound)))"
                )
                return nil
            }
            return value
        }
        func pair(_ key: String, _ joint: FigurePose.Joint) -> FigurePose.Pair? {
            guard let raw = values[key] else { return .zero }
            if let single = number(raw) { return inRange(single, key, joint).map { FigurePose.Pair($0, $0) } }
            guard let list = raw as? [Any], list.count == 2, let near = number(list[0]), let far = number(list[1]) else {
                figure.problem("\(field).\(key)", "must be a number, or [near, far]")
                return nil
            }
            guard let a = inRange(near, key, joint), let b = inRange(far, key, joint) else { return nil }
            return FigurePose.Pair(a, b)
        }
        if let v = angle("trunk", .trunk) { pose.trunk = v } else { ok = false }
        if let v = angle("lumbar", .lumbar) { pose.lumbar = v } else { ok = false }
        if let v = angle("neck", .neck) { pose.neck = v } else { ok = false }
        if let v = pair("shoulders", .shoulders) { pose.shoulders = v } else { ok = false }
        if let v = pair("elbows", .elbows) { pose.elbows = v } else { ok = false }
        if let v = pair("hips", .hips) { pose.hips = v } else { ok = false }
        if let v = pair("knees", .knees) { pose.knees = v } else { ok = false }
        if let v = pair("ankles", .ankles) { pose.ankles = v } else { ok = false }
        if let hold = values["hold"] {
            if let flag = hold as? Bool {
                pose.hold = flag
            } else {
                figure.problem("\(field).hold", "must be true or false")
                ok = false
            }
        }
        return ok ? pose : nil
    }

    static func number(_ raw: Any) -> Double? {
        if raw is Bool { return nil }
        if let value = raw as? Int { return Double(value) }
        return raw as? Double
    }

    static func checkPlacement(_ figure: ExerciseFigure, position: BodyPosition?, into reader: inout FieldReader) {
        guard let position else { return }
        if position == .seated, figure.base != .chair {
            reader.problem("base", "a seated exercise sits on a chair: use base: chair")
        }
        if floorPositions.contains(position) {
            for (index, pose) in figure.poses.enumerated() {
                let height = FigureRig.pelvisHeight(pose, figure: figure)
                if height > floorPelvisLimit {
                    reader.problem(
                        "poses[\(index + 1)]",
                        "a \(position.rawValue) exercise is done on the floor, but the pelvis is \(Int(height)) above the ground (at most \(Int(floorPelvisLimit)))"
                    )
                }
            }
        }
    }

    /// Equipment the exercise uses and its steps name ("hold the band") must appear in the drawing.
    /// Words that only sound like equipment ("a tight band under the arch", "a wall within reach")
    /// do not count unless the exercise lists that equipment.
    static func checkProps(_ figure: ExerciseFigure, steps: [String], equipment: [Equipment], into reader: inout FieldReader) {
        let text = steps.joined(separator: " ").lowercased()
        for (prop, item) in mentionedProps where equipment.contains(item) && text.contains(prop.rawValue) {
            let shown = figure.props.contains(prop) || (prop == .chair && figure.base == .chair)
            if !shown { reader.problem("props", "the steps mention a \(prop.rawValue), so the figure must show one") }
        }
    }
}
