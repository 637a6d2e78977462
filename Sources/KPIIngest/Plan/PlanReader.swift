import Foundation
import KPIModel

/// Reads `plan/items.csv` and `plan/updates.csv` (`spec/plan.md`) with the extracts' rules: every
/// problem located and reported in one run. Nil when the dataset has no plan.
enum PlanReader {
    static func read(files: DatasetFiles, _ context: LoadContext, _ problems: inout [Diagnostic]) -> Plan? {
        let updatesFile = files.optional("plan/updates.csv", &problems)
        let hasItems = FileManager.default.fileExists(atPath: files.path("plan/items.csv"))
        guard hasItems || updatesFile != nil else { return nil }
        guard
            let itemsFile = files.required(
                "plan/items.csv", hint: "updates.csv records progress on the items of plan/items.csv", &problems)
        else {
            return nil
        }
        let items = PlanItemReader.read(itemsFile, context, &problems)
        let updates = updatesFile.map { PlanUpdateReader.read($0, items: items, context, &problems) } ?? []
        return Plan(items: items, updates: updates)
    }

    /// The authority of a plan row: its own column, else the dashboard's; nil (reported) when neither is valid.
    static func authority(
        _ record: borrowing CSVRecord, column authorityColumn: Int?, _ context: LoadContext,
        _ problems: inout [Diagnostic]
    ) -> String? {
        if let column = authorityColumn, !record.isBlank(column) {
            let code = record.trimmedText(column)
            if let problem = AuthorityCode.problem(code) {
                problems.append(record.diagnostic(field: column, .error, problem, hint: AuthorityCode.hint))
                return nil
            }
            context.checkAuthority(code, in: record, column: column, &problems)
            return code
        }
        guard let code = context.settings.authority else {
            problems.append(
                record.diagnostic(
                    field: authorityColumn ?? 0, .error, "no authority for this row",
                    hint: "fill the authority column, or set \"authority\" in dashboard.json"))
            return nil
        }
        return code
    }

    /// Refs compare case-insensitively within an authority.
    static func key(_ authority: String, _ ref: String) -> String { authority + "\u{0}" + ref.lowercased() }
}

/// `plan/items.csv`: the recommendations and the actions under them.
enum PlanItemReader {
    struct Columns: TableColumns {
        var ref = 0, title = 0
        var parent: Int?, theme: Int?, source: Int?, lead: Int?, start: Int?, due: Int?, measure: Int?
        var indicators: Int?, authority: Int?

        static var schema: TableSchema<Columns> {
            TableSchema(
                required: [("ref", \.ref), ("title", \.title)],
                optional: [
                    ("parent", \.parent), ("theme", \.theme), ("source", \.source), ("lead", \.lead),
                    ("start", \.start), ("due", \.due), ("measure", \.measure), ("indicators", \.indicators),
                    ("authority", \.authority),
                ])
        }
    }

    /// A row read, with the place of its parent cell for reports made once every row is known.
    private struct Row {
        var item: PlanItem
        var parentCell: Diagnostic?
    }

    static func read(_ file: (path: String, bytes: [UInt8]), _ context: LoadContext, _ problems: inout [Diagnostic])
        -> [PlanItem]
    {
        var rows: [Row] = []
        var lines: [String: Int] = [:]
        var slugs: [String: (ref: String, line: Int)] = [:]
        let fyStart = context.settings.financialYearStartMonth
        readTable(
            path: file.path, bytes: file.bytes, encoding: context.encoding, columns: Columns.self, problems: &problems
        ) {
            record, columns, problems in
            let refColumn = columns.ref
            let ref = planRef(record.trimmedText(refColumn))
            let titleColumn = columns.title
            var valid = true
            if ref.isEmpty {
                problems.append(
                    record.diagnostic(
                        field: refColumn, .error, "the ref is blank",
                        hint: "give the reference the plan uses, such as 4, A1, B1a or 1.2"))
                valid = false
            } else if ref.unicodeScalars.contains(where: { $0.value < 0x20 }) {
                // The build record keeps each item's ref on a line of tab-separated fields.
                problems.append(
                    record.diagnostic(
                        field: refColumn, .error, "the ref \(ByteText.quoted(ref)) holds a tab or a line break",
                        hint: "write the reference on one line, such as 4, A1, B1a or 1.2"))
                valid = false
            }
            if record.isBlank(titleColumn) {
                problems.append(
                    record.diagnostic(
                        field: titleColumn, .error, "the title is blank",
                        hint: "give the recommendation or action as written"))
                valid = false
            }
            let authority = PlanReader.authority(record, column: columns.authority, context, &problems)
            if let authority, !ref.isEmpty {
                if let first = lines[PlanReader.key(authority, ref)] {
                    problems.append(
                        record.diagnostic(
                            field: refColumn, .error, "ref \"\(ref)\" is listed twice (first on line \(first))",
                            hint: "refs are compared ignoring case: give each item its own"))
                    valid = false
                } else {
                    lines[PlanReader.key(authority, ref)] = record.line
                    let slug = PlanItem.slug(ref)
                    if let other = slugs[authority + "\u{0}" + slug] {
                        problems.append(
                            record.diagnostic(
                                field: refColumn, .error,
                                "refs \"\(other.ref)\" (line \(other.line)) and \"\(ref)\" make the same page, plan/\(slug).html",
                                hint: "page names keep only a-z, 0-9, _ and -: change one of the refs"))
                        valid = false
                    } else {
                        slugs[authority + "\u{0}" + slug] = (ref, record.line)
                    }
                }
            }
            var start: Month?
            var due: PlanDue?
            if let column = columns.start, !record.isBlank(column) {
                switch record.planDate(column, financialYearStartMonth: fyStart, &problems) {
                case .months(let first, _)?: start = first
                case .ongoing?:
                    problems.append(
                        record.diagnostic(
                            field: column, .error, "a start date cannot be ongoing",
                            hint: "leave start blank, or give the month work began"))
                    valid = false
                case nil: valid = false
                }
            }
            if let column = columns.due, !record.isBlank(column) {
                if let date = record.planDate(column, financialYearStartMonth: fyStart, &problems) {
                    due = date.due
                } else {
                    valid = false
                }
            }
            var indicators: [String] = []
            if let column = columns.indicators, !record.isBlank(column) {
                for id in record.trimmedText(column).split(whereSeparator: {
                    $0 == " " || $0 == "," || $0 == ";" || $0 == "\t"
                }).map(String.init) {
                    if context.indicatorsByID[id] == nil {
                        let suggestion =
                            closest(to: id, in: context.indicators.map(\.id)).map { "did you mean \"\($0)\"? " } ?? ""
                        problems.append(
                            record.diagnostic(
                                field: column, .error, "unknown indicator \(ByteText.quoted(id))",
                                hint: "\(suggestion)every indicator must be listed in indicators.csv"))
                        valid = false
                    } else if !indicators.contains(id) {
                        indicators.append(id)
                    }
                }
            }
            let parentColumn = columns.parent
            let parent = record.optionalText(parentColumn).map(planRef)
            guard valid, let authority else { return }
            rows.append(
                Row(
                    item: PlanItem(
                        ref: ref, parent: parent, title: record.trimmedText(titleColumn),
                        theme: record.optionalText(columns.theme),
                        source: record.optionalText(columns.source),
                        lead: record.optionalText(columns.lead), start: start, due: due,
                        measure: record.paragraphs(columns.measure), indicators: indicators,
                        authority: authority),
                    parentCell: parentColumn.flatMap { parent == nil ? nil : record.diagnostic(field: $0, "") }))
        }
        return resolveParents(rows, &problems)
    }

    /// Checks every parent exists and no chain of parents loops, then gives each action without a
    /// theme its parent's. Parents use the ref as their item writes it.
    private static func resolveParents(_ rows: [Row], _ problems: inout [Diagnostic]) -> [PlanItem] {
        let index = Dictionary(
            rows.enumerated().map { (PlanReader.key($1.item.authority, $1.item.ref), $0) },
            uniquingKeysWith: { a, _ in a })
        var parents: [Int?] = Array(repeating: nil, count: rows.count)
        for (i, row) in rows.enumerated() {
            guard let parent = row.item.parent, var report = row.parentCell else { continue }
            if let found = index[PlanReader.key(row.item.authority, parent)] {
                parents[i] = found
            } else {
                report.message = "unknown parent \"\(parent)\": no item has this ref"
                report.hint = "the parent must be the ref of another item in items.csv, or blank for a top-level item"
                problems.append(report)
            }
        }
        var inCycle = Set<Int>()
        for start in rows.indices where !inCycle.contains(start) {
            var path: [Int] = []
            var current: Int? = start
            while let i = current, !path.contains(i), !inCycle.contains(i) {
                path.append(i)
                current = parents[i]
            }
            guard let repeated = current, let first = path.firstIndex(of: repeated) else { continue }
            let cycle = Array(path[first...])
            inCycle.formUnion(cycle)
            let reported = cycle.min()!
            var report = rows[reported].parentCell!
            let chain = (cycle.drop(while: { $0 != reported }) + cycle.prefix(while: { $0 != reported }) + [reported])
            report.message = "the parents form a cycle: " + chain.map { rows[$0].item.ref }.joined(separator: " → ")
            report.hint = "following the parents must lead to a top-level item, whose parent is blank"
            problems.append(report)
        }
        var items = rows.map(\.item)
        var resolved = Array(repeating: false, count: items.count)
        func theme(_ i: Int) -> String? {
            if resolved[i] || inCycle.contains(i) { return items[i].theme }
            resolved[i] = true
            if items[i].theme == nil, let parent = parents[i] { items[i].theme = theme(parent) }
            return items[i].theme
        }
        for i in items.indices { _ = theme(i) }
        for (i, parent) in parents.enumerated() {
            if let parent { items[i].parent = items[parent].ref }
        }
        return items
    }
}

/// `plan/updates.csv`: one row per item per reporting month.
enum PlanUpdateReader {
    struct Columns: TableColumns {
        var ref = 0, period = 0
        var rating: Int?, status: Int?, impact: Int?, due: Int?, evidence: Int?, next: Int?, author: Int?
        var authority: Int?

        static var schema: TableSchema<Columns> {
            TableSchema(
                required: [("ref", \.ref), ("period", \.period)],
                optional: [
                    ("rating", \.rating), ("status", \.status), ("impact", \.impact), ("due", \.due),
                    ("evidence", \.evidence), ("next", \.next), ("author", \.author), ("authority", \.authority),
                ],
                oneOf: [["rating"], ["status"]])
        }
    }

    static func read(
        _ file: (path: String, bytes: [UInt8]), items: [PlanItem], _ context: LoadContext,
        _ problems: inout [Diagnostic]
    ) -> [PlanUpdate] {
        let refs = Dictionary(
            items.map { (PlanReader.key($0.authority, $0.ref), $0.ref) }, uniquingKeysWith: { a, _ in a })
        var updates: [PlanUpdate] = []
        var lines: [String: Int] = [:]
        let fyStart = context.settings.financialYearStartMonth
        readTable(
            path: file.path, bytes: file.bytes, encoding: context.encoding, columns: Columns.self, problems: &problems
        ) {
            record, columns, problems in
            let refColumn = columns.ref
            let written = planRef(record.trimmedText(refColumn))
            let authority = PlanReader.authority(record, column: columns.authority, context, &problems)
            var ref: String?
            if let authority {
                ref = refs[PlanReader.key(authority, written)]
                if ref == nil {
                    let known = items.filter { $0.authority == authority }.map(\.ref)
                    let suggestion = closest(to: written, in: known).map { "did you mean \"\($0)\"? " } ?? ""
                    problems.append(
                        record.diagnostic(
                            field: refColumn, .error,
                            written.isEmpty ? "the ref is blank" : "unknown ref \"\(written)\"",
                            hint: "\(suggestion)every update must name the ref of an item in items.csv"))
                }
            }
            let periodColumn = columns.period
            let month = record.month(periodColumn, &problems)
            var valid = true
            func ratings(_ column: Int?, _ what: String) -> [PlanRating] {
                guard let column, !record.isBlank(column) else { return [] }
                guard let ratings = record.planRatings(column, what, &problems) else {
                    valid = false
                    return []
                }
                return ratings
            }
            let rating = ratings(columns.rating, "rating")
            let impact = ratings(columns.impact, "impact rating")
            var status: PlanStatus?
            if let column = columns.status, !record.isBlank(column) {
                status = record.planStatus(column, &problems)
                if status == nil { valid = false }
            }
            if valid && rating.isEmpty && status == nil {
                problems.append(
                    record.diagnostic(
                        field: columns.rating ?? columns.status!, .error,
                        "the update gives neither a rating nor a status", hint: "fill rating, status or both"))
                valid = false
            }
            var due: PlanDue?
            if let column = columns.due, !record.isBlank(column) {
                if let date = record.planDate(column, financialYearStartMonth: fyStart, &problems) {
                    due = date.due
                } else {
                    valid = false
                }
            }
            guard let authority, let ref, let month else { return }
            let key = PlanReader.key(authority, ref) + "\u{0}" + month.description
            if let first = lines[key] {
                problems.append(
                    record.diagnostic(
                        field: periodColumn, .error,
                        "a second update for \"\(ref)\" in \(month.description): lines \(first) and \(record.line)",
                        hint: "keep one update per item per month"))
                return
            }
            lines[key] = record.line
            guard valid else { return }
            updates.append(
                PlanUpdate(
                    ref: ref, month: month, ratings: rating, status: status, impact: impact, due: due,
                    evidence: record.paragraphs(columns.evidence),
                    next: record.paragraphs(columns.next),
                    author: record.optionalText(columns.author), authority: authority))
        }
        return updates
    }
}
