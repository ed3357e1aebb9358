/// How an eligibility file relates to what is already on file for the organization.
public enum RosterImportMode: String, Sendable, CaseIterable {
    /// The file is the whole roster: people on file but missing from it have their coverage
    /// ended on the file's date.
    case replace
    /// The file adds people and changes people; nobody is ended.
    case update
}

/// The operator's limits on a roster file.
public struct RosterLimits: Sendable, Equatable {
    public var maxBytes: Int
    /// The largest share of rows that may be rejected before the whole file is refused.
    public var maxRejectedShare: Double

    public static let defaultMaxBytes = 256 * 1_048_576
    public static let defaultMaxRejectedShare = 0.05

    public init(maxBytes: Int = RosterLimits.defaultMaxBytes, maxRejectedShare: Double = RosterLimits.defaultMaxRejectedShare) {
        self.maxBytes = maxBytes
        self.maxRejectedShare = maxRejectedShare
    }
}

/// What an import did, for the admin who ran it.
public struct RosterImportSummary: Sendable, Equatable {
    public var rowsRead = 0
    public var added = 0
    public var updated = 0
    public var unchanged = 0
    public var ended = 0
    public var rejected = 0

    public init() {}
}
