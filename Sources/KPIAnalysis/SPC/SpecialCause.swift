import KPIModel

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
    /// the mean). When rules disagree, improvement is reported, as NHS England's Making Data Count
    /// single chart tool shows it (NHSRplotthedots issue #194, 2023). Among the rules that point the
    /// reported way, the name is taken in the order outside limits, two of three, trend, run: the
    /// rules most about the latest point itself first, and a trend (where the process is heading)
    /// before a run (where it has been sitting). The signal always follows the rule named, so the
    /// two never contradict each other. Band and neutral polarity have no improvement side: the
    /// first rule in that order is named.
    static func latest(in values: [Double], limits: XmRLimits, polarity: Polarity) -> SpecialCause? {
        let fired = [outsideLimits(values, limits), twoOfThree(values, limits), trend(values), run(values, limits)]
            .compactMap { $0 }
        return fired.first { SPC.signal(for: $0.side, polarity: polarity) == .specialCauseImprovement } ?? fired.first
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
    /// the latest point; and all 3 strictly on that side of the mean, as Making Data Count reads
    /// the rule since 2023 (NHSRplotthedots issues #143 and #194): a third point across the mean
    /// cancels the pattern.
    private static func twoOfThree(_ values: [Double], _ limits: XmRLimits) -> SpecialCause? {
        let latestThree = values.suffix(3)
        let latest = values[values.count - 1]
        if latest > limits.nearUpper, latestThree.allSatisfy({ $0 > limits.mean }),
            latestThree.filter({ $0 > limits.nearUpper }).count >= 2
        {
            return SpecialCause(rule: .twoOfThree, side: .high)
        }
        if latest < limits.nearLower, latestThree.allSatisfy({ $0 < limits.mean }),
            latestThree.filter({ $0 < limits.nearLower }).count >= 2
        {
            return SpecialCause(rule: .twoOfThree, side: .low)
        }
        return nil
    }

    /// The latest point ends 7 or more points each rising (or each falling). A tie inside the trend
    /// neither adds a point nor breaks it; a latest point that ties the one before it has not moved,
    /// so it is not part of a trend and the trend says nothing about it, as three independent Making
    /// Data Count engines read it (the Western Australia Power BI SPC visual, Aneurin Bevan's MDC
    /// package and a QI charts package). The next point that moves the same way signals it again.
    private static func trend(_ values: [Double]) -> SpecialCause? {
        let steps = zip(values.dropFirst(), values).map { $0 - $1 }
        guard let latestStep = steps.last, latestStep != 0 else { return nil }
        let rising = latestStep > 0
        let sameWaySteps = steps.reversed().filter { $0 != 0 }.prefix { ($0 > 0) == rising }.count
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
