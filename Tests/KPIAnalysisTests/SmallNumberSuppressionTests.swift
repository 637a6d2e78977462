import KPIAnalysis
import KPIModel
import Testing

@Suite struct SmallNumberSuppressionTests {
    let source = RowReference(file: "extracts/x.csv", line: 2)
    let month = Month(year: 2017, month: 9)

    func dataset(_ observations: [Observation]) -> Dataset {
        Dataset(
            indicators: [
                Indicator(id: "rate", name: "Rate", area: "A", unit: .percent, polarity: .lower),
                Indicator(id: "children", name: "Children", area: "A", unit: .count, polarity: .neutral),
            ], observations: observations)
    }

    func row(
        _ indicator: String, _ value: Double?, numerator: Double? = nil, denominator: Double? = nil,
        breakdown: String = ""
    ) -> Observation {
        Observation(
            authority: "E1", indicator: indicator, month: month, breakdown: breakdown, value: value,
            numerator: numerator, denominator: denominator, status: .ok, source: source)
    }

    @Test func countsOfOneToFiveAndWhatIsBuiltOnThemAreSuppressed() {
        let result = SmallNumberSuppression.apply(
            to: dataset([
                row("rate", 5.3, numerator: 3, denominator: 57),
                row("rate", 60, numerator: 3, denominator: 5, breakdown: "small team"),
                row("rate", 10, numerator: 6, denominator: 60, breakdown: "big team"),
                row("children", 4, breakdown: "x"),
                row("children", 0, breakdown: "y"),
            ])
        ).observations
        #expect(result.map(\.status) == [.suppressed, .suppressed, .ok, .suppressed, .ok])
        #expect(result[0].value == nil && result[0].numerator == nil && result[0].denominator == nil)
        #expect(result[4].value == 0)  // zero identifies no one
    }

    /// 40 children in all, 3 in one team: hiding the 3 alone would leave 40 − 17 − 20 = 3 on the page.
    @Test func aLoneSuppressedCellTakesTheNextSmallestWithIt() {
        let result = SmallNumberSuppression.apply(
            to: dataset([
                row("children", 40),
                row("children", 3, breakdown: "a"),
                row("children", 17, breakdown: "b"),
                row("children", 20, breakdown: "c"),
            ])
        ).observations
        #expect(result.map(\.status) == [.ok, .suppressed, .suppressed, .ok])
    }

    @Test func nothingSmallMeansNothingChanges() {
        let rows = [row("children", 40), row("rate", 20, numerator: 8, denominator: 40)]
        #expect(SmallNumberSuppression.apply(to: dataset(rows)).observations == rows)
    }
}
