import Foundation
import Testing

/// Two of the seed papers' plans entered as `spec/plan.md` says, built with the real command, and
/// checked against the counts and judgements the contract defines.
///
/// City of London's Ofsted tracker (001_02077553c75b0cb1.txt lines 7-15 and 19-23: recommendations
/// 1 and 2 and their actions, word for word): the recommendations carry no RAG of their own, so each
/// takes the worst of its actions. The tracker is undated; its comments look ahead to June, so the
/// fixture reports it as of 2017-06 (an assumption of the test, not the paper's).
///
/// Leicester City's refreshed improvement plan, Workforce (000_acfa43585907cbf4.txt lines 410-413,
/// key at lines 265-268): an action RAG and an impact RAG, Yellow rather than Amber, several ratings
/// in one cell. Its "Ref" column names sources (`MV2 MV3`, `SAV`), which repeat across the plan, so
/// the rows are given refs W1-W4 and the paper's ref is the `source`. A "Target Date" cell holding
/// several dates (one per sub-action) is not one plan date and is left blank. The plan is undated;
/// the fixture reports it as of 2017-09.
@Suite struct SeedPlansTests {
    static let cityOfLondonItems = #"""
        ref,parent,title,theme,source,lead,start,due,measure
        1,,"Further improve the quality and consistency of written plans for children, including early help plans, child in need plans, personal education plans and pathway plans. These should be clear and simple, fully integrate the views of children and young people and clearly state what is to be achieved by when.",The experiences and progress of children who need help and protection,Ofsted July 2016,,,,
        1.1,1,Review and revise layout of Early Help plans in partnership with Multi-Agency Practitioner Forum (MAPF),,,RG,Jan-17,Feb-17,"1) Written plans for children are consistently SMART 2) Children and young people's views are incorporated 3) Annual quality assurance audits of all cases confirm that actions on written plans have timescales, are achievable and reflect the voice of the child 4) Partner agencies are able to contribute to plans where appropriate"
        1.2,1,Consult families/CYP and partners on the CAF,,,RG/JF,Jan-17,Feb-17,
        1.3,1,Review and revise layout of Child Protection plans,,,RG,Jan-17,Feb-17,
        1.4,1,Review and revise layout of Care Plans and ensure that they are implemented in practice,,,RG,Jan-17,Feb-17,
        1.5,1,"Virtual Head to ensure the language in the Personal Education Plan (PEP) is simple, SMART and that children and young people's views are incorporated in every PEP",,,JH,Jan-17,Feb-17,
        1.6,1,Service Manager to develop an example Pathway Plan with simple targets. Staff to use group supervision to look at SMART targets and simple writing for Pathway Plan,,,RG,Jan-17,Feb-17,
        1.7,1,"Sign-off the relevant plan templates through Children and Families Team, CSMT and SIB",,,RG,Feb-17,Feb-17,
        1.8,1,Initiate pilot of new plan templates in,,,RG,Mar-17,Mar-17,
        1.9,1,Begin evaluation of new plan templates,,,RG,Sep-17,Sep-17,
        2,,"When families disengage from services and the threshold is not met to escalate the case further, ensure that any on-going work is purposeful and that case records clearly evidence managers' rationale for ceasing or continuing support",The experiences and progress of children who need help and protection,Ofsted July 2016,,,,
        2.1,2,All open cases to children social care where the family disengages will activate the triple-lock mechanism to support decision-making regarding closure or continuation of case,,,RG/PD,Jan-17,Jan-17,"1) Chronologies are updated every 3 months and maintain a clear record of significant incidents, themes and patterns in children's lives. 2) Families that disengage are signposted to other services/provided information for accessing other services"
        2.2,2,"If case continues, review and revise the plan with clear timescales with a further review at no later than 3 months to determine case status",,,RG,Jan-17,Jan-17,
        2.3,2,Review Practice Standards and revise accordingly to reflect: 1) requirement for chronologies to be updated every 3 months 2) triple lock mechanism,,,RG,Jan-17,Jan-17,
        2.4,2,Thematic audit on closed cases,,,PD,Sep-17,Sep-17,
        2.5,2,Update report on compliance to go to,,,PD,Mar-17,Mar-17,

        """#

    static let cityOfLondonUpdates = #"""
        ref,period,rating,evidence
        1.1,2017-06,Amber,"Early help plans are being reviewed by MAPF and parents. It is in the work plan this term, as the MAPF was completing other work in February."
        1.2,2017-06,Green,"Families have been consulted on the old CAF, and will be consulted on the new draft CAF."
        1.3,2017-06,Green,All templates updated with SMART plans. Including CP/CIN/PEP. These are in use. A review will take place to see if quality plans are SMARTer as a result of better form design.
        1.4,2017-06,Green,All templates updated with SMART plans. Including CP/CIN/PEP. These are in use. A review will take place to see if quality plans are SMARTer as a result of better form design.
        1.5,2017-06,Green,All templates updated with SMART plans. Including CP/CIN/PEP. These are in use. A review will take place to see if quality plans are SMARTer as a result of better form design.
        1.6,2017-06,Green,Pathway plans have been updated with SMART plans.
        1.7,2017-06,Green,"Templates are in use, and will be reviewed at the next SIB."
        1.8,2017-06,Green,done
        1.9,2017-06,Green,
        2.1,2017-06,Green,Case notes show the triple lock management system on next steps after disengagement. Casenotes also show a thorough review of threshold where there is a clear 'no' to further intervention.
        2.2,2017-06,Green,"In place. Once permanent IRO/CP chair is in place, CIN reviews can be chaired by this person, to add additional robust review and external challenge to CIN cases."
        2.3,2017-06,Green,complete. Next review of practice standards is in June.
        2.4,2017-06,Green,on target
        2.5,2017-06,Green,Review will go to SIB in June.

        """#

    static let leicesterItems = #"""
        ref,title,theme,source,lead,due,measure
        W1,"Stability and experience of the workforce, in common with many other local authorities, continues to be a challenge for Leicester City.",Workforce,MV2 MV3,DCS DCS Director SC &EH Director SC & EH,,Support the development of a skilled and competent workforce; enable career progression
        W2,To increase the level of skills and experience across the Team Managers,Workforce,SAV SIF,HoS HoS/ HR,,"Team Managers use learning and leadership skills to support practitioners, provide strong supervision and clearly demonstrate sound management oversight."
        W3,Advanced Practitioners could be better harnessed to develop a more cohesive support framework to staff within the teams and drive forward practice,Workforce,SAV,Principal SW,Nov 2017,Improve consistency of practice to reflect how Leicester city want children and families to experience their services
        W4,To improve safeguarding practice of staff,Workforce,SCR,Org Dev/ OWG,Ongoing,"Safeguarding competency framework, learning and development includes awareness, understanding, knowledge and skills"

        """#

    static let leicesterUpdates = #"""
        ref,period,rating,impact,evidence,next
        W1,2017-09,Green Yellow Yellow Green,Yellow,Bespoke training is commissioned by the SMT Skills audit completed for Targeted Early Help services which informed workforce development plan,All PDRs completed to inform learning and development needs across staff Refresh and strengthening of Workforce Strategy Workforce Progression framework launch ASYE offer and programme embedded
        W2,2017-09,Green Yellow,Green Yellow,"Permanent CIN Service Managers Introduction of SAT team given breathing space for CIN teams Team Managers cohort is stabilising and ratio of permanent Team Managers increasing. Managers ensure oversight, reflective practice and guidance is clearly recorded in casework",Ongoing programme of skills mix Evaluation and forecasting in teams and managers identifies areas of need Leadership programme for Team Managers rollout refresh
        W3,2017-09,Green,Yellow,All 9 advanced practitioners in post - each leads on a theme (e.g. DV) and has workforce lead (practitioner group) Good feedback from new ASYE cohort re: support and supervision,Advanced Practitioners are linked to individuals in the new ASYE cohort starting in November and support individuals moving to level 2 practitioner
        W4,2017-09,Green,Yellow,All 9 advanced practitioners in post - each leads on a theme (e.g. DV) and has workforce lead (practitioner group) Good feedback from new ASYE cohort re: support and supervision,"Ensure practitioners complete and understand safeguarding using framework Continuous CPD via lunch and learn, mentoring, audit feedback, QA framework, training and development sessions"

        """#

    static let leicesterDashboard = #"""
        {"title": "Leicester City children's services", "authority": "E06000016",
         "plan": {"title": "Refreshed Improvement Plan",
                  "ratings": {"Green": "Completed", "Yellow": "On task", "Red": "Not started"},
                  "impactRatings": {"Green": "Progress made", "Yellow": "Progress starting", "Red": "No impact"}}}
        """#

    /// A dataset of one indicator with figures to September 2017 and the given plan, built as of
    /// `asOf`; the plan member of `summary.json` and the site's folder.
    static func build(dashboard: String, items: String, updates: String, asOf: String) throws -> (
        plan: [String: Any], site: String
    ) {
        let dataset = temporaryDirectory() + "/dataset"
        let files = [
            "dashboard.json": dashboard,
            "indicators.csv":
                "id,name,area,unit,polarity\nre_referral_rate,Re-referrals,First Response,percent,lower\n",
            "extracts/2017-09.csv":
                "indicator,period,value\nre_referral_rate,2017-05,20\nre_referral_rate,2017-06,19\nre_referral_rate,2017-09,18\n",
            "plan/items.csv": items, "plan/updates.csv": updates,
        ]
        for (name, text) in files {
            let path = dataset + "/" + name
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let (site, authority) = try buildSummary(dataset, ["--as-of", asOf])
        return (try #require(authority["plan"] as? [String: Any]), site)
    }

    static func items(_ plan: [String: Any]) -> [String: [String: Any]] {
        Dictionary(uniqueKeysWithValues: (plan["items"] as! [[String: Any]]).map { ($0["ref"] as! String, $0) })
    }

    @Test func cityOfLondonsRecommendationsTakeTheWorstOfTheirActions() throws {
        let (plan, site) = try Self.build(
            dashboard: #"{"authority": "E09000001"}"#, items: Self.cityOfLondonItems, updates: Self.cityOfLondonUpdates,
            asOf: "2017-06")
        let items = Self.items(plan)
        #expect(plan["counts"] as? [String: Int] == ["green": 1, "amber": 1, "red": 0, "blue": 0, "not_rated": 0])
        #expect(plan["actions"] as? [String: Int] == ["green": 13, "amber": 1, "red": 0, "blue": 0, "not_rated": 0])
        // Recommendation 1: action 1.1 is amber, the rest green.
        #expect(items["1"]?["rating"] as? String == "amber")
        #expect(items["1"]?["derived"] as? Bool == true)
        #expect(items["2"]?["rating"] as? String == "green")
        #expect(items["2"]?["derived"] as? Bool == true)
        // Green is not complete: every action due by March 2017 is overdue in June; September's are due soon.
        #expect(plan["overdue"] as? Int == 12)
        #expect(items["1.1"]?["overdue"] as? Bool == true)
        #expect(items["1.1"]?["due"] as? String == "2017-02")
        #expect(plan["dueSoon"] as? Int == 2)
        #expect(items["1.9"]?["dueSoon"] as? Bool == true && items["2.4"]?["dueSoon"] as? Bool == true)
        #expect(plan["stale"] as? Int == 0)
        let page = try String(contentsOfFile: site + "/plan/1.html", encoding: .utf8)
        #expect(page.contains("Derived: the worst rating of its actions"))
    }

    /// Rebuilt as of May 2017, before the tracker's update: nothing is rated yet and everything is stale.
    @Test func cityOfLondonsPlanAsItStoodAMonthEarlier() throws {
        let (plan, _) = try Self.build(
            dashboard: #"{"authority": "E09000001"}"#, items: Self.cityOfLondonItems, updates: Self.cityOfLondonUpdates,
            asOf: "2017-05")
        #expect(plan["counts"] as? [String: Int] == ["green": 0, "amber": 0, "red": 0, "blue": 0, "not_rated": 2])
        #expect(plan["stale"] as? Int == 16)
        #expect(plan["overdue"] as? Int == 12)
    }

    @Test func leicesterCitysYellowSeveralRatingsInACellAndImpact() throws {
        let (plan, site) = try Self.build(
            dashboard: Self.leicesterDashboard, items: Self.leicesterItems, updates: Self.leicesterUpdates,
            asOf: "2017-09")
        let items = Self.items(plan)
        #expect(plan["counts"] as? [String: Int] == ["green": 2, "amber": 2, "red": 0, "blue": 0, "not_rated": 0])
        #expect(items["W1"]?["ratings"] as? [String] == ["green", "yellow", "yellow", "green"])
        #expect(items["W1"]?["rating"] as? String == "amber")
        #expect(items["W1"]?["impact"] as? String == "amber")
        #expect(items["W2"]?["impact"] as? String == "amber")
        #expect(items["W3"]?["rating"] as? String == "green")
        #expect(items["W3"]?["due"] as? String == "2017-11")
        #expect(items["W3"]?["dueSoon"] as? Bool == true)
        #expect(items["W4"]?["due"] is NSNull && items["W4"]?["dueSoon"] as? Bool == false)
        let overview = try String(contentsOfFile: site + "/plan/index.html", encoding: .utf8)
        #expect(overview.contains("<dt><span class=\"tag tag--amber\">Yellow</span></dt><dd>On task</dd>"))
        #expect(overview.contains("<dt><span class=\"tag tag--amber\">Yellow</span></dt><dd>Progress starting</dd>"))
        let page = try String(contentsOfFile: site + "/plan/w1.html", encoding: .utf8)
        #expect(page.contains("<span class=\"tag tag--amber\">Green Yellow Yellow Green</span>"))
        #expect(
            page.contains(
                "<span class=\"label\">Impact</span><span class=\"value\"><span class=\"tag tag--amber\">Yellow</span>")
        )
    }
}
