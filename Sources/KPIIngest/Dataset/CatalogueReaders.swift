import KPIModel

/// `authorities.csv`: code, name, region.
enum AuthorityReader {
    struct Columns: TableColumns {
        var code = 0, name = 0
        var region: Int?

        static var schema: TableSchema<Columns> {
            TableSchema(required: [("code", \.code), ("name", \.name)], optional: [("region", \.region)])
        }
    }

    static func read(_ file: (path: String, bytes: [UInt8]), _ context: LoadContext, _ problems: inout [Diagnostic])
        -> [Authority]
    {
        var authorities: [Authority] = []
        var lines: [String: Int] = [:]
        readTable(
            path: file.path, bytes: file.bytes, encoding: context.encoding, columns: Columns.self, problems: &problems
        ) { record, columns, problems in
            let code = record.trimmedText(columns.code)
            let name = record.trimmedText(columns.name)
            guard !code.isEmpty, !name.isEmpty else {
                problems.append(
                    record.diagnostic(
                        field: code.isEmpty ? columns.code : columns.name, .error,
                        "an authority needs both a code and a name"))
                return
            }
            if let first = lines[code] {
                problems.append(
                    record.diagnostic(
                        field: columns.code, .error, "authority \"\(code)\" is listed twice (first on line \(first))"))
                return
            }
            lines[code] = record.line
            authorities.append(Authority(code: code, name: name, region: record.optionalText(columns.region)))
        }
        return authorities
    }
}

/// `indicators.csv`: the catalogue every other file refers to.
enum IndicatorReader {
    struct Columns: TableColumns {
        var id = 0, name = 0, area = 0, unit = 0, polarity = 0
        var decimals: Int?, neighbourMethod: Int?, definition: Int?, source: Int?, lead: Int?, outturn: Int?
        var frequency: Int?

        static var schema: TableSchema<Columns> {
            TableSchema(
                required: [
                    ("id", \.id), ("name", \.name), ("area", \.area), ("unit", \.unit), ("polarity", \.polarity),
                ],
                optional: [
                    ("decimals", \.decimals), ("sn_method", \.neighbourMethod), ("definition", \.definition),
                    ("source", \.source), ("lead", \.lead), ("outturn", \.outturn), ("frequency", \.frequency),
                ])
        }
    }

    static func read(_ file: (path: String, bytes: [UInt8]), _ context: LoadContext, _ problems: inout [Diagnostic])
        -> [Indicator]
    {
        var indicators: [Indicator] = []
        var lines: [String: Int] = [:]
        readTable(
            path: file.path, bytes: file.bytes, encoding: context.encoding, columns: Columns.self, problems: &problems
        ) { record, columns, problems in
            let idColumn = columns.id
            let id = record.trimmedText(idColumn)
            var valid = true
            if id.isEmpty
                || !id.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F })
            {
                problems.append(
                    record.diagnostic(
                        field: idColumn, .error, "indicator id \"\(id)\" may use only a-z, 0-9 and _",
                        hint: "ids become file names and web addresses, for example re_referral_rate"))
                valid = false
            } else if let first = lines[id] {
                problems.append(
                    record.diagnostic(
                        field: idColumn, .error, "indicator \"\(id)\" is listed twice (first on line \(first))"))
                valid = false
            }
            func text(_ column: Int, _ what: String) -> String {
                if record.isBlank(column) {
                    problems.append(record.diagnostic(field: column, .error, "the indicator's \(what) is blank"))
                    valid = false
                }
                return record.trimmedText(column)
            }
            let name = text(columns.name, "name")
            let area = text(columns.area, "area")
            let unit: IndicatorUnit? = record.vocabulary(columns.unit, "unit", &problems)
            let polarity: Polarity? = record.vocabulary(columns.polarity, "polarity", &problems)
            var decimals: Int?
            if let column = columns.decimals, !record.isBlank(column) {
                decimals = record.integer(column, "decimals", in: 0...6, &problems)
                if decimals == nil { valid = false }
            }
            var method = NeighbourMethod.mean
            if let column = columns.neighbourMethod, !record.isBlank(column) {
                if let chosen: NeighbourMethod = record.vocabulary(column, "sn_method", &problems) {
                    method = chosen
                } else {
                    valid = false
                }
            }
            var outturn: OutturnRule?
            if let column = columns.outturn, !record.isBlank(column) {
                if let rule: OutturnRule = record.vocabulary(column, "outturn rule", &problems) {
                    outturn = rule
                } else {
                    valid = false
                }
            }
            var frequency = Frequency.month
            if let column = columns.frequency, !record.isBlank(column) {
                if let chosen: Frequency = record.vocabulary(column, "frequency", &problems) {
                    frequency = chosen
                } else {
                    valid = false
                }
            }
            guard valid, let unit, let polarity else { return }
            lines[id] = record.line
            indicators.append(
                Indicator(
                    id: id, name: name, area: area, unit: unit, polarity: polarity,
                    decimals: decimals, neighbourMethod: method,
                    definition: record.optionalText(columns.definition),
                    source: record.optionalText(columns.source),
                    lead: record.optionalText(columns.lead), outturn: outturn, frequency: frequency))
        }
        return indicators
    }
}

/// `targets.csv`: a value or a band per indicator, due by a month or the end of a financial year.
enum TargetReader {
    struct Columns: TableColumns {
        var indicator = 0, due = 0
        var target: Int?, low: Int?, high: Int?, tolerance: Int?, label: Int?, authority: Int?, breakdown: Int?

        static var schema: TableSchema<Columns> {
            TableSchema(
                required: [("indicator", \.indicator), ("due", \.due)],
                optional: [
                    ("target", \.target), ("low", \.low), ("high", \.high), ("tolerance", \.tolerance),
                    ("label", \.label), ("authority", \.authority), ("breakdown", \.breakdown),
                ])
        }
    }

    static func read(
        _ file: (path: String, bytes: [UInt8]), _ context: LoadContext, _ fyStart: Int,
        _ problems: inout [Diagnostic]
    ) -> [Target] {
        var targets: [Target] = []
        readTable(
            path: file.path, bytes: file.bytes, encoding: context.encoding, columns: Columns.self, problems: &problems
        ) { record, columns, problems in
            let indicator = context.indicator(in: record, column: columns.indicator, &problems)
            let dueColumn = columns.due
            var due: Month?
            if let period = record.period(dueColumn, financialYearStartMonth: fyStart, &problems) {
                if period.kind == .month || period.kind == .financialYear {
                    due = period.last
                } else {
                    problems.append(
                        record.diagnostic(
                            field: dueColumn, .error,
                            "a target is due by a month or a financial year, found \"\(period.label)\"",
                            hint: "write 2018-03 or 2017/18"))
                }
            }
            func value(_ column: Int?, _ name: String) -> (Double?, Bool) {
                guard let column, !record.isBlank(column) else { return (nil, true) }
                let number = record.number(column, name, &problems)
                return (number, number != nil)
            }
            let (target, targetOK) = value(columns.target, "target")
            let (low, lowOK) = value(columns.low, "low")
            let (high, highOK) = value(columns.high, "high")
            let (tolerance, toleranceOK) = value(columns.tolerance, "tolerance")
            guard targetOK, lowOK, highOK, toleranceOK else { return }
            let anchor = columns.target ?? columns.low ?? dueColumn
            if target == nil && low == nil && high == nil {
                problems.append(
                    record.diagnostic(
                        field: anchor, .error, "the row gives neither a target nor a band",
                        hint: "fill target, or low and high for a band"))
                return
            }
            if target != nil && (low != nil || high != nil) {
                problems.append(
                    record.diagnostic(
                        field: anchor, .error, "the row gives both a target and a band", hint: "keep one of them"))
                return
            }
            if target == nil && (low == nil || high == nil) {
                problems.append(
                    record.diagnostic(
                        field: (low == nil ? columns.low : columns.high) ?? anchor, .error,
                        "a band needs both low and high", hint: "for a one-sided target use the target column"))
                return
            }
            if let low, let high, let lowColumn = columns.low, low > high {
                problems.append(
                    record.diagnostic(
                        field: lowColumn, .error,
                        "the band's low (\(NumberFormat.compact(low, decimals: 6))) is above its high (\(NumberFormat.compact(high, decimals: 6)))"
                    ))
                return
            }
            if let tolerance, let toleranceColumn = columns.tolerance, tolerance < 0 {
                problems.append(record.diagnostic(field: toleranceColumn, .error, "the tolerance cannot be negative"))
                return
            }
            if let indicator, let target, let targetColumn = columns.target, indicator.unit == .percent,
                !(0...100).contains(target)
            {
                problems.append(
                    record.diagnostic(field: targetColumn, .error, "a percentage target must be from 0 to 100"))
                return
            }
            if let indicator, target != nil, indicator.polarity == .band {
                problems.append(
                    record.diagnostic(
                        field: anchor, .warning,
                        "\(indicator.id) is judged by a band, but this row gives a single target",
                        hint: "give low and high instead"))
            }
            guard let indicator, let due else { return }
            targets.append(
                Target(
                    indicator: indicator.id, due: due, value: target, low: low, high: high, tolerance: tolerance,
                    label: record.optionalText(columns.label),
                    authority: record.optionalText(columns.authority),
                    breakdown: record.optionalText(columns.breakdown) ?? ""))
        }
        return targets
    }
}
