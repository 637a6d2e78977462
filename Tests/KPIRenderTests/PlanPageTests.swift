import Foundation
import KPIAnalysis
import KPIModel
import KPITestSupport
import Testing

@testable import KPIRender

private let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Templates").path

/// `pageDataset()` (figures to September 2017; re-referrals 18.6% against a target of 15) with a plan:
/// recommendation 1 has no rating of its own, so takes the worst of its actions (1.1 went amber to
/// red and slipped from June to December; 1.2 is Green Yellow); 2 is rated green while re-referrals
/// missed their target; 3 has never been updated.
func planDataset() -> Dataset {
    var dataset = pageDataset()
    let home = "E10000018"
    let month = { (year: Int, month: Int) in Month(year: year, month: month) }
    dataset.settings.plan = PlanSettings(
        title: "Improvement plan 2017-2020",
        ratings: [
            PlanKeyEntry(word: "green", meaning: "Completed"), PlanKeyEntry(word: "Yellow", meaning: "On task"),
            PlanKeyEntry(word: "red", meaning: "Not started"),
        ],
        impactRatings: [PlanKeyEntry(word: "G", meaning: "Impact shown")])
    dataset.plan = Plan(
        items: [
            PlanItem(
                ref: "1", title: "Improve the quality of assessments", theme: "Practice", source: "Ofsted SIF 2016",
                lead: "Head of Service",
                measure: "Audits graded good.\n\n- Chronologies\n- Plans", indicators: ["re_referral_rate"],
                authority: home),
            PlanItem(
                ref: "1.1", parent: "1", title: "Audit every assessment", theme: "Practice", lead: "Service manager",
                start: month(2017, 4), due: .month(month(2017, 6)), authority: home),
            PlanItem(
                ref: "1.2", parent: "1", title: "Train team managers", theme: "Practice", due: .month(month(2017, 11)),
                authority: home),
            PlanItem(
                ref: "2", title: "Strengthen the <board>", theme: "Leadership",
                indicators: ["re_referral_rate", "caseload"], authority: home),
            PlanItem(ref: "3", title: "Review private fostering", theme: "Practice", authority: home),
        ],
        updates: [
            PlanUpdate(
                ref: "1.1", month: month(2017, 8), ratings: [.amber], due: .month(month(2017, 12)),
                evidence: "Half done.", authority: home),
            PlanUpdate(
                ref: "1.1", month: month(2017, 9), ratings: [.red], evidence: "Stalled.", next: "Recruit an auditor.",
                author: "Service manager", authority: home),
            PlanUpdate(
                ref: "1.2", month: month(2017, 9), ratings: [.green, .yellow], status: .inProgress, authority: home),
            PlanUpdate(
                ref: "2", month: month(2017, 9), ratings: [.green], impact: [.amber], author: "Director",
                authority: home),
        ])
    return dataset
}

/// `dataset` with a second authority, Warwickshire, whose figures are a copy of the first's.
func withWarwickshire(_ dataset: Dataset) -> Dataset {
    var dataset = dataset
    dataset.observations += dataset.observations.map { observation in
        var copy = observation
        copy.authority = "E10000031"
        return copy
    }
    dataset.authorities.append(Authority(code: "E10000031", name: "Warwickshire"))
    return dataset
}

@Suite struct PlanPageTests {
    /// Every file of the site, rendered strictly as the site renderer's own tests render it.
    func render(_ dataset: Dataset) throws -> [String: String] { try SiteRendererTests().render(dataset) }

    @Test func aPageForTheOverviewAndEachTopLevelItemOnly() throws {
        let files = try render(planDataset())
        #expect(
            files.keys.filter { $0.hasPrefix("plan/") }.sorted() == [
                "plan/1.html", "plan/2.html", "plan/3.html", "plan/index.html",
            ])
        for page in [
            "index.html", "quality.html", "indicators/re_referral_rate.html", "plan/index.html", "plan/2.html",
        ] {
            let href = page.contains("/") ? "../plan/index.html" : "plan/index.html"
            #expect(
                files[page]!.contains(
                    "<li><a href=\"\(href)\"\(page.hasPrefix("plan/") ? " aria-current=\"page\"" : "")>Improvement plan</a></li>"
                ), "\(page)")
        }
    }

    @Test func withSeveralAuthoritiesThePlanSitsInItsAuthoritysTree() throws {
        let files = try render(withWarwickshire(planDataset()))
        #expect(
            files.keys.filter { $0.contains("plan/") }.sorted() == [
                "E10000018/plan/1.html", "E10000018/plan/2.html", "E10000018/plan/3.html", "E10000018/plan/index.html",
            ])
        #expect(files["E10000018/plan/1.html"]!.contains("href=\"../../assets/style.css\""))
        #expect(!files["E10000031/index.html"]!.contains("Improvement plan"))
    }

    @Test func withoutAPlanNothingChanges() throws {
        let files = try render(pageDataset())
        #expect(!files.keys.contains { $0.hasPrefix("plan/") })
        #expect(!files.values.contains { $0.contains("Improvement plan") })
        #expect(files["data/summary.json"]!.contains("\"plan\": null"))
    }

    @Test func theOverviewGivesTheKeyTheCountsWhatNeedsAttentionAndWhatIsDueSoon() throws {
        let page = try #require(try render(planDataset())["plan/index.html"])
        #expect(page.contains("<h1>Improvement plan 2017-2020</h1>"))
        #expect(page.contains("<dt><span class=\"tag tag--amber\">Yellow</span></dt><dd>On task</dd>"))
        #expect(page.contains("<dt><span class=\"tag tag--green\">G</span></dt><dd>Impact shown</dd>"))
        #expect(page.contains("<li><span class=\"label\">Red</span><span class=\"value\">1</span></li>"))
        #expect(page.contains("<li><span class=\"label\">Not rated</span><span class=\"value\">1</span></li>"))
        #expect(page.contains("Actions: 0 green, 1 amber, 1 red, 0 blue, 0 not rated."))
        #expect(
            page.contains(
                "<tr><th scope=\"row\">Practice</th><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">1</td></tr>"
            ))
        #expect(
            page.contains(
                "<td><a href=\"1.html#item-1-1\">Audit every assessment</a></td><td><span class=\"tag tag--red\">Red</span></td><td>Worsened to red</td>"
            ))
        #expect(page.contains("<td>Rated green, but a linked figure is off track</td>"))
        #expect(page.contains("<td>No update since it was added</td>"))
        #expect(
            page.contains(
                "<td><a href=\"1.html#item-1-2\">Train team managers</a></td><td>Nov 2017</td><td><span class=\"tag tag--amber\">Green Yellow</span></td>"
            ))
        #expect(page.contains("&lt;board&gt;") && !page.contains("<board>"))
    }

    @Test func anItemPageShowsItsHistoryActionsEvidenceAndFigures() throws {
        let page = try #require(try render(planDataset())["plan/1.html"])
        #expect(
            page.contains(
                "<span class=\"tag tag--red\">Red</span></span><span class=\"small\">Derived: the worst rating of its actions</span>"
            ))
        #expect(
            page.contains(
                "<tr><th scope=\"row\">September 2017</th><td><span class=\"tag tag--red\">Red</span></td><td>Worsened</td></tr>"
            ))
        #expect(
            page.contains(
                "<tr><th scope=\"row\">August 2017</th><td><span class=\"tag tag--amber\">Amber</span></td><td>First rating</td></tr>"
            ))
        #expect(page.contains("<td>Dec 2017<span class=\"small\">Originally Jun 2017</span></td>"))
        #expect(page.contains("<section class=\"commentary\" id=\"item-1-1\" aria-labelledby=\"heading-1-1\">"))
        #expect(page.contains("<p>Stalled.</p>") && page.contains("<p>Recruit an auditor.</p>"))
        #expect(
            page.contains(
                "<dt>Measure</dt><dd><p>Audits graded good.</p><ul><li>Chronologies</li><li>Plans</li></ul></dd>"))
        #expect(page.contains("<a href=\"../indicators/re_referral_rate.html\">Re-referrals within 12 months</a>"))
        #expect(page.contains("<span class=\"tag tag--missed\">Missed</span>"))
        let flagged = try #require(try render(planDataset())["plan/2.html"])
        #expect(flagged.contains("<p class=\"notice\"><strong>Rated green, but a linked figure is off track.</strong>"))
        #expect(
            flagged.contains(
                "<span class=\"label\">Impact</span><span class=\"value\"><span class=\"tag tag--amber\">Amber</span>"))
    }

    @Test func plansPagesMatchTheirGoldenFiles() throws {
        let files = try render(planDataset())
        try expectMatchesGolden(try #require(files["plan/index.html"]), named: "pages/plan-index.html")
        try expectMatchesGolden(try #require(files["plan/1.html"]), named: "pages/plan-1.html")
    }

    @Test func anIndicatorPageListsThePlanItemsThatCiteIt() throws {
        let files = try render(planDataset())
        let referrals = try #require(files["indicators/re_referral_rate.html"])
        #expect(referrals.contains("<h2>In the improvement plan</h2>"))
        #expect(
            referrals.contains(
                "<li><a href=\"../plan/1.html\">1: Improve the quality of assessments</a> <span class=\"tag tag--red\">Red</span></li>"
            ))
        #expect(referrals.contains("<a href=\"../plan/2.html\">2: Strengthen the &lt;board&gt;</a>"))
        #expect(!(try #require(files["indicators/caseload.html"])).contains("../plan/1.html"))
    }

    @Test func theQualityPageListsStaleAndUnratedItems() throws {
        let quality = try #require(try render(planDataset())["quality.html"])
        #expect(quality.contains("<li><a href=\"plan/3.html\">3: Review private fostering</a>: last update None</li>"))
        #expect(
            quality.contains(
                "<h3>Items not rated</h3>\n<ul>\n<li><a href=\"plan/3.html\">3: Review private fostering</a></li>\n</ul>"
            ))
    }

    @Test func summaryJSONGivesThePlanMemberAsTheContractWritesIt() throws {
        let text = String(decoding: SummaryJSON.render(Analysis.analyse(planDataset())), as: UTF8.self)
        let plan = try #require(text.range(of: "      \"plan\": {").map { String(text[$0.lowerBound...]) })
        #expect(
            plan.hasPrefix(
                """
                      "plan": {
                        "title": "Improvement plan 2017-2020",
                        "period": "2017-09",
                        "counts": {
                          "green": 1,
                          "amber": 0,
                          "red": 1,
                          "blue": 0,
                          "not_rated": 1
                        },
                        "actions": {
                          "green": 0,
                          "amber": 1,
                          "red": 1,
                          "blue": 0,
                          "not_rated": 0
                        },
                        "complete": 0,
                        "overdue": 0,
                        "dueSoon": 2,
                        "stale": 1,
                        "items": [
                          {
                            "ref": "1",
                            "parent": null,
                            "title": "Improve the quality of assessments",
                            "theme": "Practice",
                            "lead": "Head of Service",
                            "rating": "red",
                            "ratings": [
                              "red"
                            ],
                            "derived": true,
                            "impact": null,
                            "status": null,
                            "complete": false,
                            "due": null,
                            "originalDue": null,
                            "slippedMonths": 0,
                            "overdue": false,
                            "dueSoon": false,
                            "stale": false,
                            "change": "worsened",
                            "lastUpdate": "2017-09",
                            "indicators": [
                              {
                                "id": "re_referral_rate",
                                "target": "missed",
                                "spc": "common_cause"
                              }
                            ],
                            "flag": null
                          },
                          {
                            "ref": "1.1",
                            "parent": "1",
                            "title": "Audit every assessment",
                            "theme": "Practice",
                            "lead": "Service manager",
                            "rating": "red",
                            "ratings": [
                              "red"
                            ],
                            "derived": false,
                            "impact": null,
                            "status": null,
                            "complete": false,
                            "due": "2017-12",
                            "originalDue": "2017-06",
                            "slippedMonths": 6,
                            "overdue": false,
                            "dueSoon": true,
                            "stale": false,
                            "change": "worsened",
                            "lastUpdate": "2017-09",
                            "indicators": [],
                            "flag": null
                          },
                          {
                            "ref": "1.2",
                """))
        let json = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let authority = try #require((json["authorities"] as? [[String: Any]])?.first)
        let items = try #require((authority["plan"] as? [String: Any])?["items"] as? [[String: Any]])
        // Yellow is amber in `rating`, and kept as written in `ratings`.
        #expect(items[2]["rating"] as? String == "amber")
        #expect(items[2]["ratings"] as? [String] == ["green", "yellow"])
        #expect(items[2]["status"] as? String == "in_progress")
        #expect(items[3]["impact"] as? String == "amber")
        #expect(items[3]["flag"] as? String == "rated_green_figures_off_track")
        #expect(items[4]["rating"] is NSNull && items[4]["change"] is NSNull && items[4]["lastUpdate"] is NSNull)
    }

    @Test func theBoardEmailGivesThePlanAfterTheExceptions() throws {
        var dataset = planDataset()
        dataset.settings.siteURL = "https://example.org/performance/"
        let analysis = Analysis.analyse(dataset)
        let model = BoardEmailModel(analysis: analysis, lastMonth: nil, settings: dataset.settings)
        let text = BoardEmailText.render(model, figuresFileName: "f.csv")
        let plan = try #require(text.range(of: "IMPROVEMENT PLAN 2017-2020"))
        #expect(try #require(text.range(of: "NEEDS ATTENTION")).upperBound < plan.lowerBound)
        #expect(plan.upperBound < (try #require(text.range(of: "ALL INDICATORS"))).lowerBound)
        #expect(
            text.contains(
                "Recommendations: 1 green, 0 amber, 1 red, 0 blue, 1 not rated; 0\noverdue, 2 due in the next three months."
            ))
        #expect(
            text.contains(
                "* 1.1: Audit every assessment (Red): Worsened to red\n  https://example.org/performance/plan/1.html#item-1-1"
            ))
        #expect(text.contains("https://example.org/performance/plan/2.html"))
        // Staleness is for the plan pages; the email names worsened, overdue and flagged items.
        #expect(!text.contains("3: Review private fostering"))
        var html: [UInt8] = []
        try BoardEmail(templatesDirectory: templates, mode: .strict).library.render(
            "board", with: model.templateValue(subject: "s", figuresFileName: "f.csv"), mode: .strict,
            appendingTo: &html)
        let page = String(decoding: html, as: UTF8.self)
        #expect(
            page.contains(
                "<a href=\"https://example.org/performance/plan/1.html#item-1-1\" style=\"color:#1d70b8;text-decoration:underline;\">1.1: Audit every assessment (Red)</a><br><span style=\"font-weight:bold;color:#a35600;\">Worsened to red</span>"
            ))
    }
}
