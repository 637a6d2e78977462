import KPIModel

/// A figure in a national ranking: a value, or DfE's `low` (positive, too small to show).
enum RankedFigure: Equatable {
    case shown(Double)
    case low

    /// In value order, `low` lies above a true zero and below every positive figure.
    func isBelow(_ other: RankedFigure) -> Bool {
        switch (self, other) {
        case (.shown(let a), .shown(let b)): a < b
        case (.shown(let a), .low): a <= 0
        case (.low, .shown(let b)): b > 0
        case (.low, .low): false
        }
    }
}

/// Quartile bands exactly as DfE's LAIT makes them: cut points at the 25th, 50th and 75th
/// percentiles of the authorities' shown values (R's default type-7 quantile; `low` figures left
/// out), a value equal to a cut point falling in the band of lower values (LAIT's
/// `calculate_quartile_band`), and A always the best quarter.
struct LAITQuartiles {
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
