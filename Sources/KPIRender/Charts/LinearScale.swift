import KPIModel

/// When a value axis should start at zero.
public enum ZeroBaseline: Sendable, Equatable {
    /// Always include zero: for counts and percentages where the size of a value matters.
    case always
    /// Include zero when it at most doubles the span of the data, so a rise from 40% to 90%
    /// keeps its proportions but 18% to 26% is not squashed into the top of the chart.
    case whenSensible
    /// Fit the data only.
    case never
}

/// Maps a domain of values onto a range of positions, and holds the axis ticks for it.
///
/// `rangeStart` may be greater than `rangeEnd`: SVG's y axis grows downwards, so a value
/// axis maps its lowest value to the bottom of the plot.
public struct LinearScale: Sendable, Equatable {
    public let domain: ClosedRange<Double>
    public let rangeStart: Double
    public let rangeEnd: Double
    /// Tick values from the lowest up; empty for a scale made without ticks.
    public let ticks: [Double]
    /// Decimals needed to print every tick exactly: 0 for a step of 5, 1 for 0.5, 2 for 0.05.
    public let tickDecimals: Int

    /// A scale over exactly `domain`, without ticks: for month positions. A domain of one
    /// value is widened by a half on each side so a single point sits in the middle.
    public init(domain: ClosedRange<Double>, rangeStart: Double, rangeEnd: Double) {
        self.domain =
            domain.lowerBound == domain.upperBound
            ? (domain.lowerBound - 0.5)...(domain.upperBound + 0.5)
            : domain
        self.rangeStart = rangeStart
        self.rangeEnd = rangeEnd
        self.ticks = []
        self.tickDecimals = 0
    }

    /// A scale whose domain covers `values` extended outwards to whole steps of 1, 2 or 5 × 10ⁿ,
    /// with no more than `maximumTickCount` ticks, so the axis reads 15%, 20%, 25% and not 17.3%.
    public init(
        niceCovering values: [Double], zeroBaseline: ZeroBaseline = .whenSensible,
        rangeStart: Double, rangeEnd: Double, maximumTickCount: Int = 6
    ) {
        // A non-finite value would make the step search below run for ever.
        let finiteValues = values.filter(\.isFinite)
        var low = finiteValues.min() ?? 0
        var high = finiteValues.max() ?? 1
        switch zeroBaseline {
        case .always:
            low = min(low, 0)
            high = max(high, 0)
        case .whenSensible:
            if low >= 0, low <= high - low { low = 0 }
            if high <= 0, -high <= high - low { high = 0 }
        case .never:
            break
        }
        if low == high {
            // A flat series: give it room above and below rather than dividing by zero.
            let padding = low == 0 ? 1 : low.magnitude / 10
            low -= padding
            high += padding
        }
        let tickCount = max(2, maximumTickCount)
        var step = Self.niceStep(atLeast: (high - low) / Double(tickCount - 1))
        while ((high / step.size).rounded(.up) - (low / step.size).rounded(.down)) + 1 > Double(tickCount) {
            step = Self.niceStep(atLeast: step.size * 1.0001)
        }
        let firstUnit = Int((low / step.size).rounded(.down))
        let lastUnit = Int((high / step.size).rounded(.up))
        self.ticks = (firstUnit...lastUnit).map {
            NumberFormat.rounded(Double($0) * step.size, decimals: step.decimals)
        }
        self.tickDecimals = step.decimals
        self.domain = ticks[0]...ticks[ticks.count - 1]
        self.rangeStart = rangeStart
        self.rangeEnd = rangeEnd
    }

    /// The position of `value` in the range.
    public func position(of value: Double) -> Double {
        let fraction = (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
        return rangeStart + fraction * (rangeEnd - rangeStart)
    }

    /// The smallest step of 1, 2 or 5 × 10ⁿ that is at least `minimum`, with the decimals it needs.
    static func niceStep(atLeast minimum: Double) -> (size: Double, decimals: Int) {
        var power = 1.0
        var decimals = 0
        while power > minimum {
            power /= 10
            decimals += 1
        }
        while power * 10 <= minimum {
            power *= 10
            decimals -= 1
        }
        for multiple in [1.0, 2, 5] where multiple * power >= minimum {
            return (NumberFormat.rounded(multiple * power, decimals: max(0, decimals)), max(0, decimals))
        }
        return (power * 10, max(0, decimals - 1))
    }
}
