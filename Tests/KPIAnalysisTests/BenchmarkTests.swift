import KPIAnalysis
import KPIModel
import Testing

@Suite struct BenchmarkSelectionTests {
    let england = [
        Fixture.benchmark(Fixture.year(2015), .england, 20.0),
        Fixture.benchmark(Fixture.year(2016), .england, 21.9),
        Fixture.benchmark(Fixture.year(2017), .england, 23.0),
    ]

    func analyse(
        _ period: String, _ value: Double = 18.5, benchmarks: [Benchmark], polarity: Polarity = .lower,
        targets: [Target] = []
    ) -> IndicatorAnalysis {
        Fixture.analyse(
            Fixture.dataset(
                Fixture.indicator(polarity: polarity), rows: [Fixture.row(period, value)],
                targets: targets, benchmarks: benchmarks))
    }

    @Test func aMonthIsComparedWithTheLatestPeriodEndingOnOrBeforeIt() throws {
        let september = try #require(analyse("2017-09", benchmarks: england).england)
        #expect(september.period.label == "2016/17")
        #expect(september.value == 21.9)
        #expect(september.judgement == .better)
        #expect(try #require(analyse("2018-03", benchmarks: england).england).period.label == "2017/18")
        #expect(analyse("2015-12", benchmarks: england).england == nil)
    }

    @Test func aQuarterEndingLaterBeatsAnEarlierYear() throws {
        let quarter = Fixture.benchmark(.quarter(1, ofFinancialYear: 2017), .england, 22.5)
        let comparison = try #require(analyse("2017-09", benchmarks: england + [quarter]).england)
        #expect(comparison.period.label == "2017/18 Q1")
        #expect(comparison.value == 22.5)
    }

    @Test func aBenchmarkWithoutAValueIsPassedOver() throws {
        let withheld = Fixture.benchmark(Fixture.year(2016), .england, nil, status: .notAvailable)
        let comparison = try #require(analyse("2017-09", benchmarks: [england[0], withheld]).england)
        #expect(comparison.period.label == "2015/16")
    }

    @Test func regionRowsForThisAuthorityBeatBlankOnesAndOthersAreIgnored() throws {
        let rows = [
            Fixture.benchmark(Fixture.year(2016), .region, 24.0),
            Fixture.benchmark(Fixture.year(2016), .region, 26.0, authority: Fixture.home),
            Fixture.benchmark(Fixture.year(2016), .region, 12.0, authority: "E06000016"),
        ]
        #expect(try #require(analyse("2017-09", benchmarks: rows).region).value == 26.0)
        #expect(try #require(analyse("2017-09", benchmarks: [rows[0], rows[2]]).region).value == 24.0)
    }

    @Test func comparatorJudgementsAreMadeAtDisplayPrecision() {
        let rows = [Fixture.benchmark(Fixture.year(2016), .england, 18.46)]
        #expect(analyse("2017-09", 18.54, benchmarks: rows).england?.judgement == .same)
        #expect(analyse("2017-09", 18.56, benchmarks: rows).england?.judgement == .worse)
        #expect(analyse("2017-09", 18.56, benchmarks: rows, polarity: .higher).england?.judgement == .better)
    }

    @Test func neutralIndicatorsAreHigherOrLower() {
        let rows = [Fixture.benchmark(Fixture.year(2016), .england, 20)]
        #expect(analyse("2017-09", 25, benchmarks: rows, polarity: .neutral).england?.judgement == .higher)
        #expect(analyse("2017-09", 15, benchmarks: rows, polarity: .neutral).england?.judgement == .lower)
        #expect(analyse("2017-09", 20, benchmarks: rows, polarity: .neutral).england?.judgement == .same)
    }

    @Test func bandIndicatorsAreBetterWhenCloserToTheBand() {
        let band = [Fixture.target(due: "2018-03", low: 18, high: 20)]
        let rows = [Fixture.benchmark(Fixture.year(2016), .england, 22)]
        #expect(analyse("2017-09", 19, benchmarks: rows, polarity: .band, targets: band).england?.judgement == .better)
        #expect(analyse("2017-09", 15, benchmarks: rows, polarity: .band, targets: band).england?.judgement == .worse)
        #expect(analyse("2017-09", 16, benchmarks: rows, polarity: .band, targets: band).england?.judgement == .same)
    }
}

@Suite struct StatisticalNeighbourTests {
    /// Ten neighbours; seven reported for 2016/17 (20, 22, 18, 25, 21, 19, 30); of the other three
    /// one reported only for 2015/16, one only for 2017/18 (after September 2017) and one never.
    let group = (1...10).map { NeighbourLink(authority: Fixture.home, neighbour: "N\($0)", rank: $0) }
    var perAuthority: [Benchmark] {
        let reported: [(String, Double)] = [
            ("N1", 20), ("N2", 22), ("N3", 18), ("N5", 25), ("N6", 21), ("N8", 19), ("N10", 30),
        ]
        return reported.map { Fixture.benchmark(Fixture.year(2016), .authority($0.0), $0.1) } + [
            Fixture.benchmark(Fixture.year(2015), .authority("N4"), 99),
            Fixture.benchmark(Fixture.year(2017), .authority("N7"), 99),
            Fixture.benchmark(Fixture.year(2016), .authority("N9"), nil, status: .suppressed),
            Fixture.benchmark(Fixture.year(2016), .authority("E06000016"), 99),  // not a neighbour
            Fixture.benchmark(Fixture.year(2016), .authority(Fixture.home), 99),  // ourselves
        ]
    }

    func neighbours(method: NeighbourMethod, given: [Benchmark] = [], value: Double = 18.5) -> NeighbourComparison? {
        Fixture.analyse(
            Fixture.dataset(
                Fixture.indicator(method: method), rows: [Fixture.row("2017-09", value)],
                benchmarks: perAuthority + given, neighbours: group.reversed())
        ).statisticalNeighbours
    }

    /// (20 + 22 + 18 + 25 + 21 + 19 + 30) / 7 = 155 / 7 = 22.142…
    @Test func theMeanOfThoseThatReported() throws {
        let result = try #require(neighbours(method: .mean))
        #expect(abs(result.value - 155.0 / 7) < 1e-9)
        #expect(result.n == 7)
        #expect(result.of == 10)
        #expect(result.method == .mean)
        #expect(result.period.label == "2016/17")
        #expect(result.judgement == .better)
    }

    /// Sorted: 18, 19, 20, 21, 22, 25, 30: the median is 21.
    @Test func theMedianOfThoseThatReported() throws {
        let result = try #require(neighbours(method: .median))
        #expect(result.value == 21)
        #expect(result.n == 7)
        #expect(result.of == 10)
        #expect(result.method == .median)
        #expect(neighbours(method: .median, value: 21.04)?.judgement == .same)
    }

    @Test func anEvenMedianIsTheMeanOfTheMiddleTwo() throws {
        let group = (1...4).map { NeighbourLink(authority: Fixture.home, neighbour: "N\($0)", rank: $0) }
        let rows = [10.0, 40, 20, 30].enumerated().map {
            Fixture.benchmark(Fixture.year(2016), .authority("N\($0.offset + 1)"), $0.element)
        }
        let analysis = Fixture.analyse(
            Fixture.dataset(
                Fixture.indicator(method: .median), rows: [Fixture.row("2017-09", 18.5)],
                benchmarks: rows, neighbours: group))
        #expect(analysis.statisticalNeighbours?.value == 25)
    }

    @Test func aGivenRowForTheSamePeriodIsPreferred() throws {
        let given = Fixture.benchmark(Fixture.year(2016), .statisticalNeighbours, 21.9)
        let result = try #require(neighbours(method: .mean, given: [given]))
        #expect(result.value == 21.9)
        #expect(result.n == nil)
        #expect(result.of == nil)
        #expect(result.method == nil)
        #expect(result.judgement == .better)
    }

    @Test func aComputedValueForALaterPeriodBeatsAnOlderGivenRow() throws {
        let given = Fixture.benchmark(Fixture.year(2015), .statisticalNeighbours, 21.9)
        let result = try #require(neighbours(method: .mean, given: [given]))
        #expect(result.period.label == "2016/17")
        #expect(result.n == 7)
    }

    @Test func noGroupAndNoRowMeansNoComparison() {
        let analysis = Fixture.analyse(Fixture.dataset(rows: [Fixture.row("2017-09", 18.5)], benchmarks: perAuthority))
        #expect(analysis.statisticalNeighbours == nil)
    }
}

@Suite struct RankTests {
    /// Five authorities for 2016/17, one of them suppressed (not counted); two tie at 75.0 at display precision.
    func rank(polarity: Polarity, ownValue: Double = 75.04) -> NationalRank? {
        let field = [
            Fixture.benchmark(Fixture.year(2016), .authority("A"), 80),
            Fixture.benchmark(Fixture.year(2016), .authority("B"), 74.96),
            Fixture.benchmark(Fixture.year(2016), .authority(Fixture.home), ownValue),
            Fixture.benchmark(Fixture.year(2016), .authority("D"), 70),
            Fixture.benchmark(Fixture.year(2016), .authority("E"), 60),
            Fixture.benchmark(Fixture.year(2016), .authority("F"), nil, status: .suppressed),
            Fixture.benchmark(Fixture.year(2017), .authority("A"), 10),  // ends after September 2017
        ]
        return Fixture.analyse(
            Fixture.dataset(
                Fixture.indicator(polarity: polarity), rows: [Fixture.row("2017-09", 50)],
                benchmarks: field)
        ).rank
    }

    /// Higher is better: only 80 is ahead, so position 2 of 5; quartile ⌊4 × 1 / 5⌋ + 1 = 1 = A.
    @Test func higherPolarityWithATie() throws {
        let result = try #require(rank(polarity: .higher))
        #expect(result.position == 2)
        #expect(result.of == 5)
        #expect(result.quartile == .a)
        #expect(result.period.label == "2016/17")
    }

    /// Lower is better: 70 and 60 are ahead, so position 3 of 5; quartile ⌊4 × 2 / 5⌋ + 1 = 2 = B.
    @Test func lowerPolarityWithATie() throws {
        let result = try #require(rank(polarity: .lower))
        #expect(result.position == 3)
        #expect(result.quartile == .b)
    }

    @Test func neutralAndBandIndicatorsAreNotRanked() {
        #expect(rank(polarity: .neutral) == nil)
        #expect(rank(polarity: .band) == nil)
    }

    /// Eight authorities 10…80, all with monthly rows so each is analysed: ⌈4p/8⌉ gives A A B B C C D D.
    @Test(arguments: [Polarity.higher, .lower])
    func quartilesPutTheBestQuarterInA(polarity: Polarity) {
        let codes = (1...8).map { "E0\($0)" }
        let dataset = Dataset(
            indicators: [Fixture.indicator(polarity: polarity)],
            observations: codes.map { Fixture.row("2017-09", 1, authority: $0) },
            benchmarks: codes.enumerated().map {
                Fixture.benchmark(Fixture.year(2016), .authority($0.element), Double(10 * ($0.offset + 1)))
            })
        let ranks = Analysis.analyse(dataset).authorities.map { $0.indicators[0].rank }
        let positions = ranks.map { $0?.position }
        let quartiles = ranks.map { $0?.quartile.rawValue ?? "-" }.joined()
        if polarity == .higher {
            #expect(positions == [8, 7, 6, 5, 4, 3, 2, 1])
            #expect(quartiles == "DDCCBBAA")
        } else {
            #expect(positions == [1, 2, 3, 4, 5, 6, 7, 8])
            #expect(quartiles == "AABBCCDD")
        }
    }

    @Test func noOwnValueNoRank() {
        let field = [Fixture.benchmark(Fixture.year(2016), .authority("A"), 80)]
        let analysis = Fixture.analyse(
            Fixture.dataset(
                Fixture.indicator(polarity: .higher), rows: [Fixture.row("2017-09", 50)],
                benchmarks: field))
        #expect(analysis.rank == nil)
    }
}

@Suite struct QuartileBandTests {
    /// LAIT's bands hold a quarter of the field each: 152 authorities put positions 1-38 in A and 115-152 in D,
    /// and fewer than four authorities are not ranked at all.
    @Test func bandsHoldAQuarterEach() throws {
        func quartile(position: Int, of: Int) throws -> Quartile? {
            var field = (0..<of).map { Fixture.benchmark(Fixture.year(2016), .authority("A\($0 + 1)"), Double($0 + 1)) }
            field.append(Fixture.benchmark(Fixture.year(2016), .authority(Fixture.home), Double(position) - 0.5))
            let dataset = Fixture.dataset(
                Fixture.indicator(polarity: .lower), rows: [Fixture.row("2017-09", 50)], benchmarks: field)
            return Fixture.analyse(dataset).rank?.quartile
        }
        #expect(try quartile(position: 1, of: 0) == nil)  // an authority alone is not ranked
        #expect(try quartile(position: 1, of: 3) == .a)
        #expect(try quartile(position: 4, of: 3) == .d)
        #expect(try quartile(position: 38, of: 151) == .a)
        #expect(try quartile(position: 39, of: 151) == .b)
        #expect(try quartile(position: 114, of: 151) == .c)
        #expect(try quartile(position: 115, of: 151) == .d)
        #expect(try quartile(position: 152, of: 151) == .d)
    }
}
