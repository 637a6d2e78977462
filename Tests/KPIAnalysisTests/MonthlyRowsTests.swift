import KPIModel
import Testing

@testable import KPIAnalysis

/// The index's rows by month: positions into the shared observations, in any order of arrival.
@Suite struct MonthlyRowsTests {
    let observations = ["2017-03", "2016-12", "2017-01", "2017-03"].enumerated().map { position, period in
        Fixture.row(period, Double(position))
    }

    func rows(_ positions: [Int]) -> MonthlyRows {
        var rows = MonthlyRows(sharing: observations)
        for position in positions { rows.insert(position, for: observations[position].month) }
        return rows
    }

    @Test func monthsArrivingOutOfOrderAreFoundAndGapsAreNot() {
        let rows = rows([0, 1, 2])
        #expect(rows[Fixture.month("2016-12")]?.value == 1)
        #expect(rows[Fixture.month("2017-01")]?.value == 2)
        #expect(rows[Fixture.month("2017-02")] == nil)
        #expect(rows[Fixture.month("2017-03")]?.value == 0)
        #expect(rows[Fixture.month("2016-11")] == nil)
        #expect(rows[Fixture.month("2017-04")] == nil)
    }

    @Test func aLaterRowForTheSameMonthReplacesTheEarlier() {
        #expect(rows([0, 1, 2, 3])[Fixture.month("2017-03")]?.value == 3)
    }

    @Test func theSpanRunsFromTheFirstRowToTheLastOnOrBeforeTheMonth() {
        let rows = rows([0, 1, 2])
        #expect(rows.span(through: Fixture.month("2018-01")) == Fixture.month("2016-12")...Fixture.month("2017-03"))
        #expect(rows.span(through: Fixture.month("2017-02")) == Fixture.month("2016-12")...Fixture.month("2017-01"))
        #expect(rows.span(through: Fixture.month("2016-12")) == Fixture.month("2016-12")...Fixture.month("2016-12"))
        #expect(rows.span(through: Fixture.month("2016-11")) == nil)
        #expect(MonthlyRows(sharing: observations).span(through: Fixture.month("2018-01")) == nil)
    }
}
