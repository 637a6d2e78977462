/// Which side of the mean a signal points to.
enum ProcessSide {
    case high, low
}

/// A special-cause rule that fired for the latest point, and the side it points to.
struct SpecialCause {
    /// Consecutive points needed for a run or a trend.
    static let patternLength = 7

    let rule: SPCRule
    let side: ProcessSide

    /// The rule reported for the latest point, or nil for common cause.
    ///
    /// Several rules may fire at once. Outside limits, two of three and run all point to the side
    /// the latest point is on, so only a trend can disagree with them (a falling trend still above
    /// the mean). Precedence is outside limits, two of three, trend, run: a trend says where the
    /// process is heading now, a run only where it has been sitting. The signal always follows the
    /// rule reported, so rule and signal never contradict each other.
    static func latest(in values: [Double], limits: XmRLimits) -> SpecialCause? {
        outsideLimits(values, limits) ?? twoOfThree(values, limits) ?? trend(values) ?? run(values, limits)
    }

    /// Strictly beyond a limit: a point exactly on a limit is inside (as NHSRplotthedots).
    private static func outsideLimits(_ values: [Double], _ limits: XmRLimits) -> SpecialCause? {
        let latest = values[values.count - 1]
        if latest > limits.upper { return SpecialCause(rule: .outsideLimits, side: .high) }
        if latest < limits.lower { return SpecialCause(rule: .outsideLimits, side: .low) }
        return nil
    }

    /// At least 2 of the latest 3 points strictly beyond the same near limit (points beyond the
    /// process limit count, NHS England 2023), the latest being one of them, so the signal is about
    /// the latest point. The third point may lie anywhere, as Making Data Count words the rule.
    private static func twoOfThree(_ values: [Double], _ limits: XmRLimits) -> SpecialCause? {
        let latestThree = values.suffix(3)
        let latest = values[values.count - 1]
        if latest > limits.nearUpper, latestThree.filter({ $0 > limits.nearUpper }).count >= 2 {
            return SpecialCause(rule: .twoOfThree, side: .high)
        }
        if latest < limits.nearLower, latestThree.filter({ $0 < limits.nearLower }).count >= 2 {
            return SpecialCause(rule: .twoOfThree, side: .low)
        }
        return nil
    }

    /// The latest point ends 7 or more points each rising (or each falling). A tie neither adds a
    /// point nor breaks the trend, including a tie at the latest point.
    private static func trend(_ values: [Double]) -> SpecialCause? {
        let steps = zip(values.dropFirst(), values).map { $0 - $1 }.filter { $0 != 0 }
        guard let latestStep = steps.last else { return nil }
        let rising = latestStep > 0
        let sameWaySteps = steps.reversed().prefix { ($0 > 0) == rising }.count
        guard sameWaySteps + 1 >= patternLength else { return nil }
        return SpecialCause(rule: .trend, side: rising ? .high : .low)
    }

    /// The latest point ends 7 or more consecutive points strictly on one side of the mean;
    /// a point exactly on the mean breaks the run.
    private static func run(_ values: [Double], _ limits: XmRLimits) -> SpecialCause? {
        let above = values[values.count - 1] > limits.mean
        let runLength = values.reversed().prefix { above ? $0 > limits.mean : $0 < limits.mean }.count
        return runLength >= patternLength ? SpecialCause(rule: .run, side: above ? .high : .low) : nil
    }
}
