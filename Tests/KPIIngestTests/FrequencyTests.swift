import KPIModel
import Testing

@testable import KPIIngest

/// The `frequency` column: quarterly and yearly indicators' extracts carry periods of their kind.
@Suite struct FrequencyReadingTests {
    let catalogue = """
        id,name,area,unit,polarity,frequency
        cin_rate,Children in need per 10000,First Response,rate_per_10k,neutral,year
        turnover,Staff turnover,Workforce,percent,lower,quarter
        visits,Visits in time,First Response,percent,higher,

        """

    @Test func periodsOfTheIndicatorsKindAreHeldAtTheirLastMonth() throws {
        let (dataset, diagnostics, _) = loadDataset([
            "dashboard.json": #"{"authority": "E10000018"}"#,
            "indicators.csv": catalogue,
            "extracts/figures.csv":
                "indicator,period,value\ncin_rate,2016/17,301.2\nturnover,2017/18 Q2,12.5\nvisits,2017-09,80\n",
        ])
        #expect(diagnostics.isEmpty)
        let rows = try #require(dataset).observations
        #expect(
            rows.map(\.month) == [
                Month(year: 2017, month: 3), Month(year: 2017, month: 9), Month(year: 2017, month: 9),
            ])
        #expect(dataset?.indicators.map(\.frequency) == [.year, .quarter, .month])
    }

    @Test func aMonthForAYearlyIndicatorIsAnErrorWithAHint() {
        let (_, diagnostics, root) = loadDataset([
            "dashboard.json": #"{"authority": "E10000018"}"#,
            "indicators.csv": catalogue + "bad,Bad,Area,percent,lower,fortnight\n",
            "extracts/figures.csv":
                "indicator,period,value\ncin_rate,2017-03,301.2\nturnover,2017/18,12.5\nvisits,2017/18 Q2,80\n",
            "extracts/2017-09.csv": "indicator,value\ncin_rate,301.2\n",
        ])
        #expect(
            located(diagnostics, root: root) == [
                "extracts/2017-09.csv:2:1: error: cin_rate is yearly, and the file name gives only a month",
                "extracts/figures.csv:2:10: error: cin_rate is yearly, but the period is the month 2017-03",
                "extracts/figures.csv:3:10: error: turnover is quarterly, but the period is the financial year 2017/18",
                "extracts/figures.csv:4:8: error: expected a month, found the quarter 2017/18 Q2",
                "indicators.csv:5:28: error: unknown frequency \"fortnight\"",
            ])
        #expect(
            diagnostics.first { $0.line == 2 && $0.column == 10 }?.hint
                == "write the financial year, such as 2016/17; a figure standing at a month each year comes from published/ with as_at"
        )
    }
}
