import KPIModel

/// One authority's rows for one indicator, by month.
struct IndicatorRows: Sendable {
    var wholeService: MonthlyRows
    var breakdowns: [String: MonthlyRows] = [:]

    init(sharing observations: [Observation]) {
        wholeService = MonthlyRows(sharing: observations)
    }
}

/// One series' rows by month, held as positions in the dataset's observations, which every
/// series shares rather than copies: a national dataset (1.1M rows) indexes in tens of megabytes,
/// where copied rows in dictionaries took hundreds.
/// One slot per month from the first row's to the last's (a year typed as 1917 among 2017s makes
/// 1,200 slots, not a failure); positions fit in 32 bits, two billion rows being far beyond any extract.
struct MonthlyRows: Sendable {
    private let observations: [Observation]
    /// The month of `positions[0]`, which always holds a row once there is any.
    private var firstMonth = Month(index: 0)
    /// -1 where the month has no row.
    private var positions: [Int32] = []

    /// `observations` is the whole dataset's, shared: this series holds only positions in it.
    init(sharing observations: [Observation]) {
        self.observations = observations
    }

    /// Records the row at `position` for `month`; a later row for the same month replaces it.
    mutating func insert(_ position: Int, for month: Month) {
        if positions.isEmpty {
            firstMonth = month
        } else if month < firstMonth {
            positions.insert(contentsOf: repeatElement(-1, count: firstMonth.index - month.index), at: 0)
            firstMonth = month
        }
        let offset = month.index - firstMonth.index
        if offset >= positions.count {
            positions.append(contentsOf: repeatElement(-1, count: offset - positions.count + 1))
        }
        positions[offset] = Int32(position)
    }

    subscript(month: Month) -> Observation? {
        let offset = month.index - firstMonth.index
        guard positions.indices.contains(offset), positions[offset] >= 0 else { return nil }
        return observations[Int(positions[offset])]
    }

    /// The first and last months with a row, up to `last`; nil when there is none.
    func span(through last: Month) -> ClosedRange<Month>? {
        let end = min(positions.count - 1, last.index - firstMonth.index)
        guard end >= 0, let final = positions[...end].lastIndex(where: { $0 >= 0 }) else { return nil }
        return firstMonth...firstMonth.adding(months: final)
    }
}

/// One indicator's benchmarks.csv rows, split by comparator.
struct IndicatorBenchmarks: Sendable {
    var england: [Benchmark] = []
    var region: [Benchmark] = []
    var statisticalNeighbours: [Benchmark] = []
    /// Per-authority rows (comparator an authority code) with a value, by authority then period.
    var authorityValues: [String: [Period: Double]] = [:]
    /// The same values by period then authority, for ranking.
    var periodValues: [Period: [String: Double]] = [:]
}

/// The dataset indexed once, so that every look-up for an (authority, indicator) pair is a
/// dictionary hit. At national scale (153 authorities × 60 indicators × 120 months, 1.1M rows)
/// scanning the rows per indicator would cost 9,000 passes over a million rows.
struct DatasetIndex: Sendable {
    /// authority → indicator → rows.
    var observations: [String: [String: IndicatorRows]] = [:]
    /// indicator → rows, in file order.
    var targets: [String: [Target]] = [:]
    var benchmarks: [String: IndicatorBenchmarks] = [:]
    /// authority → its neighbour group, closest first.
    var neighbours: [String: [NeighbourLink]] = [:]
    /// indicator → commentary rows, in file order.
    var commentary: [String: [Commentary]] = [:]
    /// authority → revisions, in file order.
    var revisions: [String: [Revision]] = [:]

    init(_ dataset: Dataset) {
        let rows = dataset.observations
        for (position, observation) in rows.enumerated() {
            let month = observation.month
            if observation.breakdown.isEmpty {
                observations[observation.authority, default: [:]][
                    observation.indicator, default: IndicatorRows(sharing: rows)
                ]
                .wholeService.insert(position, for: month)
            } else {
                observations[observation.authority, default: [:]][
                    observation.indicator, default: IndicatorRows(sharing: rows)
                ]
                .breakdowns[observation.breakdown, default: MonthlyRows(sharing: rows)].insert(position, for: month)
            }
        }
        for target in dataset.targets { targets[target.indicator, default: []].append(target) }
        for benchmark in dataset.benchmarks {
            switch benchmark.comparator {
            case .england: benchmarks[benchmark.indicator, default: IndicatorBenchmarks()].england.append(benchmark)
            case .region: benchmarks[benchmark.indicator, default: IndicatorBenchmarks()].region.append(benchmark)
            case .statisticalNeighbours:
                benchmarks[benchmark.indicator, default: IndicatorBenchmarks()].statisticalNeighbours.append(benchmark)
            case .authority(let code):
                guard let value = benchmark.value else { continue }
                benchmarks[benchmark.indicator, default: IndicatorBenchmarks()].authorityValues[code, default: [:]][
                    benchmark.period] = value
                benchmarks[benchmark.indicator, default: IndicatorBenchmarks()].periodValues[
                    benchmark.period, default: [:]][code] = value
            }
        }
        for link in dataset.neighbours { neighbours[link.authority, default: []].append(link) }
        for code in neighbours.keys { neighbours[code]?.sort { ($0.rank, $0.neighbour) < ($1.rank, $1.neighbour) } }
        for note in dataset.commentary { commentary[note.indicator, default: []].append(note) }
        for revision in dataset.revisions { revisions[revision.authority, default: []].append(revision) }
    }
}

extension Period {
    /// How recent a period is, for choosing "the latest": by its last month, then its first (a later
    /// start is more recent), then its label, so that no choice depends on dictionary order.
    var recency: (Month, Month, String) { (last, first, label) }
}

extension Sequence where Element == Benchmark {
    /// The benchmark a month is compared with: the latest period ending on or before it that has a
    /// value; for rows given per authority, this authority's row beats a blank one for the same period.
    func latest(endingBy month: Month, for authority: String) -> Benchmark? {
        filter { $0.value != nil && $0.period.last <= month && ($0.authority == nil || $0.authority == authority) }
            .max { a, b in
                a.period.recency != b.period.recency
                    ? a.period.recency < b.period.recency : a.authority == nil && b.authority != nil
            }
    }
}

extension Dictionary where Key == Period {
    /// The latest period ending on or before `month`.
    func latestPeriod(endingBy month: Month) -> Period? {
        keys.filter { $0.last <= month }.max { $0.recency < $1.recency }
    }
}
