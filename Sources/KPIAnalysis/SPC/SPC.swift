import KPIModel

/// What the latest point of a series says, by NHS England's "Making Data Count" rules.
public enum SPCSignal: String, Sendable {
    case commonCause = "common_cause"
    case specialCauseImprovement = "special_cause_improvement"
    case specialCauseConcern = "special_cause_concern"
    case specialCauseNeutral = "special_cause_neutral"
}

/// The special-cause rule that fired for the latest point.
public enum SPCRule: String, Sendable {
    case outsideLimits = "outside_limits"
    case run
    case trend
    case twoOfThree = "two_of_three"
}

/// Whether the process, as it runs now, can be relied on to meet the target.
public enum SPCAssurance: String, Sendable {
    case pass, fail
    case hitOrMiss = "hit_or_miss"
}

/// The target an SPC chart is read against.
public enum SPCTarget: Sendable, Equatable {
    case value(Double)
    case band(low: Double, high: Double)
}

/// An XmR chart's reading of the latest point.
public struct SPCResult: Sendable, Equatable {
    public var points: Int
    public var mean: Double
    public var lower: Double
    public var upper: Double
    public var signal: SPCSignal
    public var rule: SPCRule?
    public var assurance: SPCAssurance?
    /// Fewer than `SPC.fullBaseline` points: limits are trial limits.
    public var trialLimits: Bool

    public init(
        points: Int, mean: Double, lower: Double, upper: Double, signal: SPCSignal,
        rule: SPCRule?, assurance: SPCAssurance?, trialLimits: Bool
    ) {
        self.points = points
        self.mean = mean
        self.lower = lower
        self.upper = upper
        self.signal = signal
        self.rule = rule
        self.assurance = assurance
        self.trialLimits = trialLimits
    }
}

/// XmR statistical process control.
public enum SPC {
    /// Below this many points no limits are drawn at all.
    public static let minimumPoints = 6
    /// From this many points the limits are no longer trial limits.
    public static let fullBaseline = 12

    /// Reads `values` (consecutive periods, oldest first, no gaps) for the latest point.
    /// Returns nil below `minimumPoints`.
    ///
    /// The baseline is every point given; `values` must be finite.
    public static func analyse(_ values: [Double], polarity: Polarity, target: SPCTarget?) -> SPCResult? {
        guard values.count >= minimumPoints else { return nil }
        let limits = XmRLimits(values)
        let specialCause = SpecialCause.latest(in: values, limits: limits, polarity: polarity)
        return SPCResult(
            points: values.count,
            mean: limits.mean,
            lower: limits.lower,
            upper: limits.upper,
            signal: specialCause.map { signal(for: $0.side, polarity: polarity) } ?? .commonCause,
            rule: specialCause?.rule,
            assurance: assurance(of: limits, against: target, polarity: polarity),
            trialLimits: values.count < fullBaseline)
    }

    /// Band and neutral polarity report a signal without judging it: for a band, moving either way
    /// may leave or enter the band, and the band itself is judged by assurance.
    static func signal(for side: ProcessSide, polarity: Polarity) -> SPCSignal {
        switch (polarity, side) {
        case (.higher, .high), (.lower, .low): .specialCauseImprovement
        case (.higher, .low), (.lower, .high): .specialCauseConcern
        case (.band, _), (.neutral, _): .specialCauseNeutral
        }
    }
}
