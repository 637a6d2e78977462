import KPIModel

/// A figure in a national ranking: a value, or DfE's `low` (positive, too small to show).
enum RankedFigure: Equatable {
    case shown(Double)
    case low
}

/// One indicator's national field for one period, ranked once for every authority: the shown values
/// at display precision, sorted, how many are `low`, and LAIT's cut points.
struct RankField: Sendable {
    let sorted: [Double]
    let lows: Int
    let quartiles: LAITQuartiles

    init(values: [Double], lows: Int) {
        sorted = values.sorted()
        self.lows = lows
        quartiles = LAITQuartiles(values: sorted)
    }

    var count: Int { sorted.count + lows }

    /// How many figures are better than `figure`; ties are not ahead, so they share the best position.
    /// In value order `low` lies above a true zero and below every positive figure.
    func ahead(of figure: RankedFigure, higherIsBetter: Bool) -> Int {
        switch (figure, higherIsBetter) {
        case (.shown(let value), false): countBelow(value) + (value > 0 ? lows : 0)
        case (.shown(let value), true): sorted.count - countBelow(value, orEqual: true) + (value <= 0 ? lows : 0)
        case (.low, false): countBelow(0, orEqual: true)
        case (.low, true): sorted.count - countBelow(0, orEqual: true)
        }
    }

    /// The number of shown values below `value` (or at most `value`), by binary search.
    private func countBelow(_ value: Double, orEqual: Bool = false) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value || (orEqual && sorted[middle] == value) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }
}

/// Quartile bands exactly as DfE's LAIT makes them: cut points at the 25th, 50th and 75th
/// percentiles of the authorities' shown values (R's default type-7 quantile; `low` figures left
/// out), a value equal to a cut point falling in the band of lower values (LAIT's
/// `calculate_quartile_band`), and A always the best quarter.
struct LAITQuartiles: Sendable {
    /// The 25th, 50th and 75th percentiles.
    let cuts: [Double]

    init(values: [Double]) {
        let sorted = values.sorted()
        cuts = sorted.isEmpty ? [] : [0.25, 0.5, 0.75].map { Self.quantile(sorted, $0) }
    }

    /// Type 7: h = (n − 1)p, interpolating between the values either side of position h.
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let h = Double(sorted.count - 1) * p
        let below = Int(h.rounded(.down))
        guard below + 1 < sorted.count else { return sorted[below] }
        return sorted[below] + (h - Double(below)) * (sorted[below + 1] - sorted[below])
    }

    /// The band of `figure`: bands by value are numbered 0 (lowest values) to 3; lower values are
    /// better for a lower-is-better indicator, so its band 0 is A, and a higher-is-better one's is D.
    func band(of figure: RankedFigure, higherIsBetter: Bool) -> Quartile {
        var byValue = 0
        if case .shown(let value) = figure {
            // Interpolated cut points carry float noise (17.000000000000004): equal within it is equal.
            byValue = cuts.filter { value > $0 + 1e-9 * max(1, $0.magnitude) }.count
        }
        return Quartile.allCases[higherIsBetter ? 3 - byValue : byValue]
    }
}
