import SuppleCore
import Testing

@Suite struct DoseTextTests {
    @Test("a Spanish dose reads as it is played: holds, sides, ranges and minutes")
    func spanishDose() {
        #expect(
            Dose(sets: 1, reps: 5, holdSeconds: 10, perSide: true).text(in: .spanish)
                == "5 repeticiones, manteniendo cada una 10 segundos de cada lado"
        )
        #expect(Dose(sets: 3, holdSeconds: 20, holdSecondsMax: 30).text(in: .spanish) == "Mantener 20–30 segundos, 3 veces")
        #expect(Dose(sets: 2, reps: 10).text(in: .spanish) == "2 series de 10 repeticiones")
        #expect(Dose(sets: 1, minutes: 1).text(in: .spanish) == "1 minuto")
        #expect(Dose(sets: 2, reps: 10).text(in: .english) == Dose(sets: 2, reps: 10).description)
    }
}
