import Foundation
import KPIModel
import Testing

/// Builds SampleData with the real command and checks, in `data/summary.json`, the judgements the
/// seed board papers themselves make (004_020f1291dc1a5149.txt, Leicestershire, November 2017).
@Suite struct SampleJudgementsTests {
    static func summary(_ extra: String...) throws -> [String: [String: Any]] {
        let site = temporaryDirectory() + "/site"
        let result = kpidash(["build", sampleData, "--out", site, "--templates", templates] + extra)
        #expect(result.status == 0, "\(result.err)")
        let data = try Data(contentsOf: URL(fileURLWithPath: site + "/data/summary.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let authority = try #require((json["authorities"] as? [[String: Any]])?.first)
        #expect(authority["code"] as? String == "E10000018")
        let indicators = try #require(authority["indicators"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: indicators.map { ($0["id"] as! String, $0) })
    }

    static func object(_ indicator: [String: Any]?, _ key: String) -> [String: Any]? {
        indicator?[key] as? [String: Any]
    }

    /// A figure as the pages and the paper show it: the full-precision value rounded at the
    /// indicator's `decimals`, as a consumer of the file would round it.
    static func shown(_ value: Any?, of indicator: [String: Any]?) -> Double? {
        guard let value = value as? Double, let decimals = indicator?["decimals"] as? Int else { return nil }
        return NumberFormat.rounded(value, decimals: decimals)
    }

    @Test func reReferralsImprovedOnLastYearAndMissedTheMarch2018Target() throws {
        let referrals = try Self.summary()["re_referral_rate"]
        #expect(referrals?["period"] as? String == "2017-09")
        // 87 of 470 and 114 of 442, at full precision; the paper's 18.5% and 25.8% at one decimal.
        #expect(referrals?["value"] as? Double == 18.510638)
        #expect(Self.shown(referrals?["value"], of: referrals) == 18.5)
        #expect(Self.object(referrals, "sameMonthLastYear")?["value"] as? Double == 25.791855)
        #expect(Self.shown(Self.object(referrals, "sameMonthLastYear")?["value"], of: referrals) == 25.8)
        #expect(Self.object(referrals, "sameMonthLastYear")?["judgement"] as? String == "improved")
        #expect(Self.object(referrals, "target")?["value"] as? Double == 15)
        #expect(Self.object(referrals, "target")?["label"] as? String == "Target March 2018")
        #expect(Self.object(referrals, "target")?["judgement"] as? String == "missed")
        #expect(referrals?["rag"] as? String == "red")
        // The board rated the recommendation green although the target was missed: both are kept.
        #expect(referrals?["recordedRag"] as? String == "green")
    }

    @Test func assessmentsCarryTheirCounts() throws {
        let assessments = try Self.summary()["assessments_45_days"]
        #expect(assessments?["value"] as? Double == 74.871795)
        #expect(Self.shown(assessments?["value"], of: assessments) == 74.9)
        #expect(assessments?["denominator"] as? Int == 390)
        #expect(Self.shown(Self.object(assessments, "sameMonthLastYear")?["value"], of: assessments) == 90.1)
    }

    @Test func threePlusPlacementsImprovedButDidNotMeetTheTarget() throws {
        let placements = try Self.summary()["cin_3plus_placements"]
        #expect(Self.shown(placements?["value"], of: placements) == 7.6)
        #expect(Self.shown(Self.object(placements, "sameMonthLastYear")?["value"], of: placements) == 10.5)
        #expect(Self.object(placements, "sameMonthLastYear")?["judgement"] as? String == "improved")
        #expect(Self.object(placements, "target")?["value"] as? Double == 7.5)
        let judgement = Self.object(placements, "target")?["judgement"] as? String
        #expect(judgement != nil && judgement != "met")
    }

    @Test func adoptionTimelinessBetterThanStatisticalNeighbours() throws {
        let latest = try Self.summary()
        for (id, neighbours) in [("adoption_a1_days", 549.0), ("adoption_a2_days", 210.0)] {
            let sn = Self.object(latest[id], "statisticalNeighbours")
            #expect(sn?["value"] as? Double == neighbours, "\(id)")
            #expect(sn?["period"] as? String == "2015/16", "\(id)")
            #expect(sn?["judgement"] as? String == "better", "\(id)")
        }
        // The paper's own pairing: the 2013-16 scorecard (517 and 195 days) against its neighbours.
        let scorecard = try Self.summary("--as-of", "2016-03")
        #expect(scorecard["adoption_a1_days"]?["value"] as? Double == 517)
        #expect(
            Self.object(scorecard["adoption_a1_days"], "statisticalNeighbours")?["judgement"] as? String == "better")
        #expect(scorecard["adoption_a2_days"]?["value"] as? Double == 195)
        #expect(
            Self.object(scorecard["adoption_a2_days"], "statisticalNeighbours")?["judgement"] as? String == "better")
    }

    @Test func socialWorkerCaseloadsOutsideTheAgreedBand() throws {
        let caseload = try Self.summary()["social_worker_caseload"]
        let breakdowns = try #require(caseload?["breakdowns"] as? [[String: Any]])
        let socialWorker = try #require(breakdowns.first { $0["name"] as? String == "Social Worker" })
        #expect(socialWorker["period"] as? String == "2017-08")
        #expect(socialWorker["value"] as? Double == 22)
        let target = try #require(socialWorker["target"] as? [String: Any])
        #expect(target["low"] as? Double == 18 && target["high"] as? Double == 20)
        #expect(target["judgement"] as? String == "missed")
    }

    @Test func careLeaversInSuitableAccommodationBetterThanNeighbours() throws {
        let accommodation = try Self.summary()["care_leavers_suitable_accommodation"]
        #expect(Self.shown(accommodation?["value"], of: accommodation) == 91.8)
        #expect(Self.object(accommodation, "statisticalNeighbours")?["judgement"] as? String == "better")
    }

    @Test func everyContractMemberIsPresentForEveryIndicator() throws {
        let members = [
            "id", "area", "unit", "polarity", "period", "value", "numerator", "denominator", "status", "target",
            "previous", "sameMonthLastYear", "lastYearOutturn", "statisticalNeighbours", "england", "region",
            "rank", "spc", "rag", "decimals",
        ]
        for (id, indicator) in try Self.summary() {
            for member in members { #expect(indicator.keys.contains(member), "\(id) lacks \(member)") }
        }
    }
}
