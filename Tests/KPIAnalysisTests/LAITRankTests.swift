import KPIAnalysis
import KPIModel
import Testing

/// Ranks and quartile bands as published.md and LAIT set them: type-7 percentile cut points, a value on a
/// cut point in the band of lower values, `low` ranked but out of the cut points, and no rank from another period.
@Suite struct LAITRankTests {
    /// A yearly indicator whose own figure for 2024/25 is `own`, among `others` (A1, A2, …) for that year.
    func rank(_ own: Benchmark, among others: [Double?], polarity: Polarity, lows: Int = 0) -> NationalRank? {
        var field = others.enumerated().map {
            Fixture.benchmark(Fixture.year(2024), .authority("A\($0.offset + 1)"), $0.element)
        }
        field += (0..<lows).map { Fixture.benchmark(Fixture.year(2024), .authority("L\($0 + 1)"), nil, status: .low) }
        let indicator = Indicator(
            id: "re_referrals", name: "Re-referrals", area: "First Response", unit: .percent,
            polarity: polarity, frequency: .year)
        let row = Observation(
            authority: Fixture.home, indicator: "re_referrals", month: Fixture.month("2025-03"),
            value: own.value, status: own.status, source: RowReference(file: "published/c1.csv", line: 9))
        return Fixture.analyse(Fixture.dataset(indicator, rows: [row], benchmarks: field + [own])).rank
    }

    func own(_ value: Double?, _ status: ValueStatus = .ok, year: Int = 2024) -> Benchmark {
        Fixture.benchmark(Fixture.year(year), .authority(Fixture.home), value, status: status)
    }

    /// Seven values 10…70 and ours, 25: the eight sorted values cut at 23.75 (h = 7 × 0.25 = 1.75, so
    /// 20 + 0.75 × 5), 35 and 52.5.
    @Test func cutPointsAreType7Percentiles() throws {
        let others: [Double?] = [10, 20, 30, 40, 50, 60, 70]
        let lower = try #require(rank(own(25), among: others, polarity: .lower))
        #expect(lower.position == 3)
        #expect(lower.of == 8)
        #expect(lower.quartile == .b)  // above 23.75, at most 35
        let higher = try #require(rank(own(25), among: others, polarity: .higher))
        #expect(higher.position == 6)
        #expect(higher.quartile == .c)
    }

    /// Five values 10 20 30 40 50 cut at exactly 20, 30 and 40: a value on a cut point is in the band of
    /// lower values, the better band when lower is better and the worse when higher is better.
    @Test func aValueOnACutPointFallsInTheBandOfLowerValues() throws {
        let others: [Double?] = [10, 20, 40, 50]
        #expect(try #require(rank(own(30), among: others, polarity: .lower)).quartile == .b)
        #expect(try #require(rank(own(30), among: others, polarity: .higher)).quartile == .c)
        #expect(try #require(rank(own(20), among: [10, 30, 40, 50], polarity: .lower)).quartile == .a)
        #expect(try #require(rank(own(20), among: [10, 30, 40, 50], polarity: .higher)).quartile == .d)
    }

    /// Agency staffing: `low` is above a true zero and below every shown figure, counts in the number
    /// ranked, and is left out of the cut points (here 12.5, 25 and 37.5, from 0…50 alone).
    @Test func lowRanksBetweenZeroAndEveryShownFigure() throws {
        let others: [Double?] = [0, 10, 20, 30, 40, 50]
        let lower = try #require(rank(own(nil, .low), among: others, polarity: .lower, lows: 1))
        #expect(lower.position == 2)  // only the true zero is ahead; the other low ties with ours
        #expect(lower.of == 8)
        #expect(lower.quartile == .a)
        let higher = try #require(rank(own(nil, .low), among: others, polarity: .higher, lows: 1))
        #expect(higher.position == 6)  // 10…50 are ahead; the other low ties
        #expect(higher.quartile == .d)
        // A shown figure is ranked among the lows too: 5 is behind the zero and both lows when lower is better.
        #expect(try #require(rank(own(5), among: others, polarity: .lower, lows: 2)).position == 4)
    }

    /// The latest figure suppressed: no rank, never the rank of an earlier year.
    @Test func aSuppressedLatestFigureHasNoRank() {
        let earlier =
            (1...5).map { Fixture.benchmark(Fixture.year(2023), .authority("A\($0)"), Double($0)) }
            + [Fixture.benchmark(Fixture.year(2023), .authority(Fixture.home), 3)]
        let indicator = Indicator(
            id: "re_referrals", name: "Re-referrals", area: "First Response", unit: .percent,
            polarity: .lower, frequency: .year)
        let row = Observation(
            authority: Fixture.home, indicator: "re_referrals", month: Fixture.month("2025-03"),
            value: nil, status: .suppressed, source: RowReference(file: "published/c1.csv", line: 9))
        let field =
            (1...5).map { Fixture.benchmark(Fixture.year(2024), .authority("A\($0)"), Double($0)) }
            + [own(nil, .suppressed)]
        #expect(Fixture.analyse(Fixture.dataset(indicator, rows: [row], benchmarks: earlier + field)).rank == nil)
        // Without the 2024/25 row at all, the yearly figure still has no rank from 2023/24.
        #expect(Fixture.analyse(Fixture.dataset(indicator, rows: [row], benchmarks: earlier)).rank == nil)
    }

    /// A monthly indicator is ranked for the latest year in which it has a row; a suppressed row there means none.
    @Test func aMonthlyFigureIsNotRankedForAnOlderYearWhenTheLatestIsSuppressed() {
        let field = (1...5).flatMap { n in
            [
                Fixture.benchmark(Fixture.year(2015), .authority("A\(n)"), Double(n)),
                Fixture.benchmark(Fixture.year(2016), .authority("A\(n)"), Double(n)),
            ]
        }
        let own = [
            Fixture.benchmark(Fixture.year(2015), .authority(Fixture.home), 2),
            Fixture.benchmark(Fixture.year(2016), .authority(Fixture.home), nil, status: .suppressed),
        ]
        let analysis = Fixture.analyse(
            Fixture.dataset(Fixture.indicator(), rows: [Fixture.row("2017-09", 50)], benchmarks: field + own))
        #expect(analysis.rank == nil)
    }
}
