import KPIModel
import Testing

@testable import KPIIngest

@Suite struct PeriodParserTests {
    static func month(_ y: Int, _ m: Int) -> Period { .month(Month(year: y, month: m)) }

    @Test(
        arguments: [
            ("2017-09", month(2017, 9)),
            (" 2017-09 ", month(2017, 9)),
            ("2017-9", month(2017, 9)),
            ("2011-12", month(2011, 12)),
            ("2012-11", month(2012, 11)),
            ("2017-09-01", month(2017, 9)),
            ("2017-09-30", month(2017, 9)),
            ("2016-02-29", month(2016, 2)),
            ("2000-02-29", month(2000, 2)),
            ("Sep-17", month(2017, 9)),
            ("sep-17", month(2017, 9)),
            ("SEPT-17", month(2017, 9)),
            ("Jan-00", month(2000, 1)),
            ("Dec-29", month(2029, 12)),
            ("Jan-99", month(1999, 1)),
            ("Sept 2017", month(2017, 9)),
            ("September 2017", month(2017, 9)),
            ("september   2017", month(2017, 9)),
            ("Sep 2017", month(2017, 9)),
            ("Sep-2017", month(2017, 9)),
            ("March 2018", month(2018, 3)),
            ("2016/17", Period.financialYear(startYear: 2016)),
            ("2016/2017", Period.financialYear(startYear: 2016)),
            ("1999/00", Period.financialYear(startYear: 1999)),
            ("2017/18 Q2", Period.quarter(2, ofFinancialYear: 2017)),
            ("2017/18 q1", Period.quarter(1, ofFinancialYear: 2017)),
            ("2017/18Q4", Period.quarter(4, ofFinancialYear: 2017)),
            ("2017", Period.calendarYear(2017)),
        ] as [(String, Period)])
    func periods(_ text: String, _ expected: Period) {
        #expect(PeriodParser.parse(text, financialYearStartMonth: 4) == .success(expected))
    }

    @Test func formsMeanWhatTheContractSays() throws {
        let year = try PeriodParser.parse("2016/17", financialYearStartMonth: 4).get()
        #expect(
            (year.kind, year.label, year.first, year.last) == (
                .financialYear, "2016/17", Month(year: 2016, month: 4), Month(year: 2017, month: 3)
            ))
        let quarter = try PeriodParser.parse("2017/18 Q2", financialYearStartMonth: 4).get()
        #expect(
            (quarter.kind, quarter.label, quarter.first, quarter.last) == (
                .quarter, "2017/18 Q2", Month(year: 2017, month: 7), Month(year: 2017, month: 9)
            ))
        let q4 = try PeriodParser.parse("2017/18 Q4", financialYearStartMonth: 4).get()
        #expect((q4.first, q4.last) == (Month(year: 2018, month: 1), Month(year: 2018, month: 3)))
        let calendar = try PeriodParser.parse("2017", financialYearStartMonth: 4).get()
        #expect(
            (calendar.kind, calendar.first, calendar.last) == (
                .calendarYear, Month(year: 2017, month: 1), Month(year: 2017, month: 12)
            ))
        #expect(try PeriodParser.parse("2011-12", financialYearStartMonth: 4).get().kind == .month)
    }

    @Test func theFinancialYearStartComesFromTheSettings() throws {
        let year = try PeriodParser.parse("2016/17", financialYearStartMonth: 9).get()
        #expect((year.first, year.last) == (Month(year: 2016, month: 9), Month(year: 2017, month: 8)))
        let quarter = try PeriodParser.parse("2017/18 Q2", financialYearStartMonth: 9).get()
        #expect(
            (quarter.first, quarter.last, quarter.label) == (
                Month(year: 2017, month: 12), Month(year: 2018, month: 2), "2017/18 Q2"
            ))
    }

    @Test(
        arguments: [
            ("2017-09", Month(year: 2017, month: 9)), ("Sep-17", Month(year: 2017, month: 9)),
            ("Sept 2017", Month(year: 2017, month: 9)),
            ("September 2017", Month(year: 2017, month: 9)), ("2017-09-01", Month(year: 2017, month: 9)),
            ("2011-12", Month(year: 2011, month: 12)),
        ] as [(String, Month)])
    func months(_ text: String, _ expected: Month) {
        #expect(PeriodParser.parseMonth(text) == .success(expected))
    }

    static let formsHint =
        "write a month (2017-09), a financial year (2016/17), a quarter (2017/18 Q2) or a year (2017)"
    static let monthHint = "write a month as yyyy-mm, such as 2017-09"

    @Test(
        arguments: [
            ("2017-13", "month 13 does not exist (in \"2017-13\")", "months run from 01 to 12: \(monthHint)"),
            ("2017-00", "month 0 does not exist (in \"2017-00\")", "months run from 01 to 12: \(monthHint)"),
            (
                "2016-17", "month 17 does not exist (in \"2016-17\")",
                "for the financial year, write 2016/17 with a slash"
            ),
            ("2017-02-29", "\"2017-02-29\" is not a date: February 2017 has 28 days", monthHint),
            ("2017-09-31", "\"2017-09-31\" is not a date: September 2017 has 30 days", monthHint),
            (
                "01/09/2017", "\"01/09/2017\" is a date whose order of day and month is ambiguous",
                "write the month as yyyy-mm: 2017-09 if the day comes first, 2017-01 if the month does"
            ),
            (
                "1.9.17", "\"1.9.17\" is a date whose order of day and month is ambiguous",
                "write the month as yyyy-mm: 2017-09 if the day comes first, 2017-01 if the month does"
            ),
            ("30/09/2017", "\"30/09/2017\" is a date, not a month", "write the month as yyyy-mm: 2017-09"),
            ("09/30/2017", "\"09/30/2017\" is a date, not a month", "write the month as yyyy-mm: 2017-09"),
            (
                "42979", "\"42979\" looks like an Excel date serial number",
                "format the column as text in the form yyyy-mm: 42979 is Excel's 2017-09-01, so write 2017-09"
            ),
            (
                "Sep 17", "\"Sep 17\" has a two-digit year (or is it a day of the month?)",
                "write the year in full: \(monthHint)"
            ),
            (
                "September-17", "\"September-17\" has a two-digit year (or is it a day of the month?)",
                "write the year in full: \(monthHint)"
            ),
            ("17-09", "\"17-09\" has a two-digit year", "write the year in full: \(monthHint)"),
            ("9/17", "\"9/17\" has a two-digit year", "write the year in full: \(monthHint)"),
            ("17/18", "\"17/18\" has two-digit years", "write the financial year with the first year in full: 2017/18"),
            ("", "the period is blank", formsHint),
            ("   ", "the period is blank", formsHint),
            (
                "2016/18", "\"2016/18\" is not a financial year: 18 should be 17, the year after 2016",
                "a financial year runs over two years in a row, such as 2016/17"
            ),
            (
                "2016/2018", "\"2016/2018\" is not a financial year: 2018 should be 2017, the year after 2016",
                "a financial year runs over two years in a row, such as 2016/17"
            ),
            (
                "2016/18 Q1", "\"2016/18 Q1\" is not a financial year: 18 should be 17, the year after 2016",
                "a financial year runs over two years in a row, such as 2016/17"
            ),
            (
                "2017/18 Q5", "quarter Q5 does not exist (in \"2017/18 Q5\")",
                "a financial year has quarters Q1 to Q4, such as 2017/18 Q2"
            ),
            (
                "Sepember 2017", "unknown month name in \"Sepember 2017\"",
                "write the month as yyyy-mm, such as 2017-09, or as September 2017"
            ),
            (
                "1066", "the year 1066 is out of range (in \"1066\")",
                "years from 1900 to 2199 are accepted: check for a typing mistake"
            ),
            (
                "0017-09", "the year 17 is out of range (in \"0017-09\")",
                "years from 1900 to 2199 are accepted: check for a typing mistake"
            ),
            ("201709", "\"201709\" has no separator between year and month", "write it as 2017-09"),
            ("2017 Q2", "\"2017 Q2\" is not a period", formsHint),
            ("FY2016/17", "\"FY2016/17\" is not a period", formsHint),
            ("2017-09-01T00:00", "\"2017-09-01T00:00\" is not a period", formsHint),
            ("next month", "\"next month\" is not a period", formsHint),
        ] as [(String, String, String)])
    func mistakes(_ text: String, _ message: String, _ hint: String) {
        #expect(
            PeriodParser.parse(text, financialYearStartMonth: 4) == .failure(PeriodError(message: message, hint: hint)))
    }

    @Test(
        arguments: [
            ("2016/17", "expected a month, found the financial year 2016/17", monthHint),
            ("2017", "expected a month, found the year 2017", monthHint),
            ("2017/18 Q2", "expected a month, found the quarter 2017/18 Q2", monthHint),
            ("foo", "\"foo\" is not a month", monthHint),
            ("", "the period is blank", monthHint),
            ("2017-13", "month 13 does not exist (in \"2017-13\")", "months run from 01 to 12: \(monthHint)"),
        ] as [(String, String, String)])
    func monthMistakes(_ text: String, _ message: String, _ hint: String) {
        #expect(PeriodParser.parseMonth(text) == .failure(PeriodError(message: message, hint: hint)))
    }
}
