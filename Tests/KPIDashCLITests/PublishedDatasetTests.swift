import Foundation
import Testing

/// A dataset whose figures and comparators are nothing but DfE's file in published/ (the children in
/// need re-referrals file the sample carries), for Somerset: one series across its change of code.
@Suite struct PublishedDatasetTests {
    static let c1 = "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"

    func build() throws -> (site: String, status: Int32, err: String) {
        let root = temporaryDirectory()
        try FileManager.default.createDirectory(atPath: root + "/data/published", withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: sampleData + "/published/" + Self.c1, toPath: root + "/data/published/" + Self.c1)
        let files = [
            "dashboard.json": #"{"title": "Somerset", "authority": "E06000066"}"#,
            "indicators.csv":
                "id,name,area,unit,polarity,frequency\nre_referral_rate,Re-referrals within 12 months,First Response,percent,lower,year\n",
            "authorities.csv": "code,name,region\nE06000066,Somerset,South West\n",
            "published.csv":
                "indicator,file,column,numerator,denominator,as_at\nre_referral_rate,\(Self.c1),rereferral_percent,rereferral_count,referral_count,March\n",
        ]
        for (name, text) in files { try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/data/" + name)) }
        let result = kpidash("build", root + "/data", "--out", root + "/site", "--templates", templates)
        return (root + "/site", result.status, result.err)
    }

    @Test func aYearlyIndicatorReadsNaturally() throws {
        let (site, status, err) = try build()
        defer { try? FileManager.default.removeItem(atPath: (site as NSString).deletingLastPathComponent) }
        #expect(status == 0, "\(err)")
        // Yearly figures come a year apart: the monthly-extract staleness warning is not for them.
        #expect(!err.contains("the newest figures are for"))
        let page = try String(contentsOfFile: site + "/indicators/re_referral_rate.html", encoding: .utf8)
        #expect(page.contains("<h2>Yearly figures</h2>"))
        #expect(page.contains("Re-referrals within 12 months by year</caption>"))
        // Somerset's first year under E10000027 and its latest under E06000066, one series.
        #expect(
            page.contains(
                "<tr><th scope=\"row\">2012/13</th><td class=\"num\">25.3%</td><td class=\"num\">1,562</td><td class=\"num\">6,170</td>"
            ))
        #expect(page.contains("<tr><th scope=\"row\">2024/25</th><td class=\"num\">22.1%</td>"))
        #expect(
            page.contains(
                "<tr><th scope=\"row\">Last year</th><td>2023/24</td><td class=\"num\">23.0%</td><td>Improved</td></tr>"
            ))
        #expect(!page.contains("Last month"))
        #expect(page.contains("Rank: 102 of 153 authorities with a figure for 2024/25 (quartile C"))
        #expect(page.contains("class=\"kpi-chart-england\" d=\"M"))  // England as a step line over the years
        let quality = try String(contentsOfFile: site + "/quality.html", encoding: .utf8)
        #expect(quality.contains("<h2>Missing periods</h2>"))
        #expect(quality.contains("None: every indicator has a figure for every period in its range."))
        let summary = try String(contentsOfFile: site + "/data/summary.json", encoding: .utf8)
        #expect(
            summary.contains("\"polarity\": \"lower\",\n          \"period\": \"2024/25\",\n          \"value\": 22.1,")
        )
        let overview = try String(contentsOfFile: site + "/index.html", encoding: .utf8)
        #expect(overview.contains("<span class=\"label\">Targets</span><span class=\"value\">None set</span>"))
        #expect(overview.contains("Built by kpidash from the council's yearly figures."))
    }
}
