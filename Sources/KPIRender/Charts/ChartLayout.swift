import KPIModel

/// A rectangle in viewBox units.
public struct ChartRect: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
}

/// Space left around the plot area for axis labels and the legend.
public struct ChartMargins: Sendable, Equatable {
    public var top: Double
    public var right: Double
    public var bottom: Double
    public var left: Double

    public init(top: Double, right: Double, bottom: Double, left: Double) {
        self.top = top
        self.right = right
        self.bottom = bottom
        self.left = left
    }
}

/// The viewBox of a chart and the plot area inside its margins.
public struct ChartLayout: Sendable, Equatable {
    public let width: Double
    public let height: Double
    public let plot: ChartRect

    public init(width: Double, height: Double, margins: ChartMargins) {
        self.width = width
        self.height = height
        self.plot = ChartRect(
            x: margins.left, y: margins.top,
            width: width - margins.left - margins.right,
            height: height - margins.top - margins.bottom)
    }

    /// `0 0 720 400`.
    public var viewBox: String {
        "0 0 \(SVGWriter.number(width)) \(SVGWriter.number(height))"
    }

    /// A guess at how wide `text` is drawn: SVG cannot measure text before the browser lays it
    /// out, so room is reserved at 0.55 em a character, a little over Arial's average for mixed text.
    public static func estimatedTextWidth(_ text: String, fontSize: Double) -> Double {
        Double(text.count) * fontSize * 0.55
    }
}

/// Which months a time axis labels.
public enum MonthAxis {
    /// Label steps in months: every month, every other, quarterly, half-yearly, yearly and beyond.
    static let steps = [1, 2, 3, 4, 6, 12, 24, 36, 60, 120]

    /// At most `maximumCount` months from `first` through `last`, evenly spaced by the smallest
    /// step that fits. Counted back from `last`, because the latest month is the one a board
    /// reads first; a quarterly step from September then lands on quarter ends.
    public static func labelledMonths(from first: Month, through last: Month, maximumCount: Int) -> [Month] {
        guard first <= last else { return [] }
        let monthCount = last.index - first.index + 1
        let step =
            steps.first { (monthCount + $0 - 1) / $0 <= max(1, maximumCount) }
            ?? (monthCount + max(1, maximumCount) - 1) / max(1, maximumCount)
        return stride(from: last.index, through: first.index, by: -step).reversed().map(Month.init(index:))
    }
}

extension MonthAxis {
    /// Splits points sorted by month into runs of consecutive months that all have values.
    /// A run ends at a `nil` value or at a month missing from the list: charts draw each run
    /// as its own line, because an unreported month is not a month at zero.
    static func runsOfConsecutiveMonths<Point>(
        _ sorted: [Point], month: (Point) -> Month,
        value: (Point) -> Double?
    ) -> [[(point: Point, value: Double)]] {
        var runs: [[(point: Point, value: Double)]] = []
        var previousMonth: Month?
        for point in sorted {
            guard let pointValue = value(point) else {
                previousMonth = nil
                continue
            }
            if let previousMonth, month(point).index - previousMonth.index == 1 {
                runs[runs.count - 1].append((point, pointValue))
            } else {
                runs.append([(point, pointValue)])
            }
            previousMonth = month(point)
        }
        return runs
    }

    /// SVG path data drawing each run of two or more points as its own `M … L …` subpath.
    static func pathData<Point>(
        _ runs: [[(point: Point, value: Double)]],
        position: (Point, Double) -> (x: Double, y: Double)
    ) -> String {
        var data: [UInt8] = []
        for run in runs where run.count > 1 {
            for (offset, entry) in run.enumerated() {
                let (x, y) = position(entry.point, entry.value)
                if !data.isEmpty { data.append(UInt8(ascii: " ")) }
                data.append(offset == 0 ? UInt8(ascii: "M") : UInt8(ascii: "L"))
                SVGWriter.appendNumber(x, to: &data)
                data.append(UInt8(ascii: " "))
                SVGWriter.appendNumber(y, to: &data)
            }
        }
        return String(decoding: data, as: UTF8.self)
    }
}
