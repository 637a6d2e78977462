import KPIModel

/// How large a figure kpidash accepts. Beyond it, sums and means overflow to infinity and pages print
/// `nan`; no children's services figure comes near it.
enum FigureRange {
    static let limit = 1e9

    static func contains(_ value: Double) -> Bool { value.magnitude < limit }

    static func message(_ what: String) -> String { "\(what) is too large: figures must be below 1,000,000,000" }

    static let hint = "check the cell: a figure in an extract has far fewer digits"
}

/// Authority codes name the site's folders and the links to them (`SITE/E10000018/`), so they are
/// held to the characters that are safe in both.
enum AuthorityCode {
    static let hint =
        "authority codes become folder names and web addresses: use letters, digits, - and _, such as E10000018"

    /// Why `code` cannot be an authority code, or nil when it can.
    static func problem(_ code: String) -> String? {
        let safe = code.utf8.allSatisfy {
            ByteText.isDigit($0) || (ByteText.lower($0) >= 0x61 && ByteText.lower($0) <= 0x7A) || $0 == 0x2D
                || $0 == 0x5F
        }
        return safe ? nil : "authority code \(ByteText.quoted(code)) may use only letters, digits, - and _"
    }
}

/// Typed reads of single cells, each reporting a located problem when the cell is wrong.
extension CSVRecord {
    func period(_ column: Int, financialYearStartMonth: Int, _ problems: inout [Diagnostic]) -> Period? {
        switch PeriodParser.parse(trimmedText(column), financialYearStartMonth: financialYearStartMonth) {
        case .success(let period): return period
        case .failure(let error):
            problems.append(diagnostic(field: column, .error, error.message, hint: error.hint))
            return nil
        }
    }

    func month(_ column: Int, _ problems: inout [Diagnostic]) -> Month? {
        if let month = withBytes(column, PeriodParser.canonicalMonth) { return month }
        switch PeriodParser.parseMonth(trimmedText(column)) {
        case .success(let month): return month
        case .failure(let error):
            problems.append(diagnostic(field: column, .error, error.message, hint: error.hint))
            return nil
        }
    }

    /// A plain number where no missing marker makes sense (a target, a tolerance, a rank).
    func number(_ column: Int, _ what: String, _ problems: inout [Diagnostic]) -> Double? {
        switch withBytes(column, ValueParser.parse) {
        case .number(let n) where !n.lowReliability && !FigureRange.contains(n.value):
            problems.append(
                diagnostic(field: column, .error, FigureRange.message("the \(what)"), hint: FigureRange.hint))
        case .number(let n) where !n.lowReliability:
            return n.value
        case .invalid(let message, let hint):
            problems.append(diagnostic(field: column, .error, "\(what): \(message)", hint: hint))
        default:
            problems.append(
                diagnostic(
                    field: column, .error, "\(what) must be a number, found \"\(trimmedText(column))\"",
                    hint: "write digits only, such as 15 or 18.5"))
        }
        return nil
    }

    /// A whole number within `range`.
    func integer(_ column: Int, _ what: String, in range: ClosedRange<Int>, _ problems: inout [Diagnostic]) -> Int? {
        let text = trimmedText(column)
        guard let value = Int(text), range.contains(value) else {
            problems.append(
                diagnostic(
                    field: column, .error,
                    "\(what) must be a whole number from \(range.lowerBound) to \(range.upperBound), found \"\(text)\"",
                    hint: nil))
            return nil
        }
        return value
    }

    /// One word of a fixed vocabulary, matched case-insensitively.
    func vocabulary<T: RawRepresentable & CaseIterable>(_ column: Int, _ what: String, _ problems: inout [Diagnostic])
        -> T?
    where T.RawValue == String {
        let text = trimmedText(column).lowercased()
        if let value = T(rawValue: text) { return value }
        let words = T.allCases.map(\.rawValue)
        let suggestion = closest(to: text, in: words).map { "did you mean \"\($0)\"? " } ?? ""
        problems.append(
            diagnostic(
                field: column, .error, "unknown \(what) \"\(trimmedText(column))\"",
                hint: "\(suggestion)use one of: \(words.joined(separator: ", "))"))
        return nil
    }
}
