import KPIModel

/// `authorities.csv`: code, name, region.
enum AuthorityReader {
    static let schema = TableSchema(required: ["code", "name"], optional: ["region"])

    static func read(_ file: (path: String, bytes: [UInt8]), _ context: LoadContext, _ problems: inout [Diagnostic])
        -> [Authority]
    {
        var authorities: [Authority] = []
        var lines: [String: Int] = [:]
        readTable(path: file.path, bytes: file.bytes, encoding: context.encoding, schema: schema, problems: &problems) {
            record, columns, problems in
            let code = record.trimmedText(columns.index("code")!)
            let name = record.trimmedText(columns.index("name")!)
            guard !code.isEmpty, !name.isEmpty else {
                problems.append(
                    record.diagnostic(
                        field: columns.index(code.isEmpty ? "code" : "name")!, .error,
                        "an authority needs both a code and a name"))
                return
            }
            if let first = lines[code] {
                problems.append(
                    record.diagnostic(
                        field: columns.index("code")!, .error,
                        "authority \"\(code)\" is listed twice (first on line \(first))"))
                return
            }
            lines[code] = record.line
            authorities.append(Authority(code: code, name: name, region: record.optionalText(columns.index("region"))))
        }
        return authorities
    }
}

/// `indicators.csv`: the catalogue every other file refers to.
enum IndicatorReader {
    static let schema = TableSchema(
        required: ["id", "name", "area", "unit", "polarity"],
        optional: ["decimals", "sn_method", "definition", "source", "lead", "outturn", "frequency"])

    static func read(_ file: (path: String, bytes: [UInt8]), _ context: LoadContext, _ problems: inout [Diagnostic])
        -> [Indicator]
    {
        var indicators: [Indicator] = []
        var lines: [String: Int] = [:]
        readTable(path: file.path, bytes: file.bytes, encoding: context.encoding, schema: schema, problems: &problems) {
            record, columns, problems in
            let idColumn = columns.index("id")!
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
            var texts: [String: String] = [:]
            for name in ["name", "area"] {
                let column = columns.index(name)!
                if record.isBlank(column) {
                    problems.append(record.diagnostic(field: column, .error, "the indicator's \(name) is blank"))
                    valid = false
                }
                texts[name] = record.trimmedText(column)
            }
            let unit: IndicatorUnit? = record.vocabulary(columns.index("unit")!, "unit", &problems)
            let polarity: Polarity? = record.vocabulary(columns.index("polarity")!, "polarity", &problems)
            var decimals: Int?
            if let column = columns.index("decimals"), !record.isBlank(column) {
                decimals = record.integer(column, "decimals", in: 0...6, &problems)
                if decimals == nil { valid = false }
            }
            var method = NeighbourMethod.mean
            if let column = columns.index("sn_method"), !record.isBlank(column) {
                if let chosen: NeighbourMethod = record.vocabulary(column, "sn_method", &problems) {
                    method = chosen
                } else {
                    valid = false
                }
            }
            var outturn: OutturnRule?
            if let column = columns.index("outturn"), !record.isBlank(column) {
                if let rule: OutturnRule = record.vocabulary(column, "outturn rule", &problems) {
                    outturn = rule
                } else {
                    valid = false
                }
            }
            var frequency = Frequency.month
            if let column = columns.index("frequency"), !record.isBlank(column) {
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
                    id: id, name: texts["name"]!, area: texts["area"]!, unit: unit, polarity: polarity,
                    decimals: decimals, neighbourMethod: method,
                    definition: record.optionalText(columns.index("definition")),
                    source: record.optionalText(columns.index("source")),
                    lead: record.optionalText(columns.index("lead")), outturn: outturn, frequency: frequency))
        }
        return indicators
    }
}

/// `targets.csv`: a value or a band per indicator, due by a month or the end of a financial year.
enum TargetReader {
    static let schema = TableSchema(
        required: ["indicator", "due"],
        optional: ["target", "low", "high", "tolerance", "label", "authority", "breakdown"])

    static func read(
        _ file: (path: String, bytes: [UInt8]), _ context: LoadContext, _ fyStart: Int,
        _ problems: inout [Diagnostic]
    ) -> [Target] {
        var targets: [Target] = []
        readTable(path: file.path, bytes: file.bytes, encoding: context.encoding, schema: schema, problems: &problems) {
            record, columns, problems in
            let indicator = context.indicator(in: record, column: columns.index("indicator")!, &problems)
            let dueColumn = columns.index("due")!
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
            func value(_ name: String) -> (Double?, Bool) {
                guard let column = columns.index(name), !record.isBlank(column) else { return (nil, true) }
                let number = record.number(column, name, &problems)
                return (number, number != nil)
            }
            let (target, targetOK) = value("target")
            let (low, lowOK) = value("low")
            let (high, highOK) = value("high")
            let (tolerance, toleranceOK) = value("tolerance")
            guard targetOK, lowOK, highOK, toleranceOK else { return }
            let anchor = columns.index("target") ?? columns.index("low") ?? dueColumn
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
                        field: columns.index(low == nil ? "low" : "high") ?? anchor, .error,
                        "a band needs both low and high", hint: "for a one-sided target use the target column"))
                return
            }
            if let low, let high, low > high {
                problems.append(
                    record.diagnostic(
                        field: columns.index("low")!, .error,
                        "the band's low (\(NumberFormat.compact(low, decimals: 6))) is above its high (\(NumberFormat.compact(high, decimals: 6)))"
                    ))
                return
            }
            if let tolerance, tolerance < 0 {
                problems.append(
                    record.diagnostic(field: columns.index("tolerance")!, .error, "the tolerance cannot be negative"))
                return
            }
            if let indicator, let target, indicator.unit == .percent, !(0...100).contains(target) {
                problems.append(
                    record.diagnostic(
                        field: columns.index("target")!, .error, "a percentage target must be from 0 to 100"))
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
                    label: record.optionalText(columns.index("label")),
                    authority: record.optionalText(columns.index("authority")),
                    breakdown: record.optionalText(columns.index("breakdown")) ?? ""))
        }
        return targets
    }
}
