import Foundation

/// When a member's silence is worth a coach's note. The care-team issue asks for a coach alert
/// after 7 days with no activity; "activity" is anything the member does in the program: a
/// session started, a walk logged or a check-in answered.
public enum EngagementRules {
    /// Days without any activity before the member's coach is asked to reach out.
    public static let quietDays = 7

    /// The queue line for a quiet member; no health data, just the silence.
    public static var quietReason: String {
        "No sessions, walks or check-ins for \(quietDays) days: reach out"
    }

    /// The alert source that marks a quiet-member alert, so it is raised once at a time.
    public static let quietSource = "inactivity"
}
