import KPIAnalysis
import KPIModel

/// The words pages use for values and judgements, in one place so every page says the same.
enum Wording {
    /// Where a comparator has no value: pages and the email say the same.
    static let noFigure = "no figure"

    /// `18.5%`, or why there is no figure.
    static func value(_ value: Double?, status: ValueStatus, _ indicator: Indicator) -> String {
        switch status {
        case .ok: return value.map(indicator.display) ?? "Missing"
        case .lowReliability: return value.map { indicator.display($0) + " (low reliability)" } ?? "Low reliability"
        case .suppressed: return "Suppressed"
        case .notAvailable: return "Not available"
        case .notApplicable: return "Not applicable"
        case .missing: return "Missing"
        }
    }

    static func status(_ status: ValueStatus) -> String {
        switch status {
        case .ok: "Published"
        case .lowReliability: "Low reliability"
        case .suppressed: "Suppressed (small numbers)"
        case .notAvailable: "Not available"
        case .notApplicable: "Not applicable"
        case .missing: "Missing"
        }
    }

    /// `292 of 390` for a percentage, `292 / 390` otherwise.
    static func count(numerator: Double?, denominator: Double?, _ indicator: Indicator) -> String? {
        guard let numerator, let denominator else { return nil }
        let n = NumberFormat.grouped(numerator, decimals: numerator.rounded() == numerator ? 0 : 1)
        let d = NumberFormat.grouped(denominator, decimals: denominator.rounded() == denominator ? 0 : 1)
        return indicator.unit == .percent ? "\(n) of \(d)" : "\(n) / \(d)"
    }

    static func target(_ target: Target, _ indicator: Indicator) -> String {
        let level: String
        if let low = target.low, let high = target.high {
            level = "\(indicator.display(low))–\(indicator.display(high))"
        } else if let value = target.value ?? target.low ?? target.high {
            level = indicator.display(value)
        } else {
            level = ""
        }
        let label = target.label ?? "Target \(target.due.longName)"
        return "\(level) (\(label))"
    }

    static func target(_ judgement: TargetJudgement?) -> String {
        switch judgement {
        case .met: "Met"
        case .near: "Near"
        case .missed: "Missed"
        case nil: "No figure"
        }
    }

    static func direction(_ judgement: DirectionJudgement?) -> String {
        switch judgement {
        case .improved: "Improved"
        case .unchanged: "No change"
        case .declined: "Declined"
        case .changed: "Changed"
        case nil: "Not judged"
        }
    }

    static func comparator(_ judgement: ComparatorJudgement?) -> String {
        switch judgement {
        case .better: "Better"
        case .same: "Same"
        case .worse: "Worse"
        case .higher: "Higher"
        case .lower: "Lower"
        case nil: "Not judged"
        }
    }

    /// The signal in words and the style it takes.
    static func spc(_ result: SPCResult) -> (text: String, style: String, detail: String) {
        let text: String
        let style: String
        switch result.signal {
        case .commonCause: (text, style) = ("Common cause", "neutral")
        case .specialCauseImprovement: (text, style) = ("Special cause: improvement", "improvement")
        case .specialCauseConcern: (text, style) = ("Special cause: concern", "concern")
        case .specialCauseNeutral: (text, style) = ("Special cause", "neutral")
        }
        var detail: [String] = []
        switch result.rule {
        case .outsideLimits: detail.append("latest point outside the process limits")
        case .run: detail.append("a run of 7 or more on one side of the mean")
        case .trend: detail.append("a trend of 7 or more rising or falling")
        case .twoOfThree: detail.append("2 of the last 3 points near a limit")
        case nil: break
        }
        switch result.assurance {
        case .pass: detail.append("will consistently meet the target")
        case .fail: detail.append("will not meet the target without change")
        case .hitOrMiss: detail.append("may or may not meet the target")
        case nil: break
        }
        if result.trialLimits { detail.append("trial limits (\(result.points) points)") }
        let joined = detail.joined(separator: "; ")
        return (text, style, joined.isEmpty ? "" : joined.prefix(1).uppercased() + joined.dropFirst())
    }

    static func polarity(_ polarity: Polarity) -> String {
        switch polarity {
        case .higher: "Higher"
        case .lower: "Lower"
        case .band: "Inside the target band"
        case .neutral: "Neither: shown for context"
        }
    }

    static func unit(_ unit: IndicatorUnit) -> String {
        switch unit {
        case .percent: "Percentage"
        case .count: "Count"
        case .days: "Days"
        case .ratePer10k: "Rate per 10,000 children"
        case .number: "Number"
        case .score: "Score"
        }
    }

    /// `first-response` from `First Response`: lower case letters and digits joined by hyphens.
    static func slug(_ text: String) -> String {
        var slug = ""
        var pendingHyphen = false
        for scalar in text.lowercased().unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                if pendingHyphen && !slug.isEmpty { slug.append("-") }
                slug.unicodeScalars.append(scalar)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        return slug.isEmpty ? "area" : slug
    }
}
