import KPIModel
import Testing

@testable import KPIAnalysis

@Suite struct DashboardShapeTests {
    @Test func asOfDefaultsToTheLatestMonthAndAuthoritiesSortByCodeWithNames() {
        let dataset = Dataset(
            indicators: [Fixture.indicator()],
            observations: [Fixture.row("2017-08", 20, authority: "E2"), Fixture.row("2017-09", 18.5, authority: "E1")],
            authorities: [Authority(code: "E1", name: "Leicestershire")])
        let analysis = Analysis.analyse(dataset)
        #expect(analysis.asOf == Fixture.month("2017-09"))
        #expect(analysis.authorities.map(\.code) == ["E1", "E2"])
        #expect(analysis.authorities.map(\.name) == ["Leicestershire", "E2"])
    }

    @Test func settingsAsOfCutsTheSeries() {
        let rows = ["2017-07", "2017-08", "2017-09"].map { Fixture.row($0, 18.5) }
        let analysis = Fixture.analyse(Fixture.dataset(rows: rows, asOf: "2017-08"))
        #expect(analysis.period == Fixture.month("2017-08"))
        #expect(analysis.series.map(\.month) == [Fixture.month("2017-07"), Fixture.month("2017-08")])
    }

    @Test func everyCatalogueIndicatorIsReportedInCatalogueOrderEvenWithoutFigures() throws {
        let indicators = [Fixture.indicator("zeta"), Fixture.indicator("alpha")]
        let dataset = Dataset(indicators: indicators, observations: [Fixture.row("2017-09", 1, indicator: "zeta")])
        let authority = try #require(Analysis.analyse(dataset).authorities.first)
        #expect(authority.indicators.map(\.indicator.id) == ["zeta", "alpha"])
        #expect(authority.indicators[1].period == nil)
        #expect(authority.indicators[1].status == .missing)
    }

    @Test func aDatasetWithoutFiguresHasNoAsOfAndNoAuthorities() {
        let analysis = Analysis.analyse(Dataset(indicators: [Fixture.indicator()]))
        #expect(analysis.asOf == nil)
        #expect(analysis.authorities.isEmpty)
    }

    @Test func seriesFillSkippedMonthsWithGapsAndBreakdownsSortByName() throws {
        let rows = [
            Fixture.row("2017-06", 20, numerator: 20, denominator: 100),
            Fixture.row("2017-08", nil, status: .suppressed),
            Fixture.row("2017-09", 18.5),
            Fixture.row("2017-09", 17, breakdown: "Team B"),
            Fixture.row("2017-09", 16, breakdown: "Team A"),
        ]
        let analysis = Fixture.analyse(Fixture.dataset(rows: rows))
        #expect(analysis.series.map(\.status) == [.ok, .missing, .suppressed, .ok])
        #expect(analysis.series.map(\.value) == [20, nil, nil, 18.5])
        #expect(analysis.series[0].numerator == 20)
        #expect(analysis.series[1].source == nil)
        #expect(analysis.breakdowns.map(\.name) == ["Team A", "Team B"])
        #expect(analysis.breakdowns[0].points.map(\.value) == [16])
    }

    @Test func theLatestValuesOfARunAreWhatSPCReads() {
        let points = [
            SeriesPoint(month: Fixture.month("2017-01"), value: 1, status: .ok),
            SeriesPoint(month: Fixture.month("2017-02"), value: nil, status: .suppressed),
            SeriesPoint(month: Fixture.month("2017-03"), value: 3, status: .ok),
            SeriesPoint(month: Fixture.month("2017-04"), value: 4, status: .lowReliability),
        ]
        #expect(IndicatorAnalyser.latestRun(of: points) == [3, 4])
        #expect(IndicatorAnalyser.latestRun(of: points + [.gap(Fixture.month("2017-05"))]) == [])
    }

    @Test func spcReadsOnlyTheRunEndingAtTheLatestMonth() throws {
        let early = (1...3).map { Fixture.row(Month(year: 2016, month: $0).description, 50) }
        let run = (5...12).map { Fixture.row(Month(year: 2016, month: $0).description, Double($0)) }
        #expect(try #require(Fixture.analyse(Fixture.dataset(rows: early + run)).spc).points == 8)
        let suppressedLatest = Fixture.row("2017-01", nil, status: .suppressed)
        #expect(Fixture.analyse(Fixture.dataset(rows: early + run + [suppressedLatest])).spc == nil)
    }
}

@Suite struct CommentaryAndQualityTests {
    @Test func commentaryIsNewestFirstAndTheRecordedRatingNeverReplacesTheComputedOne() {
        var dataset = Fixture.dataset(
            rows: [Fixture.row("2017-09", 18.5)], targets: [Fixture.target(due: "2018-03", value: 15)])
        dataset.commentary = [
            Commentary(indicator: "re_referrals", period: .month(Fixture.month("2017-08")), text: "August"),
            Commentary(
                indicator: "re_referrals", period: .month(Fixture.month("2017-09")), text: "Ours",
                authority: Fixture.home, recordedRAG: .green),
            Commentary(
                indicator: "re_referrals", period: .month(Fixture.month("2017-09")), text: "Everyone's",
                recordedRAG: .amber),
            Commentary(
                indicator: "re_referrals", period: .month(Fixture.month("2017-09")), text: "Theirs",
                authority: "E06000016", recordedRAG: .red),
        ]
        let analysis = Fixture.analyse(dataset)
        #expect(analysis.commentary.map(\.text) == ["Ours", "Everyone's", "August"])
        #expect(analysis.recordedRAG == .green)
        #expect(analysis.rag == .red)
    }

    @Test func qualityListsSkippedMonthsFlaggedCellsAndRevisions() throws {
        let earlier = Fixture.row("2017-07", 30)
        let rows = [
            Fixture.row("2017-05", 20),
            Fixture.row("2017-07", 21),
            Fixture.row("2017-08", nil, status: .suppressed),
            Fixture.row("2017-09", nil, status: .notAvailable),
            Fixture.row("2017-09", 12, status: .lowReliability, breakdown: "Team A"),
            Fixture.row("2017-10", nil, status: .suppressed),  // after asOf
        ]
        var dataset = Fixture.dataset(rows: rows, asOf: "2017-09")
        dataset.revisions = [
            Revision(earlier: earlier, later: rows[1]),
            Revision(
                earlier: Fixture.row("2017-07", 1, authority: "E06000016"),
                later: Fixture.row("2017-07", 2, authority: "E06000016")),
        ]
        let quality = try #require(Analysis.analyse(dataset).authorities.first?.quality)
        let indicator = quality.indicators[0]
        #expect(indicator.missingMonths == [Fixture.month("2017-06")])
        #expect(indicator.flaggedCells.map(\.status) == [.suppressed, .notAvailable, .lowReliability])
        #expect(indicator.flaggedCells.map(\.breakdown) == ["", "", "Team A"])
        #expect(indicator.count(.suppressed) == 1)
        #expect(indicator.count(.notAvailable) == 1)
        #expect(indicator.flaggedCells[0].source == RowReference(file: "extracts/2017-08.csv", line: 2))
        #expect(quality.revisions.map(\.month) == [Fixture.month("2017-07")])
        #expect(quality.revisions.count == 1)
    }

    @Test func warningsAreCarriedThrough() {
        var dataset = Fixture.dataset(rows: [Fixture.row("2017-09", 18.5)])
        dataset.warnings = [
            Diagnostic(file: "indicators.csv", line: 1, column: 7, severity: .warning, message: "unknown column")
        ]
        #expect(Analysis.analyse(dataset).warnings.map(\.message) == ["unknown column"])
    }
}
