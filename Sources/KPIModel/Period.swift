/// A calendar month, stored as a single integer so periods compare and step cheaply.
public struct Month: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// `year * 12 + (month - 1)`.
    public let index: Int

    public init(index: Int) { self.index = index }

    /// `month` is 1...12.
    public init(year: Int, month: Int) { self.index = year * 12 + (month - 1) }

    public var year: Int { index >= 0 ? index / 12 : (index - 11) / 12 }
    /// 1...12.
    public var month: Int { index - year * 12 + 1 }

    public func adding(months: Int) -> Month { Month(index: index + months) }

    /// `2017-09`, the form every output uses.
    public var description: String {
        String(year) + (month < 10 ? "-0" : "-") + String(month)
    }

    /// `September 2017`, for sentences and page headings.
    public var longName: String { "\(Month.names[month - 1]) \(year)" }

    /// `Sep 2017`, for chart axes and narrow table cells.
    public var shortName: String { Month.shortNames[month - 1] + " " + String(year) }

    public static let names = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    private static let shortNames = names.map { String($0.prefix(3)) }

    public static func < (a: Month, b: Month) -> Bool { a.index < b.index }
}

/// Any period a dataset may name: a month, a quarter or a year of the financial year, or a calendar year.
///
/// A period is a closed run of months with the label the board uses for it; the label is
/// fixed when the period is made because a quarter's number depends on the financial-year start.
public struct Period: Hashable, Comparable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case month, quarter, financialYear, calendarYear
    }

    public let kind: Kind
    public let first: Month
    public let last: Month
    /// `2017-09`, `2017/18 Q2`, `2016/17` or `2017`.
    public let label: String

    public var description: String { label }

    public static func month(_ m: Month) -> Period {
        Period(kind: .month, first: m, last: m, label: m.description)
    }

    public static func calendarYear(_ year: Int) -> Period {
        Period(
            kind: .calendarYear, first: Month(year: year, month: 1), last: Month(year: year, month: 12),
            label: String(year))
    }

    /// The financial year that starts in `startYear` at `startMonth` (April by default): `2016/17`.
    public static func financialYear(startYear: Int, startMonth: Int = 4) -> Period {
        let first = Month(year: startYear, month: startMonth)
        return Period(
            kind: .financialYear, first: first, last: first.adding(months: 11),
            label: financialYearLabel(startYear))
    }

    /// Quarter `quarter` (1...4) of the financial year starting in `startYear`: `2017/18 Q2`.
    public static func quarter(_ quarter: Int, ofFinancialYear startYear: Int, startMonth: Int = 4) -> Period {
        let first = Month(year: startYear, month: startMonth).adding(months: 3 * (quarter - 1))
        return Period(
            kind: .quarter, first: first, last: first.adding(months: 2),
            label: "\(financialYearLabel(startYear)) Q\(quarter)")
    }

    /// The financial year containing `month`.
    public static func financialYear(containing month: Month, startMonth: Int = 4) -> Period {
        let startYear = month.month >= startMonth ? month.year : month.year - 1
        return financialYear(startYear: startYear, startMonth: startMonth)
    }

    static func financialYearLabel(_ startYear: Int) -> String {
        let next = (startYear + 1) % 100
        return "\(startYear)/\(next < 10 ? "0" : "")\(next)"
    }

    public func contains(_ month: Month) -> Bool { first <= month && month <= last }

    public var monthCount: Int { last.index - first.index + 1 }

    /// Periods order by when they end, then by when they start, so a year sorts after its last month.
    public static func < (a: Period, b: Period) -> Bool {
        a.last != b.last ? a.last < b.last : a.first > b.first
    }
}
