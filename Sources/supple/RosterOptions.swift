import ArgumentParser
import SuppleCore

/// The operator's limits on eligibility files, shared by `serve` and `roster import`.
struct RosterOptions: ParsableArguments {
    @Option(
        name: .customLong("roster-max-bytes"),
        help: "Largest eligibility file accepted, in bytes (env SUPPLE_ROSTER_MAX_BYTES). Default: 268435456 (256 MB)"
    )
    var maxBytes: Int?

    @Option(
        name: .customLong("roster-max-rejected-share"),
        help: "Largest share of rejected rows before a file is refused, 0–1 (env SUPPLE_ROSTER_MAX_REJECTED_SHARE). Default: 0.05"
    )
    var maxRejectedShare: Double?

    func limits() throws -> RosterLimits {
        let bytes = maxBytes ?? Environment.value("SUPPLE_ROSTER_MAX_BYTES").flatMap(Int.init) ?? RosterLimits.defaultMaxBytes
        let share =
            maxRejectedShare ?? Environment.value("SUPPLE_ROSTER_MAX_REJECTED_SHARE").flatMap(Double.init) ?? RosterLimits.defaultMaxRejectedShare
        guard bytes >= 1024 else { throw ValidationError("SUPPLE_ROSTER_MAX_BYTES must be at least 1024.") }
        guard (0...1).contains(share) else { throw ValidationError("SUPPLE_ROSTER_MAX_REJECTED_SHARE must be from 0 to 1, like 0.05.") }
        return RosterLimits(maxBytes: bytes, maxRejectedShare: share)
    }
}
