/// How often an indicator has a figure: `indicators.csv`'s `frequency` column (published.md).
public enum Frequency: String, Sendable, CaseIterable {
    case month
    case quarter
    /// One figure a year: a financial year, or a month that recurs each year (a census at 30 September).
    case year

    /// Months from one figure to the next: the step of its chart, table and direction of travel.
    public var months: Int {
        switch self {
        case .month: 1
        case .quarter: 3
        case .year: 12
        }
    }

    /// How a page names the period before the reported one.
    public var previousName: String {
        switch self {
        case .month: "Last month"
        case .quarter: "Last quarter"
        case .year: "Last year"
        }
    }
}

extension Frequency {
    /// The period a figure stands for, from the month it is held at (the period's last month).
    /// A yearly figure held at a financial year's last month is that year (`2024/25`); one held at any
    /// other month is that month each year (`2025-09`, the workforce census).
    public func period(endingAt month: Month, financialYearStartMonth: Int) -> Period {
        switch self {
        case .month:
            return .month(month)
        case .quarter:
            let year = Period.financialYear(containing: month, startMonth: financialYearStartMonth)
            let quarter = (month.index - year.first.index) / 3 + 1
            return .quarter(quarter, ofFinancialYear: year.first.year, startMonth: financialYearStartMonth)
        case .year:
            let year = Period.financialYear(containing: month, startMonth: financialYearStartMonth)
            return year.last == month ? year : .month(month)
        }
    }
}

extension Period {
    /// `Sep 2017` for a month, the label otherwise (`2016/17`, `2017/18 Q2`): for axes and table cells.
    /// (A month's `label` is never made on the way.)
    public var shortName: String { kind == .month ? first.shortName : label }

    /// `September 2017` for a month, the label otherwise: for sentences and headings.
    public var longName: String { kind == .month ? first.longName : label }
}
