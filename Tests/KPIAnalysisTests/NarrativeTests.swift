import KPIModel
import Testing

@testable import KPIAnalysis

@Suite struct NarrativeTests {
    @Test func theFullLine() {
        let neighbours = (1...10).map { NeighbourLink(authority: Fixture.home, neighbour: "N\($0)", rank: $0) }
        let dataset = Fixture.dataset(
            rows: [
                Fixture.row("2016-09", 25.8), Fixture.row("2017-09", 73.0 / 395 * 100, numerator: 73, denominator: 395),
            ],
            targets: [Fixture.target(due: "2018-03", value: 15)],
            benchmarks: neighbours.map { Fixture.benchmark(Fixture.year(2016), .authority($0.neighbour), 21.9) }
                + [Fixture.benchmark(Fixture.year(2016), .england, 21.9)],
            neighbours: neighbours)
        #expect(
            Fixture.analyse(dataset).sentence
                == "Re-referrals: 18.5% in September 2017 (73 of 395), down from 25.8% a year earlier; "
                + "worse than the March 2018 target of 15.0%; better than statistical neighbours (21.9%, 2016/17, 10 councils) "
                + "and England (21.9%, 2016/17).")
    }

    @Test func lastMonthWhenNoYearEarlierAndSplitComparatorsAndRank() {
        let indicator = Fixture.indicator("assessments", name: "Assessments in 45 days", polarity: .higher)
        let group = (1...3).map { NeighbourLink(authority: Fixture.home, neighbour: "N\($0)", rank: $0) }
        let dataset = Fixture.dataset(
            indicator,
            rows: [
                Fixture.row("2017-08", 74, indicator: "assessments"),
                Fixture.row("2017-09", 74.9, indicator: "assessments"),
            ],
            targets: [Fixture.target(due: "2018-03", value: 75, tolerance: 2, indicator: "assessments")],
            benchmarks: [
                Fixture.benchmark(Fixture.year(2016), .authority("N1"), 80, indicator: "assessments"),
                Fixture.benchmark(Fixture.year(2016), .authority("N2"), 82, indicator: "assessments"),
                Fixture.benchmark(Fixture.year(2016), .authority(Fixture.home), 76, indicator: "assessments"),
                Fixture.benchmark(Fixture.year(2016), .authority("X1"), 90, indicator: "assessments"),
                Fixture.benchmark(Fixture.year(2016), .england, 74.9, indicator: "assessments"),
            ],
            neighbours: group)
        #expect(
            Fixture.analyse(dataset).sentence
                == "Assessments in 45 days: 74.9% in September 2017, up from 74.0% in August 2017; "
                + "just short of the March 2018 target of 75.0%; worse than statistical neighbours (81.0%, 2016/17, 2 of 3 councils); "
                + "the same as England (74.9%, 2016/17); ranked 4th of 4 (quartile D, 2016/17).")
    }

    @Test(arguments: [
        (19.0, "Caseload: 19.0 in September 2017; inside the 18.0–20.0 band for March 2018."),
        (20.5, "Caseload: 20.5 in September 2017; just outside the 18.0–20.0 band for March 2018."),
        (21.5, "Caseload: 21.5 in September 2017; outside the 18.0–20.0 band for March 2018."),
    ])
    func bands(value: Double, expected: String) {
        let indicator = Fixture.indicator("caseload", name: "Caseload", unit: .number, polarity: .band)
        let dataset = Fixture.dataset(
            indicator, rows: [Fixture.row("2017-09", value, indicator: "caseload")],
            targets: [Fixture.target(due: "2018-03", low: 18, high: 20, tolerance: 1, indicator: "caseload")])
        #expect(Fixture.analyse(dataset).sentence == expected)
    }

    @Test func neutralIndicatorsAreHigherOrLowerNeverBetter() {
        let indicator = Fixture.indicator("referrals", name: "Referrals", unit: .count, polarity: .neutral)
        let dataset = Fixture.dataset(
            indicator,
            rows: [
                Fixture.row("2017-08", 1100, indicator: "referrals"),
                Fixture.row("2017-09", 1234, indicator: "referrals"),
            ],
            benchmarks: [Fixture.benchmark(Fixture.year(2016), .england, 1000, indicator: "referrals")])
        #expect(
            Fixture.analyse(dataset).sentence
                == "Referrals: 1,234 in September 2017, up from 1,100 in August 2017; higher than England (1,000, 2016/17)."
        )
    }

    @Test func figuresThatAreNotThere() {
        func sentence(_ status: ValueStatus) -> String {
            Fixture.analyse(
                Fixture.dataset(
                    rows: [Fixture.row("2017-08", 20), Fixture.row("2017-09", nil, status: status)],
                    targets: [Fixture.target(due: "2018-03", value: 15)])
            ).sentence
        }
        #expect(sentence(.suppressed) == "Re-referrals: suppressed for September 2017.")
        #expect(sentence(.notAvailable) == "Re-referrals: not available for September 2017.")
        #expect(sentence(.notApplicable) == "Re-referrals: not applicable for September 2017.")
        #expect(sentence(.missing) == "Re-referrals: no figure for September 2017.")

        let dataset = Dataset(
            indicators: [Fixture.indicator(), Fixture.indicator("other", name: "Other")],
            observations: [Fixture.row("2017-09", 18.5)])
        #expect(
            Analysis.analyse(dataset).authorities[0].indicators[1].sentence == "Other: no figures up to September 2017."
        )
    }

    @Test func lowReliabilityAndNoChangeAtDisplayPrecision() {
        let dataset = Fixture.dataset(rows: [
            Fixture.row("2016-09", 18.46), Fixture.row("2017-09", 18.54, status: .lowReliability),
        ])
        #expect(
            Fixture.analyse(dataset).sentence
                == "Re-referrals: 18.5% (low reliability) in September 2017, the same as a year earlier.")
    }

    @Test func oneSidedTargets() {
        let dataset = Fixture.dataset(
            Fixture.indicator(polarity: .higher), rows: [Fixture.row("2017-09", 18.5)],
            targets: [Fixture.target(due: "2018-03", low: 18)])
        #expect(
            Fixture.analyse(dataset).sentence
                == "Re-referrals: 18.5% in September 2017; meeting the March 2018 target of at least 18.0%.")
    }

    @Test func ordinals() {
        #expect(
            [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112, 152].map(Narrative.ordinal)
                == [
                    "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st", "111th",
                    "112th", "152nd",
                ])
    }
}
