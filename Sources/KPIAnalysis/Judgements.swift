import KPIModel

/// How a figure stands against its target: the contract's target `judgement`.
public enum TargetJudgement: String, Sendable, CaseIterable {
    case met
    /// Short of the target, but within its tolerance.
    case near
    case missed
}

/// The computed RAG rating. A separate type from the model's `RecordedRAG` so the two can never be mixed up.
public enum RAG: String, Sendable, CaseIterable {
    case green, amber, red

    public init(_ judgement: TargetJudgement) {
        switch judgement {
        case .met: self = .green
        case .near: self = .amber
        case .missed: self = .red
        }
    }
}

/// Direction of travel against an earlier figure of the same indicator.
public enum DirectionJudgement: String, Sendable, CaseIterable {
    case improved, unchanged, declined
    /// For neutral indicators, which are never better or worse.
    case changed
}

/// A figure against another body's figure.
public enum ComparatorJudgement: String, Sendable, CaseIterable {
    case better, same, worse
    /// For neutral indicators.
    case higher, lower
}

/// The good zone a target row describes.
///
/// A row with `low` or `high` is a band whatever the indicator's polarity (a missing edge is open);
/// a band indicator's single `target` value is a band of one value. Any other row is a threshold
/// read by polarity.
enum TargetShape: Equatable {
    case threshold(Double)
    case band(low: Double?, high: Double?)

    init?(_ target: Target, polarity: Polarity) {
        if target.low != nil || target.high != nil {
            self = .band(low: target.low, high: target.high)
        } else if let value = target.value {
            self = polarity == .band ? .band(low: value, high: value) : .threshold(value)
        } else {
            return nil
        }
    }

    /// What SPC assurance is read against: a closed band, else the one edge or value.
    var spcTarget: SPCTarget? {
        switch self {
        case .threshold(let value): .value(value)
        case .band(let low?, let high?): .band(low: low, high: high)
        case .band(let low, let high): (low ?? high).map(SPCTarget.value)
        }
    }
}

/// Every comparison is made at display precision: a board reading 18.5% against 18.5% sees no
/// difference, so neither may the judgement. Differences are rounded again so binary noise
/// (15.3 − 15.2 = 0.10000000000000142) never decides an exact boundary.
struct Judge {
    let indicator: Indicator

    func rounded(_ value: Double) -> Double { indicator.atDisplayPrecision(value) }

    /// How far a value lies outside the band, at display precision; 0 inside it.
    func distance(of value: Double, fromBandLow low: Double?, high: Double?) -> Double {
        let shown = rounded(value)
        if let low, shown < rounded(low) { return rounded(rounded(low) - shown) }
        if let high, shown > rounded(high) { return rounded(shown - rounded(high)) }
        return 0
    }

    /// Met when the figure reaches the target (a band: lies inside it); near when the shortfall is
    /// no more than the tolerance (none given: no near zone); else missed. Neutral: never judged.
    func target(_ value: Double, against shape: TargetShape, tolerance: Double?) -> TargetJudgement? {
        let shortfall: Double
        switch (shape, indicator.polarity) {
        case (_, .neutral): return nil
        case (.band(let low, let high), _): shortfall = distance(of: value, fromBandLow: low, high: high)
        case (.threshold(let goal), .lower): shortfall = rounded(rounded(value) - rounded(goal))
        case (.threshold(let goal), _): shortfall = rounded(rounded(goal) - rounded(value))
        }
        if shortfall <= 0 { return .met }
        return shortfall <= (tolerance ?? 0) ? .near : .missed
    }

    /// Which of two figures is better, by polarity: > 0 when `value` is better than `other`,
    /// 0 when equal at display precision, nil when polarity cannot say (neutral; band with no band).
    private func preference(_ value: Double, over other: Double, band: TargetShape?) -> Double? {
        let (shown, otherShown) = (rounded(value), rounded(other))
        if shown == otherShown { return 0 }
        switch indicator.polarity {
        case .higher: return shown - otherShown
        case .lower: return otherShown - shown
        case .neutral: return nil
        case .band:
            guard case .band(let low, let high) = band else { return nil }
            return distance(of: other, fromBandLow: low, high: high) - distance(of: value, fromBandLow: low, high: high)
        }
    }

    /// `value` now against `earlier`. Band: closer to the band is improved, equally far (both inside
    /// counts) is unchanged; with no band, only `unchanged` can be said.
    func direction(_ value: Double, from earlier: Double, band: TargetShape?) -> DirectionJudgement? {
        if indicator.polarity == .neutral { return rounded(value) == rounded(earlier) ? .unchanged : .changed }
        return preference(value, over: earlier, band: band).map { $0 > 0 ? .improved : $0 < 0 ? .declined : .unchanged }
    }

    /// `value` against a comparator's figure; neutral indicators say higher or lower.
    func comparator(_ value: Double, against other: Double, band: TargetShape?) -> ComparatorJudgement? {
        if indicator.polarity == .neutral {
            let (shown, otherShown) = (rounded(value), rounded(other))
            return shown == otherShown ? .same : shown > otherShown ? .higher : .lower
        }
        return preference(value, over: other, band: band).map { $0 > 0 ? .better : $0 < 0 ? .worse : .same }
    }
}
