/// Whether a figure is there, and if not, why: the `status` vocabulary of the output contract.
/// A figure that is not there is never zero.
public enum ValueStatus: String, Sendable, CaseIterable {
    case ok
    case suppressed
    case notAvailable = "not_available"
    case notApplicable = "not_applicable"
    case lowReliability = "low_reliability"
    case missing

    /// Whether a value goes with this status (`low_reliability` keeps its value).
    public var hasValue: Bool { self == .ok || self == .lowReliability }
}

/// Where a row came from, so later stages can point back at it.
public struct RowReference: Hashable, Sendable, Comparable {
    public var file: String
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public static func < (a: RowReference, b: RowReference) -> Bool {
        (a.file, a.line) < (b.file, b.line)
    }
}

/// One figure from a monthly extract.
public struct Observation: Hashable, Sendable {
    public var authority: String
    public var indicator: String
    public var month: Month
    /// A sub-series such as a team or role; empty for the whole-service figure.
    public var breakdown: String
    /// Present only when `status.hasValue`.
    public var value: Double?
    public var numerator: Double?
    public var denominator: Double?
    public var status: ValueStatus
    public var note: String?
    public var source: RowReference

    public init(
        authority: String, indicator: String, month: Month, breakdown: String = "",
        value: Double?, numerator: Double? = nil, denominator: Double? = nil,
        status: ValueStatus, note: String? = nil, source: RowReference
    ) {
        self.authority = authority
        self.indicator = indicator
        self.month = month
        self.breakdown = breakdown
        self.value = value
        self.numerator = numerator
        self.denominator = denominator
        self.status = status
        self.note = note
        self.source = source
    }
}

/// A later extract file replacing a figure an earlier one gave.
public struct Revision: Hashable, Sendable {
    public var authority: String
    public var indicator: String
    public var month: Month
    public var breakdown: String
    public var earlier: Observation
    public var later: Observation

    public init(earlier: Observation, later: Observation) {
        self.authority = later.authority
        self.indicator = later.indicator
        self.month = later.month
        self.breakdown = later.breakdown
        self.earlier = earlier
        self.later = later
    }
}
