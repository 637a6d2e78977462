/// A legend drawn as text beside a sample of each line, band or marker, so every mark on a
/// chart is named in words. Entries flow into two columns when every entry fits in half the
/// width, otherwise one.
struct ChartLegend {
    enum Swatch {
        case line(colour: String, width: Double, dash: String?, dotted: Bool)
        case band(colour: String)
        case marker(SpecialCauseMarker)
    }

    struct Entry {
        var swatch: Swatch
        var text: String
    }

    var entries: [Entry]

    static let fontSize = 13.0
    static let rowHeight = 22.0
    static let swatchWidth = 28.0
    static let swatchGap = 8.0
    static let columnGap = 16.0

    func columnCount(availableWidth: Double) -> Int {
        let widest =
            entries.map {
                Self.swatchWidth + Self.swatchGap + ChartLayout.estimatedTextWidth($0.text, fontSize: Self.fontSize)
            }.max() ?? 0
        return widest <= (availableWidth - Self.columnGap) / 2 ? 2 : 1
    }

    func height(availableWidth: Double) -> Double {
        let columns = columnCount(availableWidth: availableWidth)
        let rows = (entries.count + columns - 1) / columns
        return Double(rows) * Self.rowHeight
    }

    /// Draws the entries row by row from the top-left corner (`x`, `y`).
    func draw(into writer: inout SVGWriter, x: Double, y: Double, availableWidth: Double) {
        let columns = columnCount(availableWidth: availableWidth)
        let columnWidth = (availableWidth + Self.columnGap) / Double(columns)
        writer.element("g", ["class": "kpi-chart-legend"]) { writer in
            for (position, entry) in entries.enumerated() {
                let left = x + Double(position % columns) * columnWidth
                let middle = y + Double(position / columns) * Self.rowHeight + Self.rowHeight / 2
                drawSwatch(entry.swatch, into: &writer, left: left, middle: middle)
                writer.element(
                    "text",
                    [
                        "x": .number(left + Self.swatchWidth + Self.swatchGap),
                        "y": .number(middle + Self.fontSize * 0.35),
                        "font-size": .number(Self.fontSize), "fill": .text(ChartPalette.series),
                    ],
                    text: entry.text)
            }
        }
    }

    private func drawSwatch(_ swatch: Swatch, into writer: inout SVGWriter, left: Double, middle: Double) {
        let centre = left + Self.swatchWidth / 2
        switch swatch {
        case .line(let colour, let width, let dash, let dotted):
            writer.element(
                "line",
                [
                    "x1": .number(left), "y1": .number(middle),
                    "x2": .number(left + Self.swatchWidth), "y2": .number(middle),
                    "stroke": .text(colour), "stroke-width": .number(width),
                    "stroke-dasharray": dash.map(SVGValue.text),
                ])
            if dotted {
                writer.element(
                    "circle",
                    [
                        "cx": .number(centre), "cy": .number(middle), "r": 3,
                        "fill": .text(colour),
                    ])
            }
        case .band(let colour):
            writer.element(
                "rect",
                [
                    "x": .number(left), "y": .number(middle - 6),
                    "width": .number(Self.swatchWidth), "height": 12,
                    "fill": .text(colour), "fill-opacity": .number(LineChart.bandOpacity),
                    "stroke": .text(colour), "stroke-width": 1.5,
                ])
        case .marker(let marker):
            marker.draw(into: &writer, x: centre, y: middle)
        }
    }
}
