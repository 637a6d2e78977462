import KPIModel

/// The monthly line chart on an indicator page: the series with its target, comparators and
/// SPC limits, drawn as inline SVG with a title, a text description and a legend in words.
///
/// Holds plain values only, so the analysis that chose them stays out of rendering.
public struct LineChart: Sendable, Equatable {
    /// One month of the series. A `nil` value, or a month missing from the list, breaks the
    /// line: a month with no return is not a month at zero.
    public struct Point: Sendable, Equatable {
        public var month: Month
        public var value: Double?
        public var specialCause: SpecialCauseMarker?

        public init(month: Month, value: Double?, specialCause: SpecialCauseMarker? = nil) {
            self.month = month
            self.value = value
            self.specialCause = specialCause
        }
    }

    /// The target that applies: one value, or an agreed band such as a caseload of 18-20.
    public enum TargetReference: Sendable, Equatable {
        case value(Double, label: String)
        case band(low: Double, high: Double, label: String)
    }

    /// A comparator drawn across the chart, labelled with its period because it usually refers
    /// to an earlier year: "Statistical neighbours 21.9% (2016/17)".
    public struct ReferenceLine: Sendable, Equatable {
        public var value: Double
        public var label: String

        public init(value: Double, label: String) {
            self.value = value
            self.label = label
        }
    }

    /// The SPC mean and process limits. Trial limits (fewer than 12 points) say so in the legend.
    public struct ProcessLimits: Sendable, Equatable {
        public var mean: Double
        public var lower: Double
        public var upper: Double
        public var isTrial: Bool

        public init(mean: Double, lower: Double, upper: Double, isTrial: Bool = false) {
            self.mean = mean
            self.lower = lower
            self.upper = upper
            self.isTrial = isTrial
        }
    }

    public var title: String
    /// The generated sentence that says what the chart shows, for people who cannot see it.
    public var textDescription: String
    /// The series' name in the legend.
    public var seriesLabel: String
    /// Printed after every value: `%`, or empty for counts.
    public var unitSuffix: String
    /// Display precision of the indicator, for values the chart prints itself.
    public var decimals: Int
    public var points: [Point]
    public var target: TargetReference?
    public var statisticalNeighbours: ReferenceLine?
    public var england: ReferenceLine?
    public var processLimits: ProcessLimits?
    public var zeroBaseline: ZeroBaseline
    /// Values the measure can take, such as 0...100 for a percentage: process limits beyond
    /// them are drawn at the bound, so the axis never offers an impossible -5%.
    public var possibleValues: ClosedRange<Double>?

    public init(
        title: String, textDescription: String, seriesLabel: String, unitSuffix: String = "",
        decimals: Int = 1, points: [Point], target: TargetReference? = nil,
        statisticalNeighbours: ReferenceLine? = nil, england: ReferenceLine? = nil,
        processLimits: ProcessLimits? = nil, zeroBaseline: ZeroBaseline = .whenSensible,
        possibleValues: ClosedRange<Double>? = nil
    ) {
        self.title = title
        self.textDescription = textDescription
        self.seriesLabel = seriesLabel
        self.unitSuffix = unitSuffix
        self.decimals = decimals
        self.points = points
        self.target = target
        self.statisticalNeighbours = statisticalNeighbours
        self.england = england
        self.processLimits = processLimits
        self.zeroBaseline = zeroBaseline
        self.possibleValues = possibleValues
    }

    static let width = 720.0
    static let plotTop = 12.0
    static let plotHeight = 240.0
    static let rightMargin = 36.0
    /// The legend may run closer to the edge than the plot, whose right margin keeps room for the last month's label.
    static let legendRightMargin = 8.0
    static let axisFontSize = 12.0
    /// Room under the plot for the month labels, above the legend.
    static let monthLabelsHeight = 40.0
    /// Keeps the first and last points clear of the plot's edges so their markers are whole.
    static let horizontalInset = 12.0
    static let bandOpacity = 0.12

    /// The chart as an `<svg>` element. `idPrefix` makes the title and description ids unique
    /// on a page that shows several charts.
    public func render(idPrefix: String) -> String {
        let id = SVGWriter.identifier(idPrefix)
        let sortedPoints = points.sorted { $0.month < $1.month }
        let valueScale = LinearScale(
            niceCovering: valuesToCover, zeroBaseline: zeroBaseline,
            rangeStart: Self.plotTop + Self.plotHeight, rangeEnd: Self.plotTop)
        let tickLabels = valueScale.ticks.map {
            NumberFormat.grouped($0, decimals: valueScale.tickDecimals) + unitSuffix
        }
        let widestTickLabel =
            tickLabels.map { ChartLayout.estimatedTextWidth($0, fontSize: Self.axisFontSize) }.max() ?? 0
        let leftMargin = max(44, widestTickLabel + 14)

        let legend = self.legend
        let legendWidth = Self.width - leftMargin - Self.legendRightMargin
        let belowPlot = Self.monthLabelsHeight + legend.height(availableWidth: legendWidth) + 8
        let layout = ChartLayout(
            width: Self.width, height: Self.plotTop + Self.plotHeight + belowPlot,
            margins: ChartMargins(
                top: Self.plotTop, right: Self.rightMargin,
                bottom: belowPlot, left: leftMargin))
        let plot = layout.plot
        let monthScale = LinearScale(
            domain: Double(sortedPoints.first?.month.index ?? 0)...Double(sortedPoints.last?.month.index ?? 0),
            rangeStart: plot.x + Self.horizontalInset,
            rangeEnd: plot.maxX - Self.horizontalInset)
        let plotDrawing = LineChartPlot(plot: plot, values: valueScale, months: monthScale)

        var writer = SVGWriter()
        writer.element(
            "svg",
            [
                "xmlns": "http://www.w3.org/2000/svg", "class": "kpi-chart kpi-line-chart",
                "role": "img", "aria-labelledby": .text("\(id)-title \(id)-desc"),
                "viewBox": .text(layout.viewBox), "width": "100%",
                "font-family": .text(ChartPalette.fontFamily),
            ]
        ) { writer in
            writer.element("title", ["id": .text("\(id)-title")], text: title)
            writer.element("desc", ["id": .text("\(id)-desc")], text: textDescription)
            plotDrawing.drawValueAxis(into: &writer, labels: tickLabels)
            if let target { plotDrawing.drawTarget(target, into: &writer) }
            if let statisticalNeighbours {
                plotDrawing.drawHorizontal(
                    at: statisticalNeighbours.value, into: &writer, class: "kpi-chart-neighbours",
                    colour: ChartPalette.statisticalNeighbours, width: 2,
                    dash: ChartPalette.statisticalNeighboursDash)
            }
            if let england {
                plotDrawing.drawHorizontal(
                    at: england.value, into: &writer, class: "kpi-chart-england",
                    colour: ChartPalette.england, width: 2, dash: ChartPalette.englandDash)
            }
            if let limits = clampedProcessLimits { plotDrawing.drawProcessLimits(limits, into: &writer) }
            plotDrawing.drawMonthAxis(into: &writer, first: sortedPoints.first?.month, last: sortedPoints.last?.month)
            plotDrawing.drawSeries(sortedPoints, dotID: "\(id)-dot", into: &writer)
            legend.draw(into: &writer, x: plot.x, y: plot.maxY + Self.monthLabelsHeight, availableWidth: legendWidth)
        }
        return writer.markup
    }

    /// Every value the value axis must show, so no line falls outside the plot.
    var valuesToCover: [Double] {
        var values = points.compactMap(\.value)
        switch target {
        case .value(let value, _)?: values.append(value)
        case .band(let low, let high, _)?: values += [low, high]
        case nil: break
        }
        values += [statisticalNeighbours?.value, england?.value].compactMap { $0 }
        if let limits = clampedProcessLimits { values += [limits.lower, limits.mean, limits.upper] }
        return values
    }

    var clampedProcessLimits: ProcessLimits? {
        guard var limits = processLimits else { return nil }
        if let possibleValues {
            limits.lower = min(max(limits.lower, possibleValues.lowerBound), possibleValues.upperBound)
            limits.upper = min(max(limits.upper, possibleValues.lowerBound), possibleValues.upperBound)
        }
        return limits
    }

    func formatted(_ value: Double) -> String {
        NumberFormat.grouped(value, decimals: decimals) + unitSuffix
    }

    var legend: ChartLegend {
        var entries = [
            ChartLegend.Entry(
                swatch: .line(colour: ChartPalette.series, width: 2.5, dash: nil, dotted: true),
                text: seriesLabel)
        ]
        switch target {
        case .value(_, let label)?:
            entries.append(
                .init(swatch: .line(colour: ChartPalette.target, width: 2, dash: nil, dotted: false), text: label))
        case .band(_, _, let label)?:
            entries.append(.init(swatch: .band(colour: ChartPalette.target), text: label))
        case nil: break
        }
        if let statisticalNeighbours {
            entries.append(
                .init(
                    swatch: .line(
                        colour: ChartPalette.statisticalNeighbours, width: 2,
                        dash: ChartPalette.statisticalNeighboursDash, dotted: false),
                    text: statisticalNeighbours.label))
        }
        if let england {
            entries.append(
                .init(
                    swatch: .line(
                        colour: ChartPalette.england, width: 2,
                        dash: ChartPalette.englandDash, dotted: false),
                    text: england.label))
        }
        if let limits = clampedProcessLimits {
            entries.append(
                .init(
                    swatch: .line(colour: ChartPalette.secondary, width: 1.5, dash: nil, dotted: false),
                    text: "Mean " + formatted(limits.mean)))
            entries.append(
                .init(
                    swatch: .line(
                        colour: ChartPalette.secondary, width: 1.5,
                        dash: ChartPalette.processLimitDash, dotted: false),
                    text: "Process limits " + formatted(limits.lower) + " to " + formatted(limits.upper)
                        + (limits.isTrial ? " (trial limits: fewer than 12 points)" : "")))
        }
        let markersShown = Set(points.filter { $0.value != nil }.compactMap(\.specialCause))
        for marker in SpecialCauseMarker.allCases where markersShown.contains(marker) {
            entries.append(.init(swatch: .marker(marker), text: marker.legendText))
        }
        return ChartLegend(entries: entries)
    }
}

/// The geometry of one rendering: where values and months fall in the plot.
private struct LineChartPlot {
    let plot: ChartRect
    let values: LinearScale
    let months: LinearScale

    func y(_ value: Double) -> Double { values.position(of: value) }
    func x(_ month: Month) -> Double { months.position(of: Double(month.index)) }

    func drawValueAxis(into writer: inout SVGWriter, labels: [String]) {
        writer.element("g", ["class": "kpi-chart-value-axis"]) { writer in
            for (tick, label) in zip(values.ticks, labels) {
                writer.element(
                    "line",
                    [
                        "x1": .number(plot.x), "y1": .number(y(tick)),
                        "x2": .number(plot.maxX), "y2": .number(y(tick)),
                        "stroke": .text(ChartPalette.gridline), "stroke-width": 1,
                    ])
                writer.element(
                    "text",
                    [
                        "x": .number(plot.x - 8), "y": .number(y(tick) + LineChart.axisFontSize * 0.35),
                        "text-anchor": "end", "font-size": .number(LineChart.axisFontSize),
                        "fill": .text(ChartPalette.secondary),
                    ],
                    text: label)
            }
        }
    }

    func drawTarget(_ target: LineChart.TargetReference, into writer: inout SVGWriter) {
        switch target {
        case .value(let value, _):
            drawHorizontal(
                at: value, into: &writer, class: "kpi-chart-target",
                colour: ChartPalette.target, width: 2, dash: nil)
        case .band(let low, let high, _):
            writer.element("g", ["class": "kpi-chart-target-band"]) { writer in
                writer.element(
                    "rect",
                    [
                        "x": .number(plot.x), "y": .number(y(high)),
                        "width": .number(plot.width), "height": .number(y(low) - y(high)),
                        "fill": .text(ChartPalette.target),
                        "fill-opacity": .number(LineChart.bandOpacity),
                    ])
                for edge in [high, low] {
                    writer.element(
                        "line",
                        [
                            "x1": .number(plot.x), "y1": .number(y(edge)),
                            "x2": .number(plot.maxX), "y2": .number(y(edge)),
                            "stroke": .text(ChartPalette.target), "stroke-width": 1.5,
                        ])
                }
            }
        }
    }

    func drawProcessLimits(_ limits: LineChart.ProcessLimits, into writer: inout SVGWriter) {
        writer.element("g", ["class": "kpi-chart-process-limits"]) { writer in
            drawHorizontal(
                at: limits.mean, into: &writer, class: nil,
                colour: ChartPalette.secondary, width: 1.5, dash: nil)
            for limit in [limits.upper, limits.lower] {
                drawHorizontal(
                    at: limit, into: &writer, class: nil,
                    colour: ChartPalette.secondary, width: 1.5, dash: ChartPalette.processLimitDash)
            }
        }
    }

    func drawHorizontal(
        at value: Double, into writer: inout SVGWriter, class className: String?,
        colour: String, width: Double, dash: String?
    ) {
        writer.element(
            "line",
            [
                "class": className.map(SVGValue.text),
                "x1": .number(plot.x), "y1": .number(y(value)),
                "x2": .number(plot.maxX), "y2": .number(y(value)),
                "stroke": .text(colour), "stroke-width": .number(width),
                "stroke-dasharray": dash.map(SVGValue.text),
            ])
    }

    func drawMonthAxis(into writer: inout SVGWriter, first: Month?, last: Month?) {
        writer.element("g", ["class": "kpi-chart-month-axis"]) { writer in
            writer.element(
                "line",
                [
                    "x1": .number(plot.x), "y1": .number(plot.maxY),
                    "x2": .number(plot.maxX), "y2": .number(plot.maxY),
                    "stroke": .text(ChartPalette.secondary), "stroke-width": 1,
                ])
            guard let first, let last else { return }
            let labelWidth = ChartLayout.estimatedTextWidth("Sep 2017", fontSize: LineChart.axisFontSize) + 16
            let labelled = MonthAxis.labelledMonths(
                from: first, through: last,
                maximumCount: Int(plot.width / labelWidth))
            for month in labelled {
                writer.element(
                    "line",
                    [
                        "x1": .number(x(month)), "y1": .number(plot.maxY),
                        "x2": .number(x(month)), "y2": .number(plot.maxY + 5),
                        "stroke": .text(ChartPalette.secondary), "stroke-width": 1,
                    ])
                writer.element(
                    "text",
                    [
                        "x": .number(x(month)), "y": .number(plot.maxY + 20),
                        "text-anchor": "middle", "font-size": .number(LineChart.axisFontSize),
                        "fill": .text(ChartPalette.secondary),
                    ],
                    text: month.shortName)
            }
        }
    }

    /// The line, one subpath per run of consecutive months, with a dot on every point, and the
    /// special-cause markers on top. The line's dots are one SVG marker drawn at each vertex rather
    /// than a circle per month: ten years of months would otherwise be 120 elements on every chart.
    /// A month alone between two gaps has no line to carry a marker, so it gets a circle of its own.
    /// A special-cause marker, drawn last, hides the dot under it: each shape is wider than the dot.
    func drawSeries(_ points: [LineChart.Point], dotID: String, into writer: inout SVGWriter) {
        let runs = MonthAxis.runsOfConsecutiveMonths(points, month: \.month, value: \.value)
        let pathData = MonthAxis.pathData(runs) { point, value in (x(point.month), y(value)) }
        writer.element("g", ["class": "kpi-chart-series"]) { writer in
            if !pathData.isEmpty {
                writer.element("defs") { writer in
                    writer.element(
                        "marker",
                        [
                            "id": .text(dotID), "viewBox": "0 0 6 6", "refX": 3, "refY": 3,
                            "markerWidth": 6, "markerHeight": 6, "markerUnits": "userSpaceOnUse",
                        ]
                    ) { writer in
                        writer.element("circle", ["cx": 3, "cy": 3, "r": 3, "fill": .text(ChartPalette.series)])
                    }
                }
                let dot = SVGValue.text("url(#\(dotID))")
                writer.element(
                    "path",
                    [
                        "d": .text(pathData), "fill": "none",
                        "stroke": .text(ChartPalette.series), "stroke-width": 2.5,
                        "stroke-linejoin": "round", "stroke-linecap": "round",
                        "marker-start": dot, "marker-mid": dot, "marker-end": dot,
                    ])
            }
            for run in runs where run.count == 1 && run[0].point.specialCause == nil {
                writer.element(
                    "circle",
                    [
                        "cx": .number(x(run[0].point.month)), "cy": .number(y(run[0].value)), "r": 3,
                        "fill": .text(ChartPalette.series),
                    ])
            }
            for point in points {
                guard let value = point.value, let marker = point.specialCause else { continue }
                marker.draw(into: &writer, x: x(point.month), y: y(value))
            }
        }
    }
}
