import KPIAnalysis
import KPIModel

/// Small hand-built datasets: every expected value in these tests is worked out by hand from them.
enum Fixture {
    static let home = "E10000018"

    static func month(_ text: String) -> Month {
        let parts = text.split(separator: "-").map { Int($0)! }
        return Month(year: parts[0], month: parts[1])
    }

    /// The financial year starting in April of `startYear`: `2016/17`.
    static func year(_ startYear: Int) -> Period { .financialYear(startYear: startYear) }

    static func indicator(
        _ id: String = "re_referrals", name: String = "Re-referrals", unit: IndicatorUnit = .percent,
        polarity: Polarity = .lower, decimals: Int? = nil,
        method: NeighbourMethod = .mean
    ) -> Indicator {
        Indicator(
            id: id, name: name, area: "First Response", unit: unit, polarity: polarity, decimals: decimals,
            neighbourMethod: method)
    }

    /// A whole-service row (or a breakdown row) for `home`; a status without a value keeps value nil.
    static func row(
        _ period: String, _ value: Double?, numerator: Double? = nil, denominator: Double? = nil,
        status: ValueStatus = .ok, indicator: String = "re_referrals", authority: String = home,
        breakdown: String = "", line: Int = 2
    ) -> Observation {
        Observation(
            authority: authority, indicator: indicator, month: month(period), breakdown: breakdown,
            value: status.hasValue ? value : nil, numerator: numerator, denominator: denominator,
            status: status, source: RowReference(file: "extracts/\(period).csv", line: line))
    }

    static func benchmark(
        _ period: Period, _ comparator: Comparator, _ value: Double?, indicator: String = "re_referrals",
        authority: String? = nil, status: ValueStatus = .ok
    ) -> Benchmark {
        Benchmark(
            indicator: indicator, period: period, comparator: comparator, value: value, status: status,
            authority: authority, source: RowReference(file: "benchmarks.csv", line: 2))
    }

    static func target(
        due: String, value: Double? = nil, low: Double? = nil, high: Double? = nil,
        tolerance: Double? = nil, authority: String? = nil, indicator: String = "re_referrals"
    ) -> Target {
        Target(
            indicator: indicator, due: month(due), value: value, low: low, high: high, tolerance: tolerance,
            label: "Target \(month(due).longName)", authority: authority)
    }

    /// The analysis of the first indicator for `home`.
    static func analyse(_ dataset: Dataset) -> IndicatorAnalysis {
        Analysis.analyse(dataset).authorities.first { $0.code == home }!.indicators[0]
    }

    /// One indicator, rows for `home`, and whatever else the test adds.
    static func dataset(
        _ indicator: Indicator = indicator(), rows: [Observation], targets: [Target] = [],
        benchmarks: [Benchmark] = [], neighbours: [NeighbourLink] = [],
        asOf: String? = nil
    ) -> Dataset {
        Dataset(
            settings: Settings(authority: home, asOf: asOf.map(month)), indicators: [indicator], targets: targets,
            observations: rows, benchmarks: benchmarks, neighbours: neighbours)
    }
}
