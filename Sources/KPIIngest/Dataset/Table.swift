import KPIModel
import Toolkit

/// The columns a contract file has: which must be there and which may be.
struct TableSchema {
    var required: [String]
    var optional: [String]
    /// At least one of these groups of optional columns must all be present (`value`, or `numerator` and `denominator`).
    var oneOf: [[String]] = []

    var all: [String] { required + optional }
}

/// A CSV file's header resolved against its schema: the field index of each known column.
///
/// Resolved once per file so that reading a row is an array index, not a name lookup.
struct ResolvedColumns {
    private var indices: [String: Int]
    let width: Int

    func index(_ name: String) -> Int? { indices[name] }
    func has(_ name: String) -> Bool { indices[name] != nil }

    /// Matches header names case-insensitively after trimming spaces. A missing required column or
    /// a repeated name is an error; an unknown column is a warning.
    static func resolve(header: borrowing CSVRecord, schema: TableSchema, into problems: inout [Diagnostic])
        -> ResolvedColumns?
    {
        var indices: [String: Int] = [:]
        var ok = true
        for i in 0..<header.count {
            let name = header.trimmedText(i).lowercased()
            if let first = indices[name] {
                problems.append(
                    header.diagnostic(
                        field: i, .error, "column \"\(name)\" appears twice (first as column \(first + 1))",
                        hint: "remove or rename one of them"))
                ok = false
            } else if schema.all.contains(name) {
                indices[name] = i
            } else {
                let known = schema.all.joined(separator: ", ")
                let suggestion = closest(to: name, in: schema.all).map { "did you mean \"\($0)\"? " } ?? ""
                problems.append(
                    header.diagnostic(
                        field: i, .warning, "unknown column \"\(header.trimmedText(i))\" is ignored",
                        hint: "\(suggestion)known columns: \(known)"))
            }
        }
        for name in schema.required where indices[name] == nil {
            problems.append(
                header.diagnostic(
                    .error, "missing required column \"\(name)\"",
                    hint: "the header must name: \(schema.required.joined(separator: ", "))"))
            ok = false
        }
        if !schema.oneOf.isEmpty && !schema.oneOf.contains(where: { $0.allSatisfy { indices[$0] != nil } }) {
            let groups = schema.oneOf.map { $0.joined(separator: " and ") }.joined(separator: ", or ")
            problems.append(header.diagnostic(.error, "the header needs \(groups)", hint: nil))
            ok = false
        }
        return ok ? ResolvedColumns(indices: indices, width: header.count) : nil
    }
}

/// Reads one contract file: header, then every row, reporting every problem with its location.
///
/// `row` is called for each data row whose field count matches the header. A record of empty fields
/// (`,,,`, which spreadsheets write for an empty row) is a blank line and skipped. Row problems are
/// capped per file as the reader caps its own, so a file in the wrong format cannot bury the first
/// useful report, nor fill memory with millions of them.
func readTable(
    path: String, bytes: [UInt8], encoding: TextEncoding, schema: TableSchema,
    problems: inout [Diagnostic], row: (borrowing CSVRecord, ResolvedColumns, inout [Diagnostic]) -> Void
) {
    var columns: ResolvedColumns?
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
            columns = ResolvedColumns.resolve(header: record, schema: schema, into: &found)
            return
        }
        guard let columns else { return }
        guard record.count == columns.width else {
            found.append(
                record.diagnostic(
                    .error, "this row has \(plural(record.count, "field")) but the header has \(columns.width)",
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
                hint: "the first line must be a header naming: \(schema.required.joined(separator: ", "))"))
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
