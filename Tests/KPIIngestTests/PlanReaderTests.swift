import Foundation
import KPIModel
import Testing

@testable import KPIIngest

/// A dataset with one extract and whatever plan files the test gives.
private func loadPlan(_ files: [String: String], dashboard: String = #"{"authority": "E10000018"}"#) -> (
    dataset: Dataset?, diagnostics: [Diagnostic], root: String
) {
    var all = files
    all["dashboard.json"] = dashboard
    all["indicators.csv"] = catalogue
    all["extracts/2017-09.csv"] = "indicator,value\nre_referral_rate,18.5\n"
    return loadDataset(all)
}

@Suite struct PlanReaderTests {
    @Test func readsItemsAndUpdatesAsTheSeedsWriteThem() throws {
        let (dataset, diagnostics, _) = loadPlan([
            "plan/items.csv": """
            ref,parent,title,theme,lead,start,due,indicators
            1.,,Leadership and governance,"Leadership, Management and Governance",Director,Jan-17,End 2017,
            A1,1,Refresh the scorecard,,Head of Service,Nov 16 - Jan 17,(March 18),re_referral_rate; assessments_45_days
            A2,1,Audit supervision,Practice,,Apr-May 2017,ongoing,"caseload, new_referrals"

            """,
            "plan/updates.csv": """
            ref,period,rating,status,impact,due,evidence
            a1,2017-09,Green Yellow Yellow Green,On task,Y,Jun-18,"First paragraph.

            Second paragraph."
            A2,Sep-17,,Signed off by the Improvement Board,,,

            """,
        ])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let plan = try #require(dataset?.plan)
        #expect(plan.items.map(\.ref) == ["1", "A1", "A2"])
        #expect(plan.items.map(\.parent) == [nil, "1", "1"])
        // An action without a theme takes its parent's; one with its own keeps it.
        #expect(
            plan.items.map(\.theme) == [
                "Leadership, Management and Governance", "Leadership, Management and Governance", "Practice",
            ])
        #expect(plan.items[0].start == Month(year: 2017, month: 1))
        #expect(plan.items[0].due == .month(Month(year: 2017, month: 12)))
        #expect(plan.items[1].start == Month(year: 2016, month: 11))
        #expect(plan.items[1].due == .month(Month(year: 2018, month: 3)))
        #expect(plan.items[1].indicators == ["re_referral_rate", "assessments_45_days"])
        #expect(plan.items[2].start == Month(year: 2017, month: 4))
        #expect(plan.items[2].due == .ongoing)
        #expect(plan.items[2].indicators == ["caseload", "new_referrals"])
        #expect(plan.updates.count == 2)
        // The ref is matched ignoring case and kept as items.csv writes it.
        #expect(plan.updates[0].ref == "A1")
        #expect(plan.updates[0].ratings == [.green, .yellow, .yellow, .green])
        #expect(plan.updates[0].status == .inProgress)
        #expect(plan.updates[0].impact == [.yellow])
        #expect(plan.updates[0].due == .month(Month(year: 2018, month: 6)))
        #expect(plan.updates[0].evidence == "First paragraph.\n\nSecond paragraph.")
        #expect(plan.updates[1].month == Month(year: 2017, month: 9))
        #expect(plan.updates[1].ratings.isEmpty)
        #expect(plan.updates[1].status == .signedOff)
    }

    @Test func evidenceKeepsItsParagraphsWhateverTheLineEnds() throws {
        let (dataset, diagnostics, _) = loadPlan([
            "plan/items.csv": "ref,title\r\n1,First\r\n",
            "plan/updates.csv":
                "ref,period,status,evidence,next\r\n1,2017-09,complete,\" One.\r\n\r\nTwo.\rThree. \",\"\n\tNext\n\"\r\n",
        ])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let update = try #require(dataset?.plan?.updates.first)
        #expect(update.evidence == "One.\n\nTwo.\nThree.")
        #expect(update.next == "Next")
    }

    @Test func aDatasetWithoutAPlanHasNone() throws {
        let (dataset, diagnostics, _) = loadPlan([:])
        #expect(diagnostics.isEmpty)
        #expect(dataset != nil && dataset?.plan == nil)
    }

    /// Every item problem in one run, each at its cell, in file order.
    @Test func itemProblemsAreLocatedAndReportedTogether() {
        let (dataset, diagnostics, root) = loadPlan([
            "plan/items.csv": """
            ref,parent,title,due,indicators
            1,,First,,
            2,9,Second,,
            3,4,Third,,
            4,3,Fourth,,
            5,5,Fifth,,
            b1a,,Sixth,,
            B1A,,Seventh,,
            1.2,,Eighth,,
            1-2,,Ninth,,
            10,,Tenth,Christmas,
            11,,Eleventh,,re_referal_rate
            12,,,,

            """
        ])
        #expect(dataset == nil)
        #expect(
            located(diagnostics, root: root) == [
                "plan/items.csv:3:3: error: unknown parent \"9\": no item has this ref",
                "plan/items.csv:4:3: error: the parents form a cycle: 3 → 4 → 3",
                "plan/items.csv:6:3: error: the parents form a cycle: 5 → 5",
                "plan/items.csv:8:1: error: ref \"B1A\" is listed twice (first on line 7)",
                "plan/items.csv:10:1: error: refs \"1.2\" (line 9) and \"1-2\" make the same page, plan/1-2.html",
                "plan/items.csv:11:11: error: \"Christmas\" is not a plan date",
                "plan/items.csv:12:15: error: unknown indicator \"re_referal_rate\"",
                "plan/items.csv:13:5: error: the title is blank",
            ])
        #expect(diagnostics.first { $0.message.contains("Christmas") }?.hint == PlanDateParser.formsHint)
        #expect(
            diagnostics.first { $0.message.contains("re_referal_rate") }?.hint?.hasPrefix(
                "did you mean \"re_referral_rate\"?") == true)
    }

    @Test func updateProblemsAreLocatedAndReportedTogether() {
        let (dataset, diagnostics, root) = loadPlan([
            "plan/items.csv": "ref,title\n1,First\n2,Second\n",
            "plan/updates.csv": """
            ref,period,rating,status,due
            1,2017-09,Green,,
            3,2017-09,Green,,
            2,2017-13,Green,,
            2,2017-08,Gren,,
            2,2017-07,,Finished,
            2,2017-06,,,
            2,2017-05,A,,Sometime
            01,2017-09,R,,
            1,Sep-17,A,,

            """,
        ])
        #expect(dataset == nil)
        #expect(
            located(diagnostics, root: root) == [
                "plan/updates.csv:3:1: error: unknown ref \"3\"",
                "plan/updates.csv:4:3: error: month 13 does not exist (in \"2017-13\")",
                "plan/updates.csv:5:11: error: unknown rating \"Gren\"",
                "plan/updates.csv:6:12: error: unknown status \"Finished\"",
                "plan/updates.csv:7:11: error: the update gives neither a rating nor a status",
                "plan/updates.csv:8:14: error: \"Sometime\" is not a plan date",
                "plan/updates.csv:9:1: error: unknown ref \"01\"",
                "plan/updates.csv:10:3: error: a second update for \"1\" in 2017-09: lines 2 and 10",
            ])
    }

    @Test func aRefOnTwoLinesIsRefused() {
        let (_, diagnostics, root) = loadPlan(["plan/items.csv": "ref,title\n\"4\n5\",Fourth\n"])
        #expect(
            located(diagnostics, root: root) == [
                "plan/items.csv:2:1: error: the ref \"4<U+000A>5\" holds a tab or a line break"
            ])
    }

    @Test func updatesNeedItems() {
        let (_, diagnostics, root) = loadPlan(["plan/updates.csv": "ref,period,rating\n1,2017-09,G\n"])
        #expect(
            located(diagnostics, root: root) == ["plan/items.csv:1:1: error: required file plan/items.csv is missing"])
    }

    @Test func updatesNeedARatingOrStatusColumn() {
        let (_, diagnostics, root) = loadPlan([
            "plan/items.csv": "ref,title\n1,First\n", "plan/updates.csv": "ref,period,evidence\n1,2017-09,Done\n",
        ])
        #expect(located(diagnostics, root: root) == ["plan/updates.csv:1:1: error: the header needs rating, or status"])
    }

    @Test func thePlanKeyKeepsTheOrderAndWordsOfDashboardJSON() throws {
        let (dataset, diagnostics, _) = loadPlan(
            ["plan/items.csv": "ref,title\n1,First\n"],
            dashboard: """
                {"authority": "E10000018", "plan": {"title": "Ofsted Continuous Improvement Action Plan 2017-2020",
                 "ratings": {"Red": "Not started", "yellow": "On task", "green": "Completed"}, "impactRatings": {"G": "Good impact"}}}
                """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let plan = try #require(dataset?.settings.plan)
        #expect(plan.title == "Ofsted Continuous Improvement Action Plan 2017-2020")
        #expect(
            plan.ratings == [
                PlanKeyEntry(word: "Red", meaning: "Not started"), PlanKeyEntry(word: "yellow", meaning: "On task"),
                PlanKeyEntry(word: "green", meaning: "Completed"),
            ])
        #expect(plan.impactRatings == [PlanKeyEntry(word: "G", meaning: "Good impact")])
    }

    @Test func aPlanKeyWithAnUnknownWordOrSettingIsRefused() {
        let (_, diagnostics, root) = loadPlan(
            ["plan/items.csv": "ref,title\n1,First\n"],
            dashboard: """
                {"authority": "E10000018",
                 "plan": {"ratings": {"purple": "Unknown"}, "titel": "x"}}
                """)
        #expect(
            located(diagnostics, root: root) == [
                "dashboard.json:2:23: error: \"purple\" in \"ratings\" is not a rating",
                "dashboard.json:2:45: error: unknown plan setting \"titel\"",
            ])
    }
}

@Suite struct PlanDateTests {
    @Test(arguments: [
        ("2017-09", 2017, 9, 2017, 9),
        ("Sep-17", 2017, 9, 2017, 9),
        ("Jan-17", 2017, 1, 2017, 1),
        ("Dec 16", 2016, 12, 2016, 12),
        ("March 18", 2018, 3, 2018, 3),
        ("Sept 2017", 2017, 9, 2017, 9),
        ("September 2017", 2017, 9, 2017, 9),
        ("(March 18)", 2018, 3, 2018, 3),
        ("( June 2018 )", 2018, 6, 2018, 6),
        ("Apr-May 2017", 2017, 4, 2017, 5),
        // A range whose first month comes later in the year starts in the year before.
        ("Dec-Jan 2018", 2017, 12, 2018, 1),
        ("Nov 16 - Jan 17", 2016, 11, 2017, 1),
        ("End 2017", 2017, 12, 2017, 12),
        ("End of Dec 2016", 2016, 12, 2016, 12),
        ("end of march 2018", 2018, 3, 2018, 3),
        ("2017/18", 2017, 4, 2018, 3),
        ("2017/18 Q2", 2017, 7, 2017, 9),
        ("2020", 2020, 1, 2020, 12),
    ])
    func readsThePlanDateForms(text: String, firstYear: Int, firstMonth: Int, lastYear: Int, lastMonth: Int) {
        #expect(
            PlanDateParser.parse(text, financialYearStartMonth: 4)
                == .success(
                    .months(
                        first: Month(year: firstYear, month: firstMonth), last: Month(year: lastYear, month: lastMonth))
                ))
    }

    @Test func ongoingHasNoDueDate() {
        #expect(PlanDateParser.parse("Ongoing", financialYearStartMonth: 4) == .success(.ongoing))
        #expect(PlanDate.ongoing.due == .ongoing)
        #expect(
            PlanDate.months(first: Month(year: 2017, month: 4), last: Month(year: 2017, month: 5)).due
                == .month(Month(year: 2017, month: 5)))
    }

    @Test(arguments: ["Christmas", "Smarch 2017", "Jan 17 -", "End", "01/09/2017", "2017-13", "", "TBC"])
    func refusesAnythingElseWithTheFormsAsAHint(text: String) throws {
        guard case .failure(let error) = PlanDateParser.parse(text, financialYearStartMonth: 4) else {
            Issue.record("\(text) was read")
            return
        }
        #expect(error.hint == PlanDateParser.formsHint)
    }
}
