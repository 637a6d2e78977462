import KPIAnalysis
import KPIModel
import Testing

/// Expected means and limits below are worked by hand (sum ÷ count; moving ranges, screened at
/// 3.267 × their mean; mean ± 2.66 × mean moving range), never taken from the code under test.

/// Reads a series that must have enough points for a chart.
private func chart(
    _ values: [Double], polarity: Polarity = .higher, target: SPCTarget? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> SPCResult {
    try #require(SPC.analyse(values, polarity: polarity, target: target), sourceLocation: sourceLocation)
}

/// Centre line and limits agree to 4 decimal places.
private func expectLines(
    _ result: SPCResult, mean: Double, lower: Double, upper: Double,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(abs(result.mean - mean) < 0.00005, "mean \(result.mean)", sourceLocation: sourceLocation)
    #expect(abs(result.lower - lower) < 0.00005, "lower \(result.lower)", sourceLocation: sourceLocation)
    #expect(abs(result.upper - upper) < 0.00005, "upper \(result.upper)", sourceLocation: sourceLocation)
}

/// Ten points zig-zagging 10, 12: a quiet baseline with moving ranges of 2.
private let zigzag: [Double] = [10, 12, 10, 12, 10, 12, 10, 12, 10, 12]

/// Zig-zag 0, 10 then 3…9: mean 72/13 = 5.5385; moving ranges 10×5, 7, 1×6 → 63/12 = 5.25;
/// limits 5.5385 ± 13.965. Seven rising points, nothing else fires.
private let risingTrend: [Double] = [0, 10, 0, 10, 0, 10, 3, 4, 5, 6, 7, 8, 9]

/// Ten alternating 10, 11, then 10 and a jump to 20: mean 135/12 = 11.25; moving ranges 1×10 and
/// 9 (mean 19/11 = 1.7273, screen 5.6427 drops the 9) → mean moving range 1; limits 11.25 ± 2.66.
private let jumpHigh: [Double] = [10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 20]

@Suite struct SPCLimitsTests {
    @Test func fewerThanSixPointsDrawNoChart() {
        #expect(SPC.analyse([10, 12, 10, 12, 10], polarity: .higher, target: nil) == nil)
        #expect(SPC.analyse([], polarity: .higher, target: nil) == nil)
    }

    @Test func sixPointsGiveTrialLimits() throws {
        let result = try chart([10, 12, 10, 12, 10, 12])
        #expect(result.points == 6)
        #expect(result.trialLimits)
        expectLines(result, mean: 11, lower: 5.68, upper: 16.32)
    }

    @Test func elevenPointsStillGiveTrialLimits() throws {
        // 120 / 11 = 10.9091; moving ranges all 2.
        let result = try chart(zigzag + [10])
        #expect(result.trialLimits)
        expectLines(result, mean: 10.9091, lower: 5.5891, upper: 16.2291)
    }

    @Test func twelvePointsGiveFullLimits() throws {
        let result = try chart(zigzag + [10, 12])
        #expect(result.points == 12)
        #expect(!result.trialLimits)
        expectLines(result, mean: 11, lower: 5.68, upper: 16.32)
        #expect(result.signal == .commonCause)
        #expect(result.rule == nil)
    }

    @Test func screeningALargeMovingRangeNarrowsTheLimits() throws {
        // The spike to 25 gives two moving ranges of 15. Unscreened: mean moving range 45/11 = 4.0909,
        // limits 12.1667 ± 10.8818 and 17 is inside. Screen 13.3636 drops both 15s: 15/9 = 1.6667,
        // limits 12.1667 ± 4.4333, and 17 is outside.
        let result = try chart([10, 11, 10, 11, 10, 25, 10, 11, 10, 11, 10, 17])
        expectLines(result, mean: 12.1667, lower: 7.7333, upper: 16.6)
        #expect(result.rule == .outsideLimits)
        #expect(result.signal == .specialCauseImprovement)
    }

    @Test func movingRangeExactlyOnTheScreenIsScreenedOut() throws {
        // Moving ranges 700×9, 1433 and 3267 average 11000/11 = 1000, so the screen is 3267 exactly
        // and drops the last one: 7733/10 = 773.3. Mean 11033/12 = 919.4167.
        let result = try chart([0, 700, 0, 700, 0, 700, 0, 700, 0, 700, 2133, 5400])
        expectLines(result, mean: 919.4167, lower: -1137.5613, upper: 2976.3947)
    }

    @Test func constantSeriesHasBothLimitsOnTheMeanAndIsCommonCause() throws {
        let result = try chart(Array(repeating: 5, count: 12), target: .value(7))
        #expect(result.mean == 5)
        #expect(result.lower == 5)
        #expect(result.upper == 5)
        #expect(result.signal == .commonCause)
        #expect(result.rule == nil)
        #expect(result.assurance == .fail)
    }
}

@Suite struct SPCRuleTests {
    @Test func pointAboveTheUpperLimit() throws {
        let result = try chart(jumpHigh)
        expectLines(result, mean: 11.25, lower: 8.59, upper: 13.91)
        #expect(result.rule == .outsideLimits)
        #expect(result.signal == .specialCauseImprovement)
    }

    @Test func pointBelowTheLowerLimit() throws {
        // Mirror of jumpHigh: 117/12 = 9.75, the drop of 10 screened, mean moving range 1.
        let result = try chart([11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 1])
        expectLines(result, mean: 9.75, lower: 7.09, upper: 12.41)
        #expect(result.rule == .outsideLimits)
        #expect(result.signal == .specialCauseConcern)
    }

    @Test func pointExactlyOnTheUpperLimitIsInside() throws {
        // Sum 582/12 = 48.5; moving ranges sum 275/11 = 25 (largest 74 < 81.675);
        // upper 48.5 + 66.5 = 115, exact in binary, and the latest point is 115.
        let result = try chart([38, 35, 56, 32, 57, 34, 57, 42, 21, 54, 41, 115])
        #expect(result.upper == 115)
        #expect(result.lower == -18)
        #expect(result.mean == 48.5)
        #expect(result.signal == .commonCause)
        #expect(result.rule == nil)
    }

    @Test func runOfSevenAboveTheMean() throws {
        // 114/12 = 9.5; moving ranges 1×4, 2.5, 0.5×6 → 9.5/11 = 0.8636; near limit 11.0315.
        let result = try chart([8, 9, 8, 9, 8, 10.5, 10, 10.5, 10, 10.5, 10, 10.5])
        expectLines(result, mean: 9.5, lower: 7.2027, upper: 11.7973)
        #expect(result.rule == .run)
        #expect(result.signal == .specialCauseImprovement)
    }

    @Test func runOfSevenBelowTheMean() throws {
        // Mirror of the run above: 126/12 = 10.5, same moving ranges.
        let result = try chart([12, 11, 12, 11, 12, 9.5, 10, 9.5, 10, 9.5, 10, 9.5], polarity: .lower)
        expectLines(result, mean: 10.5, lower: 8.2027, upper: 12.7973)
        #expect(result.rule == .run)
        #expect(result.signal == .specialCauseImprovement)
    }

    @Test func sixPointsAboveTheMeanAreNotARun() throws {
        // 112.5/12 = 9.375: the 9 before the last six is below it.
        let result = try chart([8, 9, 8, 9, 8, 9, 10.5, 10, 10.5, 10, 10.5, 10])
        expectLines(result, mean: 9.375, lower: 7.1986, upper: 11.5514)
        #expect(result.signal == .commonCause)
        #expect(result.rule == nil)
    }

    @Test func pointOnTheMeanBreaksARun() throws {
        // 108/12 = 9 exactly; the 9 among the last seven sits on the mean.
        let result = try chart([6, 6, 7, 8, 8, 11, 10, 11, 9, 11, 10, 11])
        expectLines(result, mean: 9, lower: 5.8564, upper: 12.1436)
        #expect(result.signal == .commonCause)
        #expect(result.rule == nil)
    }

    @Test func trendOfSevenRising() throws {
        let result = try chart(risingTrend)
        expectLines(result, mean: 5.5385, lower: -8.4265, upper: 19.5035)
        #expect(result.rule == .trend)
        #expect(result.signal == .specialCauseImprovement)
    }

    @Test func trendOfSevenFalling() throws {
        // Mirror of the rising trend: 58/13 = 4.4615, mean moving range 5.25.
        let result = try chart([10, 0, 10, 0, 10, 0, 7, 6, 5, 4, 3, 2, 1])
        expectLines(result, mean: 4.4615, lower: -9.5035, upper: 18.4265)
        #expect(result.rule == .trend)
        #expect(result.signal == .specialCauseConcern)
    }

    @Test func tieInsideATrendNeitherBreaksNorAddsToIt() throws {
        // 3, 4, 5, 5, 6, 7, 8, 9: seven distinct rising values. 77/14 = 5.5; 63/13 = 4.8462.
        let withTie = try chart([0, 10, 0, 10, 0, 10, 3, 4, 5, 5, 6, 7, 8, 9])
        expectLines(withTie, mean: 5.5, lower: -7.3908, upper: 18.3908)
        #expect(withTie.rule == .trend)
        // 4, 5, 6, 6, 7, 8, 9: seven points but only six distinct rising values.
        let tieDoesNotAdd = try chart([0, 10, 0, 10, 0, 10, 4, 5, 6, 6, 7, 8, 9])
        expectLines(tieDoesNotAdd, mean: 5.7692, lower: -7.7524, upper: 19.2909)
        #expect(tieDoesNotAdd.rule == nil)
    }

    @Test func tieAtTheLatestPointIsNotPartOfTheTrend() throws {
        // The issue's case: 2 … 13 rise for seven points, then 13 again. 84/9 = 9.3333;
        // 18/8 = 2.25; near limit 13.3233 above 13; five points above the mean, not seven.
        let issueCase = try chart([9, 2, 6, 8, 10, 11, 12, 13, 13])
        expectLines(issueCase, mean: 9.3333, lower: 3.3483, upper: 15.3183)
        #expect(issueCase.signal == .commonCause)
        #expect(issueCase.rule == nil)
        // 81/14 = 5.7857; 63/13 = 4.8462.
        let afterTrend = try chart(risingTrend + [9])
        expectLines(afterTrend, mean: 5.7857, lower: -7.1051, upper: 18.6765)
        #expect(afterTrend.rule == nil)
    }

    @Test func pointMovingOnAfterALatestTieSignalsTheTrendAgain() throws {
        // 91/15 = 6.0667; 64/14 = 4.5714: 3 … 9, 9, 10 is eight distinct rising values.
        let result = try chart(risingTrend + [9, 10])
        expectLines(result, mean: 6.0667, lower: -6.0933, upper: 18.2267)
        #expect(result.rule == .trend)
        #expect(result.signal == .specialCauseImprovement)
    }

    @Test func sixRisingPointsAreNotATrend() throws {
        // 69/12 = 5.75; moving ranges 10×5, 6, 1×5 → 61/11 = 5.5455.
        let result = try chart([0, 10, 0, 10, 0, 10, 4, 5, 6, 7, 8, 9])
        expectLines(result, mean: 5.75, lower: -9.0009, upper: 20.5009)
        #expect(result.signal == .commonCause)
        #expect(result.rule == nil)
    }

    @Test func twoOfThreeBeyondTheUpperNearLimit() throws {
        // 154.5/13 = 11.8846; moving ranges 2×9, 0, 4, 0.5 → 22.5/12 = 1.875;
        // near limit 11.8846 + 3.325 = 15.2096: 16 and 16.5 are beyond it, 16.5 inside 16.8721,
        // and the 12 before them is above the mean.
        let result = try chart(zigzag + [12, 16, 16.5])
        expectLines(result, mean: 11.8846, lower: 6.8971, upper: 16.8721)
        #expect(result.rule == .twoOfThree)
        #expect(result.signal == .specialCauseImprovement)
    }

    @Test func twoOfThreeBeyondTheLowerNearLimit() throws {
        // Mirror: 131.5/13 = 10.1154; near limit 6.7904.
        let result = try chart([12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 10, 6, 5.5])
        expectLines(result, mean: 10.1154, lower: 5.1279, upper: 15.1029)
        #expect(result.rule == .twoOfThree)
        #expect(result.signal == .specialCauseConcern)
    }

    @Test func twoOfThreeCountsAPointBeyondTheLimit() throws {
        // 163/13 = 12.5385; the rise of 10 is screened (≥ 3.267 × 35/12): 25/11 = 2.2727.
        // 23 is beyond the upper limit 18.5839 and 17 beyond the near limit 16.5688.
        let result = try chart(zigzag + [13, 23, 17])
        expectLines(result, mean: 12.5385, lower: 6.493, upper: 18.5839)
        #expect(result.rule == .twoOfThree)
        #expect(result.signal == .specialCauseImprovement)
    }

    @Test func pointsShortOfTheNearLimitDoNotCount() throws {
        // 135.5/13 = 10.4231; 22.9/12 = 1.9083; near limit 10.4231 − 3.3841 = 7.039:
        // 7.2 and 7.3 are close to it but not beyond.
        let low = try chart([12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 11, 7.2, 7.3])
        expectLines(low, mean: 10.4231, lower: 5.3469, upper: 15.4992)
        #expect(low.rule == nil)
        // Mirror: 150.5/13 = 11.5769; near limit 14.961 above 14.8 and 14.7.
        let high = try chart(zigzag + [11, 14.8, 14.7])
        expectLines(high, mean: 11.5769, lower: 6.5008, upper: 16.6531)
        #expect(high.rule == nil)
    }

    @Test func twoOfThreeSplitAcrossSidesDoesNotFire() throws {
        // 143/13 = 11; the fall of 10 is screened: 24/11 = 2.1818; near limits 7.1309 and 14.8691.
        let result = try chart(zigzag + [11, 16, 6])
        expectLines(result, mean: 11, lower: 5.1964, upper: 16.8036)
        #expect(result.signal == .commonCause)
        #expect(result.rule == nil)
    }

    @Test func twoOfThreeNeedsTheLatestPointAmongThem() throws {
        // 153.5/13 = 11.8077; 28/12 = 2.3333; near limit 15.9455: 16 and 16.5 beyond, 11 not.
        let result = try chart(zigzag + [16, 16.5, 11])
        expectLines(result, mean: 11.8077, lower: 5.601, upper: 18.0144)
        #expect(result.signal == .commonCause)
        #expect(result.rule == nil)
    }

    @Test func twoOfThreeNeedsAllThreeOnTheSameSideOfTheMean() throws {
        // The issue's case: 11/6 = 1.8333; moving ranges 1, 0, 0, 1, 0 → 0.4; near limit 1.124.
        // 1 and 1 are beyond it, but the 2 before them is above the mean.
        let result = try chart([3, 2, 2, 2, 1, 1])
        expectLines(result, mean: 1.8333, lower: 0.7693, upper: 2.8973)
        #expect(result.signal == .commonCause)
        #expect(result.rule == nil)
    }
}

@Suite struct SPCPrecedenceTests {
    @Test func outsideLimitsOutranksTwoOfThree() throws {
        // 156/13 = 12; 27/12 = 2.25: 19 beyond 17.985, 16 beyond the near limit 15.99.
        let result = try chart(zigzag + [11, 16, 19])
        expectLines(result, mean: 12, lower: 6.015, upper: 17.985)
        #expect(result.rule == .outsideLimits)
    }

    @Test func trendOutranksARunOnTheSameSide() throws {
        // 165/14 = 11.7857; 138/13 = 10.6154: 12 … 18 are above the mean and rising.
        let rising = try chart([0, 20, 0, 20, 0, 20, 0, 12, 13, 14, 15, 16, 17, 18])
        expectLines(rising, mean: 11.7857, lower: -16.4512, upper: 40.0226)
        #expect(rising.rule == .trend)
        #expect(rising.signal == .specialCauseImprovement)
        // Mirror: 115/14 = 8.2143; 8 … 2 are below the mean and falling.
        let falling = try chart([20, 0, 20, 0, 20, 0, 20, 8, 7, 6, 5, 4, 3, 2], polarity: .lower)
        expectLines(falling, mean: 8.2143, lower: -20.0226, upper: 36.4512)
        #expect(falling.rule == .trend)
        #expect(falling.signal == .specialCauseImprovement)
    }

    /// 155/14 = 11.0714; 98/13 = 7.5385. The last seven are all above the mean (a run, high side)
    /// and falling (a trend, low side): the rules point both ways.
    private let fallingAboveTheMean: [Double] = [0, 12, 0, 12, 0, 12, 0, 20, 19, 18, 17, 16, 15, 14]

    @Test(arguments: [(Polarity.higher, SPCRule.run), (.lower, .trend)])
    func rulesPointingBothWaysReportImprovement(polarity: Polarity, named: SPCRule) throws {
        let result = try chart(fallingAboveTheMean, polarity: polarity)
        expectLines(result, mean: 11.0714, lower: -8.9809, upper: 31.1237)
        #expect(result.signal == .specialCauseImprovement)
        #expect(result.rule == named)
    }

    @Test(arguments: [Polarity.neutral, .band])
    func rulesPointingBothWaysWithoutAnImprovementSideNameTheTrend(polarity: Polarity) throws {
        let result = try chart(fallingAboveTheMean, polarity: polarity)
        #expect(result.signal == .specialCauseNeutral)
        #expect(result.rule == .trend)
    }
}

@Suite struct SPCPolarityTests {
    @Test(arguments: [
        (Polarity.higher, SPCSignal.specialCauseImprovement),
        (.lower, .specialCauseConcern),
        (.neutral, .specialCauseNeutral),
        (.band, .specialCauseNeutral),
    ])
    func highSideSignal(polarity: Polarity, expected: SPCSignal) throws {
        let result = try chart(jumpHigh, polarity: polarity)
        #expect(result.rule == .outsideLimits)
        #expect(result.signal == expected)
    }

    @Test(arguments: [
        (Polarity.higher, SPCSignal.specialCauseConcern),
        (.lower, .specialCauseImprovement),
        (.neutral, .specialCauseNeutral),
        (.band, .specialCauseNeutral),
    ])
    func lowSideSignal(polarity: Polarity, expected: SPCSignal) throws {
        let result = try chart([10, 0, 10, 0, 10, 0, 7, 6, 5, 4, 3, 2, 1], polarity: polarity)
        #expect(result.rule == .trend)
        #expect(result.signal == expected)
    }
}

@Suite struct SPCAssuranceTests {
    /// Twelve points zig-zagging 10, 12: mean 11, limits 5.68 and 16.32.
    private let steady = zigzag + [10, 12]

    @Test(arguments: [
        (Polarity.higher, 20.0, SPCAssurance.fail),
        (.higher, 3, .pass),
        (.higher, 11, .hitOrMiss),
        (.lower, 20, .pass),
        (.lower, 3, .fail),
        (.lower, 11, .hitOrMiss),
    ])
    func againstATargetValue(polarity: Polarity, target: Double, expected: SPCAssurance) throws {
        #expect(try chart(steady, polarity: polarity, target: .value(target)).assurance == expected)
    }

    @Test(arguments: [
        (5.0, 17.0, SPCAssurance.pass),
        (5.68, 16.32, .pass),
        (17, 20, .fail),
        (0, 5, .fail),
        (10, 12, .hitOrMiss),
        (0, 11, .hitOrMiss),
        (16.32, 20, .hitOrMiss),
        (0, 5.68, .hitOrMiss),
    ])
    func againstABand(low: Double, high: Double, expected: SPCAssurance) throws {
        // 11 ∓ 2.66 × 2 come out as exactly 5.68 and 16.32: a limit on a band edge is inside the band.
        #expect(try chart(steady, polarity: .band, target: .band(low: low, high: high)).assurance == expected)
    }

    @Test func targetExactlyOnALimitIsHitOrMiss() throws {
        // Limits -18 and 115 exactly (see pointExactlyOnTheUpperLimitIsInside).
        let series: [Double] = [38, 35, 56, 32, 57, 34, 57, 42, 21, 54, 41, 115]
        #expect(try chart(series, polarity: .higher, target: .value(115)).assurance == .hitOrMiss)
        #expect(try chart(series, polarity: .higher, target: .value(-18)).assurance == .hitOrMiss)
        #expect(try chart(series, polarity: .lower, target: .value(115)).assurance == .hitOrMiss)
        #expect(try chart(series, polarity: .lower, target: .value(-18)).assurance == .hitOrMiss)
        #expect(try chart(series, polarity: .band, target: .band(low: -18, high: 115)).assurance == .pass)
    }

    @Test func noTargetOrNeutralPolarityGivesNoAssurance() throws {
        #expect(try chart(steady, polarity: .higher, target: nil).assurance == nil)
        #expect(try chart(steady, polarity: .neutral, target: .value(20)).assurance == nil)
        #expect(try chart(steady, polarity: .neutral, target: .band(low: 5, high: 17)).assurance == nil)
    }

    @Test func singleTargetValueUnderBandPolarityGivesNoAssurance() throws {
        #expect(try chart(steady, polarity: .band, target: .value(20)).assurance == nil)
    }
}
