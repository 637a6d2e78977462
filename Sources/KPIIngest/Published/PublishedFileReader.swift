import KPIModel
import Toolkit

/// One EES tidy file, read once for every published.csv line that maps it.
struct PublishedFileReader {
    let path: String
    let mappings: [PublishedMapping]
    let financialYearStartMonth: Int
    /// The lines of published.csv that map this file and whose columns it has.
    private var using: [Int]
    private var columns: [String: Int] = [:]
    private var width = 0
    /// Rows at a geographic level other than National, Regional and Local authority, per mapping.
    private var otherLevels: [Int: (count: Int, levels: Set<String>)] = [:]
    /// Mappings already told that their four-digit periods need `as_at`, so it is said once.
    private var toldAsAt: Set<Int> = []
    private var toldJoint: Set<String> = []
    private var rowProblems = 0
    /// Where in the problems the "more problems not shown" report is, once there is one.
    private var hiddenSummary: Int?

    init(path: String, mappings: [PublishedMapping], using: [Int], financialYearStartMonth: Int) {
        self.path = path
        self.mappings = mappings
        self.using = using
        self.financialYearStartMonth = financialYearStartMonth
    }

    static let required = ["time_period", "geographic_level"]

    mutating func read(
        _ bytes: [UInt8], encoding: TextEncoding, into figures: inout [PublishedReader.Figure],
        _ problems: inout [Diagnostic]
    ) {
        var sawHeader = false
        let structural = CSVReader(path: path, bytes: bytes, encoding: encoding).read { record in
            guard sawHeader else {
                sawHeader = true
                resolve(header: record, &problems)
                return
            }
            guard !using.isEmpty else { return }
            guard record.count == width else {
                report(
                    record.diagnostic(
                        .error, "this row has \(plural(record.count, "field")) but the header has \(width)",
                        hint: "the file should be exactly as downloaded from Explore Education Statistics"), &problems)
                return
            }
            readRow(record, into: &figures, &problems)
        }
        problems.append(contentsOf: structural)
        for (mapping, ignored) in otherLevels.sorted(by: { $0.key < $1.key }) {
            let levels = ignored.levels.sorted().joined(separator: ", ")
            problems.append(
                Diagnostic(
                    file: mappings[mapping].source.file, line: mappings[mapping].source.line, severity: .warning,
                    message:
                        "\(plural(ignored.count, "row")) of \(mappings[mapping].file) at other geographic levels (\(levels)) are ignored",
                    hint: "only National, Regional and Local authority rows are comparators"))
        }
    }

    /// Maps the header's names, and drops (with a report at its published.csv cell) every mapping
    /// that names a column the file lacks.
    private mutating func resolve(header: borrowing CSVRecord, _ problems: inout [Diagnostic]) {
        width = header.count
        for i in 0..<header.count {
            let name = header.trimmedText(i).lowercased()
            if columns[name] == nil { columns[name] = i }
        }
        var names: [String] = []
        for i in 0..<header.count { names.append(header.trimmedText(i)) }
        using = using.filter { index in
            let mapping = mappings[index]
            var ok = true
            for name in Self.required where columns[name] == nil {
                problems.append(
                    mapping.problem(
                        at: "file", "\(mapping.file) has no \(name) column, so it is not in the EES tidy format",
                        hint:
                            "download the file as CSV from Explore Education Statistics and put it in published/ unchanged"
                    ))
                ok = false
            }
            for (cell, name) in mapping.columnsNeeded where columns[name] == nil {
                let suggestion =
                    closest(to: name, in: names.map { $0.lowercased() }).map { "did you mean \"\($0)\"? " } ?? ""
                problems.append(
                    mapping.problem(
                        at: cell, "\(mapping.file) has no column \"\(name)\"",
                        hint: "\(suggestion)its columns are: \(names.joined(separator: ", "))"))
                ok = false
            }
            return ok
        }
    }

    private mutating func readRow(
        _ record: borrowing CSVRecord, into figures: inout [PublishedReader.Figure], _ problems: inout [Diagnostic]
    ) {
        let levelText = record.trimmedText(columns["geographic_level"]!)
        for index in using {
            let mapping = mappings[index]
            guard matches(record, mapping.filter) else { continue }
            let geography: PublishedReader.Geography
            switch levelText.lowercased() {
            case "national": geography = .england
            case "regional": geography = .region(code: text(record, "region_code"), name: text(record, "region_name"))
            case "local authority":
                guard let authority = authority(record, &problems) else { continue }
                geography = authority
            default:
                otherLevels[index, default: (0, [])].count += 1
                otherLevels[index]!.levels.insert(levelText)
                continue
            }
            guard let period = period(record, mapping: index, &problems) else { continue }
            let valueColumn = columns[mapping.column]!
            guard let (value, status) = figure(record, valueColumn, mapping.indicator, &problems) else { continue }
            var counts: [Double?] = []
            for name in [mapping.numerator, mapping.denominator] {
                guard let name else {
                    counts.append(nil)
                    continue
                }
                switch record.withBytes(columns[name]!, PublishedValue.parse) {
                case .number(let n): counts.append(n.value)
                case .marker: counts.append(nil)
                case .invalid(let message, let hint):
                    report(record.diagnostic(field: columns[name]!, .error, message, hint: hint), &problems)
                    counts.append(nil)
                }
            }
            figures.append(
                PublishedReader.Figure(
                    mapping: index, geography: geography, period: period, value: value, status: status,
                    numerator: counts[0], denominator: counts[1],
                    source: RowReference(file: path, line: record.line)))
        }
    }

    private func text(_ record: borrowing CSVRecord, _ name: String) -> String {
        guard let column = columns[name] else { return "" }
        return record.trimmedText(column)
    }

    private func matches(_ record: borrowing CSVRecord, _ filter: [(column: String, value: String)]) -> Bool {
        for pair in filter where record.trimmedText(columns[pair.column]!).lowercased() != pair.value.lowercased() {
            return false
        }
        return true
    }

    /// `new_la_code`, with `old_la_code` for its history; nil for a joint row (reported once) or a blank code.
    private mutating func authority(_ record: borrowing CSVRecord, _ problems: inout [Diagnostic]) -> PublishedReader
        .Geography?
    {
        guard let codeColumn = columns["new_la_code"] else {
            report(
                record.diagnostic(
                    field: columns["geographic_level"]!, .error,
                    "a Local authority row, but the file has no new_la_code column",
                    hint: "the file should be exactly as downloaded from Explore Education Statistics"), &problems)
            return nil
        }
        let code = record.trimmedText(codeColumn)
        let name = text(record, "la_name")
        if code.contains("/") || name.contains("/") {
            if toldJoint.insert(code).inserted {
                problems.append(
                    record.diagnostic(
                        field: codeColumn, .warning,
                        "\(code) (\(name)) is a joint row for authorities reporting together, so it is left out of ranks and neighbour means",
                        hint: nil))
            }
            return nil
        }
        if code.isEmpty {
            report(
                record.diagnostic(
                    field: codeColumn, .error, "a Local authority row with no new_la_code",
                    hint: "the file should be exactly as downloaded from Explore Education Statistics"), &problems)
            return nil
        }
        return .authority(code: code, number: text(record, "old_la_code"))
    }

    /// `202425` is the financial year 2024/25; a four-digit year stands at the mapping's `as_at` month,
    /// and is refused without one; any other form is read as the dataset's periods are.
    private mutating func period(_ record: borrowing CSVRecord, mapping index: Int, _ problems: inout [Diagnostic])
        -> Period?
    {
        let column = columns["time_period"]!
        let text = record.trimmedText(column)
        let digits = text.utf8.allSatisfy(ByteText.isDigit) ? text.utf8.count : 0
        if digits == 6, let value = Int(text), PeriodParser.years.contains(value / 100),
            value % 100 == (value / 100 + 1) % 100
        {
            return .financialYear(startYear: value / 100, startMonth: financialYearStartMonth)
        }
        if digits == 4, let year = Int(text), PeriodParser.years.contains(year) {
            guard let asAt = mappings[index].asAt else {
                if toldAsAt.insert(index).inserted {
                    let line = mappings[index].source.line
                    problems.append(
                        record.diagnostic(
                            field: column, .error,
                            "time_period \"\(text)\" is a year, and published.csv line \(line) gives no as_at to say which month it stands at",
                            hint:
                                "add as_at to that line: March if \(text) is the year to 31 March \(text) (\(year - 1)/\(PeriodParser.twoDigits(year % 100))), September if it is the workforce census at 30 September \(text)"
                        ))
                }
                return nil
            }
            let month = Month(year: year, month: asAt)
            let financialYear = Period.financialYear(containing: month, startMonth: financialYearStartMonth)
            return financialYear.last == month ? financialYear : .month(month)
        }
        switch PeriodParser.parse(text, financialYearStartMonth: financialYearStartMonth) {
        case .success(let period): return period
        case .failure(let error):
            report(record.diagnostic(field: column, .error, error.message, hint: error.hint), &problems)
            return nil
        }
    }

    /// The value and its status, with the contract's range checks; nil after reporting a bad cell.
    private mutating func figure(
        _ record: borrowing CSVRecord, _ column: Int, _ indicator: Indicator,
        _ problems: inout [Diagnostic]
    ) -> (Double?, ValueStatus)? {
        switch record.withBytes(column, PublishedValue.parse) {
        case .marker(let status):
            return (nil, status)
        case .invalid(let message, let hint):
            report(
                record.diagnostic(
                    field: column, .error, message,
                    hint: (hint.map { $0 + ", " } ?? "") + "or DfE's low or k (a figure too small to show)"), &problems)
            return nil
        case .number(let n):
            let shown = NumberFormat.compact(n.value, decimals: 6)
            if indicator.unit == .percent && !(0...100).contains(n.value) {
                report(
                    record.diagnostic(
                        field: column, .error, "a percentage must be from 0 to 100, found \(shown)",
                        hint: "check that the mapped column is a percentage"), &problems)
                return nil
            }
            if n.value < 0 && [.count, .days, .ratePer10k].contains(indicator.unit) {
                report(
                    record.diagnostic(
                        field: column, .error, "a \(indicator.unit.rawValue) cannot be negative, found \(shown)"),
                    &problems)
                return nil
            }
            guard FigureRange.contains(n.value) else {
                report(
                    record.diagnostic(field: column, .error, FigureRange.message("the value"), hint: FigureRange.hint),
                    &problems)
                return nil
            }
            return (n.value, n.lowReliability ? .lowReliability : .ok)
        }
    }

    /// Row problems, capped per file as the CSV reader caps its own.
    private mutating func report(_ diagnostic: Diagnostic, _ problems: inout [Diagnostic]) {
        rowProblems += 1
        if rowProblems <= CSVReader.maximumProblems {
            problems.append(diagnostic)
        } else if let index = hiddenSummary {
            problems[index].hiddenErrors += 1
            problems[index].message = "\(plural(problems[index].hiddenErrors, "more problem")) in this file not shown"
        } else {
            var summary = Diagnostic(
                file: path, line: diagnostic.line, column: diagnostic.column,
                message: "1 more problem in this file not shown", hint: "fix the problems above and run again")
            summary.hiddenErrors = 1
            hiddenSummary = problems.count
            problems.append(summary)
        }
    }
}
