/// The fixed vocabularies that describe an exercise. Raw values are what content files and the
/// API use; `label` is what people read.
public enum BodyRegion: String, CaseIterable, Codable, Sendable {
    case lumbar, thoracic, cervical, shoulder, hip, knee
    case ankleFoot = "ankle-foot"
    case wholeBody = "whole-body"

    public var label: String {
        switch self {
        case .lumbar: "Lower back"
        case .thoracic: "Upper back"
        case .cervical: "Neck"
        case .shoulder: "Shoulder"
        case .hip: "Hip"
        case .knee: "Knee"
        case .ankleFoot: "Ankle and foot"
        case .wholeBody: "Whole body"
        }
    }
}

public enum ExerciseKind: String, CaseIterable, Codable, Sendable {
    case stretch, mobility, strength
    case motorControl = "motor-control"
    case endurance, aerobic, balance, neural, relaxation

    public var label: String {
        switch self {
        case .motorControl: "Control"
        case .aerobic: "Cardio"
        case .neural: "Nerve glide"
        default: rawValue.capitalized
        }
    }
}

public enum BodyPosition: String, CaseIterable, Codable, Sendable {
    case standing, seated
    case floorSitting = "floor-sitting"
    case supine, prone
    case sideLying = "side-lying"
    case quadruped, kneeling
    case halfKneeling = "half-kneeling"
    case mixed

    public var label: String {
        switch self {
        case .floorSitting: "Sitting on the floor"
        case .supine: "Lying on your back"
        case .prone: "Lying on your front"
        case .sideLying: "Lying on your side"
        case .quadruped: "On hands and knees"
        case .halfKneeling: "Half-kneeling"
        default: rawValue.capitalized
        }
    }
}

/// Which way an exercise moves or loads the spine; the program engine matches it to a
/// person's pattern of pain (RESEARCH §5, §5.9).
public enum SpineBias: String, CaseIterable, Codable, Sendable {
    case flexion, `extension`, rotation, lateral, neutral, mixed
    /// The exercise does not load the spine (most ankle work).
    case notInvolved = "none"

    public var label: String {
        switch self {
        case .flexion: "Bending forward"
        case .extension: "Bending backward"
        case .rotation: "Twisting"
        case .lateral: "Side bending"
        case .neutral: "Spine kept still"
        case .mixed: "Forward and back"
        case .notInvolved: "Spine not involved"
        }
    }
}

public enum Equipment: String, CaseIterable, Codable, Sendable {
    case noEquipment = "none"
    case chair, wall, step, mat, band, strap, towel, pillow
    case foamRoller = "foam-roller"
    case dumbbell, dowel, table, counter, doorway, ball, bike, treadmill, pool, poles, elliptical, stairs, rollator, belt, marbles

    public var label: String {
        switch self {
        case .noEquipment: "No equipment"
        case .foamRoller: "Foam roller"
        case .band: "Resistance band"
        case .dumbbell: "Light weight"
        case .poles: "Walking poles"
        default: rawValue.capitalized
        }
    }
}

/// The patterns of pain an exercise serves (RESEARCH §2, §5.9).
public enum PainCondition: String, CaseIterable, Codable, Sendable {
    case nonspecificLowBackPain = "nonspecific-low-back-pain"
    case flexionRelievedWalkingPain = "flexion-relieved-walking-pain"
    case extensionPreference = "extension-preference"
    case flexionIntolerance = "flexion-intolerance"
    case sciatica
    case thoracicStiffness = "thoracic-stiffness"
    case neckPain = "neck-pain"
    case shoulderPain = "shoulder-pain"
    case hipPain = "hip-pain"
    case kneePain = "knee-pain"
    case ankleFootPain = "ankle-foot-pain"
    case osteoarthritis
    case fallsPrevention = "falls-prevention"
    case generalFitness = "general-fitness"
    case stress
}

/// Movements an exercise asks for that some members must avoid: the engine leaves an exercise
/// out when the member's limits exclude one of its movements, and the content check insists the
/// file's precautions say who should take care (REVIEW-2026-12 E-4–E-6; docs/intake.md,
/// "Special populations"). Lying on the front or back is read from `position`, not listed here.
public enum ExerciseMovement: String, CaseIterable, Codable, Sendable {
    /// Sustained, repeated or loaded bending of the spine toward its forward end range.
    case spinalFlexion = "spinal-flexion"
    /// Twisting the trunk toward its end range, or twisting under load.
    case spinalRotation = "spinal-rotation"
    /// The hip bent past a right angle (knee toward chest, deep squat, low chair, ankle on knee).
    case hipDeepFlexion = "hip-deep-flexion"
    /// The leg brought across the body's midline.
    case hipAdduction = "hip-adduction"
    /// The thigh turned inward.
    case hipInternalRotation = "hip-internal-rotation"
    /// The hip stretched back while the leg turns out (the anterior-approach precaution).
    case hipExtensionExternalRotation = "hip-extension-external-rotation"
    /// Holding the breath on purpose, as in box breathing.
    case breathHold = "breath-hold"
    /// Strong abdominal bracing that raises pressure in the belly: planks, side bridges, curl-ups.
    case abdominalStrain = "abdominal-strain"
    /// Jumping, hopping or landing.
    case highImpact = "high-impact"
    /// Weight through a bent knee on the floor.
    case kneeling

    /// The word a file's precautions must use for the members this movement can harm.
    public var precautionWord: String { precautionWord(in: .english) }

    /// The same word in another language's precautions.
    public func precautionWord(in language: Language) -> String {
        switch (self, language) {
        case (.spinalFlexion, _), (.spinalRotation, _), (.highImpact, _): "osteoporosis"
        case (.hipDeepFlexion, .english), (.hipAdduction, .english), (.hipInternalRotation, .english), (.hipExtensionExternalRotation, .english):
            "hip replacement"
        case (.hipDeepFlexion, .spanish), (.hipAdduction, .spanish), (.hipInternalRotation, .spanish), (.hipExtensionExternalRotation, .spanish):
            "prótesis de cadera"
        case (.breathHold, .english), (.abdominalStrain, .english): "pregnan"
        case (.breathHold, .spanish), (.abdominalStrain, .spanish): "embaraz"
        case (.kneeling, .english): "knee replacement"
        case (.kneeling, .spanish): "prótesis de rodilla"
        }
    }
}
