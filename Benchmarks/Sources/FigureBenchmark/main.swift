import Foundation
import SuppleContent
import SuppleCore

/// Figure rendering: time to draw each exercise's animated SVG, and how big it is.
let library = try ContentLibrary.bundled()
let exercises = library.exercises.all
for exercise in exercises { _ = FigureSVG.animated(exercise) }

let rounds = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 100
let clock = ContinuousClock()
var samples: [Duration] = []
var bytes: [Int] = []
for _ in 0..<rounds {
    for exercise in exercises {
        let start = clock.now
        let svg = FigureSVG.animated(exercise)
        samples.append(clock.now - start)
        if bytes.count < exercises.count { bytes.append(svg?.utf8.count ?? 0) }
    }
}
let sorted = samples.sorted()
func micros(_ d: Duration) -> Double { Double(d.components.seconds) * 1e6 + Double(d.components.attoseconds) / 1e12 }
func percentile(_ p: Double) -> Double { micros(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) }
let sizes = bytes.sorted()
print("Figure SVG: \(exercises.count) exercises × \(rounds) rounds = \(sorted.count) renders")
print(String(format: "  render median %.1f µs   p99 %.1f µs   max %.1f µs (target under 1 ms)", percentile(0.5), percentile(0.99), micros(sorted.last!)))
print("  size median \(sizes[sizes.count / 2]) B   largest \(sizes.last!) B (target under 8 kB)")
