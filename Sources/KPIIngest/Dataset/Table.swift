import KPIModel
import Toolkit

/// The columns of one kind of contract file, as positions in a file's header: one record per file,
/// resolved once from its header, so reading a row indexes fields by position and never looks a name up.
protocol TableColumns {
    /// The names the header is matched against, and the field each one sets.
    static var schema: TableSchema<Self> { get }
    /// Every optional column absent; the schema's required columns are set from the header before any row is read.
    init()
}

/// The columns a contract file has: which must be there, which may be, and the field of the column record each sets.
struct TableSchema<Columns> {
    var required: [(name: String, field: WritableKeyPath<Columns, Int>)]
    var optional: [(name: String, field: WritableKeyPath<Columns, Int?>)]
    /// At least one of these groups of optional columns must all be present (`value`, or `numerator` and `denominator`).
    var oneOf: [[String]] = []

    var names: [String] { required.map(\.name) + optional.map(\.name) }
}

extension TableColumns {
    /// Matches header names case-insensitively after trimming spaces. A missing required column or
    /// a repeated name is an error located at the header; an unknown column is a warning.
    static func resolve(header: borrowing CSVRecord, into problems: inout [Diagnostic]) -> Self? {
        let schema = Self.schema
        let names = schema.names
        var positions: [String: Int] = [:]
        var ok = true
        for i in 0..<header.count {
            let name = header.trimmedText(i).lowercased()
            if let first = positions[name] {
                problems.append(
                    header.diagnostic(
                        field: i, .error, "column \"\(name)\" appears twice (first as column \(first + 1))",
                        hint: "remove or rename one of them"))
                ok = false
            } else if names.contains(name) {
                positions[name] = i
            } else {
                let suggestion = closest(to: name, in: names).map { "did you mean \"\($0)\"? " } ?? ""
                problems.append(
                    header.diagnostic(
                        field: i, .warning, "unknown column \"\(header.trimmedText(i))\" is ignored",
                        hint: "\(suggestion)known columns: \(names.joined(separator: ", "))"))
            }
        }
        var columns = Self()
        for (name, field) in schema.required {
            if let position = positions[name] {
                columns[keyPath: field] = position
            } else {
                problems.append(
                    header.diagnostic(
                        .error, "missing required column \"\(name)\"",
                        hint: "the header must name: \(schema.required.map(\.name).joined(separator: ", "))"))
                ok = false
            }
        }
        for (name, field) in schema.optional { columns[keyPath: field] = positions[name] }
        if !schema.oneOf.isEmpty && !schema.oneOf.contains(where: { $0.allSatisfy { positions[$0] != nil } }) {
            let groups = schema.oneOf.map { $0.joined(separator: " and ") }.joined(separator: ", or ")
            problems.append(header.diagnostic(.error, "the header needs \(groups)", hint: nil))
            ok = false
        }
        return ok ? columns : nil
    }
}

/// Reads one contract file: header, then every row, reporting every problem with its location.
///
/// `row` is called for each data row whose field count matches the header. A record of empty fields
/// (`,,,`, which spreadsheets write for an empty row) is a blank line and skipped. Row problems are
/// capped per file as the reader caps its own, so a file in the wrong format cannot bury the first
/// useful report, nor fill memory with millions of them.
func readTable<Columns: TableColumns>(
    path: String, bytes: [UInt8], encoding: TextEncoding, columns _: Columns.Type,
    problems: inout [Diagnostic],
    row: (borrowing CSVRecord, Columns, inout [Diagnostic]) -> Void
) {
    var columns: Columns?
    var width = 0
    var sawHeader = false
    var found: [Diagnostic] = []
    var unreported = 0
    var firstUnreported: Diagnostic?
    var unreportedErrors = 0
    func cap() {
        guard found.count > CSVReader.maximumProblems else { return }
        let dropped = found[CSVReader.maximumProblems...]
        unreported += dropped.count
        firstUnreported = firstUnreported ?? dropped.first
        unreportedErrors += dropped.count { $0.severity == .error }
        found.removeLast(dropped.count)
    }
    let structural = CSVReader(path: path, bytes: bytes, encoding: encoding).read { record in
        var blank = true
        for i in 0..<record.count where !record.isBlank(i) {
            blank = false
            break
        }
        if blank { return }
        guard sawHeader else {
            sawHeader = true
            columns = Columns.resolve(header: record, into: &found)
            width = record.count
            return
        }
        guard let columns else { return }
        guard record.count == width else {
            found.append(
                record.diagnostic(
                    .error, "this row has \(plural(record.count, "field")) but the header has \(width)",
                    hint: "quote any field that contains a comma, and check for a missing or extra comma"))
            cap()
            return
        }
        row(record, columns, &found)
        cap()
    }
    problems.append(contentsOf: structural)
    if !sawHeader && structural.allSatisfy({ $0.severity != .error }) {
        problems.append(
            Diagnostic(
                file: path, message: "the file is empty",
                hint:
                    "the first line must be a header naming: \(Columns.schema.required.map(\.name).joined(separator: ", "))"
            ))
    }
    problems.append(contentsOf: found)
    if let first = firstUnreported {
        var summary = Diagnostic(
            file: path, line: first.line, column: first.column, severity: unreportedErrors > 0 ? .error : .warning,
            message: "\(plural(unreported, "more problem")) in this file not shown",
            hint: "fix the problems above and run again")
        summary.hiddenErrors = unreportedErrors
        summary.hiddenWarnings = unreported - unreportedErrors
        problems.append(summary)
    }
}

/// The nearest name by edit distance, for "did you mean" hints; nil when nothing is close.
func closest(to name: String, in candidates: [String]) -> String? {
    let a = Array(name.utf8)
    var best: (String, Int)?
    for candidate in candidates {
        let d = editDistance(a, Array(candidate.utf8))
        if d <= max(2, a.count / 3), best == nil || d < best!.1 { best = (candidate, d) }
    }
    return best?.0
}

private func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = Swift.min(
                previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

extension CSVRecord {
    /// The trimmed text of an optional column, nil when the column is absent or the cell blank.
    func optionalText(_ column: Int?) -> String? {
        guard let column, !isBlank(column) else { return nil }
        return trimmedText(column)
    }
}
