import KPIAnalysis
import KPIModel
import Testing

@Suite struct DirectionOfTravelTests {
    func analyse(
        _ rows: [Observation], polarity: Polarity = .lower, unit: IndicatorUnit = .percent,
        targets: [Target] = [], benchmarks: [Benchmark] = []
    ) -> IndicatorAnalysis {
        Fixture.analyse(
            Fixture.dataset(
                Fixture.indicator(unit: unit, polarity: polarity), rows: rows,
                targets: targets, benchmarks: benchmarks))
    }

    @Test func previousAndSameMonthLastYearCarryTheirPeriodsAndValues() throws {
        let analysis = analyse([
            Fixture.row("2016-09", 25.8), Fixture.row("2017-08", 19.1), Fixture.row("2017-09", 18.5),
        ])
        let previous = try #require(analysis.previous)
        #expect(previous.period == .month(Fixture.month("2017-08")))
        #expect(previous.value == 19.1)
        #expect(previous.judgement == .improved)
        let lastYear = try #require(analysis.sameMonthLastYear)
        #expect(lastYear.period == .month(Fixture.month("2016-09")))
        #expect(lastYear.value == 25.8)
        #expect(lastYear.judgement == .improved)
    }

    /// 18.46% and 18.54% both show as 18.5%: the board sees no change, so neither may the judgement.
    @Test func figuresEqualAtDisplayPrecisionAreUnchanged() {
        #expect(
            analyse([Fixture.row("2017-08", 18.54), Fixture.row("2017-09", 18.46)]).previous?.judgement == .unchanged)
        #expect(
            analyse([Fixture.row("2017-08", 18.54), Fixture.row("2017-09", 18.44)]).previous?.judgement == .improved)
        #expect(
            analyse([Fixture.row("2017-08", 18.54), Fixture.row("2017-09", 18.56)]).previous?.judgement == .declined)
    }

    @Test func higherPolarityMirrors() {
        let rows = [Fixture.row("2017-08", 70), Fixture.row("2017-09", 75)]
        #expect(analyse(rows, polarity: .higher).previous?.judgement == .improved)
        #expect(analyse(rows, polarity: .lower).previous?.judgement == .declined)
    }

    @Test func neutralIndicatorsOnlyChange() {
        let rows = [Fixture.row("2017-08", 1100), Fixture.row("2017-09", 1234)]
        #expect(analyse(rows, polarity: .neutral, unit: .count).previous?.judgement == .changed)
        #expect(
            analyse([Fixture.row("2017-08", 1234), Fixture.row("2017-09", 1234)], polarity: .neutral, unit: .count)
                .previous?.judgement == .unchanged)
    }

    @Test func bandIndicatorsImproveByComingCloserToTheBand() {
        let band = [Fixture.target(due: "2018-03", low: 18, high: 20)]
        #expect(
            analyse(
                [Fixture.row("2017-08", 23), Fixture.row("2017-09", 21)], polarity: .band, unit: .number,
                targets: band
            ).previous?.judgement == .improved)
        #expect(
            analyse(
                [Fixture.row("2017-08", 19), Fixture.row("2017-09", 17)], polarity: .band, unit: .number,
                targets: band
            ).previous?.judgement == .declined)
        // Both inside the band: equally good.
        #expect(
            analyse(
                [Fixture.row("2017-08", 18.5), Fixture.row("2017-09", 19.5)], polarity: .band, unit: .number,
                targets: band
            ).previous?.judgement == .unchanged)
        // No band to measure from: a change cannot be called better or worse.
        #expect(
            analyse([Fixture.row("2017-08", 23), Fixture.row("2017-09", 21)], polarity: .band, unit: .number)
                .previous?.judgement == nil)
    }

    @Test func aMissingPreviousMonthIsNullNotZero() {
        let analysis = analyse([Fixture.row("2017-07", 19.9), Fixture.row("2017-09", 18.5)])
        #expect(analysis.previous == nil)
        #expect(analysis.sameMonthLastYear == nil)
    }

    @Test func aSuppressedPreviousMonthIsNull() {
        #expect(
            analyse([Fixture.row("2017-08", nil, status: .suppressed), Fixture.row("2017-09", 18.5)]).previous == nil)
    }

    @Test func aSuppressedLatestMonthIsReportedAsSuppressedWithComparisonsUnjudged() throws {
        let analysis = analyse([Fixture.row("2017-08", 19.1), Fixture.row("2017-09", nil, status: .suppressed)])
        #expect(analysis.period == Fixture.month("2017-09"))
        #expect(analysis.status == .suppressed)
        #expect(analysis.value == nil)
        let previous = try #require(analysis.previous)
        #expect(previous.value == 19.1)
        #expect(previous.judgement == nil)
    }
}

@Suite struct LastYearOutturnTests {
    /// The twelve months of 2016/17 for `home`.
    func year2016(
        _ value: (Int) -> Double?, numerator: (Int) -> Double? = { _ in nil },
        denominator: (Int) -> Double? = { _ in nil }
    ) -> [Observation] {
        (0..<12).map { offset in
            let month = Month(year: 2016, month: 4).adding(months: offset)
            return Fixture.row(
                month.description, value(offset), numerator: numerator(offset), denominator: denominator(offset),
                status: value(offset) == nil ? .suppressed : .ok)
        }
    }

    func lastYearOutturn(
        unit: IndicatorUnit, rows: [Observation], benchmarks: [Benchmark] = [],
        latest: Observation = Fixture.row("2017-09", 18.5)
    ) -> DirectionOfTravel? {
        Fixture.analyse(Fixture.dataset(Fixture.indicator(unit: unit), rows: rows + [latest], benchmarks: benchmarks))
            .lastYearOutturn
    }

    @Test func theGivenValueForTheYearWins() throws {
        let rows = year2016({ _ in 25 }, numerator: { _ in 10 }, denominator: { _ in 40 })
        let given = Fixture.benchmark(Fixture.year(2016), .authority(Fixture.home), 17.0)
        let outturn = try #require(lastYearOutturn(unit: .percent, rows: rows, benchmarks: [given]))
        #expect(outturn.period == Fixture.year(2016))
        #expect(outturn.period.label == "2016/17")
        #expect(outturn.value == 17.0)
        #expect(outturn.judgement == .declined)  // 18.5% now against 17.0%, lower is better
    }

    @Test func anotherAuthoritysValueIsNotOurs() {
        let given = Fixture.benchmark(Fixture.year(2016), .authority("E06000016"), 17.0)
        #expect(lastYearOutturn(unit: .percent, rows: [], benchmarks: [given]) == nil)
    }

    /// Eleven months of 10/40 and one of 30/60: 140/500 = 28.0%. Averaging the rates would give 27.1%.
    @Test func aPercentIsRebuiltFromItsCounts() throws {
        let rows = year2016({ $0 == 5 ? 50 : 25 }, numerator: { $0 == 5 ? 30 : 10 }, denominator: { $0 == 5 ? 60 : 40 })
        let outturn = try #require(lastYearOutturn(unit: .percent, rows: rows))
        #expect(abs(outturn.value - 28.0) < 1e-9)
        #expect(outturn.judgement == .improved)
    }

    @Test func aCountIsSummed() throws {
        let rows = year2016({ Double($0 + 1) })
        #expect(try #require(lastYearOutturn(unit: .count, rows: rows, latest: Fixture.row("2017-09", 7))).value == 78)
    }

    @Test func ratesCannotBeAggregated() {
        #expect(lastYearOutturn(unit: .ratePer10k, rows: year2016({ _ in 40 })) == nil)
        #expect(lastYearOutturn(unit: .percent, rows: year2016({ _ in 25 })) == nil)  // no counts behind the rates
    }

    @Test func everyMonthIsRequired() {
        let suppressedMonth = year2016({ $0 == 3 ? nil : Double($0) })
        #expect(lastYearOutturn(unit: .count, rows: suppressedMonth, latest: Fixture.row("2017-09", 7)) == nil)
        let skippedMonth = year2016({ Double($0) }).filter { $0.month != Month(year: 2016, month: 10) }
        #expect(lastYearOutturn(unit: .count, rows: skippedMonth, latest: Fixture.row("2017-09", 7)) == nil)
    }

    /// March 2017 is part of 2016/17, so its last complete year is 2015/16.
    @Test func theYearHoldingThePeriodIsNeverItsOwnOutturn() throws {
        let benchmarks = [
            Fixture.benchmark(Fixture.year(2015), .authority(Fixture.home), 21),
            Fixture.benchmark(Fixture.year(2016), .authority(Fixture.home), 17),
        ]
        let outturn = try #require(
            lastYearOutturn(unit: .percent, rows: [], benchmarks: benchmarks, latest: Fixture.row("2017-03", 18.5)))
        #expect(outturn.period.label == "2015/16")
        #expect(outturn.value == 21)
    }

    @Test func theFinancialYearFollowsTheSettings() throws {
        var dataset = Fixture.dataset(
            Fixture.indicator(unit: .count),
            rows: (1...12).map { Fixture.row(Month(year: 2016, month: $0).description, 1) } + [
                Fixture.row("2017-09", 7)
            ])
        dataset.settings.financialYearStartMonth = 1
        let outturn = try #require(Fixture.analyse(dataset).lastYearOutturn)
        #expect(outturn.period == Period.financialYear(startYear: 2016, startMonth: 1))
        #expect(outturn.value == 12)
    }
}
