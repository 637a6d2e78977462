import Foundation
import KPIAnalysis
import KPIModel
import KPIRender
import Testing

/// A small dashboard worked out by hand: re-referrals at 73/395 = 18.48% → 18.5%, against 19.1% in
/// August, 25.8% a year earlier, a March 2018 target of 15, England 21.9% for 2016/17.
private func sampleAnalysis(name: String = "Re-referrals") -> DashboardAnalysis {
    let home = "E10000018"
    let month = { (year: Int, month: Int) in Month(year: year, month: month) }
    let row = { (m: Month, value: Double?, numerator: Double?, denominator: Double?) in
        Observation(
            authority: home, indicator: "re_referral_rate", month: m, value: value, numerator: numerator,
            denominator: denominator, status: .ok, source: RowReference(file: "extracts/\(m).csv", line: 2))
    }
    let dataset = Dataset(
        settings: Settings(authority: home),
        indicators: [
            Indicator(id: "re_referral_rate", name: name, area: "First Response", unit: .percent, polarity: .lower),
            Indicator(id: "referrals", name: "Referrals", area: "First Response", unit: .count, polarity: .neutral),
        ],
        targets: [Target(indicator: "re_referral_rate", due: month(2018, 3), value: 15, label: "Target March 2018")],
        observations: [
            row(month(2016, 9), 25.8, nil, nil),
            row(month(2017, 8), 19.1, nil, nil),
            row(month(2017, 9), 73.0 / 395 * 100, 73, 395),
            Observation(
                authority: home, indicator: "referrals", month: month(2017, 9), value: 1234, status: .ok,
                source: RowReference(file: "extracts/2017-09.csv", line: 3)),
        ],
        benchmarks: [
            Benchmark(
                indicator: "re_referral_rate", period: .financialYear(startYear: 2016), comparator: .england,
                value: 21.9, status: .ok, source: RowReference(file: "benchmarks.csv", line: 2))
        ],
        authorities: [Authority(code: home, name: "Leicestershire")],
        commentary: [
            Commentary(
                indicator: "re_referral_rate", period: .month(month(2017, 9)), text: "Audit under way.",
                recordedRAG: .green)
        ])
    return Analysis.analyse(dataset)
}

private func parse(_ text: String) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

/// The keys of the first object opened on a line ending with `marker`, in the order written (read by indentation).
private func keys(in text: String, objectAfter marker: String) throws -> [String] {
    let lines = text.components(separatedBy: "\n")
    let start = try #require(lines.firstIndex { $0.hasSuffix(marker) })
    let indent = String(repeating: " ", count: lines[start].prefix { $0 == " " }.count + 2)
    var found: [String] = []
    for line in lines[(start + 1)...] {
        guard line.hasPrefix(indent) else { break }
        let rest = line.dropFirst(indent.count)
        if rest.hasPrefix("\""), let end = rest.dropFirst().firstIndex(of: "\"") {
            found.append(String(rest[rest.index(after: rest.startIndex)..<end]))
        }
    }
    return found
}

/// The file as text, for assertions on its layout.
private func summaryText(_ analysis: DashboardAnalysis) -> String {
    String(decoding: SummaryJSON.render(analysis), as: UTF8.self)
}

@Suite struct SummaryJSONTests {
    let contractIndicatorKeys = [
        "id", "area", "unit", "polarity", "period", "value", "numerator", "denominator", "status",
        "target", "previous", "sameMonthLastYear", "lastYearOutturn", "statisticalNeighbours",
        "england", "region", "rank", "spc", "rag",
    ]

    @Test func theContractsValues() throws {
        let json = try parse(summaryText(sampleAnalysis()))
        #expect(json["asOf"] as? String == "2017-09")
        let authority = try #require((json["authorities"] as? [[String: Any]])?.first)
        #expect(authority["code"] as? String == "E10000018")
        #expect(authority["name"] as? String == "Leicestershire")
        let indicators = try #require(authority["indicators"] as? [[String: Any]])
        let rate = indicators[0]
        #expect(rate["id"] as? String == "re_referral_rate")
        #expect(rate["area"] as? String == "First Response")
        #expect(rate["unit"] as? String == "percent")
        #expect(rate["polarity"] as? String == "lower")
        #expect(rate["period"] as? String == "2017-09")
        #expect(rate["value"] as? Double == 18.481013)  // 73 of 395, not rounded to the page's 18.5
        #expect(rate["decimals"] as? Int == 1)
        #expect(rate["numerator"] as? Int == 73)
        #expect(rate["denominator"] as? Int == 395)
        #expect(rate["status"] as? String == "ok")
        let target = try #require(rate["target"] as? [String: Any])
        #expect(target["value"] as? Int == 15)
        #expect(target["low"] is NSNull)
        #expect(target["due"] as? String == "2018-03")
        #expect(target["label"] as? String == "Target March 2018")
        #expect(target["judgement"] as? String == "missed")
        let previous = try #require(rate["previous"] as? [String: Any])
        #expect(previous["period"] as? String == "2017-08")
        #expect(previous["value"] as? Double == 19.1)
        #expect(previous["judgement"] as? String == "improved")
        #expect((rate["sameMonthLastYear"] as? [String: Any])?["judgement"] as? String == "improved")
        #expect(rate["lastYearOutturn"] is NSNull)
        #expect(rate["statisticalNeighbours"] is NSNull)
        let england = try #require(rate["england"] as? [String: Any])
        #expect(england["period"] as? String == "2016/17")
        #expect(england["value"] as? Double == 21.9)
        #expect(england["judgement"] as? String == "better")
        #expect(rate["region"] is NSNull)
        #expect(rate["rank"] is NSNull)
        #expect(rate["spc"] is NSNull)  // three points: below SPC's minimum
        #expect(rate["rag"] as? String == "red")
        #expect(rate["recordedRag"] as? String == "green")
        #expect(rate["name"] as? String == "Re-referrals")
        #expect((rate["sentence"] as? String)?.hasPrefix("Re-referrals: 18.5% in September 2017 (73 of 395)") == true)

        let referrals = indicators[1]
        #expect(referrals["value"] as? Int == 1234)
        #expect(referrals["target"] is NSNull)
        #expect(referrals["rag"] is NSNull)
        #expect(referrals["numerator"] is NSNull)
    }

    @Test func everyContractMemberIsPresentInOrderWithExtensionsAfter() throws {
        let text = summaryText(sampleAnalysis())
        let lines = text.components(separatedBy: "\n")
        let firstIndicator = try #require(lines.firstIndex { $0.hasSuffix("\"indicators\": [") }) + 1
        #expect(
            try keys(in: lines[firstIndicator...].joined(separator: "\n"), objectAfter: "{")
                == contractIndicatorKeys + ["decimals", "name", "recordedRag", "sentence", "breakdowns"])
        #expect(
            try keys(in: text, objectAfter: "\"target\": {") == [
                "value", "low", "high", "due", "label", "judgement", "tolerance", "breakdown",
            ])
        #expect(try keys(in: text, objectAfter: "\"previous\": {") == ["period", "value", "judgement"])
        #expect(try keys(in: text, objectAfter: "\"england\": {") == ["period", "value", "judgement"])
        #expect(try keys(in: text, objectAfter: "{") == ["asOf", "authorities"])
    }

    @Test func prettyPrintedStableAndEndingInANewline() {
        let text = summaryText(sampleAnalysis())
        #expect(text == summaryText(sampleAnalysis()))
        #expect(
            text.hasPrefix("{\n  \"asOf\": \"2017-09\",\n  \"authorities\": [\n    {\n      \"code\": \"E10000018\",\n")
        )
        #expect(text.hasSuffix("\n  ]\n}\n"))
        #expect(text.contains("\"value\": 18.481013,\n"))
        #expect(text.contains("\"numerator\": 73,\n"))
        #expect(text.contains("\"value\": 15,\n"))
        #expect(text.contains("\"region\": null,\n"))
    }

    @Test func figuresAtFullPrecisionWithTheDisplayPrecisionBeside() throws {
        let home = "E10000018"
        // Six months of percentages from counts, the last 87 of 470 = 18.5106383…%.
        let counts: [(Double, Double)] = [(40, 400), (48, 400), (40, 400), (48, 400), (40, 400), (87, 470)]
        let observations = counts.enumerated().map { offset, count in
            Observation(
                authority: home, indicator: "re_referral_rate", month: Month(year: 2017, month: 4 + offset),
                value: count.0 / count.1 * 100, numerator: count.0, denominator: count.1, status: .ok,
                source: RowReference(file: "extracts.csv", line: offset + 2))
        }
        let dataset = Dataset(
            settings: Settings(authority: home),
            indicators: [
                Indicator(
                    id: "re_referral_rate", name: "Re-referrals", area: "First Response", unit: .percent,
                    polarity: .lower, decimals: 2)
            ],
            observations: observations,
            authorities: [Authority(code: home, name: "Leicestershire")])
        let text = summaryText(Analysis.analyse(dataset))
        #expect(text.contains("\"value\": 18.510638,\n"))
        #expect(text.contains("\"decimals\": 2,\n"))
        // Mean 72.5106383/6 = 12.0851064; moving ranges 2, 2, 2, 2, 8.5106383 → 16.5106383/5 = 3.3021277;
        // limits 12.0851064 ∓ 8.7836596. The pages show 12.09, 3.30 and 20.87.
        #expect(text.contains("\"mean\": 12.085106,\n"))
        #expect(text.contains("\"lower\": 3.301447,\n"))
        #expect(text.contains("\"upper\": 20.868766,\n"))
        // Judgements still compare at display precision: 18.51 against 10.00 a month earlier.
        #expect(text.contains("\"judgement\": \"declined\""))
    }

    @Test func anEmptyDashboard() {
        #expect(
            summaryText(DashboardAnalysis(asOf: nil, authorities: [], warnings: []))
                == "{\n  \"asOf\": null,\n  \"authorities\": []\n}\n")
    }

    @Test func charactersBesideTheEscapedOnesPassUnchanged() throws {
        // U+2019 and U+2027 share their first UTF-8 bytes with U+2028 and U+2029; DEL needs no escape.
        let text = summaryText(sampleAnalysis(name: "’\u{2027}\u{7F}"))
        #expect(text.contains("\"name\": \"’\u{2027}\u{7F}\""))
        #expect(summaryText(sampleAnalysis(name: "")).contains("\"name\": \"\","))
    }

    @Test func stringsAreEscaped() throws {
        let awkward =
            "Quote \" backslash \\ slash / tab \t newline \n bell \u{07} unit \u{1F} line \u{2028} para \u{2029} é"
        let text = summaryText(sampleAnalysis(name: awkward))
        #expect(
            text.contains(
                #""name": "Quote \" backslash \\ slash / tab \t newline \n bell \u0007 unit \u001f line \u2028 para \u2029 é""#
            ))
        let json = try parse(text)
        let indicators = (json["authorities"] as? [[String: Any]])?.first?["indicators"] as? [[String: Any]]
        #expect(indicators?.first?["name"] as? String == awkward)
    }
}
