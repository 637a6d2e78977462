import KPIModel
import PNG

/// Charts for the board email, as PNG files to attach as `cid:` parts: Gmail and desktop
/// Outlook drop SVG and `data:` images. A sparkline draws no text (the summary table beside it
/// carries the figures); a comparison labels each bar, since it stands alone under an exception.
/// Sizes are CSS pixels; the PNG has `scale` device pixels for each, and the HTML sets the CSS
/// size, so the chart is sharp on high-density screens.
public enum EmailChart {
    /// The sparkline's size in the email, in CSS pixels: the summary table's chart column.
    public static let sparklineWidth = 120
    public static let sparklineHeight = 32

    /// A trend line for the summary table, in the colours of the web sparkline: a gap (`nil`)
    /// breaks the line, never drawn as zero; the target is a dashed green line, an agreed band a
    /// light green fill; the latest value is a black dot, or the special-cause shape when given.
    public static func sparkline(
        values: [Double?], markLatest: SpecialCauseMarker?, target: Double?, band: ClosedRange<Double>?,
        width: Int = sparklineWidth, height: Int = sparklineHeight, scale: Int = 2
    ) -> [UInt8] {
        sparklineCanvas(
            values: values, markLatest: markLatest, target: target, band: band,
            width: width, height: height, scale: scale
        ).png()
    }

    /// One labelled bar per row, top to bottom (this authority, its statistical neighbours,
    /// England, say): who on the left, the bar from a zero line, and the value as the email words
    /// it just past the bar's end. Bars are dark grey, since a row may be any comparator; the
    /// highlighted one black, the authority's colour in the web charts, with white hatching inside
    /// a solid edge so it stands out without colour. A `nil` value draws no bar, only its words
    /// ("no figure"), where a zero is a sliver. The height follows from the number of rows:
    /// `BarsLayout.height(rows:)`.
    public static func bars(
        _ rows: [(label: String, value: Double?, valueText: String)], highlight: Int?,
        width: Int = BarsLayout.defaultWidth, scale: Int = 2
    ) -> [UInt8] {
        barsCanvas(rows, highlight: highlight, width: width, scale: scale).png()
    }

    static func sparklineCanvas(
        values: [Double?], markLatest: SpecialCauseMarker?, target: Double?,
        band: ClosedRange<Double>?, width: Int, height: Int, scale: Int
    ) -> Canvas {
        let layout = SparklineLayout(values: values, target: target, band: band, width: width, height: height)
        var canvas = Canvas(width: width, height: height, scale: scale, background: .white)
        let targetColour = RGBA(hex: ChartPalette.target)
        if let band {
            let top = layout.y(band.upperBound)
            let bottom = layout.y(band.lowerBound)
            canvas.fill(
                [.rectangle(left: 0, top: top, right: Double(width), bottom: bottom)],
                colour: targetColour, opacity: LineChart.bandOpacity)
            canvas.fill(
                [top, bottom].map {
                    .segment(from: (0, $0), to: (Double(width), $0), width: SparklineLayout.bandEdgeWidth)
                },
                colour: targetColour)
        }
        if let target {
            let dashes = Shape.dashedLine(
                atY: layout.y(target), from: 0, to: Double(width), width: SparklineLayout.targetWidth,
                dash: SparklineLayout.targetDash, gap: SparklineLayout.targetGap)
            canvas.fill(dashes, colour: targetColour)
        }

        let runs = layout.runs
        let seriesColour = RGBA(hex: ChartPalette.secondary)
        canvas.fill(
            runs.flatMap { run in
                zip(run, run.dropFirst()).map { .segment(from: $0, to: $1, width: SparklineLayout.lineWidth) }
            }, colour: seriesColour)
        // A month with gaps on both sides draws no line, so it gets a dot instead.
        canvas.fill(
            runs.filter { $0.count == 1 }.map {
                .circle(centreX: $0[0].x, centreY: $0[0].y, radius: SparklineLayout.isolatedDotRadius)
            }, colour: seriesColour)

        if let latest = runs.last?.last {
            if let markLatest {
                markLatest.draw(
                    on: &canvas, x: latest.x, y: latest.y,
                    radius: SparklineLayout.markerRadius, outline: SparklineLayout.markerOutline)
            } else {
                canvas.fill(
                    [.circle(centreX: latest.x, centreY: latest.y, radius: SparklineLayout.latestDotRadius)],
                    colour: RGBA(hex: ChartPalette.series))
            }
        }
        return canvas
    }

    static func barsCanvas(
        _ rows: [(label: String, value: Double?, valueText: String)], highlight: Int?,
        width: Int, scale: Int
    ) -> Canvas {
        let layout = BarsLayout(rows, width: width, scale: scale)
        var canvas = Canvas(width: width, height: BarsLayout.height(rows: rows.count), scale: scale, background: .white)
        let highlighted = highlight.flatMap { rows.indices.contains($0) ? layout.bar(at: $0) : nil }
        canvas.fill(
            rows.indices.filter { $0 != highlight }.compactMap(layout.bar(at:)),
            colour: RGBA(hex: ChartPalette.secondary))
        if let highlighted {
            canvas.fill([highlighted], colour: RGBA(hex: ChartPalette.series))
            canvas.fill([BarsLayout.hatching(inside: highlighted)], colour: .white)
        }
        canvas.fill([layout.baseline], colour: RGBA(hex: ChartPalette.secondary))
        canvas.fill(
            rows.indices.flatMap { layout.labelShapes(at: $0) + layout.valueShapes(at: $0) },
            colour: RGBA(hex: ChartPalette.series))
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
        horizontal = LinearScale(
            domain: 0...Double(max(0, values.count - 1)),
            rangeStart: Self.padding, rangeEnd: Double(width) - Self.padding)
        vertical = LinearScale(
            domain: (covered.min() ?? 0)...(covered.max() ?? 0),
            rangeStart: Double(height) - Self.padding, rangeEnd: Self.padding)
        // The web sparkline's rule for breaking a line, with each value's position standing in for its month.
        runs = MonthAxis.runsOfConsecutiveMonths(
            Array(values.enumerated()), month: { Month(index: $0.offset) }, value: \.element
        )
        .map { [horizontal, vertical] run in
            run.map { (horizontal.position(of: Double($0.point.offset)), vertical.position(of: $0.value)) }
        }
    }

    func x(_ index: Int) -> Double { horizontal.position(of: Double(index)) }
    func y(_ value: Double) -> Double { vertical.position(of: value) }
}

/// Where the rows of a labelled bar chart fall, in CSS pixels: the label, the bar from the zero
/// line, the value just past the bar's end (past the zero line for a bar that hangs left of it,
/// or no bar). Bar edges sit on the device-pixel grid so they stay crisp.
public struct BarsLayout {
    /// Fits beside a 120-pixel sparkline in a 600-pixel email.
    public static let defaultWidth = 360
    static let padding = 4.0
    static let rowHeight = 20.0
    static let barThickness = 12.0
    /// CSS pixels per font pixel: capitals 10.5 pixels tall, as in the email's 15-pixel text,
    /// and whole device pixels at the default scale of 2.
    static let fontPixel = 1.5
    /// Longer labels end in `…`; the alt text and the email's words carry them whole.
    static let labelCharacters = 16
    static let valueCharacters = 12
    static let gap = 6.0
    /// The least length drawn, so a zero shows as a sliver where a missing value shows nothing.
    static let minimumBarLength = 1.5
    static let baselineWidth = 1.0
    static let hatchingInset = 1.5
    static let hatchingPeriod = 4.0
    static let hatchingStripe = 1.25

    /// The image height for `rows` rows, in CSS pixels.
    public static func height(rows: Int) -> Int { Int(2 * padding + Double(max(1, rows)) * rowHeight) }

    let values: [Double?]
    let labels: [BitmapText]
    let valueTexts: [BitmapText]
    let horizontal: LinearScale
    let height: Double
    let scale: Int

    init(_ rows: [(label: String, value: Double?, valueText: String)], width: Int, scale: Int) {
        values = rows.map { $0.value.flatMap { $0.isFinite ? $0 : nil } }
        labels = rows.map { BitmapText($0.label, maximumCharacters: Self.labelCharacters) }
        valueTexts = rows.map { BitmapText($0.valueText, maximumCharacters: Self.valueCharacters) }
        let labelWidth = Double(labels.map(\.width).max() ?? 0) * Self.fontPixel
        let valueWidth = Double(valueTexts.map(\.width).max() ?? 0) * Self.fontPixel
        let present = values.compactMap { $0 }
        horizontal = LinearScale(
            domain: min(0, present.min() ?? 0)...max(0, present.max() ?? 0),
            rangeStart: Self.padding + labelWidth + Self.gap,
            rangeEnd: Double(width) - Self.padding - Self.gap - valueWidth)
        height = Double(Self.height(rows: rows.count))
        self.scale = scale
    }

    private var zero: Double { snapped(horizontal.position(of: 0)) }

    private func rowTop(_ index: Int) -> Double { Self.padding + Double(index) * Self.rowHeight }

    /// The top of a line of text centred in row `index`, on the device-pixel grid.
    private func textTop(_ index: Int) -> Double {
        snapped(rowTop(index) + (Self.rowHeight - Double(BitmapText.glyphHeight) * Self.fontPixel) / 2)
    }

    var baseline: Shape {
        .rectangle(
            left: zero - Self.baselineWidth / 2, top: Self.padding,
            right: zero + Self.baselineWidth / 2, bottom: height - Self.padding)
    }

    /// The bar for row `index`, or `nil` when it has no value.
    func bar(at index: Int) -> Shape? {
        guard let value = values[index] else { return nil }
        let end = snapped(horizontal.position(of: value))
        let extent = max(Self.minimumBarLength, abs(end - zero))
        let top = snapped(rowTop(index) + (Self.rowHeight - Self.barThickness) / 2)
        return .rectangle(
            left: value < 0 ? zero - extent : zero, top: top,
            right: value < 0 ? zero : zero + extent, bottom: top + Self.barThickness)
    }

    func labelShapes(at index: Int) -> [Shape] {
        labels[index].shapes(left: Self.padding, top: textTop(index), pixelSize: Self.fontPixel)
    }

    /// The value's words just past the bar's end, or past the zero line when the bar hangs left
    /// of it or there is no bar.
    func valueShapes(at index: Int) -> [Shape] {
        var barEnd = zero
        if let value = values[index], value >= 0, let bar = bar(at: index) { barEnd = bar.right }
        return valueTexts[index].shapes(
            left: snapped(barEnd + Self.gap), top: textTop(index), pixelSize: Self.fontPixel)
    }

    /// Diagonal stripes inside `bar`, leaving a solid edge round them.
    static func hatching(inside bar: Shape) -> Shape {
        let inner = Shape.rectangle(
            left: bar.left + hatchingInset, top: bar.top + hatchingInset,
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
