import KPIModel

/// A plan date read: the months it runs over (a single month runs over one), or `ongoing`.
enum PlanDate: Equatable {
    case months(first: Month, last: Month)
    case ongoing

    /// As a due date: the last month (a range is due at its end).
    var due: PlanDue {
        switch self {
        case .months(_, let last): .month(last)
        case .ongoing: .ongoing
        }
    }
}

/// Reads the dates improvement plans write (`spec/plan.md`, "Plan dates"): every period form of
/// `PeriodParser`, and the board papers' own: `Dec 16`, `Jan-17`, `March 18`, `Apr-May 2017`,
/// `Nov 16 - Jan 17`, `End 2017`, `End of Dec 2016`, `(March 18)` and `ongoing`.
enum PlanDateParser {
    static let formsHint =
        "write a month (2017-09, Jan-17, Dec 16, March 2018), a range (Apr-May 2017, Nov 16 - Jan 17), "
        + "End 2017, End of Dec 2016, a financial year (2017/18) or quarter (2017/18 Q2), a year (2020), or ongoing"

    static func parse(_ raw: String, financialYearStartMonth: Int) -> Result<PlanDate, PeriodError> {
        var text = raw.trimmingSpaces
        if text.hasPrefix("("), text.hasSuffix(")"), text.count >= 2 {
            text = String(text.dropFirst().dropLast()).trimmingSpaces
        }
        if text.lowercased() == "ongoing" { return .success(.ongoing) }
        let fail = Result<PlanDate, PeriodError>.failure(
            PeriodError(message: "\(ByteText.quoted(text)) is not a plan date", hint: formsHint))
        guard let tokens = PeriodParser.tokens(text) else { return fail }
        let words = tokens.filter { $0 != .separator(0x20) }
        if case .word = words.first {
            return named(words).map { .success($0) } ?? fail
        }
        switch PeriodParser.parse(text, financialYearStartMonth: financialYearStartMonth) {
        case .success(let period): return .success(.months(first: period.first, last: period.last))
        case .failure(let error): return .failure(PeriodError(message: error.message, hint: formsHint))
        }
    }

    private typealias Token = PeriodParser.Token
    private static let dash = Token.separator(UInt8(ascii: "-"))

    /// The forms that begin with a word, spaces removed: `end [of] [month] year`, a month and year,
    /// or a range of them.
    private static func named(_ tokens: [Token]) -> PlanDate? {
        if case .word("end") = tokens.first {
            var rest = tokens.dropFirst()
            if rest.first == .word("of") { rest = rest.dropFirst() }
            if rest.count == 1, let year = year(rest.first!) {
                return single(Month(year: year, month: 12))
            }
            return monthAndYear(rest).map(single)
        }
        if let month = monthAndYear(tokens[...]) { return single(month) }
        // Apr-May 2017: two month names sharing one year.
        if tokens.count >= 4, case .word(let a) = tokens[0], tokens[1] == dash,
            let first = PeriodParser.monthNumber(a), let lastMonth = monthAndYear(tokens[2...])
        {
            let start = Month(year: lastMonth.year, month: first)
            return range(start > lastMonth ? start.adding(months: -12) : start, lastMonth)
        }
        // Nov 16 - Jan 17: two months with their years.
        for split in tokens.indices where tokens[split] == dash {
            if let first = monthAndYear(tokens[..<split]), let last = monthAndYear(tokens[(split + 1)...]) {
                return range(first, last)
            }
        }
        return nil
    }

    private static func single(_ month: Month) -> PlanDate { .months(first: month, last: month) }

    private static func range(_ first: Month, _ last: Month) -> PlanDate? {
        first <= last ? .months(first: first, last: last) : nil
    }

    /// `Dec 16`, `Jan-17`, `March 18`, `Sept 2017`, `Dec2016` (spaces already removed).
    private static func monthAndYear(_ tokens: ArraySlice<Token>) -> Month? {
        var rest = tokens
        guard case .word(let name)? = rest.popFirst(), let month = PeriodParser.monthNumber(name) else { return nil }
        if rest.first == dash { rest = rest.dropFirst() }
        guard rest.count == 1, let year = year(rest.first!) else { return nil }
        return Month(year: year, month: month)
    }

    /// A four-digit year in range, or a two-digit one read as Excel reads `mmm-yy`.
    private static func year(_ token: Token) -> Int? {
        guard case .number(let value, let digits) = token else { return nil }
        if digits == 2 { return value < 30 ? 2000 + value : 1900 + value }
        return digits == 4 && PeriodParser.years.contains(value) ? value : nil
    }
}
