import KPIModel
import Toolkit

/// Why a period could not be read, and what to write instead.
public struct PeriodError: Error, Equatable, Sendable {
    public var message: String
    public var hint: String?

    public init(message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}

/// Reads the contract's period forms by hand (no `DateFormatter`):
/// `2017-09`, `Sep-17`, `Sept 2017`, `September 2017`, `2017-09-01` (months), `2016/17` (financial years),
/// `2017/18 Q2` (quarters) and `2017` (calendar years). `2011-12` is always December 2011.
///
/// Forms that cannot be read safely are errors with a hint: day/month dates such as `01/09/2017`, Excel
/// serial numbers such as `42979`, and two-digit years other than Excel's `Sep-17`.
public enum PeriodParser {
    /// Any period form of the contract.
    public static func parse(_ text: String, financialYearStartMonth: Int) -> Result<Period, PeriodError> {
        read(text, startMonth: financialYearStartMonth, monthOnly: false)
    }

    /// Month forms only: `2017-09`, `Sep-17`, `Sept 2017`, `September 2017`, `2017-09-01`.
    public static func parseMonth(_ text: String) -> Result<Month, PeriodError> {
        read(text, startMonth: 4, monthOnly: true).flatMap { period in
            if period.kind == .month { return .success(period.first) }
            let what =
                period.kind == .calendarYear
                ? "the year" : period.kind == .quarter ? "the quarter" : "the financial year"
            return .failure(
                PeriodError(
                    message: "expected a month, found \(what) \(period.label)",
                    hint: "write a month as yyyy-mm, such as 2017-09"))
        }
    }

    /// The canonical `yyyy-mm` form, read straight from bytes: the form nearly every extract row
    /// uses, so the general parser (which tokenises) is needed only for the others.
    public static func canonicalMonth(_ bytes: UnsafeBufferPointer<UInt8>) -> Month? {
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-") else { return nil }
        var year = 0
        for i in 0..<4 {
            guard ByteText.isDigit(bytes[i]) else { return nil }
            year = year * 10 + Int(bytes[i] - 48)
        }
        guard ByteText.isDigit(bytes[5]), ByteText.isDigit(bytes[6]) else { return nil }
        let month = Int(bytes[5] - 48) * 10 + Int(bytes[6] - 48)
        guard years.contains(year), (1...12).contains(month) else { return nil }
        return Month(year: year, month: month)
    }

    /// Years outside this range are taken for typing mistakes.
    static let years = 1900...2199

    enum Token: Equatable {
        case number(Int, digits: Int)
        case word(String)
        case separator(UInt8)
    }

    static func tokens(_ text: String) -> [Token]? {
        var tokens: [Token] = []
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if ByteText.isDigit(b) {
                var value = 0
                let first = i
                while i < bytes.count && ByteText.isDigit(bytes[i]) {
                    if i - first < 12 { value = value * 10 + Int(bytes[i] - 0x30) }
                    i += 1
                }
                tokens.append(.number(value, digits: i - first))
            } else if (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A {
                let first = i
                while i < bytes.count && (bytes[i] | 0x20) >= 0x61 && (bytes[i] | 0x20) <= 0x7A { i += 1 }
                tokens.append(.word(String(decoding: bytes[first..<i].map(ByteText.lower), as: UTF8.self)))
            } else if ByteText.isSpace(b) {
                while i < bytes.count && ByteText.isSpace(bytes[i]) { i += 1 }
                tokens.append(.separator(0x20))
            } else if b == UInt8(ascii: "-") || b == UInt8(ascii: "/") || b == UInt8(ascii: ".") {
                tokens.append(.separator(b))
                i += 1
            } else {
                return nil
            }
        }
        return tokens
    }

    static let formsHint =
        "write a month (2017-09), a financial year (2016/17), a quarter (2017/18 Q2) or a year (2017)"
    static let monthHint = "write a month as yyyy-mm, such as 2017-09"

    static func read(_ raw: String, startMonth: Int, monthOnly: Bool) -> Result<Period, PeriodError> {
        let text = raw.trimmingSpaces
        let shown = ByteText.quoted(text)
        func fail(_ message: String, _ hint: String?) -> Result<Period, PeriodError> {
            .failure(PeriodError(message: message, hint: hint))
        }
        let unreadable = fail(
            "\(shown) is not \(monthOnly ? "a month" : "a period")", monthOnly ? monthHint : formsHint)
        if text.isEmpty {
            return fail("the period is blank", monthOnly ? monthHint : formsHint)
        }
        guard let tokens = tokens(text) else { return unreadable }
        let dash = Token.separator(UInt8(ascii: "-"))
        let slash = Token.separator(UInt8(ascii: "/"))
        let space = Token.separator(0x20)

        if tokens.count == 1, case .number(let value, let digits) = tokens[0] {
            if digits == 4 {
                return year(value, shown).map { Period.calendarYear($0) }
            }
            if digits == 5 {
                return fail("\(shown) looks like an Excel date serial number", excelHint(value))
            }
            if digits == 6, years.contains(value / 100), (1...12).contains(value % 100) {
                return fail(
                    "\(shown) has no separator between year and month",
                    "write it as \(value / 100)-\(twoDigits(value % 100))")
            }
            return unreadable
        }
        // yyyy-mm, yyyy-mm-dd
        if tokens.count == 3 || tokens.count == 5, case .number(let y, 4) = tokens[0], tokens[1] == dash,
            case .number(let m, let mDigits) = tokens[2], mDigits <= 2
        {
            var day: Int?
            if tokens.count == 5 {
                guard tokens[3] == dash, case .number(let d, let dDigits) = tokens[4], dDigits <= 2 else {
                    return unreadable
                }
                day = d
            }
            return year(y, shown).flatMap { y in
                guard (1...12).contains(m) else {
                    let financial = day == nil && m == (y + 1) % 100
                    return fail(
                        "month \(m) does not exist (in \(shown))",
                        financial
                            ? "for the financial year, write \(y)/\(twoDigits(m)) with a slash"
                            : "months run from 01 to 12: \(monthHint)")
                }
                if let day, !(1...daysIn(month: m, year: y)).contains(day) {
                    return fail(
                        "\(shown) is not a date: \(Month.names[m - 1]) \(y) has \(daysIn(month: m, year: y)) days",
                        monthHint)
                }
                return .success(.month(Month(year: y, month: m)))
            }
        }
        // yyyy/yy, yyyy/yyyy, and a quarter of one: yyyy/yy Qn (the space is optional).
        if tokens.count >= 3, case .number(let y, 4) = tokens[0], tokens[1] == slash,
            case .number(let next, let nDigits) = tokens[2],
            nDigits == 2 || nDigits == 4
        {
            if tokens.count == 3 {
                return financialYear(y, next, nDigits, shown, startMonth)
            }
            var rest = tokens[3...]
            if rest.first == space { rest = rest.dropFirst() }
            guard rest.count == 2, case .word(let q) = rest.first, q == "q", case .number(let quarter, _) = rest.last
            else {
                return unreadable
            }
            guard (1...4).contains(quarter) else {
                return fail(
                    "quarter Q\(quarter) does not exist (in \(shown))",
                    "a financial year has quarters Q1 to Q4, such as 2017/18 Q2")
            }
            return financialYear(y, next, nDigits, shown, startMonth).map {
                Period.quarter(quarter, ofFinancialYear: $0.first.year, startMonth: startMonth)
            }
        }
        // Month names: Sep-17, Sept 2017, September 2017, Sep-2017.
        if tokens.count == 3, case .word(let name) = tokens[0], tokens[1] == dash || tokens[1] == space,
            case .number(let y, let yDigits) = tokens[2]
        {
            guard let m = monthNumber(name) else {
                return fail(
                    "unknown month name in \(shown)",
                    "write the month as yyyy-mm, such as 2017-09, or as September 2017")
            }
            if yDigits == 4 {
                return year(y, shown).map { .month(Month(year: $0, month: m)) }
            }
            if yDigits == 2 && tokens[1] == dash && (name.count == 3 || name == "sept") {
                // Excel's mmm-yy: 00 to 29 are 2000 to 2029, 30 to 99 are 1930 to 1999.
                return .success(.month(Month(year: y < 30 ? 2000 + y : 1900 + y, month: m)))
            }
            if yDigits <= 2 {
                return fail(
                    "\(shown) has a two-digit year (or is it a day of the month?)",
                    "write the year in full: \(monthHint)")
            }
            return unreadable
        }
        // Two-digit years: 17/18, 17-09, 09/17.
        if tokens.count == 3, case .number(let a, let aDigits) = tokens[0], case .separator = tokens[1],
            case .number(let b, let bDigits) = tokens[2], aDigits <= 2, bDigits <= 2
        {
            if tokens[1] == slash && aDigits == 2 && b == (a + 1) % 100 {
                return fail(
                    "\(shown) has two-digit years",
                    "write the financial year with the first year in full: 20\(twoDigits(a))/\(twoDigits(b))")
            }
            return fail("\(shown) has a two-digit year", "write the year in full: \(monthHint)")
        }
        // Day, month and year: 01/09/2017, 1-9-17, 01.09.2017.
        if tokens.count == 5, case .number(let a, let aDigits) = tokens[0], case .separator(let s) = tokens[1],
            s != 0x20,
            case .number(let b, let bDigits) = tokens[2], tokens[3] == tokens[1],
            case .number(let c, let cDigits) = tokens[4],
            aDigits <= 2, bDigits <= 2, cDigits == 2 || cDigits == 4
        {
            return fail(dateMessage(a, b, shown), dateHint(a, b, cDigits == 4 ? c : 2000 + c))
        }
        return unreadable
    }

    static func year(_ value: Int, _ shown: String) -> Result<Int, PeriodError> {
        years.contains(value)
            ? .success(value)
            : .failure(
                PeriodError(
                    message: "the year \(value) is out of range (in \(shown))",
                    hint:
                        "years from \(years.lowerBound) to \(years.upperBound) are accepted: check for a typing mistake"
                ))
    }

    static func financialYear(_ y: Int, _ next: Int, _ nextDigits: Int, _ shown: String, _ startMonth: Int) -> Result<
        Period, PeriodError
    > {
        year(y, shown).flatMap { y in
            let expected = nextDigits == 2 ? (y + 1) % 100 : y + 1
            guard next == expected else {
                let written = nextDigits == 2 ? twoDigits(next) : String(next)
                let wanted = nextDigits == 2 ? twoDigits(expected) : String(expected)
                return .failure(
                    PeriodError(
                        message:
                            "\(shown) is not a financial year: \(written) should be \(wanted), the year after \(y)",
                        hint: "a financial year runs over two years in a row, such as \(y)/\(twoDigits((y + 1) % 100))")
                )
            }
            return .success(.financialYear(startYear: y, startMonth: startMonth))
        }
    }

    static func monthNumber(_ name: String) -> Int? {
        if name == "sept" { return 9 }
        for (index, full) in Month.names.enumerated() {
            let lower = full.lowercased()
            if name == lower || (name.count == 3 && lower.hasPrefix(name)) { return index + 1 }
        }
        return nil
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

    static func dateMessage(_ a: Int, _ b: Int, _ shown: String) -> String {
        if a <= 12 && b <= 12 && a != b {
            return "\(shown) is a date whose order of day and month is ambiguous"
        }
        return "\(shown) is a date, not a month"
    }

    /// The yyyy-mm to write, for each reading of a d/m/y or m/d/y date that makes sense.
    static func dateHint(_ a: Int, _ b: Int, _ y: Int) -> String {
        let dayFirst = (1...12).contains(b) && (1...31).contains(a) ? "\(y)-\(twoDigits(b))" : nil
        let monthFirst = (1...12).contains(a) && (1...31).contains(b) ? "\(y)-\(twoDigits(a))" : nil
        switch (dayFirst, monthFirst) {
        case (let d?, let m?) where d != m:
            return "write the month as yyyy-mm: \(d) if the day comes first, \(m) if the month does"
        case (let d?, _):
            return "write the month as yyyy-mm: \(d)"
        case (nil, let m?):
            return "write the month as yyyy-mm: \(m)"
        default:
            return monthHint
        }
    }

    static func excelHint(_ serial: Int) -> String {
        // Excel counts days from 1899-12-30 (for serials after its fictitious 29 February 1900).
        let (y, m, d) = CivilDate.date(days: serial - 25569)
        return
            "format the column as text in the form yyyy-mm: \(serial) is Excel's \(y)-\(twoDigits(m))-\(twoDigits(d)), so write \(y)-\(twoDigits(m))"
    }
}
