import Foundation
import KPIModel

/// `extracts/*.csv`: the monthly figures, read in file-name order so a later file revises an earlier one.
enum ExtractReader {
    static let schema = TableSchema(
        required: ["indicator"],
        optional: ["period", "authority", "value", "numerator", "denominator", "breakdown", "note"],
        oneOf: [["value"], ["numerator", "denominator"]])

    struct Result {
        var observations: [Observation] = []
        var revisions: [Revision] = []
    }

    private struct Key: Hashable {
        var authority: String
        var indicator: String
        var month: Month
        var breakdown: String
    }

    static func readAll(files: DatasetFiles, _ context: LoadContext, _ problems: inout [Diagnostic]) -> Result {
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
        var result = Result()
        var index: [Key: Int] = [:]
        for name in csvNames {
            guard let file = files.read(folder + "/" + name, &problems) else { continue }
            let fileMonth: Month? = {
                let stem = String(name.dropLast(4))
                if case .success(let month) = PeriodParser.parseMonth(stem) { return month }
                return nil
            }()
            // One index serves both checks: a key already read from this file is a duplicate, from an earlier file a
            // revision. (A second dictionary of the file's keys cost gigabytes on a national-scale extract.)
            var rowsInFile = 0
            // About 45 bytes a row in a typical extract: reserving avoids rehashing a national index many times over.
            index.reserveCapacity(index.count + file.bytes.count / 45)
            result.observations.reserveCapacity(result.observations.count + file.bytes.count / 45)
            readTable(
                path: file.path, bytes: file.bytes, encoding: context.encoding, schema: schema, problems: &problems
            ) { record, columns, problems in
                guard
                    let observation = readRow(
                        record, columns, fileMonth: fileMonth, path: file.path, context, &problems)
                else { return }
                let key = Key(
                    authority: observation.authority, indicator: observation.indicator, month: observation.month,
                    breakdown: observation.breakdown)
                // One hash per new row, the common case: claim the next slot, and put the old one back if the key was taken.
                guard let existing = index.updateValue(result.observations.count, forKey: key) else {
                    rowsInFile += 1
                    result.observations.append(observation)
                    return
                }
                index[key] = existing
                let earlier = result.observations[existing]
                if earlier.source.file == file.path {
                    problems.append(
                        record.diagnostic(
                            .error,
                            "\(observation.indicator) for \(observation.authority), \(observation.month)\(observation.breakdown.isEmpty ? "" : ", \(observation.breakdown)") is given twice in this file (first on line \(earlier.source.line))",
                            hint: "keep one row per indicator, authority, month and breakdown"))
                    return
                }
                rowsInFile += 1
                if earlier.value != observation.value || earlier.status != observation.status
                    || earlier.numerator != observation.numerator || earlier.denominator != observation.denominator
                {
                    result.revisions.append(Revision(earlier: earlier, later: observation))
                }
                result.observations[existing] = observation
            }
            if rowsInFile == 0 && !problems.contains(where: { $0.file == file.path && $0.severity == .error }) {
                problems.append(
                    Diagnostic(
                        file: file.path, severity: .warning, message: "this extract has no rows",
                        hint: "an empty month is reported as missing on the quality page"))
            }
        }
        return result
    }

    private static func readRow(
        _ record: borrowing CSVRecord, _ columns: ResolvedColumns, fileMonth: Month?, path: String,
        _ context: LoadContext, _ problems: inout [Diagnostic]
    ) -> Observation? {
        let indicator = context.indicator(in: record, column: columns.index("indicator")!, &problems)
        var month: Month?
        if let column = columns.index("period"), !record.isBlank(column) {
            month = record.figureMonth(
                column, for: indicator, financialYearStartMonth: context.settings.financialYearStartMonth, &problems)
        } else if let fileMonth, indicator?.frequency ?? .month == .month {
            month = fileMonth
        } else if let indicator, fileMonth != nil {
            problems.append(
                record.diagnostic(
                    field: columns.index("indicator")!, .error,
                    "\(indicator.id) is \(indicator.frequency == .year ? "yearly" : "quarterly"), and the file name gives only a month",
                    hint:
                        "add a period column with the \(indicator.frequency == .year ? "financial year, such as 2016/17" : "quarter, such as 2017/18 Q2")"
                ))
        } else {
            let column = columns.index("period") ?? 0
            problems.append(
                record.diagnostic(
                    field: column, .error,
                    "no period for this row: the period is blank and the file name is not a month",
                    hint: "fill the period column, or name the file after its month, such as 2017-09.csv"))
        }
        var authority = context.settings.authority
        var authorityIsValid = true
        if let column = columns.index("authority"), !record.isBlank(column) {
            let code = record.trimmedText(column)
            authority = code
            if let problem = AuthorityCode.problem(code) {
                problems.append(record.diagnostic(field: column, .error, problem, hint: AuthorityCode.hint))
                authorityIsValid = false
            } else {
                context.checkAuthority(code, in: record, column: column, &problems)
            }
        }
        if authority == nil {
            problems.append(
                record.diagnostic(
                    field: columns.index("authority") ?? 0, .error, "no authority for this row",
                    hint: "fill the authority column, or set \"authority\" in dashboard.json"))
        }
        let figure = readFigure(record, columns, unit: indicator?.unit, decimals: indicator?.decimals ?? 1, &problems)
        guard let indicator, let month, let authority, authorityIsValid, let figure else { return nil }
        return Observation(
            authority: authority, indicator: indicator.id, month: month,
            breakdown: record.optionalText(columns.index("breakdown")) ?? "",
            value: figure.value, numerator: figure.numerator, denominator: figure.denominator,
            status: figure.status, note: record.optionalText(columns.index("note")),
            source: RowReference(file: path, line: record.line))
    }

    private struct Figure {
        var value: Double?
        var numerator: Double?
        var denominator: Double?
        var status: ValueStatus
    }

    /// The value, or the counts it is computed from, with the contract's checks.
    private static func readFigure(
        _ record: borrowing CSVRecord, _ columns: ResolvedColumns, unit: IndicatorUnit?, decimals: Int,
        _ problems: inout [Diagnostic]
    ) -> Figure? {
        var failed = false
        func parse(_ name: String) -> ParsedValue? {
            guard let column = columns.index(name) else { return nil }
            let parsed = record.withBytes(column, ValueParser.parse)
            if case .invalid(let message, let hint) = parsed {
                problems.append(record.diagnostic(field: column, .error, message, hint: hint))
                failed = true
            }
            return parsed
        }
        let value = parse("value")
        let numerator = parse("numerator")
        let denominator = parse("denominator")
        guard !failed else { return nil }

        func count(_ parsed: ParsedValue?, _ name: String) -> Double? {
            guard case .number(let n)? = parsed else { return nil }
            if !FigureRange.contains(n.value) {
                problems.append(
                    record.diagnostic(
                        field: columns.index(name)!, .error, FigureRange.message("the \(name)"), hint: FigureRange.hint)
                )
                failed = true
            } else if n.value < 0 {
                problems.append(
                    record.diagnostic(field: columns.index(name)!, .error, "the \(name) cannot be negative"))
                failed = true
            }
            return n.value
        }
        let num = count(numerator, "numerator")
        let den = count(denominator, "denominator")
        guard !failed else { return nil }

        if (num == nil) != (den == nil) {
            let given = num == nil ? "denominator" : "numerator"
            let other = num == nil ? "numerator" : "denominator"
            // A marker such as `c` says why the other count is absent; a blank cell says nothing, and the count
            // given would be silently dropped.
            if case .marker(let status)? = (num == nil ? numerator : denominator), status != .missing {
            } else {
                problems.append(
                    record.diagnostic(
                        field: columns.index(given)!, .error, "a \(given) without a \(other)",
                        hint: "give both counts, or neither"))
                return nil
            }
        }
        if let num, let den {
            if den == 0 {
                problems.append(
                    record.diagnostic(
                        field: columns.index("denominator")!, .error,
                        "the denominator is 0, so no figure can be computed",
                        hint:
                            "if nothing was counted this month, write z (not applicable) in value and leave the counts blank"
                    ))
                return nil
            }
            if unit == .percent && num > den {
                problems.append(
                    record.diagnostic(
                        field: columns.index("numerator")!, .error,
                        "the numerator (\(NumberFormat.compact(num, decimals: 6))) is above the denominator (\(NumberFormat.compact(den, decimals: 6)))",
                        hint: "a percentage counts part of a whole: check the two columns are not swapped"))
                return nil
            }
            let computed = num / den * scale(unit)
            guard FigureRange.contains(computed) else {
                problems.append(
                    record.diagnostic(
                        field: columns.index("numerator")!, .error,
                        FigureRange.message("the figure computed from the counts"), hint: FigureRange.hint))
                return nil
            }
            var lowReliability = false
            if case .number(let given)? = value {
                lowReliability = given.lowReliability
                if NumberFormat.rounded(given.value, decimals: decimals)
                    != NumberFormat.rounded(computed, decimals: decimals)
                {
                    problems.append(
                        record.diagnostic(
                            field: columns.index("value")!, .warning,
                            "the value \(NumberFormat.compact(given.value, decimals: 6)) disagrees with its counts, which give \(NumberFormat.fixed(computed, decimals: decimals)); the counts are used",
                            hint: "check the extract's calculation"))
                }
            } else if case .marker(let status)? = value, status == .lowReliability {
                lowReliability = true
            } else if case .marker(let status)? = value, status != .missing {
                // The marker wins: a figure marked suppressed must never be published from the counts beside it.
                problems.append(
                    record.diagnostic(
                        field: columns.index("value")!, .warning,
                        "the value is marked \"\(record.trimmedText(columns.index("value")!))\" but counts are given; the marker is kept and the counts are not used"
                    ))
                return Figure(status: status)
            }
            return Figure(
                value: computed, numerator: num, denominator: den, status: lowReliability ? .lowReliability : .ok)
        }
        switch value {
        case .number(let n)?:
            guard check(n, unit: unit, record, column: columns.index("value")!, &problems) else { return nil }
            return Figure(value: n.value, status: n.lowReliability ? .lowReliability : .ok)
        case .marker(let status)?:
            if status == .missing, case .marker(let countStatus)? = numerator ?? denominator, countStatus != .missing {
                return Figure(status: countStatus)
            }
            return Figure(status: status)
        default:
            if case .marker(let countStatus)? = numerator ?? denominator { return Figure(status: countStatus) }
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
