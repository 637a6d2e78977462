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
        let reported = group.compactMap { values[$0.neighbour]?[period] }
        let value: Double
        switch indicator.neighbourMethod {
        case .mean: value = reported.reduce(0, +) / Double(reported.count)
        case .median:
            let sorted = reported.sorted()
            let middle = sorted.count / 2
            value = sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
        }
        return NeighbourComparison(
            period: period, value: value, n: reported.count, of: group.count,
            method: indicator.neighbourMethod, judgement: nil)
    }

    /// National rank among every authority with a per-authority row for the latest period, ending on
    /// or before the reported month, for which this authority has a value. Values are compared at
    /// display precision and ties share the best position (as LAIT). Quartile = ⌊4 × (position − 1) / of⌋ + 1,
    /// so A is the best quarter (and a lone authority is in it); ties never split across bands.
    /// Only for higher or lower polarity, and only among at least `minimumField` authorities: an
    /// authority's own outturn row alone is no ranking.
    static let minimumField = 4

    func rank(of latest: SeriesPoint) -> NationalRank? {
        let polarity = indicator.polarity
        guard polarity == .higher || polarity == .lower,
            let own = benchmarks?.authorityValues[authority], let period = own.latestPeriod(endingBy: latest.month),
            let ownValue = own[period], let field = benchmarks?.periodValues[period]
        else { return nil }
        let shown = judge.rounded(ownValue)
        let ahead = field.values.filter { polarity == .higher ? judge.rounded($0) > shown : judge.rounded($0) < shown }
            .count
        let position = ahead + 1
        let of = field.count
        guard of >= Self.minimumField else { return nil }
        let band = 4 * (position - 1) / of + 1
        return NationalRank(period: period, position: position, of: of, quartile: Quartile.allCases[band - 1])
    }
}
