import KPIModel

extension IndicatorAnalyser {
    /// The reported month against England or the region: the latest benchmark ending on or before it.
    func comparison(of latest: SeriesPoint, with rows: [Benchmark]?, band: TargetShape?) -> ComparatorComparison? {
        guard let benchmark = rows?.latest(endingBy: latest.month, for: authority), let value = benchmark.value else {
            return nil
        }
        return ComparatorComparison(
            period: benchmark.period, value: value,
            judgement: latest.value.flatMap { judge.comparator($0, against: value, band: band) })
    }

    /// The statistical-neighbour figure: a given row, or one computed from the neighbours' own rows,
    /// whichever is more recent; the given row when both end in the same month, since it is the
    /// published figure.
    func statisticalNeighbours(of latest: SeriesPoint, band: TargetShape?) -> NeighbourComparison? {
        let given = benchmarks?.statisticalNeighbours.latest(endingBy: latest.month, for: authority).flatMap { row in
            row.value.map {
                NeighbourComparison(period: row.period, value: $0, n: nil, of: nil, method: nil, judgement: nil)
            }
        }
        let computed = computedNeighbours(endingBy: latest.month)
        guard var chosen = given ?? computed else { return nil }
        if let given, let computed, computed.period.last > given.period.last { chosen = computed }
        chosen.judgement = latest.value.flatMap { judge.comparator($0, against: chosen.value, band: band) }
        return chosen
    }

    /// Mean or median (per the catalogue) of the neighbours that reported for the latest period
    /// ending on or before `month` in which any reported. Neighbours without a value are dropped,
    /// as DfE does, but counted: `n` reported `of` the group.
    func computedNeighbours(endingBy month: Month) -> NeighbourComparison? {
        let group = context.index.neighbours[authority] ?? []
        guard let values = benchmarks?.authorityValues,
            let period = group.compactMap({ values[$0.neighbour]?.latestPeriod(endingBy: month) })
                .max(by: { $0.recency < $1.recency })
        else { return nil }
        return computedNeighbours(for: period)
    }

    /// The neighbours' mean or median for one period; nil when none reported for it.
    func computedNeighbours(for period: Period) -> NeighbourComparison? {
        let group = context.index.neighbours[authority] ?? []
        let reported = group.compactMap { benchmarks?.authorityValues[$0.neighbour]?[period] }
        guard !reported.isEmpty else { return nil }
        return NeighbourComparison(
            period: period, value: neighbourFigure(reported), n: reported.count, of: group.count,
            method: indicator.neighbourMethod, judgement: nil)
    }

    /// The mean or median of the neighbours' values, as the catalogue says.
    func neighbourFigure(_ reported: [Double]) -> Double {
        switch indicator.neighbourMethod {
        case .mean: return reported.reduce(0, +) / Double(reported.count)
        case .median:
            let sorted = reported.sorted()
            let middle = sorted.count / 2
            return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
        }
    }

    /// Each comparator's figure for every period ending by `month`, oldest first (comparators with
    /// none are left out): for a period given both ways, the given neighbour figure, as above.
    func comparatorSeries(through month: Month) -> [ComparatorSeries] {
        guard let benchmarks else { return [] }
        func given(_ rows: [Benchmark]) -> [Period: Double] {
            var chosen: [Period: Benchmark] = [:]
            for row in rows
            where row.value != nil && row.period.last <= month && (row.authority == nil || row.authority == authority) {
                if chosen[row.period]?.authority == nil { chosen[row.period] = row }
            }
            return chosen.compactMapValues(\.value)
        }
        var neighbours = given(benchmarks.statisticalNeighbours)
        // The neighbours' values gathered by period in one pass over the group.
        var reported: [Period: [Double]] = [:]
        for link in context.index.neighbours[authority] ?? [] {
            for (period, value) in benchmarks.authorityValues[link.neighbour] ?? [:] where period.last <= month {
                reported[period, default: []].append(value)
            }
        }
        for (period, values) in reported where neighbours[period] == nil {
            neighbours[period] = neighbourFigure(values)
        }
        let kinds: [(ComparatorSeries.Kind, [Period: Double])] = [
            (.statisticalNeighbours, neighbours), (.england, given(benchmarks.england)),
        ]
        return kinds.compactMap { kind, values in
            values.isEmpty
                ? nil
                : ComparatorSeries(
                    kind: kind,
                    points: values.sorted { $0.key.recency < $1.key.recency }
                        .map { ComparatorSeries.Point(period: $0.key, value: $0.value) })
        }
    }

    /// National rank among every authority with a shown figure (or `low`) for one period: the latest
    /// per-authority period, ending on or before the reported month, in which this authority has a row
    /// (for a quarterly or yearly indicator, the reported figure's own period). A suppressed figure there
    /// means no rank: never one from an earlier period. Values are compared at display precision and
    /// ties share the best position (as LAIT ranks); `low` sits between a true zero and every shown
    /// figure. The band is LAIT's (`LAITQuartiles`). Only for higher or lower polarity, and only among
    /// at least `minimumField` authorities: an authority's own outturn row alone is no ranking.
    static let minimumField = 4

    func rank(of latest: SeriesPoint) -> NationalRank? {
        let polarity = indicator.polarity
        guard polarity == .higher || polarity == .lower,
            let own = benchmarks?.authorityStatuses[authority], let period = own.latestPeriod(endingBy: latest.month),
            indicator.frequency == .month || period.last == latest.month
        else { return nil }
        let ownFigure: RankedFigure
        if let value = benchmarks?.periodValues[period]?[authority] {
            ownFigure = .shown(judge.rounded(value))
        } else if benchmarks?.lowFigures[period]?.contains(authority) == true {
            ownFigure = .low
        } else {
            return nil
        }
        guard let field = benchmarks?.rankFields[period], field.count >= Self.minimumField else { return nil }
        let higherIsBetter = polarity == .higher
        return NationalRank(
            period: period, position: field.ahead(of: ownFigure, higherIsBetter: higherIsBetter) + 1,
            of: field.count, quartile: field.quartiles.band(of: ownFigure, higherIsBetter: higherIsBetter))
    }
}
