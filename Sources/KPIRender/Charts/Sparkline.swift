import KPIModel

/// A small trend line for a summary table: the last months of a series with the latest value
/// marked. It carries no axes, so the caller's label must say what it shows
/// ("Re-referrals, October 2016 to September 2017: from 25.8% to 18.5%").
public struct Sparkline: Sendable, Equatable {
    /// One month; a `nil` value, or a month missing from the list, breaks the line.
    public struct Point: Sendable, Equatable {
        public var month: Month
        public var value: Double?

        public init(month: Month, value: Double?) {
            self.month = month
            self.value = value
        }
    }

    /// The accessible name, read in place of the picture.
    public var label: String
    public var points: [Point]
    /// How many months up to the latest one to show.
    public var monthCount: Int

    public init(label: String, points: [Point], monthCount: Int = 12) {
        self.label = label
        self.points = points
        self.monthCount = monthCount
    }

    static let width = 120.0
    static let height = 32.0
    /// Keeps the latest-point marker inside the viewBox.
    static let padding = 4.0

    /// The sparkline as an `<svg>` element sized in `em`, so it grows with the text around it.
    public func render() -> String {
        let latestMonth = points.map(\.month).max() ?? Month(index: 0)
        let firstMonth = latestMonth.adding(months: -(max(1, monthCount) - 1))
        let shown = points.filter { $0.month >= firstMonth }.sorted { $0.month < $1.month }
        let values = shown.compactMap(\.value)
        let monthScale = LinearScale(
            domain: Double(firstMonth.index)...Double(latestMonth.index),
            rangeStart: Self.padding, rangeEnd: Self.width - Self.padding)
        let valueScale = LinearScale(
            domain: (values.min() ?? 0)...(values.max() ?? 0),
            rangeStart: Self.height - Self.padding, rangeEnd: Self.padding)
        func x(_ month: Month) -> Double { monthScale.position(of: Double(month.index)) }
        func y(_ value: Double) -> Double { valueScale.position(of: value) }

        let runs = MonthAxis.runsOfConsecutiveMonths(shown, month: \.month, value: \.value)
        let pathData = MonthAxis.pathData(runs) { point, value in (x(point.month), y(value)) }

        var writer = SVGWriter()
        writer.element(
            "svg",
            [
                "xmlns": "http://www.w3.org/2000/svg", "class": "kpi-sparkline", "role": "img",
                "aria-label": .text(label),
                "viewBox": .text("0 0 \(SVGWriter.number(Self.width)) \(SVGWriter.number(Self.height))"),
                "width": "7.5em", "height": "2em",
            ]
        ) { writer in
            writer.element("title", text: label)
            if !pathData.isEmpty {
                writer.element(
                    "path",
                    [
                        "d": .text(pathData), "fill": "none",
                        "stroke": .text(ChartPalette.secondary), "stroke-width": 1.5,
                        "stroke-linejoin": "round", "stroke-linecap": "round",
                    ])
            }
            // A month with values on neither side draws no line, so it gets a dot instead.
            for run in runs where run.count == 1 {
                writer.element(
                    "circle",
                    [
                        "cx": .number(x(run[0].point.month)), "cy": .number(y(run[0].value)),
                        "r": 1.5, "fill": .text(ChartPalette.secondary),
                    ])
            }
            if let latest = runs.last?.last {
                writer.element(
                    "circle",
                    [
                        "class": "kpi-sparkline-latest",
                        "cx": .number(x(latest.point.month)), "cy": .number(y(latest.value)),
                        "r": 3, "fill": .text(ChartPalette.series),
                    ])
            }
        }
        return writer.markup
    }
}
