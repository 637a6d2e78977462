/// The centre line and process limits of an XmR chart, as NHSRplotthedots computes them.
///
/// Comparisons against these lines are exact: the mean is a plain sum over the count, so a point
/// that equals the mean in the data (a constant series, integer series) compares equal to it.
struct XmRLimits {
    /// Process limits sit this many mean moving ranges from the mean (3 sigma for an XmR chart).
    static let limitWidth = 2.66
    /// Moving ranges this many times the mean moving range or more are one-off jumps,
    /// screened out so that they do not widen the limits.
    static let movingRangeScreen = 3.267

    let mean: Double
    let meanMovingRange: Double

    /// Every point is the baseline.
    init(_ values: [Double]) {
        let movingRanges = zip(values.dropFirst(), values).map { abs($0 - $1) }
        let unscreened = Self.average(movingRanges)
        let kept = movingRanges.filter { $0 < Self.movingRangeScreen * unscreened }
        mean = Self.average(values)
        // A constant series keeps no moving range (0 < 0 fails); its mean moving range stays 0.
        meanMovingRange = kept.isEmpty ? unscreened : Self.average(kept)
    }

    var lower: Double { mean - Self.limitWidth * meanMovingRange }
    var upper: Double { mean + Self.limitWidth * meanMovingRange }
    /// Two thirds of the way from the mean to each limit: the line the two-of-three rule reads.
    var nearLower: Double { mean - 2 / 3 * Self.limitWidth * meanMovingRange }
    var nearUpper: Double { mean + 2 / 3 * Self.limitWidth * meanMovingRange }

    private static func average(_ values: [Double]) -> Double {
        values.reduce(0, +) / Double(values.count)
    }
}
