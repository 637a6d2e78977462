import Foundation
import KPIAnalysis
import KPIModel
import KPITestSupport
import Testing

@testable import KPIRender

private let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Templates").path

/// A small dataset that uses every part of a page: targets and bands, comparators, breakdowns,
/// commentary, a revision, a suppressed month and a gap.
func pageDataset(
    indicatorName: String = "Re-referrals within 12 months",
    commentary: String = "Fell again.\n\nAudit planned.\n\n- First action\n- Second action"
) -> Dataset {
    let source = RowReference(file: "extracts/x.csv", line: 2)
    let referrals = Indicator(
        id: "re_referral_rate", name: indicatorName, area: "First Response", unit: .percent, polarity: .lower,
        definition: "Referrals within 12 months of a previous one", source: "Mosaic", lead: "Head of Service")
    let caseload = Indicator(
        id: "caseload", name: "Average caseload", area: "Workforce", unit: .number, polarity: .band)
    var observations: [Observation] = []
    for i in 0..<18 {
        let month = Month(year: 2016, month: 4).adding(months: i)
        if i == 7 { continue }
        let status: ValueStatus = i == 9 ? .suppressed : .ok
        observations.append(
            Observation(
                authority: "E10000018", indicator: referrals.id, month: month,
                value: status == .ok ? 20 + Double(i % 5) - Double(i) * 0.2 : nil,
                numerator: status == .ok ? Double(80 + i) : nil, denominator: status == .ok ? 400 : nil,
                status: status, source: source))
        observations.append(
            Observation(
                authority: "E10000018", indicator: caseload.id, month: month, breakdown: "Social Worker",
                value: 19 + Double(i % 3), status: .ok, source: source))
        observations.append(
            Observation(
                authority: "E10000018", indicator: caseload.id, month: month,
                value: 18 + Double(i % 4), status: .ok, source: source))
    }
    let earlier = observations[0]
    var later = earlier
    later.value = 21.3
    return Dataset(
        settings: Settings(title: "Children's services", authority: "E10000018"),
        indicators: [referrals, caseload],
        targets: [
            Target(indicator: referrals.id, due: Month(year: 2018, month: 3), value: 15, label: "Target March 2018"),
            Target(indicator: caseload.id, due: Month(year: 2018, month: 3), low: 18, high: 20),
        ],
        observations: observations,
        benchmarks: [
            Benchmark(
                indicator: referrals.id, period: .financialYear(startYear: 2016), comparator: .england, value: 21.9,
                status: .ok, source: source),
            Benchmark(
                indicator: referrals.id, period: .financialYear(startYear: 2016), comparator: .statisticalNeighbours,
                value: 21.9, status: .ok, source: source),
        ],
        authorities: [Authority(code: "E10000018", name: "Leicestershire")],
        commentary: [
            Commentary(
                indicator: referrals.id, period: .month(Month(year: 2017, month: 9)), text: commentary,
                author: "Performance team", recordedRAG: .green)
        ],
        revisions: [Revision(earlier: earlier, later: later)],
        warnings: [
            Diagnostic(
                file: "SampleData/extracts/2017-09.csv", line: 3, column: 5, severity: .warning,
                message: "a percent sign on a count indicator")
        ])
}

@Suite struct SiteRendererTests {
    func render(_ dataset: Dataset) throws -> [String: String] {
        let renderer = try SiteRenderer(templatesDirectory: templates, mode: .strict)
        let files = Collected()
        let totals = try renderer.render(
            Analysis.analyse(dataset), settings: dataset.settings, previous: nil,
            emit: { path, bytes in files.add(path, bytes) })
        #expect(totals.files == files.all.count)
        return files.all.mapValues { String(decoding: $0, as: UTF8.self) }
    }

    /// Strict rendering fails on any name a template uses that the page model does not give.
    @Test func everyPageRendersStrictlyWithTheLayoutTheContractNames() throws {
        let files = try render(pageDataset())
        #expect(
            files.keys.sorted() == [
                "areas/first-response.html", "areas/workforce.html", "assets/style.css",
                "data/caseload.csv", "data/re_referral_rate.csv", "data/summary.json",
                "index.html", "indicators/caseload.html", "indicators/re_referral_rate.html", "quality.html",
            ])
        for (path, html) in files where path.hasSuffix(".html") {
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en-GB\">"), "\(path)")
            // `url(#…)` names something on the same page (the chart's dot marker); any other `url(` could fetch.
            let page = html.replacingOccurrences(of: "url(#", with: "")
            for external in ["src=\"http", "href=\"http", "href=\"//", "src=\"//", "url(", "<script", "@import"] {
                #expect(!page.contains(external), "\(path) has an external resource or script: \(external)")
            }
        }
    }

    @Test func dataFromCSVIsEscapedEverywhere() throws {
        let hostile = "<script>alert(1)</script>\"><svg onload=alert(2)>"
        let files = try render(pageDataset(indicatorName: hostile, commentary: "-->]]><img src=x onerror=alert(3)>"))
        for (path, text) in files where path.hasSuffix(".html") {
            #expect(!text.contains("<script"), "\(path)")
            #expect(!text.contains("<svg onload"), "\(path)")
            #expect(!text.contains("<img"), "\(path)")
        }
        #expect(files["indicators/re_referral_rate.html"]!.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func theIndicatorPageShowsCommentaryRevisionsAndGaps() throws {
        let files = try render(pageDataset())
        let page = try #require(files["indicators/re_referral_rate.html"])
        #expect(page.contains("<p>Fell again.</p>"))
        #expect(page.contains("<p>Audit planned.</p>"))
        #expect(page.contains("<ul><li>First action</li><li>Second action</li></ul>"))
        #expect(page.contains("board rating Green"))
        #expect(page.contains("Gaps in the line are months with no published figure, not zero."))
        #expect(page.contains("<td class=\"num\">Suppressed</td>"))
        let quality = try #require(files["quality.html"])
        #expect(quality.contains("Nov 2016"))  // the skipped month
        #expect(quality.contains("a percent sign on a count indicator"))
        #expect(quality.contains("21.3%"))  // the revised figure
    }

    /// The rendered overview and one indicator page, pinned byte for byte and reviewed in the diff.
    @Test func overviewAndIndicatorPagesMatchTheirGoldenFiles() throws {
        let files = try render(pageDataset())
        try expectMatchesGolden(try #require(files["index.html"]), named: "pages/overview.html")
        try expectMatchesGolden(
            try #require(files["indicators/re_referral_rate.html"]), named: "pages/re_referral_rate.html")
    }

    @Test func downloadsNeutraliseFormulas() {
        #expect(SeriesCSV.cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(SeriesCSV.cell("+1 call") == "'+1 call")
        #expect(SeriesCSV.cell("@SUM(A1)") == "'@SUM(A1)")
        #expect(SeriesCSV.cell("\tx") == "'\tx")
        #expect(SeriesCSV.cell("-12.5") == "-12.5")
        #expect(SeriesCSV.cell("-x") == "'-x")
        #expect(SeriesCSV.cell("a,b") == "\"a,b\"")
        #expect(SeriesCSV.cell("").isEmpty)
    }

    @Test func severalAuthoritiesEachGetATreeAndAnIndex() throws {
        var dataset = pageDataset()
        dataset.observations += dataset.observations.map { observation in
            var copy = observation
            copy.authority = "E10000031"
            return copy
        }
        dataset.authorities.append(Authority(code: "E10000031", name: "Warwickshire"))
        let files = try render(dataset)
        #expect(files["index.html"]!.contains("href=\"E10000031/index.html\""))
        #expect(files["E10000018/indicators/re_referral_rate.html"]!.contains("href=\"../../assets/style.css\""))
        #expect(files["E10000031/index.html"] != nil)
        #expect(files["data/summary.json"] != nil)
    }
}

/// What a render emitted, by path; a path emitted twice is a failure.
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: [UInt8]] = [:]

    func add(_ path: String, _ bytes: [UInt8]) {
        lock.withLock {
            #expect(files[path] == nil, "\(path) emitted twice")
            files[path] = bytes
        }
    }

    var all: [String: [UInt8]] { lock.withLock { files } }
}
