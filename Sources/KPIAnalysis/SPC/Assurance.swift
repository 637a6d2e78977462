import KPIModel

extension SPC {
    /// Whether the process range (lower to upper limit) can be relied on to meet the target.
    ///
    /// A target exactly on a limit is hit or miss: the process reaches it only at its edge.
    /// A band target is read the same for every judged polarity; a single target value under band
    /// polarity says nothing about which side is better, so it has no assurance, as neutral has none.
    static func assurance(of limits: XmRLimits, against target: SPCTarget?, polarity: Polarity) -> SPCAssurance? {
        guard let target else { return nil }
        switch (target, polarity) {
        case (_, .neutral), (.value, .band):
            return nil
        case (.band(let low, let high), _):
            if limits.lower >= low && limits.upper <= high { return .pass }
            if limits.upper < low || limits.lower > high { return .fail }
            return .hitOrMiss
        case (.value(let value), .higher):
            if value > limits.upper { return .fail }
            if value < limits.lower { return .pass }
            return .hitOrMiss
        case (.value(let value), .lower):
            if value > limits.upper { return .pass }
            if value < limits.lower { return .fail }
            return .hitOrMiss
        }
    }
}
