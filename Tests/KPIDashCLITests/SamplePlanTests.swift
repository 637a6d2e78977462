import Foundation
import Testing

@testable import KPIAnalysis
@testable import KPIPipeline

/// Builds SampleData, which holds Leicestershire's Road to Excellence as the scrutiny pack of
/// 13 November 2017 rates it (004_020f1291dc1a5149.txt lines 745-792), with the real command.
@Suite struct SamplePlanTests {
    static func build(_ extra: [String] = []) throws -> (site: String, plan: [String: Any]) {
        let (site, authority) = try buildSummary(sampleData, extra)
        return (site, try #require(authority["plan"] as? [String: Any]))
    }

    static func items(_ plan: [String: Any]) -> [String: [String: Any]] {
        Dictionary(uniqueKeysWithValues: (plan["items"] as! [[String: Any]]).map { ($0["ref"] as! String, $0) })
    }

    @Test func theOverviewShowsFiveGreenTwelveAmberAndNoRed() throws {
        let (site, plan) = try Self.build()
        #expect(plan["period"] as? String == "2017-09")
        #expect(plan["counts"] as? [String: Int] == ["green": 5, "amber": 12, "red": 0, "blue": 0, "not_rated": 0])
        let overview = try String(contentsOfFile: site + "/plan/index.html", encoding: .utf8)
        #expect(overview.contains("<li><span class=\"label\">Green</span><span class=\"value\">5</span></li>"))
        #expect(
            overview.contains("<li><span class=\"label\">Amber (and yellow)</span><span class=\"value\">12</span></li>")
        )
        #expect(overview.contains("<li><span class=\"label\">Red</span><span class=\"value\">0</span></li>"))
        #expect(overview.contains("<dd>shows good progress and moving towards completion</dd>"))
        let pages = try FileManager.default.contentsOfDirectory(atPath: site + "/plan").filter { $0.hasSuffix(".html") }
        #expect(pages.count == 18)
    }

    @Test func recommendationFourIsGreenAndFlaggedBecauseReReferralsMissedTheirTarget() throws {
        let (site, plan) = try Self.build()
        let four = try #require(Self.items(plan)["4"])
        #expect(four["rating"] as? String == "green")
        #expect(four["flag"] as? String == "rated_green_figures_off_track")
        let referrals = (four["indicators"] as? [[String: Any]])?.first { $0["id"] as? String == "re_referral_rate" }
        #expect(referrals?["target"] as? String == "missed")
        #expect(four["lead"] as? String == "Head of Service Field Social Work – Anita Gurry")
        let page = try String(contentsOfFile: site + "/plan/4.html", encoding: .utf8)
        #expect(page.contains("<span class=\"tag tag--green\">Green</span>"))
        #expect(page.contains("<strong>Rated green, but a linked figure is off track.</strong>"))
        #expect(page.contains("<a href=\"../indicators/re_referral_rate.html\">Re-referrals within 12 months</a>"))
    }

    /// The pack records only September 2017, so a build as of August shows no rating yet.
    /// Lead officers' names are published in board papers: small-number suppression leaves the plan alone.
    @Test func publicModeChangesNothingInThePlan() throws {
        let (_, plan) = try Self.build()
        let (_, published) = try Self.build(["--public"])
        #expect(NSDictionary(dictionary: plan).isEqual(to: published))
    }

    @Test func aBuildOfAnEarlierMonthShowsThePlanAsItStoodThen() throws {
        let (_, plan) = try Self.build(["--as-of", "2017-08"])
        #expect(plan["period"] as? String == "2017-08")
        #expect(plan["counts"] as? [String: Int] == ["green": 0, "amber": 0, "red": 0, "blue": 0, "not_rated": 17])
        #expect(plan["stale"] as? Int == 17)
    }

    @Test func aMalformedPlanIsRefusedWithItsLocationAndTheSiteIsUnchanged() throws {
        let dataset = temporaryDirectory() + "/dataset"
        try FileManager.default.copyItem(atPath: sampleData, toPath: dataset)
        let site = temporaryDirectory() + "/site"
        #expect(kpidash("build", dataset, "--out", site, "--templates", templates).status == 0)
        let before = snapshot(site)
        let updates = dataset + "/plan/updates.csv"
        var text = try String(contentsOfFile: updates, encoding: .utf8)
        let first = try #require(text.range(of: "\n4,2017-09,")).lowerBound
        let firstLine = text[..<first].filter { $0 == "\n" }.count + 2
        text += "4,2017-09,Purple,,\n"
        try text.write(toFile: updates, atomically: true, encoding: .utf8)
        let result = kpidash("build", dataset, "--out", site, "--templates", templates)
        #expect(result.status == 1)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        #expect(result.err.contains("plan/updates.csv:\(lines):11: error: unknown rating \"Purple\""))
        #expect(
            result.err.contains(
                "plan/updates.csv:\(lines):3: error: a second update for \"4\" in 2017-09: lines \(firstLine) and \(lines)"
            ))
        #expect(result.err.contains("hint: use green, amber, red, yellow or blue"))
        #expect(snapshot(site) == before)
    }

    @Test func theQualityPageSaysWhichRatingsChangedSinceTheLastBuild() throws {
        let dataset = temporaryDirectory() + "/dataset"
        try FileManager.default.copyItem(atPath: sampleData, toPath: dataset)
        let site = temporaryDirectory() + "/site"
        #expect(kpidash("build", dataset, "--out", site, "--templates", templates).status == 0)
        let first = try String(contentsOfFile: site + "/quality.html", encoding: .utf8)
        #expect(!first.contains("Rating now"))
        let record = try #require(
            BuildRecord(parsing: try String(contentsOfFile: site + "/.kpidash-build", encoding: .utf8)))
        #expect(record.planRatings["E10000018/4"] == .some(.green))
        #expect(record.planRatings.count == 17)
        #expect(BuildRecord(parsing: record.text) == record)

        let updates = dataset + "/plan/updates.csv"
        let text = try String(contentsOfFile: updates, encoding: .utf8)
        try text.replacingOccurrences(of: "\n1,2017-09,A,", with: "\n1,2017-09,R,")
            .write(toFile: updates, atomically: true, encoding: .utf8)
        #expect(kpidash("build", dataset, "--out", site, "--templates", templates).status == 0)
        let second = try String(contentsOfFile: site + "/quality.html", encoding: .utf8)
        #expect(second.contains("<a href=\"plan/1.html\">Plan 1: Ensure that performance management information"))
        #expect(second.contains("</a>: Rating now red (was amber)</li>"))
        #expect(!second.contains("Plan 4:"))
    }
}
