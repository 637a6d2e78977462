import KPIModel

/// The periods a quarterly or yearly indicator's figures carry (published.md, Frequencies). Every figure
/// is held at its period's last month, so series, look-ups and comparisons keep one month axis.
enum FrequencyPeriods {
    /// The month `period` is held at, or why it is the wrong kind of period for `indicator`.
    static func month(of period: Period, for indicator: Indicator) -> Result<Month, PeriodError> {
        switch (indicator.frequency, period.kind) {
        case (.month, .month), (.quarter, .quarter), (.year, .financialYear):
            return .success(period.last)
        case (.month, _):
            return .failure(
                PeriodError(
                    message: "\(indicator.id) is monthly, but the period is \(period.label)",
                    hint: "write a month as yyyy-mm, or give the indicator a frequency in indicators.csv"))
        case (.quarter, _):
            return .failure(
                PeriodError(
                    message: "\(indicator.id) is quarterly, but the period is \(describe(period))",
                    hint: "write the quarter of the financial year, such as 2017/18 Q2"))
        case (.year, _):
            return .failure(
                PeriodError(
                    message: "\(indicator.id) is yearly, but the period is \(describe(period))",
                    hint:
                        "write the financial year, such as 2016/17; a figure standing at a month each year comes from published/ with as_at"
                ))
        }
    }

    private static func describe(_ period: Period) -> String {
        switch period.kind {
        case .month: "the month \(period.label)"
        case .quarter: "the quarter \(period.label)"
        case .financialYear: "the financial year \(period.label)"
        case .calendarYear: "the calendar year \(period.label)"
        }
    }
}

extension CSVRecord {
    /// The month an extract figure is held at: a month for a monthly indicator (or an unknown one),
    /// else a period of the indicator's frequency.
    func figureMonth(
        _ column: Int, for indicator: Indicator?, financialYearStartMonth: Int, _ problems: inout [Diagnostic]
    ) -> Month? {
        guard let indicator, indicator.frequency != .month else { return month(column, &problems) }
        guard let period = period(column, financialYearStartMonth: financialYearStartMonth, &problems) else {
            return nil
        }
        switch FrequencyPeriods.month(of: period, for: indicator) {
        case .success(let month): return month
        case .failure(let error):
            problems.append(diagnostic(field: column, .error, error.message, hint: error.hint))
            return nil
        }
    }
}
