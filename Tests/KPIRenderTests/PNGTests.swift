import Foundation
import KPIModel
import KPITestSupport
import Testing

@testable import KPIRender
@testable import PNG

private let sampleSparkline = EmailChart.sparkline(
    values: [25.8, 24.9, 24.1, 23.5, nil, 22.8, 21.0, 20.2, 19.9, 19.1, 18.8, 18.5],
    markLatest: .improvement, target: 20, band: nil)

private let sampleBars = EmailChart.bars(
    [("Leicestershire", 18.5, "18.5%"), ("Neighbours", 21.0, "21.0%"), ("England", 21.9, "21.9%")], highlight: 0)

/// Email charts decoded by an independent PNG reader.
@Suite(.enabled(if: ExternalTool.python.shouldRun, ExternalTool.python.skipped))
struct EmailChartDecodingTests {
    @Test func pythonDecodesAnIndexedSparkline() throws {
        let canvas = EmailChart.sparklineCanvas(
            values: [25.8, 24.9, nil, 23.5, 22.8, 18.5], markLatest: .concern,
            target: 20, band: 19...21, width: 120, height: 32, scale: 2)
        #expect(try header(of: canvas.png()).colourType == 3)
        #expect(try decodeWithPython(canvas.png()) == canvas.rgba)
    }

    @Test func pythonDecodesAFourBitBarChart() throws {
        let canvas = EmailChart.barsCanvas(
            [("A", 3, "3"), ("B", nil, "no figure"), ("C", 0, "0"), ("D", 5, "5"), ("E", -2, "-2")],
            highlight: 3, width: 360, scale: 2)
        #expect(try header(of: canvas.png()).bitDepth < 8)
        #expect(try decodeWithPython(canvas.png()) == canvas.rgba)
    }
}

// MARK: - PNG structure

@Suite struct EmailChartPNGTests {
    @Test func sparklineHasSignatureChunksInOrderAndValidCRCs() {
        #expect(Array(sampleSparkline.prefix(8)) == [137, 80, 78, 71, 13, 10, 26, 10])
        let found = chunks(of: sampleSparkline)
        #expect(found.map(\.type) == ["IHDR", "PLTE", "IDAT", "IEND"])
        for chunk in found {
            #expect(chunk.storedCRC == CRC32.checksum(Array(chunk.type.utf8) + chunk.data), "CRC of \(chunk.type)")
        }
        #expect(found.map { 12 + $0.data.count }.reduce(8, +) == sampleSparkline.count, "no bytes after IEND")
    }

    @Test func headerGivesTheScaledSizeAndAnIndexedFormat() throws {
        let data = try #require(chunks(of: sampleSparkline).first).data
        #expect(data.count == 13)
        #expect(try header(of: sampleSparkline) == PNGHeader(width: 240, height: 64, bitDepth: 8, colourType: 3))
        #expect(Array(data[10...12]) == [0, 0, 0], "DEFLATE, adaptive filtering, no interlace")
    }

    @Test func scaleMultipliesThePixelSize() throws {
        let sharp = EmailChart.sparkline(values: [1, 2, 3], markLatest: nil, target: nil, band: nil, scale: 3)
        #expect(try header(of: sharp).width == 360)
        #expect(try header(of: sharp).height == 96)
        let bars = EmailChart.bars([("A", 1, "1")], highlight: nil, width: 100, scale: 1)
        #expect(try header(of: bars).width == 100)
        #expect(try header(of: bars).height == BarsLayout.height(rows: 1))
    }

    @Test func sameInputGivesTheSameBytes() {
        let again = EmailChart.sparkline(
            values: [25.8, 24.9, 24.1, 23.5, nil, 22.8, 21.0, 20.2, 19.9, 19.1, 18.8, 18.5],
            markLatest: .improvement, target: 20, band: nil)
        #expect(again == sampleSparkline)
    }

    @Test func typicalChartsAreSmallEnoughForEmail() {
        #expect(sampleSparkline.count < 1_500, "sparkline is \(sampleSparkline.count) bytes")
        #expect(sampleBars.count < 1_500, "bar chart is \(sampleBars.count) bytes")
    }
}

// MARK: - Email charts

@Suite struct EmailSparklineTests {
    static let width = 120, height = 32, scale = 2

    private func canvas(
        _ values: [Double?], marker: SpecialCauseMarker? = nil, target: Double? = nil,
        band: ClosedRange<Double>? = nil
    ) -> Canvas {
        EmailChart.sparklineCanvas(
            values: values, markLatest: marker, target: target, band: band,
            width: Self.width, height: Self.height, scale: Self.scale)
    }

    private func layout(_ values: [Double?], target: Double? = nil, band: ClosedRange<Double>? = nil) -> SparklineLayout
    {
        SparklineLayout(values: values, target: target, band: band, width: Self.width, height: Self.height)
    }

    /// The device pixel under a point given in CSS pixels.
    private func pixel(_ canvas: Canvas, x: Double, y: Double) -> RGBA {
        canvas.pixel(x: Int(x * Double(Self.scale)), y: Int(y * Double(Self.scale)))
    }

    private func isBlank(_ canvas: Canvas, deviceColumn: Int) -> Bool {
        (0..<canvas.pixelHeight).allSatisfy { canvas.pixel(x: deviceColumn, y: $0) == .white }
    }

    @Test func aGapBreaksTheLineInsteadOfDroppingToZero() {
        let values: [Double?] = [10, 12, nil, 14, 16]
        let drawn = canvas(values)
        let positions = layout(values)
        // Clear of the round line ends and the dots on either side of the gap.
        let clearStart = Int((positions.x(1) + SparklineLayout.lineWidth) * Double(Self.scale)) + 1
        let clearEnd = Int((positions.x(3) - SparklineLayout.lineWidth) * Double(Self.scale)) - 1
        #expect(clearEnd - clearStart > 10)
        for column in clearStart...clearEnd {
            #expect(isBlank(drawn, deviceColumn: column), "column \(column) lies in the gap")
        }
        let midFirstSegment = Int((positions.x(0) + positions.x(1)) / 2 * Double(Self.scale))
        #expect(!isBlank(drawn, deviceColumn: midFirstSegment), "the line either side of the gap is drawn")
    }

    @Test func aValueBetweenTwoGapsIsADot() {
        let values: [Double?] = [10, nil, 12, nil, 14]
        let positions = layout(values)
        #expect(pixel(canvas(values), x: positions.x(2), y: positions.y(12)) == RGBA(hex: ChartPalette.secondary))
    }

    @Test(arguments: SpecialCauseMarker.allCases)
    func theLatestPointCarriesTheMarkerColour(marker: SpecialCauseMarker) {
        let values: [Double?] = [10, 14, 12, 15, 11]
        let positions = layout(values)
        let centre = pixel(canvas(values, marker: marker), x: positions.x(4), y: positions.y(11))
        #expect(centre == RGBA(hex: marker.colour))
    }

    /// The markers differ in shape, not colour alone: probe a square's corner and a triangle's apex and base corner.
    @Test func markerShapesDiffer() {
        let values: [Double?] = [10, 14, 12, 15, 13]
        let positions = layout(values)
        let (x, y) = (positions.x(4), positions.y(13))
        // On the device grid, so each probe below names one whole device pixel (half a CSS pixel square).
        #expect((x * Double(Self.scale)).rounded() == x * Double(Self.scale))
        #expect((y * Double(Self.scale)).rounded() == y * Double(Self.scale))
        let corner = (x: x + 2.6, y: y + 2.6)
        let belowApex = (x: x + 0.1, y: y - 3.4)
        let baseCorner = (x: x - 3.9, y: y + 2.6)
        func colourAt(_ point: (x: Double, y: Double), _ marker: SpecialCauseMarker) -> RGBA {
            pixel(canvas(values, marker: marker), x: point.x, y: point.y)
        }
        #expect(colourAt(corner, .neutral) == RGBA(hex: SpecialCauseMarker.neutral.colour))
        #expect(colourAt(corner, .improvement) != RGBA(hex: SpecialCauseMarker.improvement.colour))
        #expect(colourAt(belowApex, .concern) == RGBA(hex: SpecialCauseMarker.concern.colour))
        #expect(colourAt(belowApex, .neutral) != RGBA(hex: SpecialCauseMarker.neutral.colour))
        #expect(colourAt(baseCorner, .concern) == RGBA(hex: SpecialCauseMarker.concern.colour))
        #expect(colourAt(baseCorner, .improvement) != RGBA(hex: SpecialCauseMarker.improvement.colour))
    }

    @Test func withoutASpecialCauseTheLatestPointIsABlackDot() {
        let values: [Double?] = [10, 14, 12, 15, 11, nil]
        let positions = layout(values)
        #expect(pixel(canvas(values), x: positions.x(4), y: positions.y(11)) == RGBA(hex: ChartPalette.series))
    }

    @Test func theTargetIsADashedGreenLine() {
        let values: [Double?] = [10, 14, 12, 15, 11]
        let y = layout(values, target: 13).y(13)
        let drawn = canvas(values, target: 13)
        // Left of the first point, where the series is not drawn: a dash, then a gap.
        #expect(pixel(drawn, x: 1, y: y) == RGBA(hex: ChartPalette.target))
        #expect(pixel(drawn, x: SparklineLayout.targetDash + SparklineLayout.targetGap / 2, y: y) == .white)
    }

    @Test func aTargetOutsideTheValuesIsStillInTheChart() {
        let values: [Double?] = [10, 14, 12]
        let y = layout(values, target: 30).y(30)
        #expect(y >= 0 && y <= Double(Self.height))
    }

    @Test func theBandIsALightGreenFill() {
        let values: [Double?] = [10, 14, 12, 15, 11]
        let band = 11.0...13.0
        let positions = layout(values, band: band)
        let inside = pixel(canvas(values, band: band), x: 1, y: positions.y(12))
        #expect(inside != .white)
        #expect(inside.green > inside.red && inside.green > 200, "a light green, not a solid one")
        let outside = pixel(canvas(values, band: band), x: 1, y: positions.y(14.5))
        #expect(outside == .white)
    }

    @Test func noValuesGiveABlankImage() {
        let drawn = canvas([nil, nil])
        #expect((0..<drawn.pixelWidth).allSatisfy { isBlank(drawn, deviceColumn: $0) })
    }
}

@Suite struct EmailBarTests {
    static let width = 360, scale = 2
    static let rows: [(label: String, value: Double?, valueText: String)] = [
        ("Leicestershire", 5, "5"), ("Neighbours", nil, "no figure"), ("England", 0, "0"), ("Highlighted", 8, "8"),
        ("Negative", -2, "-2"),
    ]

    /// Drawn once: every test reads the same picture.
    static let drawn = EmailChart.barsCanvas(rows, highlight: 3, width: width, scale: scale)
    private let drawn = EmailBarTests.drawn
    private let layout = BarsLayout(rows, width: width, scale: scale)

    /// The device columns of a bar right of the baseline, which is drawn over the foot of every bar.
    private func columnsRightOfBaseline(_ bar: Shape) -> Range<Int> {
        Int(max(bar.left, layout.baseline.right) * Double(Self.scale))..<Int(bar.right * Double(Self.scale))
    }

    /// The device pixels inside a bar's box, right of the baseline.
    private func pixels(in shape: Shape) -> [RGBA] {
        let scale = Double(Self.scale)
        return (Int(shape.top * scale)..<Int(shape.bottom * scale)).flatMap { y in
            columnsRightOfBaseline(shape).map { drawn.pixel(x: $0, y: y) }
        }
    }

    private func rowCentre(_ index: Int) -> Int {
        Int((BarsLayout.padding + (Double(index) + 0.5) * BarsLayout.rowHeight) * Double(Self.scale))
    }

    /// The device columns in row `index`'s band that hold any ink, left to right.
    private func inkedColumns(row index: Int, in columns: Range<Int>) -> [Int] {
        let top = Int((BarsLayout.padding + Double(index) * BarsLayout.rowHeight) * Double(Self.scale))
        let bottom = top + Int(BarsLayout.rowHeight) * Self.scale
        return columns.filter { x in (top..<bottom).contains { drawn.pixel(x: x, y: $0) != .white } }
    }

    @Test func barsAreSolidDarkGrey() throws {
        let bar = try #require(layout.bar(at: 0))
        #expect(Set(pixels(in: bar)) == [RGBA(hex: ChartPalette.secondary)])
    }

    @Test func aMissingValueDrawsNoBarOnlyItsWords() {
        #expect(layout.bar(at: 1) == nil)
        let baselineRight = Int(layout.baseline.right * Double(Self.scale))
        let textLeft = Int((layout.baseline.right + BarsLayout.gap) * Double(Self.scale)) - 1
        #expect(
            inkedColumns(row: 1, in: baselineRight..<textLeft).isEmpty, "no bar between the zero line and the words")
        #expect(!inkedColumns(row: 1, in: textLeft..<drawn.pixelWidth).isEmpty, "the words \"no figure\"")
    }

    @Test func aZeroIsAThinBarUnlikeAMissingValue() throws {
        let bar = try #require(layout.bar(at: 2))
        let justRightOfBaseline = Int(layout.baseline.right * Double(Self.scale))
        #expect(drawn.pixel(x: justRightOfBaseline, y: rowCentre(2)) == RGBA(hex: ChartPalette.secondary))
        #expect(bar.right - bar.left == BarsLayout.minimumBarLength)
    }

    @Test func theHighlightedBarHasAPatternAndASolidEdge() throws {
        let bar = try #require(layout.bar(at: 3))
        let inside = pixels(in: bar)
        #expect(inside.contains(RGBA(hex: ChartPalette.series)))
        #expect(inside.contains(.white), "hatching, so the highlight does not rest on colour alone")
        #expect(!inside.contains(RGBA(hex: ChartPalette.secondary)))
        let edgeRow = Int(bar.top * Double(Self.scale))
        #expect(
            columnsRightOfBaseline(bar).allSatisfy { drawn.pixel(x: $0, y: edgeRow) == RGBA(hex: ChartPalette.series) })
    }

    @Test func negativeValuesHangLeftOfTheBaseline() throws {
        let bar = try #require(layout.bar(at: 4))
        #expect(bar.right <= layout.baseline.right)
        #expect(bar.left < layout.baseline.left)
    }

    @Test func longestBarLeavesRoomForItsValue() throws {
        let bar = try #require(layout.bar(at: 3))
        let valueLeft = Int((bar.right + BarsLayout.gap) * Double(Self.scale))
        let ink = inkedColumns(row: 3, in: valueLeft..<drawn.pixelWidth)
        #expect(!ink.isEmpty, "the value is written past the bar")
        #expect((ink.last ?? .max) < drawn.pixelWidth - Int(BarsLayout.padding) * Self.scale, "and inside the image")
    }

    @Test func everyRowIsLabelledLeftOfTheBars() {
        let labelColumns = 0..<Int(layout.horizontal.rangeStart * Double(Self.scale))
        for row in Self.rows.indices {
            #expect(!inkedColumns(row: row, in: labelColumns).isEmpty, "row \(row) has a label")
        }
        let bars = layout.horizontal.rangeStart...layout.horizontal.rangeEnd
        #expect(
            Self.rows.indices.compactMap(layout.bar(at:)).allSatisfy {
                bars.contains($0.left) && bars.contains($0.right)
            })
    }

    @Test func textIsInTheTextColour() {
        let labelColumns = 0..<Int(layout.horizontal.rangeStart * Double(Self.scale))
        let top = Int(BarsLayout.padding) * Self.scale
        let colours = Set(
            labelColumns.flatMap { x in
                (top..<top + Int(BarsLayout.rowHeight) * Self.scale).map { drawn.pixel(x: x, y: $0) }
            })
        #expect(colours == [.white, RGBA(hex: ChartPalette.series)], "crisp: every font pixel is whole device pixels")
    }
}

@Suite struct BitmapTextTests {
    @Test func widthCountsGlyphsAndTheGapsBetweenThem() {
        #expect(BitmapText("").width == 0)
        #expect(BitmapText("1").width == 5)
        #expect(BitmapText("18.5%").width == 5 * 6 - 1)
    }

    @Test func longTextEndsInAnEllipsisWithinTheLimit() {
        #expect(BitmapText("Bournemouth, Christchurch and Poole", maximumCharacters: 16).width == 16 * 6 - 1)
        #expect(BitmapText("Leicestershire", maximumCharacters: 16).width == 14 * 6 - 1)
    }

    @Test func glyphsAreTheDotMatrixShapes() {
        // "1": a foot, a stem in the middle column and a flag at the top left.
        let squares = BitmapText("1").shapes(left: 0, top: 0, pixelSize: 1).map { [Int($0.left), Int($0.top)] }
        #expect(
            Set(squares) == [[1, 1], [2, 0], [2, 1], [2, 2], [2, 3], [2, 4], [2, 5], [2, 6], [1, 6], [3, 6]])
    }

    @Test func accentsDropAndUnknownCharactersDrawAsAQuestionMark() {
        let plain = BitmapText("Cafe").shapes(left: 0, top: 0, pixelSize: 1).map { [$0.left, $0.top] }
        #expect(BitmapText("Café").shapes(left: 0, top: 0, pixelSize: 1).map { [$0.left, $0.top] } == plain)
        let question = BitmapText("?").shapes(left: 0, top: 0, pixelSize: 1).map { [$0.left, $0.top] }
        #expect(BitmapText("\u{4E2D}").shapes(left: 0, top: 0, pixelSize: 1).map { [$0.left, $0.top] } == question)
    }
}

// MARK: - Golden files

@Suite struct PNGGoldenTests {
    @Test func sparkline() throws {
        try expectMatchesGolden(sampleSparkline, named: "png/sparkline.png")
    }

    @Test func bars() throws {
        try expectMatchesGolden(sampleBars, named: "png/bars.png")
    }

    /// A long name cut short, a missing comparator in words, days with a count unit.
    @Test func barsWithALongNameAndNoFigure() throws {
        let bars = EmailChart.bars(
            [
                ("Bournemouth, Christchurch and Poole", 517, "517 days"), ("Neighbours", 549, "549 days"),
                ("England", nil, "no figure"),
            ], highlight: 0)
        try expectMatchesGolden(bars, named: "png/bars-no-figure.png")
    }
}
