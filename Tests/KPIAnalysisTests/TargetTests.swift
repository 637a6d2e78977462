import KPIAnalysis
import KPIModel
import Testing

@Suite struct TargetSelectionTests {
    let targets = [
        Fixture.target(due: "2017-03", value: 10),
        Fixture.target(due: "2018-03", value: 15),
        Fixture.target(due: "2019-03", value: 20),
    ]

    func applicableValue(for period: String, targets: [Target]? = nil) -> Double? {
        let dataset = Fixture.dataset(rows: [Fixture.row(period, 18.5)], targets: targets ?? self.targets)
        return Fixture.analyse(dataset).target?.target.value
    }

    @Test func beforeTheFirstDueTheFirstApplies() {
        #expect(applicableValue(for: "2016-06") == 10)
    }

    @Test func aTargetStillAppliesInItsDueMonth() {
        #expect(applicableValue(for: "2017-03") == 10)
    }

    @Test func betweenDuesTheNextDueApplies() {
        #expect(applicableValue(for: "2017-04") == 15)
        #expect(applicableValue(for: "2017-09") == 15)
    }

    @Test func afterTheLastDueTheLastGoesOnApplying() {
        #expect(applicableValue(for: "2019-06") == 20)
    }

    @Test func thisAuthoritysTargetBeatsTheBlankOneForTheSameDue() {
        let targets = [
            Fixture.target(due: "2018-03", value: 15),
            Fixture.target(due: "2018-03", value: 12, authority: Fixture.home),
            Fixture.target(due: "2018-03", value: 9, authority: "E06000016"),
        ]
        #expect(applicableValue(for: "2017-09", targets: targets) == 12)
        #expect(applicableValue(for: "2017-09", targets: Array(targets.reversed())) == 12)
    }

    @Test func anotherAuthoritysTargetNeverApplies() {
        #expect(
            applicableValue(for: "2017-09", targets: [Fixture.target(due: "2018-03", value: 9, authority: "E06000016")])
                == nil)
    }

    @Test func theTargetCarriesItsDueAndLabel() throws {
        let analysis = Fixture.analyse(Fixture.dataset(rows: [Fixture.row("2017-09", 18.5)], targets: targets))
        let target = try #require(analysis.target)
        #expect(target.target.due == Fixture.month("2018-03"))
        #expect(target.target.label == "Target March 2018")
    }
}

@Suite struct TargetJudgementTests {
    func judge(
        _ value: Double?, polarity: Polarity, target: Target, status: ValueStatus = .ok,
        unit: IndicatorUnit = .percent
    ) -> (TargetJudgement?, RAG?) {
        let indicator = Fixture.indicator(unit: unit, polarity: polarity)
        let analysis = Fixture.analyse(
            Fixture.dataset(
                indicator, rows: [Fixture.row("2017-09", value, status: status)],
                targets: [target]))
        return (analysis.target?.judgement, analysis.rag)
    }

    @Test(arguments: [
        (15.0, TargetJudgement.met), (14.2, .met),
        (15.04, .met),  // shows as 15.0%
        (15.05, .near),  // shows as 15.1%
        (16.0, .near),  // exactly the tolerance
        (16.04, .near),  // shows as 16.0%
        (16.05, .missed),
    ])
    func lowerIsBetter(value: Double, expected: TargetJudgement) {
        #expect(
            judge(value, polarity: .lower, target: Fixture.target(due: "2018-03", value: 15, tolerance: 1)).0
                == expected)
    }

    @Test(arguments: [
        (80.0, TargetJudgement.met), (93.0, .met), (79.96, .met), (78.0, .near), (77.96, .near), (77.9, .missed),
    ])
    func higherIsBetter(value: Double, expected: TargetJudgement) {
        #expect(
            judge(value, polarity: .higher, target: Fixture.target(due: "2018-03", value: 80, tolerance: 2)).0
                == expected)
    }

    @Test(arguments: [
        (18.0, TargetJudgement.met), (19.0, .met), (20.0, .met), (20.04, .met),
        (17.0, .near), (21.0, .near), (16.9, .missed), (21.1, .missed),
    ])
    func insideTheBand(value: Double, expected: TargetJudgement) {
        let band = Fixture.target(due: "2018-03", low: 18, high: 20, tolerance: 1)
        #expect(judge(value, polarity: .band, target: band, unit: .number).0 == expected)
    }

    @Test func withoutAToleranceThereIsNoNearZone() {
        #expect(judge(15.1, polarity: .lower, target: Fixture.target(due: "2018-03", value: 15)).0 == .missed)
    }

    /// 15.3 − 15.2 is 0.10000000000000142 in binary: the boundary must still count as within tolerance.
    @Test func theToleranceBoundaryIsExactDespiteBinaryFractions() {
        #expect(
            judge(15.3, polarity: .lower, target: Fixture.target(due: "2018-03", value: 15.2, tolerance: 0.1)).0
                == .near)
    }

    @Test func ragFollowsTheJudgement() {
        let target = Fixture.target(due: "2018-03", value: 15, tolerance: 1)
        #expect(judge(14, polarity: .lower, target: target).1 == .green)
        #expect(judge(15.5, polarity: .lower, target: target).1 == .amber)
        #expect(judge(17, polarity: .lower, target: target).1 == .red)
    }

    @Test func aNeutralIndicatorIsNeverJudged() {
        let (judgement, rag) = judge(15, polarity: .neutral, target: Fixture.target(due: "2018-03", value: 15))
        #expect(judgement == nil)
        #expect(rag == nil)
    }

    @Test func aSuppressedFigureKeepsItsTargetButHasNoJudgement() {
        let indicator = Fixture.indicator()
        let analysis = Fixture.analyse(
            Fixture.dataset(
                indicator, rows: [Fixture.row("2017-09", nil, status: .suppressed)],
                targets: [Fixture.target(due: "2018-03", value: 15)]))
        #expect(analysis.target?.target.value == 15)
        #expect(analysis.target?.judgement == nil)
        #expect(analysis.rag == nil)
        #expect(analysis.status == .suppressed)
        #expect(analysis.value == nil)
    }

    @Test func noTargetNoRAG() {
        let analysis = Fixture.analyse(Fixture.dataset(rows: [Fixture.row("2017-09", 18.5)]))
        #expect(analysis.target == nil)
        #expect(analysis.rag == nil)
    }
}
