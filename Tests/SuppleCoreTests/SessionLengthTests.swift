import SuppleCore
import Testing

/// The one session-length estimate Today, the plan and the player show.
@Suite struct SessionLengthTests {
    @Test("a dose takes as long as the player plays it: holds at the middle of their range with rests, both sides, timed minutes")
    func doses() {
        // 3 holds of 20–30 s: 3 × 25 s + 2 rests of 3 s = 81 s, with 30 s to get ready → 2 minutes.
        #expect(SessionLength.minutes([Dose(sets: 3, holdSeconds: 20, holdSecondsMax: 30)]) == 2)
        // Bird Dog, 5 reps held 10 s on each side: 10 holds, 8 rests, one side change = 129 s + 30 s → 3.
        #expect(SessionLength.minutes([Dose(sets: 1, reps: 5, holdSeconds: 10, perSide: true)]) == 3)
        // 2 sets of 10 reps: 80 s of moving and 30 s between sets + 30 s → 3 minutes.
        #expect(SessionLength.minutes([Dose(sets: 2, reps: 10)]) == 3)
        // 3 minutes on each side is 6 minutes and the set-up.
        #expect(SessionLength.minutes([Dose(sets: 1, minutes: 3, perSide: true)]) == 7)
        #expect(SessionLength.minutes([]) == 0)
    }

    @Test("a session's estimate is the sum of its exercises, not a fixed number")
    func sums() {
        let one = Dose(sets: 2, reps: 10)
        #expect(SessionLength.minutes(Array(repeating: one, count: 6)) == (6 * (30 + 110) + 59) / 60)
    }
}
