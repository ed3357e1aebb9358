/// The plain-language list of signs that need emergency care rather than exercise, shown on
/// every page that talks about danger signs. It lives here, once, so that the landing page,
/// articles and triage screens can never disagree (CONTENT-GUIDE, "Danger signs").
///
/// Summarises the Tier 1 (emergency) checklist of RESEARCH.md §1.3, sources [5][6][8][9][12][13][14][23].
/// The structured triage questions that raise these flags belong to the intake engine.
public enum EmergencySigns {
    public static let heading = "Get medical help now, not exercise, if you have any of these"

    public static let signs: [String] = [
        "New trouble passing or controlling urine, or leaking without knowing it",
        "New loss of control of your bowels",
        "New numbness or tingling around your genitals, bottom or inner thighs",
        "New pain, numbness or weakness in both legs, or leg pain that has recently spread from one leg to both",
        "Leg weakness that is getting worse, or new difficulty walking",
        "Back pain with fever or chills, or feeling very unwell",
        "Back pain after a serious fall or road accident",
        "Sudden severe pain in your back or belly with feeling faint, or new back pain when you know you have an aortic aneurysm",
        "A history of cancer and new back pain with numbness, weakness or bladder changes",
    ]

    public static let whatToDo =
        "Call your local emergency number or go to the nearest emergency department now. Do not wait for a message from your care team."

    public static let sourceKeys = ["RESEARCH §1.3 Tier 1", "[5]", "[6]", "[8]", "[9]", "[12]", "[13]", "[14]", "[23]"]
}
