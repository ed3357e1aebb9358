import Foundation
import SuppleContent
import SuppleCore

/// Plan-building time per intake: every clinical vignette of the test suite, decided many times,
/// timed one decision at a time. Prints the median and the 90th and 99th percentiles.
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../../Tests/SuppleCoreTests/Fixtures/vignettes").standardizedFileURL
let files = try FileManager.default.contentsOfDirectory(atPath: repository.path).filter { $0.hasSuffix(".json") }.sorted()
let intakes: [Intake] = try files.map { file in
    let data = try Data(contentsOf: repository.appendingPathComponent(file))
    guard case .object(let vignette)? = JSONValue.parse(data), let intake = vignette["intake"] else {
        throw CocoaError(.fileReadCorruptFile)
    }
    return try IntakeParser.parse(intake)
}
let library = try ContentLibrary.bundled()
let engine = ProgramEngine(catalog: library.exercises, articles: library.articles)

// Warm up caches and lazy statics before measuring.
for intake in intakes { _ = engine.decide(intake) }

let rounds = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 200
var samples: [Duration] = []
samples.reserveCapacity(rounds * intakes.count)
let clock = ContinuousClock()
var checksum = 0
for _ in 0..<rounds {
    for intake in intakes {
        let start = clock.now
        let decision = engine.decide(intake)
        samples.append(clock.now - start)
        checksum &+= decision.plan?.exercises.count ?? 0
    }
}
samples.sort()
func micros(_ d: Duration) -> Double { Double(d.components.seconds) * 1e6 + Double(d.components.attoseconds) / 1e12 }
let sorted = samples
func percentile(_ p: Double) -> Double { micros(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) }
print("Program engine: \(intakes.count) vignette intakes × \(rounds) rounds = \(samples.count) decisions (checksum \(checksum))")
print(String(format: "  median %.1f µs   p90 %.1f µs   p99 %.1f µs   max %.1f µs", percentile(0.5), percentile(0.9), percentile(0.99), micros(samples.last!)))
print("  catalog: \(library.exercises.count) exercises, \(library.articles.count) articles; target: median under 100 µs")
