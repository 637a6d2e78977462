import KPIModel

extension IndicatorAnalyser {
    /// The reported figure against this authority's own figure for an earlier month.
    /// Nil when that month has no value: a missing figure is never compared as zero.
    func direction(of latest: SeriesPoint, against month: Month, band: TargetShape?) -> DirectionOfTravel? {
        guard let earlier = rows.wholeService[month]?.value else { return nil }
        return DirectionOfTravel(
            period: .month(month), value: earlier,
            judgement: latest.value.flatMap { judge.direction($0, from: earlier, band: band) })
    }

    /// Last year's outturn: the financial year before the one holding the reported month (so March
    /// 2017 is compared with 2015/16, never with a year it is itself part of).
    func lastYearOutturn(of latest: SeriesPoint, band: TargetShape?) -> DirectionOfTravel? {
        let startMonth = context.financialYearStartMonth
        let current = Period.financialYear(containing: latest.month, startMonth: startMonth)
        let year = Period.financialYear(containing: current.first.adding(months: -1), startMonth: startMonth)
        let given = benchmarks?.authorityValues[authority]?[year]
        guard let value = given ?? aggregatedOutturn(of: year) else { return nil }
        return DirectionOfTravel(
            period: year, value: value,
            judgement: latest.value.flatMap { judge.direction($0, from: value, band: band) })
    }

    /// A year's figure built from its months, only where that is sound and every month has a value.
    /// By the indicator's outturn rule: `last` takes the year's last month (snapshots, rolling
    /// 12-month measures, which summing would count twelve times); `sum` re-makes a percentage from
    /// its counts (Σ numerators / Σ denominators, never an average of rates, which would weight a
    /// quiet month like a busy one) or adds counts up. Anything else (rates, averages, days)
    /// cannot be rebuilt from monthly figures, so no outturn is claimed.
    func aggregatedOutturn(of year: Period) -> Double? {
        let months = (year.first.index...year.last.index).map { rows.wholeService[Month(index: $0)] }
        let values = months.compactMap { $0?.value }
        guard values.count == year.monthCount else { return nil }
        let rule = indicator.outturn ?? (indicator.unit == .percent || indicator.unit == .count ? .sum : .none)
        switch rule {
        case .none: return nil
        case .last: return values.last
        case .sum: break
        }
        switch indicator.unit {
        case .percent:
            let numerators = months.compactMap { $0?.numerator }
            let denominators = months.compactMap { $0?.denominator }
            let denominator = denominators.reduce(0, +)
            guard numerators.count == year.monthCount, denominators.count == year.monthCount, denominator > 0 else {
                return nil
            }
            return numerators.reduce(0, +) / denominator * 100
        case .count:
            return values.reduce(0, +)
        case .days, .ratePer10k, .number, .score:
            return nil
        }
    }
}
