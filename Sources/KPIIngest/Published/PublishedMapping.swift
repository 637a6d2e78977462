import Foundation
import KPIModel

/// One line of `published.csv`: which column of which DfE file is which indicator (published.md).
struct PublishedMapping {
    var indicator: Indicator
    /// A file name under `published/`.
    var file: String
    var column: String
    var numerator: String?
    var denominator: String?
    /// `column=value` pairs a row must all match, compared case-insensitively after trimming.
    var filter: [(column: String, value: String)]
    /// The month a four-digit `time_period` stands at (1...12); nil when the line gives none.
    var asAt: Int?
    var source: RowReference
    /// Reports located at this line's cells, for problems found only once the file is read.
    var cells: [String: Diagnostic]

    /// A problem with one of this line's cells (`column`, `filter`, `as_at`…), at that cell.
    func problem(at cell: String, _ message: String, hint: String? = nil) -> Diagnostic {
        var diagnostic = cells[cell] ?? Diagnostic(file: source.file, line: source.line, message: "")
        diagnostic.message = message
        diagnostic.hint = hint
        return diagnostic
    }

    /// The columns this line needs the file to have.
    var columnsNeeded: [(cell: String, name: String)] {
        [("column", column)]
            + [numerator.map { ("numerator", $0) }, denominator.map { ("denominator", $0) }].compactMap { $0 }
            + filter.map { ("filter", $0.column) }
    }
}

/// `published.csv`, checked against the catalogue and the files in `published/`.
enum PublishedMappingReader {
    struct Columns: TableColumns {
        var indicator = 0, file = 0, column = 0
        var numerator: Int?, denominator: Int?, filter: Int?, asAt: Int?

        static var schema: TableSchema<Columns> {
            TableSchema(
                required: [("indicator", \.indicator), ("file", \.file), ("column", \.column)],
                optional: [
                    ("numerator", \.numerator), ("denominator", \.denominator), ("filter", \.filter), ("as_at", \.asAt),
                ])
        }

        /// Each column the file has, by name, for reports that point at a mapping's cells.
        var present: [(name: String, column: Int)] {
            Self.schema.required.map { ($0.name, self[keyPath: $0.field]) }
                + Self.schema.optional.compactMap { entry in self[keyPath: entry.field].map { (entry.name, $0) } }
        }
    }

    static func read(
        _ file: (path: String, bytes: [UInt8]), folder: String, _ context: LoadContext,
        _ problems: inout [Diagnostic]
    ) -> [PublishedMapping] {
        let available = PublishedFolder.csvNames(in: folder)
        var mappings: [PublishedMapping] = []
        readTable(
            path: file.path, bytes: file.bytes, encoding: context.encoding, columns: Columns.self, problems: &problems
        ) {
            record, columns, problems in
            let indicator = context.indicator(in: record, column: columns.indicator, &problems)
            var cells: [String: Diagnostic] = [:]
            for (name, column) in columns.present { cells[name] = record.diagnostic(field: column, "") }
            var valid = true
            let fileColumn = columns.file
            let name = record.trimmedText(fileColumn)
            if name.isEmpty || name.contains("/") || !available.contains(name) {
                let suggestion = closest(to: name, in: available).map { "did you mean \"\($0)\"? " } ?? ""
                let listed =
                    available.isEmpty
                    ? "published/ holds no .csv file" : "published/ holds: " + available.joined(separator: ", ")
                problems.append(
                    record.diagnostic(
                        field: fileColumn, .error,
                        name.isEmpty ? "the file is blank" : "there is no file \(ByteText.quoted(name)) in published/",
                        hint: "\(suggestion)\(listed)"))
                valid = false
            }
            let valueColumn = columns.column
            if record.isBlank(valueColumn) {
                problems.append(
                    record.diagnostic(
                        field: valueColumn, .error, "the column is blank",
                        hint: "name the file's column that holds the figure, such as rereferral_percent"))
                valid = false
            }
            let filter = readFilter(record, columns.filter, &valid, &problems)
            let asAt = readAsAt(record, columns.asAt, &valid, &problems)
            guard valid, let indicator else { return }
            mappings.append(
                PublishedMapping(
                    indicator: indicator, file: name, column: record.trimmedText(valueColumn).lowercased(),
                    numerator: record.optionalText(columns.numerator)?.lowercased(),
                    denominator: record.optionalText(columns.denominator)?.lowercased(),
                    filter: filter, asAt: asAt, source: RowReference(file: file.path, line: record.line),
                    cells: cells))
        }
        return mappings
    }

    /// `characteristic=Total;la_type=All`; a malformed one is reported and clears `valid`.
    private static func readFilter(
        _ record: borrowing CSVRecord, _ column: Int?, _ valid: inout Bool,
        _ problems: inout [Diagnostic]
    ) -> [(column: String, value: String)] {
        guard let column, !record.isBlank(column) else { return [] }
        var pairs: [(column: String, value: String)] = []
        for part in record.trimmedText(column).split(separator: ";", omittingEmptySubsequences: false) {
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = pair.first.map { String($0).trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            let value = pair.count == 2 ? String(pair[1]).trimmingCharacters(in: .whitespaces) : ""
            guard pair.count == 2, !name.isEmpty, !value.isEmpty else {
                problems.append(
                    record.diagnostic(
                        field: column, .error, "the filter \(ByteText.quoted(String(part))) is not column=value",
                        hint: "write column=value pairs separated by ;, such as characteristic=Total;la_type=All"))
                valid = false
                return []
            }
            if pairs.contains(where: { $0.column == name }) {
                problems.append(
                    record.diagnostic(
                        field: column, .error, "the filter names the column \"\(name)\" twice",
                        hint: "a row has one value in each column: keep one of them"))
                valid = false
                return []
            }
            pairs.append((name, value))
        }
        return pairs
    }

    /// A month name (1...12), nil when blank; anything else is reported and clears `valid`.
    private static func readAsAt(
        _ record: borrowing CSVRecord, _ column: Int?, _ valid: inout Bool, _ problems: inout [Diagnostic]
    ) -> Int? {
        guard let column, !record.isBlank(column) else { return nil }
        let text = record.trimmedText(column)
        if let month = PeriodParser.monthNumber(text.lowercased()) { return month }
        problems.append(
            record.diagnostic(
                field: column, .error, "as_at must be a month name, found \(ByteText.quoted(text))",
                hint:
                    "March for a year to 31 March (2025 is 2024/25), September for the workforce census at 30 September"
            ))
        valid = false
        return nil
    }
}

/// The `published/` folder.
enum PublishedFolder {
    /// Its CSV file names, in byte order.
    static func csvNames(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.lowercased().hasSuffix(".csv") && !$0.hasPrefix(".") }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }
}
