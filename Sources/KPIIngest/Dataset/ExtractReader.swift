import Foundation
import KPIModel
import Toolkit

/// `extracts/*.csv`: the monthly figures, read in file-name order so a later file revises an earlier one.
enum ExtractReader {
    struct Columns: TableColumns {
        var indicator = 0
        var period: Int?, authority: Int?, value: Int?, numerator: Int?, denominator: Int?, breakdown: Int?, note: Int?

        static var schema: TableSchema<Columns> {
            TableSchema(
                required: [("indicator", \.indicator)],
                optional: [
                    ("period", \.period), ("authority", \.authority), ("value", \.value), ("numerator", \.numerator),
                    ("denominator", \.denominator), ("breakdown", \.breakdown), ("note", \.note),
                ],
                oneOf: [["value"], ["numerator", "denominator"]])
        }
    }

    struct Result {
        var observations: [Observation] = []
        var revisions: [Revision] = []
    }

    /// Reads every extract. Files are read and checked each on its own, on `workers` threads; their
    /// figures are then merged in file-name order, so which figure revises which, and the order of every
    /// report, never depend on which file finished first.
    static func readAll(files: DatasetFiles, _ context: LoadContext, workers: Int, _ problems: inout [Diagnostic])
        -> Result
    {
        let folder = files.path("extracts")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let csvNames = names.filter { $0.lowercased().hasSuffix(".csv") && !$0.hasPrefix(".") }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        guard !csvNames.isEmpty else {
            problems.append(
                Diagnostic(
                    file: folder,
                    message: names.isEmpty
                        ? "the extracts folder is missing or empty" : "the extracts folder holds no .csv file",
                    hint: "put the monthly extracts in \(folder)/, one file a month such as 2017-09.csv"))
            return Result()
        }
        let read = csvNames.concurrentMap(workers: workers) { name in
            readFile(folder + "/" + name, name: name, files: files, context)
        }
        var placement = Placement(capacity: read.reduce(0) { $0 + $1.rows.count })
        for (number, file) in read.enumerated() {
            problems += file.problems
            placement.add(file, number: number, of: read)
        }
        let revisions = read.withUnsafeBufferPointer { files in
            placement.revisions.map {
                Revision(earlier: observation(at: $0.earlier, of: files), later: observation(at: $0.later, of: files))
            }
        }
        return Result(observations: observations(at: placement.rows, of: read, workers: workers), revisions: revisions)
    }

    /// A series' identity, its texts by number: the authority and breakdown by a table of texts (the
    /// file's while it is read, the dataset's once merged), the indicator by its place in the catalogue.
    struct SeriesKey: Equatable, BitwiseCopyable {
        var authority: Int32
        var indicator: Int32
        var breakdown: Int32
    }

    /// One extract file read and checked on its own: its figures in row order, and its problems.
    ///
    /// Rows hold numbers, not texts, so a thread reading a file touches no text another thread shares:
    /// counting references to shared strings from both cores at once cost more than reading the rows.
    struct FileFigures: Sendable {
        var path: String
        var rows: [Row] = []
        /// The series the rows' series numbers stand for, and the texts of their authority, indicator and breakdown numbers.
        var series: [SeriesKey] = []
        var authorities: [String] = []
        var indicators: [String] = []
        var breakdowns: [String] = []
        var notes: [String] = []
        var problems: [Diagnostic] = []

        struct Row {
            var series: Int32
            var month: Int32
            var figure: Figure
            var line: Int
            /// The row's place in `notes`, when it has a note.
            var note: Int?
        }
    }

    /// Where a figure was read: its file's place in file order, and its row's place in that file's rows.
    struct RowAddress {
        var file: Int32
        var row: Int32
    }

    /// Where each file's rows go among the dataset's figures. Files are placed in file order: a figure for
    /// a series and month met again in a later file revises the earlier one and takes its place.
    ///
    /// The index is a list of months per series, so placing a row costs no hash: each file's series are
    /// looked up once per file, not once per row.
    private struct Placement {
        /// The row that gives each of the dataset's figures, in the order their series and months were first met.
        private(set) var rows: [RowAddress] = []
        /// Rows that changed an earlier file's figure, in file order.
        private(set) var revisions: [(earlier: RowAddress, later: RowAddress)] = []
        private var series = KeyTable<SeriesKey>()
        private var months: [MonthPlaces] = []
        private var authorityNumbers: [String: Int32] = [:]
        private var breakdownNumbers: [String: Int32] = [:]

        /// Room for every row at once: growing to fit each file in turn would copy all the rows before it.
        init(capacity: Int) {
            rows.reserveCapacity(capacity)
        }

        mutating func add(_ file: FileFigures, number: Int, of files: [FileFigures]) {
            let authorities = file.authorities.map { Self.number($0, in: &authorityNumbers) }
            let breakdowns = file.breakdowns.map { Self.number($0, in: &breakdownNumbers) }
            let seriesNumbers = file.series.map { key in
                let number = series.insert(
                    SeriesKey(
                        authority: authorities[Int(key.authority)], indicator: key.indicator,
                        breakdown: breakdowns[Int(key.breakdown)]))
                if number.inserted { months.append(MonthPlaces()) }
                return number.number
            }
            for (index, row) in file.rows.enumerated() {
                let address = RowAddress(file: Int32(number), row: Int32(index))
                guard let existing = months[seriesNumbers[Int(row.series)]].place(of: row.month, orAdd: rows.count)
                else {
                    rows.append(address)
                    continue
                }
                let earlier = rows[existing]
                if files[Int(earlier.file)].rows[Int(earlier.row)].figure != row.figure {
                    revisions.append((earlier, address))
                }
                rows[existing] = address
            }
        }

        private static func number(_ text: String, in numbers: inout [String: Int32]) -> Int32 {
            if let number = numbers[text] { return number }
            let number = Int32(numbers.count)
            numbers[text] = number
            return number
        }
    }

    /// The figures at `addresses`, made on `workers` threads: with every row read, making the figures
    /// (their strings counted, their memory first touched) is most of what is left to do.
    private static func observations(at addresses: [RowAddress], of files: [FileFigures], workers: Int) -> [Observation]
    {
        [Observation](unsafeUninitializedCapacity: addresses.count) { buffer, count in
            guard let start = buffer.baseAddress else { return }
            let shared = SharedPointer(start)
            let chunk = 16_384
            let threads = max(1, min(workers, (addresses.count + chunk - 1) / chunk))
            // Chunks taken in turn by each thread: every figure costs about the same to make.
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                files.withUnsafeBufferPointer { files in
                    for first in stride(from: thread * chunk, to: addresses.count, by: threads * chunk) {
                        for i in first..<min(first + chunk, addresses.count) {
                            (shared.pointer + i).initialize(to: observation(at: addresses[i], of: files))
                        }
                    }
                }
            }
            count = addresses.count
        }
    }

    /// Reads the file's parts in place (`files` is a buffer), never copying a file's record for each figure.
    private static func observation(at address: RowAddress, of files: UnsafeBufferPointer<FileFigures>) -> Observation {
        let file = Int(address.file)
        let row = files[file].rows[Int(address.row)]
        let series = files[file].series[Int(row.series)]
        return Observation(
            authority: files[file].authorities[Int(series.authority)],
            indicator: files[file].indicators[Int(series.indicator)],
            month: Month(index: Int(row.month)), breakdown: files[file].breakdowns[Int(series.breakdown)],
            value: row.figure.value, numerator: row.figure.numerator, denominator: row.figure.denominator,
            status: row.figure.status, note: row.note.map { files[file].notes[$0] },
            source: RowReference(file: files[file].path, line: row.line))
    }

    /// Each thread initialises only its own figures, so sharing the buffer's start is safe.
    private struct SharedPointer: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<Observation>
        init(_ pointer: UnsafeMutablePointer<Observation>) { self.pointer = pointer }
    }

    /// The months one series has figures for, in month order, each with a number: a place among the
    /// dataset's figures, or the line that gave it.
    ///
    /// Extracts mostly bring a series' months in order, so nearly every new month goes on the end; one
    /// out of order is found by halving. A series has at most one entry a month of the years periods
    /// may name, which bounds the cost of inserting one in the middle.
    struct MonthPlaces {
        /// The earliest entry, `month << 32 | number`, held inline: a series with one month (a breakdown
        /// met once) then costs no allocation of its own. `UInt64.max` while the series has none.
        private var first = UInt64.max
        /// The later entries, sorted by month as their high bits sort them.
        private var later: [UInt64] = []

        /// The number already held for `month`; nil when the month is new, after recording `number` for it.
        mutating func place(of month: Int32, orAdd number: Int) -> Int? {
            let entry = UInt64(UInt32(bitPattern: month)) << 32 | UInt64(UInt32(truncatingIfNeeded: number))
            guard first != .max, first >> 32 <= entry >> 32 else {
                if first != .max { later.insert(first, at: 0) }
                first = entry
                return nil
            }
            if first >> 32 == entry >> 32 { return Int(first & 0xFFFF_FFFF) }
            guard let last = later.last, last >> 32 >= entry >> 32 else {
                later.append(entry)
                return nil
            }
            var low = 0
            var high = later.count
            while low < high {
                let middle = (low + high) / 2
                if later[middle] >> 32 < entry >> 32 { low = middle + 1 } else { high = middle }
            }
            if later[low] >> 32 == entry >> 32 { return Int(later[low] & 0xFFFF_FFFF) }
            later.insert(entry, at: low)
            return nil
        }
    }

    /// What a file's rows have said of each authority code so far, by its number in the file's table.
    private struct AuthorityCheck {
        /// Why the code cannot be an authority code, or nil when it can.
        var problem: String?
        /// Whether authorities.csv is absent or lists the code.
        var listed: Bool
    }

    /// Reads one extract, checking each row and each key against the file's earlier rows.
    private static func readFile(_ path: String, name: String, files: DatasetFiles, _ context: LoadContext)
        -> FileFigures
    {
        var problems: [Diagnostic] = []
        guard let file = files.read(path, &problems) else { return FileFigures(path: path, problems: problems) }
        var reader = FileReader(path: path, name: name, expectedRows: file.bytes.count / 45, context)
        readTable(
            path: file.path, bytes: file.bytes, encoding: context.encoding, columns: Columns.self, problems: &problems
        ) {
            reader.read($0, $1, &$2)
        }
        if reader.figures.rows.isEmpty && !problems.contains(where: { $0.severity == .error }) {
            problems.append(
                Diagnostic(
                    file: file.path, severity: .warning, message: "this extract has no rows",
                    hint: "an empty month is reported as missing on the quality page"))
        }
        return reader.finished(problems)
    }

    /// The state of reading one extract: its tables of texts, its series, and the first line of each
    /// series and month. Held in one value so that a row's work reaches it through one access.
    private struct FileReader {
        let context: LoadContext
        let fileMonth: Month?
        var figures: FileFigures
        /// The file's own copies of the catalogue's ids, for the reason FileFigures gives.
        let indicatorIDs: [String]
        let units: [IndicatorUnit]
        let decimals: [Int]
        let frequencies: [Frequency]
        var authorities = TextTable()
        var authorityChecks: [AuthorityCheck?] = []
        var lastAuthority = -1
        var defaultAuthority: Int?
        var breakdowns = TextTable()
        var wholeService = 0
        var series: KeyTable<SeriesKey>
        /// Each series and month met (`series << 32 | month`), and the line of its first row by the same number.
        var slots: KeyTable<UInt64>
        var firstLines: [Int] = []

        init(path: String, name: String, expectedRows: Int, _ context: LoadContext) {
            self.context = context
            fileMonth =
                if case .success(let month) = PeriodParser.parseMonth(String(name.dropLast(4))) { month } else { nil }
            figures = FileFigures(path: path)
            indicatorIDs = TextTable(context.indicators.map(\.id)).texts
            units = context.indicators.map(\.unit)
            decimals = context.indicators.map(\.decimals)
            frequencies = context.indicators.map(\.frequency)
            // Reserving for the rows the file's size suggests spares growing these many times over.
            series = KeyTable()  // grown as series are met: a file has far fewer series than rows
            slots = KeyTable(capacity: expectedRows)
            defaultAuthority = context.settings.authority.map { authorities.insert($0) }
            wholeService = breakdowns.insert("")
            firstLines.reserveCapacity(expectedRows)
            figures.rows.reserveCapacity(expectedRows)
        }

        mutating func read(_ record: borrowing CSVRecord, _ columns: Columns, _ problems: inout [Diagnostic]) {
            let indicatorNumber = context.indicatorNumber(in: record, column: columns.indicator, &problems)
            // A quarterly or yearly figure needs its period written; a monthly one may take the file's month.
            let frequency = indicatorNumber.map { frequencies[$0] } ?? .month
            var month: Month?
            if let column = columns.period, !record.isBlank(column) {
                month =
                    frequency == .month
                    ? record.month(column, &problems)
                    : record.figureMonth(
                        column, for: context.indicators[indicatorNumber!],
                        financialYearStartMonth: context.settings.financialYearStartMonth, &problems)
            } else if let fileMonth, frequency == .month {
                month = fileMonth
            } else if let indicatorNumber, fileMonth != nil {
                let yearly = frequency == .year
                problems.append(
                    record.diagnostic(
                        field: columns.indicator, .error,
                        "\(indicatorIDs[indicatorNumber]) is \(yearly ? "yearly" : "quarterly"), and the file name gives only a month",
                        hint:
                            "add a period column with the \(yearly ? "financial year, such as 2016/17" : "quarter, such as 2017/18 Q2")"
                    ))
            } else {
                problems.append(
                    record.diagnostic(
                        field: columns.period ?? 0, .error,
                        "no period for this row: the period is blank and the file name is not a month",
                        hint: "fill the period column, or name the file after its month, such as 2017-09.csv"))
            }
            var authority = defaultAuthority
            var authorityIsValid = true
            if let column = columns.authority, !record.isBlank(column) {
                let number = record.withBytes(column) { bytes in
                    let code = ByteText.trimmedBytes(bytes)
                    return lastAuthority >= 0 && authorities.holds(lastAuthority, code)
                        ? lastAuthority : authorities.insert(code)
                }
                lastAuthority = number
                authority = number
                while authorityChecks.count < authorities.count { authorityChecks.append(nil) }
                let code = authorities.texts[number]
                let check =
                    authorityChecks[number]
                    ?? AuthorityCheck(
                        problem: AuthorityCode.problem(code),
                        listed: context.authorityCodes.isEmpty || context.authorityCodes.contains(code))
                authorityChecks[number] = check
                if let problem = check.problem {
                    problems.append(record.diagnostic(field: column, .error, problem, hint: AuthorityCode.hint))
                    authorityIsValid = false
                } else if !check.listed {
                    context.checkAuthority(code, in: record, column: column, &problems)
                }
            }
            if authority == nil {
                problems.append(
                    record.diagnostic(
                        field: columns.authority ?? 0, .error, "no authority for this row",
                        hint: "fill the authority column, or set \"authority\" in dashboard.json"))
            }
            let figure = readFigure(
                record, columns, unit: indicatorNumber.map { units[$0] },
                decimals: indicatorNumber.map { decimals[$0] } ?? 1,
                &problems)
            guard let indicatorNumber, let month, let authority, authorityIsValid, let figure else { return }
            var breakdown = wholeService
            if let column = columns.breakdown, !record.isBlank(column) {
                breakdown = record.withBytes(column) { breakdowns.insert(ByteText.trimmedBytes($0)) }
            }
            let seriesNumber = series.insert(
                SeriesKey(
                    authority: Int32(authority), indicator: Int32(indicatorNumber),
                    breakdown: Int32(breakdown))
            ).number
            let slot = slots.insert(
                UInt64(UInt32(truncatingIfNeeded: seriesNumber)) << 32 | UInt64(UInt32(bitPattern: Int32(month.index))))
            if !slot.inserted {
                let first = firstLines[slot.number]
                let breakdownText = breakdowns.texts[breakdown]
                problems.append(
                    record.diagnostic(
                        .error,
                        "\(indicatorIDs[indicatorNumber]) for \(authorities.texts[authority]), \(month)\(breakdownText.isEmpty ? "" : ", \(breakdownText)") is given twice in this file (first on line \(first))",
                        hint: "keep one row per indicator, authority, month and breakdown"))
                return
            }
            firstLines.append(record.line)
            var note: Int?
            if let text = record.optionalText(columns.note) {
                note = figures.notes.count
                figures.notes.append(text)
            }
            figures.rows.append(
                FileFigures.Row(
                    series: Int32(seriesNumber), month: Int32(month.index), figure: figure, line: record.line,
                    note: note))
        }

        consuming func finished(_ problems: [Diagnostic]) -> FileFigures {
            figures.problems = problems
            figures.authorities = authorities.texts
            figures.breakdowns = breakdowns.texts
            figures.indicators = indicatorIDs
            figures.series = series.keys
            return figures
        }
    }

    struct Figure: Equatable {
        var value: Double?
        var numerator: Double?
        var denominator: Double?
        var status: ValueStatus
    }

    /// A figure's cell as read, with the column it sits in for any report.
    private struct Cell {
        var parsed: ParsedValue
        var column: Int
    }

    /// The value, or the counts it is computed from, with the contract's checks.
    private static func readFigure(
        _ record: borrowing CSVRecord, _ columns: Columns, unit: IndicatorUnit?, decimals: Int,
        _ problems: inout [Diagnostic]
    ) -> Figure? {
        var failed = false
        func parse(_ column: Int?) -> Cell? {
            guard let column else { return nil }
            let parsed = record.withBytes(column, ValueParser.parse)
            if case .invalid(let message, let hint) = parsed {
                problems.append(record.diagnostic(field: column, .error, message, hint: hint))
                failed = true
            }
            return Cell(parsed: parsed, column: column)
        }
        let value = parse(columns.value)
        let numerator = parse(columns.numerator)
        let denominator = parse(columns.denominator)
        guard !failed else { return nil }

        func count(_ cell: Cell?, _ name: String) -> Double? {
            guard let cell, case .number(let n) = cell.parsed else { return nil }
            if !FigureRange.contains(n.value) {
                problems.append(
                    record.diagnostic(
                        field: cell.column, .error, FigureRange.message("the \(name)"), hint: FigureRange.hint))
                failed = true
            } else if n.value < 0 {
                problems.append(record.diagnostic(field: cell.column, .error, "the \(name) cannot be negative"))
                failed = true
            }
            return n.value
        }
        let num = count(numerator, "numerator")
        let den = count(denominator, "denominator")
        guard !failed else { return nil }

        if let given = num == nil ? denominator : numerator, (num == nil) != (den == nil) {
            let givenName = num == nil ? "denominator" : "numerator"
            let otherName = num == nil ? "numerator" : "denominator"
            // A marker such as `c` says why the other count is absent; a blank cell says nothing, and the count
            // given would be silently dropped.
            if case .marker(let status)? = (num == nil ? numerator : denominator)?.parsed, status != .missing {
            } else {
                problems.append(
                    record.diagnostic(
                        field: given.column, .error, "a \(givenName) without a \(otherName)",
                        hint: "give both counts, or neither"))
                return nil
            }
        }
        if let num, let den, let numerator, let denominator {
            if den == 0 {
                problems.append(
                    record.diagnostic(
                        field: denominator.column, .error, "the denominator is 0, so no figure can be computed",
                        hint:
                            "if nothing was counted this month, write z (not applicable) in value and leave the counts blank"
                    ))
                return nil
            }
            if unit == .percent && num > den {
                problems.append(
                    record.diagnostic(
                        field: numerator.column, .error,
                        "the numerator (\(NumberFormat.compact(num, decimals: 6))) is above the denominator (\(NumberFormat.compact(den, decimals: 6)))",
                        hint: "a percentage counts part of a whole: check the two columns are not swapped"))
                return nil
            }
            let computed = num / den * scale(unit)
            guard FigureRange.contains(computed) else {
                problems.append(
                    record.diagnostic(
                        field: numerator.column, .error,
                        FigureRange.message("the figure computed from the counts"), hint: FigureRange.hint))
                return nil
            }
            var lowReliability = false
            if let value, case .number(let given) = value.parsed {
                lowReliability = given.lowReliability
                if NumberFormat.rounded(given.value, decimals: decimals)
                    != NumberFormat.rounded(computed, decimals: decimals)
                {
                    problems.append(
                        record.diagnostic(
                            field: value.column, .warning,
                            "the value \(NumberFormat.compact(given.value, decimals: 6)) disagrees with its counts, which give \(NumberFormat.fixed(computed, decimals: decimals)); the counts are used",
                            hint: "check the extract's calculation"))
                }
            } else if let value, case .marker(let status) = value.parsed, status == .lowReliability {
                lowReliability = true
            } else if let value, case .marker(let status) = value.parsed, status != .missing {
                // The marker wins: a figure marked suppressed must never be published from the counts beside it.
                problems.append(
                    record.diagnostic(
                        field: value.column, .warning,
                        "the value is marked \"\(record.trimmedText(value.column))\" but counts are given; the marker is kept and the counts are not used"
                    ))
                return Figure(status: status)
            }
            return Figure(
                value: computed, numerator: num, denominator: den, status: lowReliability ? .lowReliability : .ok)
        }
        switch value?.parsed {
        case .number(let n)?:
            guard let value, check(n, unit: unit, record, column: value.column, &problems) else { return nil }
            return Figure(value: n.value, status: n.lowReliability ? .lowReliability : .ok)
        case .marker(let status)?:
            if status == .missing, case .marker(let countStatus)? = (numerator ?? denominator)?.parsed,
                countStatus != .missing
            {
                return Figure(status: countStatus)
            }
            return Figure(status: status)
        default:
            if case .marker(let countStatus)? = (numerator ?? denominator)?.parsed {
                return Figure(status: countStatus)
            }
            return Figure(status: .missing)
        }
    }

    /// Contract checks on a written value: percentages within 0 to 100, counts and durations not negative.
    private static func check(
        _ n: ParsedNumber, unit: IndicatorUnit?, _ record: borrowing CSVRecord, column: Int,
        _ problems: inout [Diagnostic]
    ) -> Bool {
        guard FigureRange.contains(n.value) else {
            problems.append(
                record.diagnostic(field: column, .error, FigureRange.message("the value"), hint: FigureRange.hint))
            return false
        }
        guard let unit else { return true }
        if n.hadPercentSign && unit != .percent {
            problems.append(
                record.diagnostic(
                    field: column, .warning, "a percent sign on a \(unit.rawValue) indicator",
                    hint: "check the indicator's unit in indicators.csv"))
        }
        switch unit {
        case .percent where !(0...100).contains(n.value):
            problems.append(
                record.diagnostic(
                    field: column, .error,
                    "a percentage must be from 0 to 100, found \(NumberFormat.compact(n.value, decimals: 6))",
                    hint: n.value > 100 && n.value <= 10_000 ? "write the percentage, not a count" : nil))
            return false
        case .count, .days, .ratePer10k:
            guard n.value < 0 else { return true }
            problems.append(
                record.diagnostic(
                    field: column, .error,
                    "a \(unit == .count ? "count" : unit.rawValue) cannot be negative, found \(NumberFormat.compact(n.value, decimals: 6))"
                ))
            return false
        default:
            return true
        }
    }

    private static func scale(_ unit: IndicatorUnit?) -> Double {
        switch unit {
        case .percent: 100
        case .ratePer10k: 10_000
        default: 1
        }
    }
}
