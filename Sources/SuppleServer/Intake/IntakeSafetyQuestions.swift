import SuppleCore

/// The intake's safety step: every danger-sign and history question of RESEARCH §1.3, with the
/// regional ones of REVIEW-2026-12 A-2, ENG-5 and ENG-6 (docs/intake.md), asked as one tick list
/// in groups a member can scan. The wording is the reviewed wording of each question; only the
/// way of answering changed (issue 25: 24 yes/no pairs on one page became one list).
enum IntakeSafetyQuestions {
    static let intro =
        "We ask everyone these. Tick each one that is true for you. Most people tick none of them; a tick helps us get you the right care quickly."

    /// The acute danger signs, asked again when a member presses Stop during a session.
    static let dangerSigns: [IntakeQuestion] = [
        group(
            "Bladder, bowel and feeling",
            [
                ask(
                    "dangerSigns.bladderChange",
                    "Since this pain began, have you had new trouble starting or stopping urine, passed urine without feeling it, or not known whether your bladder is full or empty?"
                ),
                ask("dangerSigns.bowelChange", "Any new loss of control of your bowels, or not feeling when you pass a motion?"),
                ask(
                    "dangerSigns.saddleNumbness",
                    "Any new numbness or pins and needles around your genitals, bottom or inner thighs (for example, it feels different when you wipe)?"
                ),
                ask("dangerSigns.sexualProblems", "Any new problems with sexual function, such as with erection or feeling, since the pain started?"),
            ]
        ),
        group(
            "Legs and arms",
            [
                ask(
                    "dangerSigns.bothLegsPain",
                    "Pain, numbness or tingling in both legs that is new in the last two weeks, is spreading or is getting worse, or pain in one leg that has recently spread to the other?",
                    hint: "Leave it unticked if the feeling in both legs has been there a while and stays about the same."
                ),
                ask(
                    "dangerSigns.worseningLegWeakness",
                    "Weakness in your leg or legs that is getting worse, a foot that slaps or drags, or new trouble walking?"
                ),
                ask("dangerSigns.weaknessArmsAndLegs", "New weakness or clumsiness in your arms and legs together?"),
                ask("dangerSigns.oneLegWeakness", "Weakness in one leg (for example, your foot or knee gives way) that is not getting worse?"),
            ]
        ),
        group(
            "Feeling unwell, injuries and pain at night",
            [
                ask(
                    "dangerSigns.feverWithSeverePain",
                    "A fever, chills or feeling very unwell, together with severe back pain that doesn't ease when you lie still?"
                ),
                ask("dangerSigns.suddenSeverePainWithFaintness", "Sudden, severe pain in your back or belly with feeling faint, dizzy or sweaty?"),
                ask("dangerSigns.majorTrauma", "Did the pain start after a serious fall, a fall from a height, or a road accident?"),
                ask(
                    "dangerSigns.constantUpperBackPain",
                    "Constant pain in your upper back or around your chest that doesn't change when you move or change position?"
                ),
                ask("dangerSigns.nightPainNoRelief", "Pain at night that stops you sleeping and that no position eases?"),
            ]
        ),
    ].flatMap { $0 }

    static let all: [IntakeQuestion] =
        dangerSigns
        + [
            group(
                "Your medical history",
                [
                    ask("history.cancer", "Have you ever had cancer?"),
                    ask(
                        "history.osteoporosisOrSteroids",
                        "Do you have osteoporosis (thin bones), or have you taken steroid tablets for more than three months?"
                    ),
                    ask(
                        "history.immunosuppression",
                        "Do you take medicines that weaken your immune system, have a condition that does (such as HIV), are you having chemotherapy, or do you inject drugs?"
                    ),
                    ask("history.recentMinorTrauma", "Did this pain start after a minor fall, knock or lift in the last few weeks?"),
                    ask("history.fever", "Have you had a fever or chills recently?"),
                    ask("history.unexplainedWeightLoss", "Have you lost weight recently without trying?"),
                ]
            ),
            group(
                "Stiffness and walking",
                [
                    ask("dangerSigns.inflammatoryNightWaking", "Do you wake in the second half of the night because your back is stiff?"),
                    ask("dangerSigns.inflammatoryBetterWithMovement", "Does your stiffness get better when you move and worse when you rest?"),
                    ask("dangerSigns.inflammatoryButtockPain", "Do you have a deep ache in one or both buttocks?"),
                    ask(
                        "dangerSigns.legPainEasesStandingStill",
                        "If walking brings on leg pain, does it go away when you simply stand still, without sitting or bending?"
                    ),
                    ask("dangerSigns.circulationRisk", "Do you smoke, or have you been told you have poor circulation in your legs?"),
                ]
            ),
            group(
                "About where you have pain",
                [
                    ask(
                        "dangerSigns.neckArterySigns",
                        "With your neck pain, have you had dizziness, double vision, trouble speaking or swallowing, sudden falls without blacking out, a numb face, or a sudden, very bad headache?",
                        when: { $0.said("cervical") }
                    ),
                    ask(
                        "dangerSigns.neckCordSigns",
                        "Have your hands become clumsy (for example, with buttons or writing), or has your walking become unsteady?",
                        when: { $0.said("cervical") }
                    ),
                    ask(
                        "dangerSigns.shoulderHeartSigns",
                        "Does your shoulder or arm pain come with chest pain, breathlessness or sweating, or come on when you walk briskly or climb stairs?",
                        when: { $0.said("shoulder") }
                    ),
                    ask(
                        "dangerSigns.hotSwollenJoint",
                        "Is your hip or knee hot and swollen, and do you feel feverish or unwell?",
                        when: { $0.said("hip", "knee") }
                    ),
                    ask(
                        "dangerSigns.cannotBearWeight",
                        "Since an injury, have you been unable to put weight on the leg?",
                        when: { $0.said("hip", "knee", "ankle-foot") }
                    ),
                    ask(
                        "dangerSigns.calfSwelling",
                        "Is one calf swollen, warm, red or tender, especially after a long journey, an operation or time in bed?",
                        when: { $0.said("hip", "knee", "ankle-foot") }
                    ),
                    ask(
                        "dangerSigns.heelSnap",
                        "Did you feel a sudden snap or kick at the back of your heel, as if something hit you?",
                        when: { $0.said("ankle-foot") }
                    ),
                    ask(
                        "history.knownAneurysm",
                        "Has a doctor told you that you have an aortic aneurysm (a widened main blood vessel in your belly)?",
                        when: { $0.said("lumbar", "thoracic") }
                    ),
                ]
            ),
            group(
                "Balance",
                [
                    ask("history.fellInPastYear", "Have you fallen in the past year?", when: { ($0.age ?? 65) >= 65 }),
                    ask("history.feelsUnsteady", "Do you feel unsteady when you stand or walk?", when: { ($0.age ?? 65) >= 65 }),
                    ask("history.worriesAboutFalling", "Do you worry about falling?", when: { ($0.age ?? 65) >= 65 }),
                ]
            ),
        ].flatMap { $0 }

    private static func ask(
        _ key: String,
        _ label: String,
        hint: String? = nil,
        when asked: (@Sendable (IntakeAnswers) -> Bool)? = nil
    ) -> IntakeQuestion {
        IntakeQuestion(key: key, label: label, hint: hint, kind: .yesNo, askedWhen: asked)
    }

    private static func group(_ title: String, _ questions: [IntakeQuestion]) -> [IntakeQuestion] {
        questions.map { question in
            var grouped = question
            grouped.group = title
            return grouped
        }
    }
}
