import PNG
import KPIModel

/// Charts for the board email, as PNG files to attach as `cid:` parts: Gmail and desktop
/// Outlook drop SVG and `data:` images. They draw no text; the email's alt text and tables
/// carry the words and numbers. Sizes are CSS pixels; the PNG has `scale` device pixels for
/// each, and the HTML sets the CSS size, so the chart is sharp on high-density screens.
public enum EmailChart {
    /// A trend line for the summary table, in the colours of the web sparkline: a gap (`nil`)
    /// breaks the line, never drawn as zero; the target is a dashed green line, an agreed band a
    /// light green fill; the latest value is a black dot, or the special-cause shape when given.
    public static func sparkline(values: [Double?], markLatest: SpecialCauseMarker?, target: Double?,
                                 band: ClosedRange<Double>?, width: Int = 120, height: Int = 32, scale: Int = 2) -> [UInt8] {
        sparklineCanvas(values: values, markLatest: markLatest, target: target, band: band,
                        width: width, height: height, scale: scale).png()
    }

    /// One bar per row, left to right (this authority, its statistical neighbours, England, say):
    /// bars in dark grey, since a row may be any comparator; the highlighted one black, the
    /// authority's colour in the web charts, with white hatching inside a solid edge so it stands
    /// out without colour. A `nil` value leaves its slot empty, where a zero is a thin bar.
    /// Labels are not drawn: pass the rows the email's table and alt text use.
    public static func bars(values: [(label: String, value: Double?)], highlight: Int?,
                            width: Int = 240, height: Int = 80, scale: Int = 2) -> [UInt8] {
        barsCanvas(values: values.map(\.value), highlight: highlight, width: width, height: height, scale: scale).png()
    }

    static func sparklineCanvas(values: [Double?], markLatest: SpecialCauseMarker?, target: Double?,
                                band: ClosedRange<Double>?, width: Int, height: Int, scale: Int) -> Canvas {
        let layout = SparklineLayout(values: values, target: target, band: band, width: width, height: height)
        var canvas = Canvas(width: width, height: height, scale: scale, background: .white)
        let targetColour = RGBA(hex: ChartPalette.target)
        if let band {
            let top = layout.y(band.upperBound)
            let bottom = layout.y(band.lowerBound)
            canvas.fill([.rectangle(left: 0, top: top, right: Double(width), bottom: bottom)],
                        colour: targetColour, opacity: LineChart.bandOpacity)
            canvas.fill([top, bottom].map { .segment(from: (0, $0), to: (Double(width), $0), width: SparklineLayout.bandEdgeWidth) },
                        colour: targetColour)
        }
        if let target {
            let dashes = Shape.dashedLine(atY: layout.y(target), from: 0, to: Double(width), width: SparklineLayout.targetWidth,
                                          dash: SparklineLayout.targetDash, gap: SparklineLayout.targetGap)
            canvas.fill(dashes, colour: targetColour)
        }

        let runs = layout.runs
        let seriesColour = RGBA(hex: ChartPalette.secondary)
        canvas.fill(runs.flatMap { run in
            zip(run, run.dropFirst()).map { .segment(from: $0, to: $1, width: SparklineLayout.lineWidth) }
        }, colour: seriesColour)
        // A month with gaps on both sides draws no line, so it gets a dot instead.
        canvas.fill(runs.filter { $0.count == 1 }.map {
            .circle(centreX: $0[0].x, centreY: $0[0].y, radius: SparklineLayout.isolatedDotRadius)
        }, colour: seriesColour)

        if let latest = runs.last?.last {
            if let markLatest {
                markLatest.draw(on: &canvas, x: latest.x, y: latest.y,
                                radius: SparklineLayout.markerRadius, outline: SparklineLayout.markerOutline)
            } else {
                canvas.fill([.circle(centreX: latest.x, centreY: latest.y, radius: SparklineLayout.latestDotRadius)],
                            colour: RGBA(hex: ChartPalette.series))
            }
        }
        return canvas
    }

    static func barsCanvas(values: [Double?], highlight: Int?, width: Int, height: Int, scale: Int) -> Canvas {
        let layout = BarsLayout(values: values, width: width, height: height, scale: scale)
        var canvas = Canvas(width: width, height: height, scale: scale, background: .white)
        let highlighted = highlight.flatMap { values.indices.contains($0) ? layout.bar(at: $0) : nil }
        canvas.fill(values.indices.filter { $0 != highlight }.compactMap(layout.bar(at:)),
                    colour: RGBA(hex: ChartPalette.secondary))
        if let highlighted {
            canvas.fill([highlighted], colour: RGBA(hex: ChartPalette.series))
            canvas.fill([BarsLayout.hatching(inside: highlighted)], colour: .white)
        }
        canvas.fill([layout.baseline], colour: RGBA(hex: ChartPalette.secondary))
        return canvas
    }
}

/// Where a sparkline's points fall, in CSS pixels.
struct SparklineLayout {
    /// Keeps the latest-point marker, outline included, inside the image.
    static let padding = 6.0
    static let lineWidth = 1.5
    static let isolatedDotRadius = 1.5
    static let latestDotRadius = 3.0
    static let markerRadius = 3.5
    static let markerOutline = 1.0
    static let bandEdgeWidth = 1.0
    static let targetWidth = 1.0
    static let targetDash = 3.0
    static let targetGap = 2.0

    let horizontal: LinearScale
    let vertical: LinearScale
    /// The points of each unbroken stretch of values.
    let runs: [[(x: Double, y: Double)]]

    /// The value axis covers the values, the target and the band, so the reader sees how far off
    /// target the series is. A value that is not finite is drawn as a gap.
    init(values: [Double?], target: Double?, band: ClosedRange<Double>?, width: Int, height: Int) {
        let values = values.map { $0.flatMap { $0.isFinite ? $0 : nil } }
        let covered = values.compactMap { $0 } + [target, band?.lowerBound, band?.upperBound].compactMap { $0 }
        horizontal = LinearScale(domain: 0...Double(max(0, values.count - 1)),
                                 rangeStart: Self.padding, rangeEnd: Double(width) - Self.padding)
        vertical = LinearScale(domain: (covered.min() ?? 0)...(covered.max() ?? 0),
                               rangeStart: Double(height) - Self.padding, rangeEnd: Self.padding)
        // The web sparkline's rule for breaking a line, with each value's position standing in for its month.
        runs = MonthAxis.runsOfConsecutiveMonths(Array(values.enumerated()), month: { Month(index: $0.offset) }, value: \.element)
            .map { [horizontal, vertical] run in
                run.map { (horizontal.position(of: Double($0.point.offset)), vertical.position(of: $0.value)) }
            }
    }

    func x(_ index: Int) -> Double { horizontal.position(of: Double(index)) }
    func y(_ value: Double) -> Double { vertical.position(of: value) }
}

/// Where the bars of a bar chart fall, in CSS pixels, edges on the device-pixel grid so they stay crisp.
struct BarsLayout {
    static let padding = 2.0
    /// The share of each slot the bar fills; the rest is the gap between bars.
    static let barShare = 0.7
    /// The least height drawn, so a zero shows as a sliver where a missing value shows nothing.
    static let minimumBarHeight = 1.5
    static let baselineWidth = 1.0
    static let hatchingInset = 1.5
    static let hatchingPeriod = 4.0
    static let hatchingStripe = 1.25

    let values: [Double?]
    let width: Double
    let vertical: LinearScale
    let slotWidth: Double
    let scale: Int

    init(values: [Double?], width: Int, height: Int, scale: Int) {
        self.values = values.map { $0.flatMap { $0.isFinite ? $0 : nil } }
        self.width = Double(width)
        let present = self.values.compactMap { $0 }
        vertical = LinearScale(domain: min(0, present.min() ?? 0)...max(0, present.max() ?? 0),
                               rangeStart: Double(height) - Self.padding, rangeEnd: Self.padding)
        slotWidth = (Double(width) - 2 * Self.padding) / Double(max(1, values.count))
        self.scale = scale
    }

    var baseline: Shape {
        let y = snapped(vertical.position(of: 0))
        return .rectangle(left: 0, top: y - Self.baselineWidth / 2, right: width, bottom: y + Self.baselineWidth / 2)
    }

    /// The bar for row `index`, or `nil` when it has no value.
    func bar(at index: Int) -> Shape? {
        guard let value = values[index] else { return nil }
        let zero = snapped(vertical.position(of: 0))
        let end = snapped(vertical.position(of: value))
        let extent = max(Self.minimumBarHeight, abs(end - zero))
        let slotLeft = Self.padding + Double(index) * slotWidth
        let gap = slotWidth * (1 - Self.barShare) / 2
        return .rectangle(left: snapped(slotLeft + gap), top: value < 0 ? zero : zero - extent,
                          right: snapped(slotLeft + slotWidth - gap), bottom: value < 0 ? zero + extent : zero)
    }

    /// Diagonal stripes inside `bar`, leaving a solid edge round them.
    static func hatching(inside bar: Shape) -> Shape {
        let inner = Shape.rectangle(left: bar.left + hatchingInset, top: bar.top + hatchingInset,
                                    right: bar.right - hatchingInset, bottom: bar.bottom - hatchingInset)
        return Shape(left: inner.left, top: inner.top, right: inner.right, bottom: inner.bottom) { x, y in
            inner.contains(x, y) && (x + y).truncatingRemainder(dividingBy: hatchingPeriod) < hatchingStripe
        }
    }

    /// Rounds to the nearest device pixel edge.
    private func snapped(_ position: Double) -> Double {
        (position * Double(scale)).rounded() / Double(scale)
    }
}
