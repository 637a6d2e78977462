import Foundation
import KPIModel
import KPITestSupport
import Testing
import Toolkit

@testable import KPIRender

#if canImport(FoundationXML)
    import FoundationXML
#endif

// MARK: - Fixtures

/// Child protection plans for a second or subsequent time: a two-sided indicator with the old
/// 10-15% band, a null return in December 2016, and two special-cause points.
private let repeatPlansChart = LineChart(
    title: "Child protection plans for a second or subsequent time",
    textDescription: "Repeat plans rose from 14.2% in April 2016 to 22.6% in May 2017, then fell to 12.4% "
        + "in September 2017, inside the target band of 10% to 15%; December 2016 was not reported.",
    seriesLabel: "Repeat child protection plans (%)",
    unitSuffix: "%",
    points: [14.2, 15.1, 13.8, 16.0, 17.2, 15.5, 16.8, nil, 18.1, 17.4, 19.0, 18.2, 20.5, 22.6, 17.9, 15.2, 13.9, 12.4]
        .enumerated().map { offset, value in
            let month = Month(year: 2016, month: 4).adding(months: offset)
            let marker: SpecialCauseMarker? =
                switch month {
                case Month(year: 2017, month: 5): .concern
                case Month(year: 2017, month: 9): .improvement
                default: nil
                }
            return LineChart.Point(month: month, value: value, specialCause: marker)
        },
    target: .band(low: 10, high: 15, label: "Target band 10% to 15% (2017/18)"),
    statisticalNeighbours: .init(value: 17.9, label: "Statistical neighbours 17.9% (2016/17)"),
    england: .init(value: 18.7, label: "England 18.7% (2016/17)"),
    processLimits: .init(mean: 16.6, lower: 10.1, upper: 23.1),
    possibleValues: 0...100
)

private let reReferralsSparkline = Sparkline(
    label: "Re-referrals, October 2016 to September 2017: from 25.8% to 18.5%; February 2017 not reported",
    points: [25.8, 24.9, 24.1, 23.5, nil, 22.8, 21.0, 20.2, 19.9, 19.1, 18.8, 18.5].enumerated().map { offset, value in
        Sparkline.Point(month: Month(year: 2016, month: 10).adding(months: offset), value: value)
    }
)

// MARK: - Golden files

@Suite struct ChartGoldenTests {
    @Test func lineChartWithEveryFeature() throws {
        try expectMatchesGolden(
            repeatPlansChart.render(idPrefix: "repeat-cp-plans"), named: "charts/line-chart-all-features.svg")
    }

    @Test func sparklineWithAGap() throws {
        try expectMatchesGolden(reReferralsSparkline.render(), named: "charts/sparkline.svg")
    }
}

// MARK: - Parsing the output back

/// What an XML parser finds in the markup: proof that nothing from data became markup.
private final class ParsedSVG: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""
    }

    private(set) var elements: [Element] = []
    private var open: [Int] = []

    static func parse(_ markup: String) -> ParsedSVG? {
        let parsed = ParsedSVG()
        let parser = XMLParser(data: Data(markup.utf8))
        parser.delegate = parsed
        return parser.parse() ? parsed : nil
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        open.append(elements.count)
        elements.append(Element(name: elementName, attributes: attributes))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let current = open.last { elements[current].text += string }
    }

    func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }

    /// Text of elements that hold text only, whitespace between child elements trimmed.
    func texts(_ name: String) -> [String] { all(name).map(\.text) }
}

/// The elements the charts draw; anything else in the output came from data.
private let elementsChartsDraw: Set = [
    "svg", "title", "desc", "g", "defs", "marker", "line", "rect", "path", "circle", "polygon", "text",
]

/// Text built from pieces that have broken markup somewhere: tags, quotes, CDATA and comment
/// ends, entities, and non-ASCII including right-to-left override and emoji.
private func hostileText(using generator: inout SplitMix64) -> String {
    let pieces = [
        "<script>alert(1)</script>", "</title>", "<desc>", "\"", "'", "]]>", "<![CDATA[", "-->", "<!--",
        "&", "&amp;", "&#60;", "&lt;", "<", ">", "\" onload=\"x", "' style='", "é", "Ünïcødé", "日本語",
        "😀", "\u{202E}", "Re-referrals", " 18.5% ", "\t", "\n", "\r\n", "\u{7}", "=", "/>", "/",
    ]
    let count = Int.random(in: 1...8, using: &generator)
    return (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
}

/// `text` as a parser reads it back: characters XML cannot carry arrive as U+FFFD.
private func asWritten(_ text: String) -> String {
    String(
        String.UnicodeScalarView(
            text.unicodeScalars.map {
                $0.value < 0x20 && !["\t", "\n", "\r"].contains($0) ? "\u{FFFD}" : $0
            }))
}

@Suite struct ChartEscapingTests {
    @Test func writerEscapesTheFiveSpecialsInAttributesAndText() {
        var writer = SVGWriter()
        writer.element("text", ["data-label": "a&b<c>d\"e'f"], text: "a&b<c>d\"e'f")
        #expect(
            writer.markup
                == "<text data-label=\"a&amp;b&lt;c&gt;d&quot;e&#39;f\">a&amp;b&lt;c&gt;d&quot;e&#39;f</text>\n")
    }

    @Test func charactersXMLForbidsBecomeReplacementCharacters() {
        #expect(SVGWriter.escape("a\u{0}b\u{1B}c\u{FFFF}d") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d")
        #expect(SVGWriter.escape("\u{FFFE}x\u{FFFE}") == "\u{FFFD}x\u{FFFD}")
        // Neighbours of the forbidden sequences, DEL and the empty string pass unchanged.
        #expect(SVGWriter.escape("\u{FFFD}\u{FFFC}\u{EFFF}\u{7F}é") == "\u{FFFD}\u{FFFC}\u{EFFF}\u{7F}é")
        #expect(SVGWriter.escape("").isEmpty)
    }

    @Test func whitespaceThatParsersWouldNormaliseIsWrittenAsReferences() {
        #expect(SVGWriter.escape("a\tb\nc\r\nd") == "a&#9;b&#10;c&#13;&#10;d")
    }

    @Test func idPrefixCannotSplitTheAriaReference() {
        #expect(SVGWriter.identifier("re referrals\"<x>") == "re-referrals--x-")
        #expect(SVGWriter.identifier("2017") == "chart-2017")
        #expect(SVGWriter.identifier("") == "chart-")
    }

    @Test func hostileTextNeverBecomesMarkupAndRoundTrips() throws {
        for seed in UInt64(1)...200 {
            var generator = SplitMix64(seed: seed)
            let title = hostileText(using: &generator)
            let description = hostileText(using: &generator)
            let labels = (0..<4).map { _ in hostileText(using: &generator) }
            let chart = LineChart(
                title: title, textDescription: description, seriesLabel: labels[0],
                unitSuffix: hostileText(using: &generator),
                points: repeatPlansChart.points,
                target: .value(15, label: labels[1]),
                statisticalNeighbours: .init(value: 17.9, label: labels[2]),
                england: .init(value: 18.7, label: labels[3]))
            let markup = chart.render(idPrefix: hostileText(using: &generator))

            let parsed = try #require(ParsedSVG.parse(markup), "seed \(seed) does not parse:\n\(markup)")
            #expect(Set(parsed.elements.map(\.name)).isSubset(of: elementsChartsDraw), "seed \(seed)")
            #expect(parsed.texts("title") == [asWritten(title)], "seed \(seed)")
            #expect(parsed.texts("desc") == [asWritten(description)], "seed \(seed)")
            let legendTexts = Set(parsed.texts("text"))
            #expect(labels.map(asWritten).allSatisfy(legendTexts.contains), "seed \(seed)")
            let svg = try #require(parsed.all("svg").first)
            let ids = Set(parsed.elements.compactMap { $0.attributes["id"] })
            let references = svg.attributes["aria-labelledby"]?.split(separator: " ").map(String.init) ?? []
            #expect(references.count == 2 && references.allSatisfy(ids.contains), "seed \(seed)")

            let sparkline = Sparkline(label: title, points: reReferralsSparkline.points).render()
            let parsedSparkline = try #require(ParsedSVG.parse(sparkline), "seed \(seed) sparkline does not parse")
            #expect(parsedSparkline.all("svg").first?.attributes["aria-label"] == asWritten(title), "seed \(seed)")
            #expect(parsedSparkline.texts("title") == [asWritten(title)], "seed \(seed)")
        }
    }

    @Test func chartsUseNoScriptLinksOrExternalResources() throws {
        let parsed = try #require(ParsedSVG.parse(repeatPlansChart.render(idPrefix: "c")))
        #expect(Set(parsed.elements.map(\.name)).isSubset(of: elementsChartsDraw))
        let attributeNames = Set(parsed.elements.flatMap(\.attributes.keys))
        #expect(!attributeNames.contains { $0.hasPrefix("on") || $0.hasSuffix("href") || $0 == "style" })
    }
}

// MARK: - Geometry

@Suite struct ChartScaleTests {
    @Test func reReferralsGetWholeTwoPointSteps() {
        let scale = LinearScale(niceCovering: [18.5, 25.8], rangeStart: 240, rangeEnd: 0)
        #expect(scale.ticks == [18, 20, 22, 24, 26])
        #expect(scale.tickDecimals == 0)
    }

    @Test func zeroIsIncludedWhenItAtMostDoublesTheSpan() {
        #expect(LinearScale(niceCovering: [40, 90], rangeStart: 240, rangeEnd: 0).ticks == [0, 20, 40, 60, 80, 100])
        #expect(
            LinearScale(niceCovering: [18.5, 25.8], zeroBaseline: .always, rangeStart: 240, rangeEnd: 0).ticks.first
                == 0)
        #expect(
            LinearScale(niceCovering: [40, 90], zeroBaseline: .never, rangeStart: 240, rangeEnd: 0).ticks.first == 40)
    }

    @Test func smallStepsPrintTheirDecimalsExactly() {
        let scale = LinearScale(niceCovering: [0.12, 0.47], zeroBaseline: .never, rangeStart: 240, rangeEnd: 0)
        #expect(scale.ticks == [0.1, 0.2, 0.3, 0.4, 0.5])
        #expect(scale.tickDecimals == 1)
    }

    @Test func aFlatSeriesGetsRoomAroundIt() {
        let scale = LinearScale(niceCovering: [15, 15], zeroBaseline: .never, rangeStart: 240, rangeEnd: 0)
        #expect(scale.domain.lowerBound < 15 && scale.domain.upperBound > 15)
        #expect(scale.position(of: 15) > 0 && scale.position(of: 15) < 240)
    }

    @Test func domainEndsMapToRangeEndsWithYGrowingDown() {
        let scale = LinearScale(niceCovering: [0, 100], rangeStart: 252, rangeEnd: 12)
        #expect(scale.position(of: 0) == 252)
        #expect(scale.position(of: 100) == 12)
        #expect(scale.position(of: 50) == 132)
    }

    @Test func randomRangesGetFewNiceEvenlySpacedTicksCoveringTheData() {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<500 {
            let a =
                Double.random(in: -1000...1000, using: &generator)
                / Double([1, 10, 100, 1000].randomElement(using: &generator)!)
            let b = a + Double.random(in: 0.001...500, using: &generator)
            let scale = LinearScale(niceCovering: [a, b], zeroBaseline: .never, rangeStart: 0, rangeEnd: 1)
            #expect(scale.ticks.count <= 6 && scale.ticks.count >= 2, "\(a)...\(b): \(scale.ticks)")
            #expect(scale.ticks.first! <= a && scale.ticks.last! >= b, "\(a)...\(b): \(scale.ticks)")
            let step = scale.ticks[1] - scale.ticks[0]
            var mantissa = step
            while mantissa >= 10 { mantissa /= 10 }
            while mantissa < 1 { mantissa *= 10 }
            #expect([1.0, 2, 5].contains { abs(mantissa - $0) < 1e-6 }, "\(a)...\(b): step \(step)")
        }
    }

    @Test func monthLabelsThinToFitAndAlwaysShowTheLatestMonth() {
        let september2017 = Month(year: 2017, month: 9)
        let thirteenMonths = MonthAxis.labelledMonths(
            from: Month(year: 2016, month: 9), through: september2017, maximumCount: 8)
        #expect(
            thirteenMonths.map(\.shortName) == [
                "Sep 2016", "Nov 2016", "Jan 2017", "Mar 2017", "May 2017", "Jul 2017", "Sep 2017",
            ])
        let threeYears = MonthAxis.labelledMonths(
            from: Month(year: 2014, month: 10), through: september2017, maximumCount: 8)
        #expect(threeYears.count <= 8)
        #expect(threeYears.last == september2017)
        #expect(threeYears.map(\.month).allSatisfy { $0 == 3 || $0 == 9 })
    }
}

// MARK: - What a reader would notice

/// The `x y` pairs of a path's `d` attribute, one list per `M` subpath.
private func subpaths(_ pathData: String) -> [[(x: String, y: String)]] {
    pathData.split(separator: "M").map { subpath in
        let numbers = subpath.split { $0 == " " || $0 == "L" }.map(String.init)
        return stride(from: 0, to: numbers.count - 1, by: 2).map { (numbers[$0], numbers[$0 + 1]) }
    }
}

@Suite struct LineChartTests {
    func chart(_ points: [LineChart.Point]) -> LineChart {
        LineChart(
            title: "Re-referrals", textDescription: "", seriesLabel: "Re-referrals", unitSuffix: "%",
            points: points, zeroBaseline: .always)
    }

    func months(_ values: [Double?]) -> [LineChart.Point] {
        values.enumerated().map {
            LineChart.Point(month: Month(year: 2017, month: 1).adding(months: $0.offset), value: $0.element)
        }
    }

    /// Asserts the gap splits the line in two and nothing is drawn on the zero baseline.
    func expectGapBreaksTheLine(_ chart: LineChart, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let parsed = try #require(ParsedSVG.parse(chart.render(idPrefix: "gap")), sourceLocation: sourceLocation)
        let pathData = try #require(parsed.all("path").first?.attributes["d"], sourceLocation: sourceLocation)
        #expect(pathData.filter { $0 == "M" }.count == 2, "\(pathData)", sourceLocation: sourceLocation)
        let zeroY = SVGWriter.number(LineChart.plotTop + LineChart.plotHeight)
        #expect(parsed.all("text").contains { $0.text == "0%" }, sourceLocation: sourceLocation)
        #expect(!subpaths(pathData).joined().contains { $0.y == zeroY }, "\(pathData)", sourceLocation: sourceLocation)
        #expect(!parsed.all("circle").contains { $0.attributes["cy"] == zeroY }, sourceLocation: sourceLocation)
    }

    @Test func aMonthWithoutAValueBreaksTheLineInsteadOfDroppingToZero() throws {
        try expectGapBreaksTheLine(chart(months([22.1, 21.4, nil, 20.8, 19.9])))
    }

    @Test func aMonthMissingFromTheListBreaksTheLineToo() throws {
        try expectGapBreaksTheLine(chart(months([22.1, 21.4, nil, 20.8, 19.9]).filter { $0.value != nil }))
    }

    @Test func everyPointOnTheLineHasADotAndAMonthAloneHasItsOwn() throws {
        func drawn(_ values: [Double?]) throws -> ParsedSVG {
            try #require(ParsedSVG.parse(chart(months(values)).render(idPrefix: "dots")))
        }
        let joined = try drawn([22.1, 21.4, nil, 20.8, 19.9])
        let path = try #require(joined.all("path").first)
        #expect(joined.all("marker").map { $0.attributes["id"] } == ["dots-dot"])
        #expect(["marker-start", "marker-mid", "marker-end"].allSatisfy { path.attributes[$0] == "url(#dots-dot)" })
        // Besides the marker's own circle: the legend's swatch, and a circle for a month no line reaches.
        func standaloneDots(_ parsed: ParsedSVG) -> Int {
            parsed.all("circle").filter { $0.attributes["r"] == "3" && $0.attributes["cx"] != "3" }.count
        }
        #expect(standaloneDots(joined) == 1)
        #expect(standaloneDots(try drawn([22.1, 21.4, nil, 20.8, nil])) == 2)
    }

    @Test func eachSpecialCauseHasItsOwnShapeColourAndWords() throws {
        var points = months([20, 21, 22, 23])
        points[1].specialCause = .improvement
        points[2].specialCause = .concern
        points[3].specialCause = .neutral
        let parsed = try #require(ParsedSVG.parse(chart(points).render(idPrefix: "spc")))
        let improvement = parsed.all("circle").filter { $0.attributes["fill"] == ChartPalette.improvement }
        let concern = parsed.all("polygon").filter { $0.attributes["fill"] == ChartPalette.concern }
        let neutral = parsed.all("rect").filter { $0.attributes["fill"] == ChartPalette.neutral }
        // One on the series and one in the legend.
        #expect(improvement.count == 2 && concern.count == 2 && neutral.count == 2)
        #expect(Set([ChartPalette.improvement, ChartPalette.concern, ChartPalette.neutral]).count == 3)
        let texts = parsed.texts("text")
        #expect(SpecialCauseMarker.allCases.allSatisfy { texts.contains($0.legendText) })
    }

    @Test func comparatorsAndLimitsAreTellApartByDashAsWellAsColour() throws {
        let parsed = try #require(ParsedSVG.parse(repeatPlansChart.render(idPrefix: "c")))
        let plotLines = parsed.all("line").filter { $0.attributes["x2"] != $0.attributes["x1"] }
        func dash(of colour: String) -> Set<String> {
            Set(
                plotLines.filter { $0.attributes["stroke"] == colour }.map {
                    $0.attributes["stroke-dasharray"] ?? "solid"
                })
        }
        let neighbours = dash(of: ChartPalette.statisticalNeighbours)
        let england = dash(of: ChartPalette.england)
        #expect(neighbours.count == 1 && england.count == 1)
        #expect(neighbours != england && !neighbours.contains("solid") && !england.contains("solid"))
        #expect(dash(of: ChartPalette.secondary).contains(ChartPalette.processLimitDash))
        let texts = parsed.texts("text")
        #expect(texts.contains("Statistical neighbours 17.9% (2016/17)"))
        #expect(texts.contains("England 18.7% (2016/17)"))
        #expect(texts.contains("Process limits 10.1% to 23.1%"))
    }

    @Test func processLimitsBeyondWhatIsPossibleAreDrawnAtTheBound() throws {
        var clamped = chart(months([2, 4, 1, 3]))
        clamped.processLimits = .init(mean: 2.5, lower: -1.5, upper: 6.5, isTrial: true)
        clamped.possibleValues = 0...100
        let texts = try #require(ParsedSVG.parse(clamped.render(idPrefix: "c"))).texts("text")
        #expect(!texts.contains { $0.hasPrefix("-") })
        #expect(texts.contains("Process limits 0.0% to 6.5% (trial limits: fewer than 12 points)"))
    }

    @Test func theSVGIsLabelledByItsTitleAndDescriptionAndScalesToItsContainer() throws {
        let parsed = try #require(ParsedSVG.parse(repeatPlansChart.render(idPrefix: "repeat plans")))
        let svg = try #require(parsed.all("svg").first)
        #expect(svg.attributes["role"] == "img")
        #expect(svg.attributes["aria-labelledby"] == "repeat-plans-title repeat-plans-desc")
        #expect(parsed.all("title").first?.attributes["id"] == "repeat-plans-title")
        #expect(parsed.all("desc").first?.attributes["id"] == "repeat-plans-desc")
        #expect(svg.attributes["width"] == "100%" && svg.attributes["height"] == nil)
        #expect(svg.attributes["viewBox"]?.hasPrefix("0 0 720 ") == true)
    }
}

@Suite struct SparklineChartTests {
    @Test func aGapBreaksTheLineAndTheLatestValueIsMarked() throws {
        let parsed = try #require(ParsedSVG.parse(reReferralsSparkline.render()))
        let pathData = try #require(parsed.all("path").first?.attributes["d"])
        #expect(pathData.filter { $0 == "M" }.count == 2)
        let latest = try #require(parsed.all("circle").first { $0.attributes["class"] == "kpi-sparkline-latest" })
        let lastPoint = try #require(subpaths(pathData).last?.last)
        #expect(latest.attributes["cx"] == lastPoint.x && latest.attributes["cy"] == lastPoint.y)
    }

    @Test func onlyTheLastMonthsAreShown() throws {
        let twoYears = (0..<24).map {
            Sparkline.Point(month: Month(year: 2015, month: 10).adding(months: $0), value: Double($0))
        }
        let parsed = try #require(ParsedSVG.parse(Sparkline(label: "x", points: twoYears, monthCount: 12).render()))
        let pathData = try #require(parsed.all("path").first?.attributes["d"])
        #expect(subpaths(pathData).joined().count == 12)
    }

    @Test func aMonthAloneBetweenGapsStillShows() throws {
        let points = [nil, 5, nil, 6, 7].enumerated().map {
            Sparkline.Point(month: Month(year: 2017, month: 1).adding(months: $0.offset), value: $0.element)
        }
        let parsed = try #require(ParsedSVG.parse(Sparkline(label: "x", points: points).render()))
        #expect(parsed.all("path").first?.attributes["d"]?.filter { $0 == "M" }.count == 1)
        #expect(parsed.all("circle").count == 2)
    }
}

@Suite struct ChartPaletteTests {
    /// WCAG 2.2 relative luminance and contrast ratio.
    func contrastAgainstWhite(_ hex: String) -> Double {
        let value = Int(hex.dropFirst(), radix: 16)!
        let channels = [value >> 16, (value >> 8) & 0xFF, value & 0xFF].map { channel -> Double in
            let c = Double(channel) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        let luminance = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
        return 1.05 / (luminance + 0.05)
    }

    @Test(arguments: [
        ChartPalette.series, ChartPalette.secondary, ChartPalette.target, ChartPalette.statisticalNeighbours,
        ChartPalette.england, ChartPalette.improvement, ChartPalette.concern, ChartPalette.neutral,
    ])
    func meaningfulColoursHaveThreeToOneContrastOnWhite(colour: String) {
        #expect(contrastAgainstWhite(colour) >= 3, "\(colour)")
    }

    @Test func theMakingDataCountOrangeWouldFail() {
        #expect(contrastAgainstWhite("#fab428") < 3)
    }
}
