import Foundation
import KPIModel

/// `benchmarks.csv`: statistical neighbours, England, region, and per-authority values.
enum BenchmarkReader {
    struct Columns: TableColumns {
        var indicator = 0, period = 0, comparator = 0, value = 0
        var authority: Int?

        static var schema: TableSchema<Columns> {
            TableSchema(
                required: [
                    ("indicator", \.indicator), ("period", \.period), ("comparator", \.comparator), ("value", \.value),
                ],
                optional: [("authority", \.authority)])
        }
    }

    private struct Key: Hashable {
        /// The indicator's place in the catalogue.
        var indicator: Int
        var period: Period
        var comparator: KPIModel.Comparator
        var authority: String?
    }

    static func read(
        _ file: (path: String, bytes: [UInt8]), _ context: LoadContext, _ fyStart: Int,
        _ problems: inout [Diagnostic]
    ) -> [Benchmark] {
        var benchmarks: [Benchmark] = []
        var lines: [Key: Int] = [:]
        // About 40 bytes a row: reserving spares rehashing every key many times over on a national file.
        lines.reserveCapacity(file.bytes.count / 40)
        var periods: [String: Period] = [:]
        readTable(
            path: file.path, bytes: file.bytes, encoding: context.encoding, columns: Columns.self, problems: &problems
        ) { record, columns, problems in
            let indicator = context.indicatorNumber(in: record, column: columns.indicator, &problems)
            // A national file repeats a handful of periods ninety thousand times: parse each text once.
            let periodText = record.trimmedText(columns.period)
            let period =
                periods[periodText] ?? record.period(columns.period, financialYearStartMonth: fyStart, &problems)
            if let period { periods[periodText] = period }
            let comparator = readComparator(record, column: columns.comparator, context, &problems)
            let valueColumn = columns.value
            var value: Double?
            var status = ValueStatus.missing
            switch record.withBytes(valueColumn, ValueParser.parse) {
            case .number(let n):
                guard FigureRange.contains(n.value) else {
                    problems.append(
                        record.diagnostic(
                            field: valueColumn, .error, FigureRange.message("the value"), hint: FigureRange.hint))
                    return
                }
                if let indicator, context.indicators[indicator].unit == .percent && !(0...100).contains(n.value) {
                    problems.append(
                        record.diagnostic(
                            field: valueColumn, .error,
                            "a percentage must be from 0 to 100, found \(NumberFormat.compact(n.value, decimals: 6))"))
                    return
                }
                value = n.value
                status = n.lowReliability ? .lowReliability : .ok
            case .marker(let marker):
                status = marker
            case .invalid(let message, let hint):
                problems.append(record.diagnostic(field: valueColumn, .error, message, hint: hint))
                return
            }
            let authority = record.optionalText(columns.authority)
            if let authority, let authorityColumn = columns.authority, case .authority = comparator {
                problems.append(
                    record.diagnostic(
                        field: authorityColumn, .warning,
                        "the authority column is ignored on a per-authority row (\"\(authority)\")",
                        hint: "it says whom statistical_neighbours and region rows compare with"))
            }
            guard let indicator, let period, let comparator else { return }
            let id = context.indicatorIDs.texts[indicator]
            let key = Key(indicator: indicator, period: period, comparator: comparator, authority: authority)
            // One hash for a new key, the common case: the line goes in, and the first one goes back on a repeat.
            if let first = lines.updateValue(record.line, forKey: key) {
                lines[key] = first
                problems.append(
                    record.diagnostic(
                        .error, "\(id), \(period.label), \(comparator.code) is given twice (first on line \(first))"))
                return
            }
            benchmarks.append(
                Benchmark(
                    indicator: id, period: period, comparator: comparator, value: value, status: status,
                    authority: authority, source: RowReference(file: file.path, line: record.line)))
        }
        return benchmarks
    }

    /// A contract word, or an authority code: a GSS code such as E10000018 or one listed in authorities.csv.
    private static func readComparator(
        _ record: borrowing CSVRecord, column: Int, _ context: LoadContext,
        _ problems: inout [Diagnostic]
    ) -> KPIModel.Comparator? {
        let text = record.trimmedText(column)
        switch text.lowercased() {
        case "statistical_neighbours": return .statisticalNeighbours
        case "england": return .england
        case "region": return .region
        default: break
        }
        if isGSSCode(text) || context.authorities.contains(where: { $0.code == text }) {
            context.checkAuthority(text, in: record, column: column, &problems)
            return .authority(text)
        }
        let words = ["statistical_neighbours", "england", "region"]
        let suggestion = closest(to: text.lowercased(), in: words).map { "did you mean \"\($0)\"? " } ?? ""
        problems.append(
            record.diagnostic(
                field: column, .error, "unknown comparator \"\(text)\"",
                hint: "\(suggestion)use statistical_neighbours, england, region, or an authority code such as E10000018"
            ))
        return nil
    }

    /// ONS/GSS area codes: a capital letter and eight digits.
    static func isGSSCode(_ text: String) -> Bool {
        let bytes = text.utf8
        return bytes.count == 9 && bytes.first.map { (0x41...0x5A).contains($0) } == true
            && bytes.dropFirst().allSatisfy { (0x30...0x39).contains($0) }
    }
}

/// `neighbours.csv`: each authority's statistical-neighbour group.
enum NeighbourReader {
    struct Columns: TableColumns {
        var authority = 0, neighbour = 0, rank = 0
        var closeness: Int?

        static var schema: TableSchema<Columns> {
            TableSchema(
                required: [("authority", \.authority), ("neighbour", \.neighbour), ("rank", \.rank)],
                optional: [("closeness", \.closeness)])
        }
    }

    static func read(_ file: (path: String, bytes: [UInt8]), _ context: LoadContext, _ problems: inout [Diagnostic])
        -> [NeighbourLink]
    {
        var links: [NeighbourLink] = []
        var seen: [String: Int] = [:]
        readTable(
            path: file.path, bytes: file.bytes, encoding: context.encoding, columns: Columns.self, problems: &problems
        ) { record, columns, problems in
            let authorityColumn = columns.authority
            let neighbourColumn = columns.neighbour
            let authority = record.trimmedText(authorityColumn)
            let neighbour = record.trimmedText(neighbourColumn)
            guard !authority.isEmpty, !neighbour.isEmpty else {
                problems.append(
                    record.diagnostic(
                        field: authority.isEmpty ? authorityColumn : neighbourColumn, .error,
                        "both authority and neighbour must be given"))
                return
            }
            if authority == neighbour {
                problems.append(
                    record.diagnostic(field: neighbourColumn, .error, "\(authority) is listed as its own neighbour"))
                return
            }
            context.checkAuthority(authority, in: record, column: authorityColumn, &problems)
            context.checkAuthority(neighbour, in: record, column: neighbourColumn, &problems)
            guard let rank = record.integer(columns.rank, "rank", in: 1...1000, &problems) else { return }
            var closeness: Double?
            if let column = columns.closeness, !record.isBlank(column) {
                guard let value = record.number(column, "closeness", &problems) else { return }
                closeness = value
            }
            let pair = authority + "\u{0}" + neighbour
            if let first = seen[pair] {
                problems.append(
                    record.diagnostic(
                        field: neighbourColumn, .error,
                        "\(neighbour) is listed twice as a neighbour of \(authority) (first on line \(first))"))
                return
            }
            seen[pair] = record.line
            links.append(NeighbourLink(authority: authority, neighbour: neighbour, rank: rank, closeness: closeness))
        }
        return links
    }
}

/// `commentary.csv`: narrative per indicator and period, kept as plain text.
enum CommentaryReader {
    struct Columns: TableColumns {
        var indicator = 0, period = 0, text = 0
        var authority: Int?, author: Int?, rag: Int?

        static var schema: TableSchema<Columns> {
            TableSchema(
                required: [("indicator", \.indicator), ("period", \.period), ("text", \.text)],
                optional: [("authority", \.authority), ("author", \.author), ("rag", \.rag)])
        }
    }

    static func read(
        _ file: (path: String, bytes: [UInt8]), _ context: LoadContext, _ fyStart: Int,
        _ problems: inout [Diagnostic]
    ) -> [Commentary] {
        var commentary: [Commentary] = []
        readTable(
            path: file.path, bytes: file.bytes, encoding: context.encoding, columns: Columns.self, problems: &problems
        ) { record, columns, problems in
            let indicator = context.indicator(in: record, column: columns.indicator, &problems)
            let period = record.period(columns.period, financialYearStartMonth: fyStart, &problems)
            var rag: RecordedRAG?
            if let column = columns.rag, !record.isBlank(column) {
                guard let value: RecordedRAG = record.vocabulary(column, "RAG rating", &problems) else { return }
                rag = value
            }
            let textColumn = columns.text
            let text = record.text(textColumn).trimmingCharacters(in: .whitespacesAndNewlines)
                .replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            if text.isEmpty && rag == nil {
                problems.append(
                    record.diagnostic(
                        field: textColumn, .warning, "the commentary text is blank, so the row is ignored"))
                return
            }
            guard let indicator, let period else { return }
            commentary.append(
                Commentary(
                    indicator: indicator.id, period: period, text: text,
                    authority: record.optionalText(columns.authority),
                    author: record.optionalText(columns.author), recordedRAG: rag))
        }
        return commentary
    }
}
