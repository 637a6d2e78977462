import KPIModel
import Testing

@testable import KPIRender

/// Yearly series and comparators over time (published.md: Frequencies; Comparators over time).
@Suite struct PeriodChartTests {
    /// Somerset's re-referrals for five years to 2024/25, with England's figure for each.
    func yearly(england history: [Double]) -> LineChart {
        var chart = LineChart(
            title: "Re-referrals by year", textDescription: "Five years", seriesLabel: "Somerset", unitSuffix: "%",
            points: [20.2, 20.1, nil, 23.0, 22.1].enumerated().map { offset, value in
                LineChart.Point(month: Month(year: 2021 + offset, month: 3), value: value)
            },
            england: .init(
                value: history.last!, label: "England",
                history: history.enumerated().map { offset, value in
                    .init(month: Month(year: 2021 + offset, month: 3), value: value)
                }))
        chart.frequency = .year
        return chart
    }

    @Test func consecutiveYearsAreJoinedAndLabelledAsYears() {
        let svg = yearly(england: [22.7]).render(idPrefix: "c")
        // 2020/21-2021/22 joined, 2022/23 missing breaks the line, 2023/24-2024/25 joined: two subpaths.
        let path = svg.components(separatedBy: "<path d=\"")[1].components(separatedBy: "\"")[0]
        #expect(path.filter { $0 == "M" }.count == 2)
        for label in ["2020/21", "2021/22", "2022/23", "2023/24", "2024/25"] {
            #expect(svg.contains(">\(label)</text>"))
        }
        #expect(!svg.contains("Mar 2021"))
    }

    @Test func aComparatorGivenForSeveralPeriodsIsAStepLine() {
        let svg = yearly(england: [22.7, 21.3, 21.5, 22.4, 22.6]).render(idPrefix: "c")
        let england = svg.components(separatedBy: "class=\"kpi-chart-england\" d=\"")[1].components(separatedBy: "\"")[
            0]
        #expect(england.hasPrefix("M"))
        #expect(england.filter { $0 == "V" }.count == 4)  // a step at each of the four later years
        // A single period stays one flat line across the plot.
        #expect(yearly(england: [22.6]).render(idPrefix: "c").contains("<line class=\"kpi-chart-england\""))
    }

    @Test func stepsBeforeTheAxisAreDroppedButTheOneInForceIsKept() {
        let line = LineChart.ReferenceLine(
            value: 3, label: "England",
            history: [
                .init(month: Month(year: 2015, month: 3), value: 1),
                .init(month: Month(year: 2016, month: 3), value: 2),
                .init(month: Month(year: 2017, month: 3), value: 3),
                .init(month: Month(year: 2018, month: 3), value: 4),
            ])
        let steps = line.visibleSteps(from: Month(year: 2016, month: 9), through: Month(year: 2017, month: 9))
        #expect(steps.map(\.value) == [2, 3])
        #expect(steps.map(\.from) == [Month(year: 2016, month: 9), Month(year: 2017, month: 3)])
        #expect(steps.map(\.to) == [Month(year: 2017, month: 3), Month(year: 2017, month: 9)])
    }
}
