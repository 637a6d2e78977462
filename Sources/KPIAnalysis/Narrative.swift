import KPIModel

/// One plain-English line per indicator for a board member, built only from facts the analysis
/// holds, always in the same order: the figure (with its counts), the direction of travel, the
/// target, the comparators, the rank.
///
/// The name is followed by a colon rather than "was"/"were", which no rule can choose for every
/// catalogue name. Numbers go through `Indicator.display`, months through `Month.longName`, and
/// every benchmark carries its own period.
struct Narrative {
    let analysis: IndicatorAnalysis
    let asOf: Month

    private var indicator: Indicator { analysis.indicator }

    var sentence: String {
        guard let latest = analysis.latest else { return "\(indicator.name): no figures up to \(asOf.longName)." }
        guard let value = latest.value else {
            return "\(indicator.name): \(Self.withoutValue(latest.status)) for \(latest.month.longName)."
        }
        var figure = "\(indicator.name): \(indicator.display(value))"
        if latest.status == .lowReliability { figure += " (low reliability)" }
        figure += " in \(latest.month.longName)"
        if let numerator = latest.numerator, let denominator = latest.denominator {
            figure +=
                " (\(NumberFormat.grouped(numerator, decimals: 0)) of \(NumberFormat.grouped(denominator, decimals: 0)))"
        }
        if let travel = travel(from: value) { figure += ", " + travel }
        return ([figure, target()].compactMap { $0 } + comparators() + [rank()].compactMap { $0 }).joined(
            separator: "; ") + "."
    }

    static func withoutValue(_ status: ValueStatus) -> String {
        switch status {
        case .suppressed: "suppressed"
        case .notAvailable: "not available"
        case .notApplicable: "not applicable"
        case .ok, .lowReliability, .missing: "no figure"
        }
    }

    /// Against the same month last year when there is one (it sets aside seasonal swings), else last month.
    private func travel(from value: Double) -> String? {
        if let year = analysis.sameMonthLastYear {
            return movement(to: value, from: year.value, when: "a year earlier")
        }
        if let month = analysis.previous {
            return movement(to: value, from: month.value, when: "in \(month.period.first.longName)")
        }
        return nil
    }

    private func movement(to value: Double, from earlier: Double, when: String) -> String {
        let (now, then) = (indicator.atDisplayPrecision(value), indicator.atDisplayPrecision(earlier))
        if now == then { return "the same as \(when)" }
        return "\(now > then ? "up" : "down") from \(indicator.display(earlier)) \(when)"
    }

    private func target() -> String? {
        guard let assessment = analysis.target, let judgement = assessment.judgement,
            let shape = TargetShape(assessment.target, polarity: indicator.polarity)
        else { return nil }
        let due = assessment.target.due.longName
        let goal: String
        switch shape {
        case .band(let low?, let high?) where low != high:
            let place =
                switch judgement {
                case .met: "inside"
                case .near: "just outside"
                case .missed: "outside"
                }
            return "\(place) the \(indicator.display(low))–\(indicator.display(high)) band for \(due)"
        case .band(let low?, nil): goal = "at least \(indicator.display(low))"
        case .band(nil, let high?): goal = "at most \(indicator.display(high))"
        case .band(let value?, _?), .threshold(let value): goal = indicator.display(value)
        case .band(nil, nil): return nil
        }
        let standing =
            switch judgement {
            case .met: "meeting"
            case .near: "just short of"
            case .missed: "worse than"
            }
        return "\(standing) the \(due) target of \(goal)"
    }

    /// Comparators grouped by judgement, in order of first appearance: "better than statistical
    /// neighbours (…) and England (…)".
    private func comparators() -> [String] {
        var named: [(judgement: ComparatorJudgement?, text: String)] = []
        if let neighbours = analysis.statisticalNeighbours {
            var detail = "\(indicator.display(neighbours.value)), \(neighbours.period.label)"
            if let n = neighbours.n, let of = neighbours.of {
                detail += n == of ? ", \(councils(n))" : ", \(n) of \(councils(of))"
            }
            named.append((neighbours.judgement, "statistical neighbours (\(detail))"))
        }
        if let region = analysis.region {
            named.append((region.judgement, "the region (\(indicator.display(region.value)), \(region.period.label))"))
        }
        if let england = analysis.england {
            named.append((england.judgement, "England (\(indicator.display(england.value)), \(england.period.label))"))
        }
        var groups: [(judgement: ComparatorJudgement?, texts: [String])] = []
        for (judgement, text) in named {
            if let index = groups.firstIndex(where: { $0.judgement == judgement }) {
                groups[index].texts.append(text)
            } else {
                groups.append((judgement, [text]))
            }
        }
        return groups.map { Self.relation($0.judgement) + " " + Self.list($0.texts) }
    }

    private static func relation(_ judgement: ComparatorJudgement?) -> String {
        switch judgement {
        case .better: "better than"
        case .same: "the same as"
        case .worse: "worse than"
        case .higher: "higher than"
        case .lower: "lower than"
        case nil: "compared with"
        }
    }

    private func councils(_ count: Int) -> String { count == 1 ? "1 council" : "\(count) councils" }

    private static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    private func rank() -> String? {
        guard let rank = analysis.rank else { return nil }
        return
            "ranked \(Self.ordinal(rank.position)) of \(rank.of) (quartile \(rank.quartile.rawValue), \(rank.period.label))"
    }

    static func ordinal(_ number: Int) -> String {
        let suffix =
            switch (number % 10, number % 100) {
            case (_, 11...13): "th"
            case (1, _): "st"
            case (2, _): "nd"
            case (3, _): "rd"
            default: "th"
            }
        return "\(number)\(suffix)"
    }
}
