import KPIAnalysis
import KPIModel

/// Writes `data/summary.json`, the output contract's computed results.
///
/// Hand-written rather than `JSONEncoder` because the contract fixes the key order, every member
/// must be present (`null`, never left out) and numbers must print at the indicator's display
/// precision; `JSONEncoder` can promise none of these. Extensions to the contract (`name`,
/// `recordedRag`, `sentence`, `tolerance`, `of`, …) follow the contract's keys in each object.
public enum SummaryJSON {
    /// Pretty-printed with a 2-space indent and a trailing newline; the same analysis always gives
    /// the same bytes.
    public static func render(_ analysis: DashboardAnalysis) -> String {
        var output = ""
        JSON.object([
            ("asOf", analysis.asOf.map { .string($0.description) } ?? .null),
            ("authorities", .array(analysis.authorities.map(authority))),
        ]).write(to: &output, indent: "")
        return output + "\n"
    }

    private static func authority(_ authority: AuthorityAnalysis) -> JSON {
        .object([
            ("code", .string(authority.code)),
            ("name", .string(authority.name)),
            ("indicators", .array(authority.indicators.map(indicator))),
        ])
    }

    private static func indicator(_ analysis: IndicatorAnalysis) -> JSON {
        let indicator = analysis.indicator
        let number = { (value: Double?) in JSON.number(value, decimals: indicator.decimals) }
        let period = { (period: Period) in JSON.string(period.label) }
        return .object([
            ("id", .string(indicator.id)),
            ("area", .string(indicator.area)),
            ("unit", .string(indicator.unit.rawValue)),
            ("polarity", .string(indicator.polarity.rawValue)),
            ("period", analysis.period.map { .string($0.description) } ?? .null),
            ("value", number(analysis.value)),
            ("numerator", .count(analysis.numerator)),
            ("denominator", .count(analysis.denominator)),
            ("status", .string(analysis.status.rawValue)),
            ("target", target(analysis.target, number: number)),
            ("previous", direction(analysis.previous, number: number)),
            ("sameMonthLastYear", direction(analysis.sameMonthLastYear, number: number)),
            ("lastYearOutturn", direction(analysis.lastYearOutturn, number: number)),
            ("statisticalNeighbours", analysis.statisticalNeighbours.map { neighbours in
                .object([
                    ("period", period(neighbours.period)),
                    ("value", number(neighbours.value)),
                    ("n", .integer(neighbours.n)),
                    ("method", .string(neighbours.method?.rawValue)),
                    ("judgement", .string(neighbours.judgement?.rawValue)),
                    ("of", .integer(neighbours.of)),
                ])
            } ?? .null),
            ("england", comparison(analysis.england, number: number)),
            ("region", comparison(analysis.region, number: number)),
            ("rank", analysis.rank.map { rank in
                .object([
                    ("position", .integer(rank.position)),
                    ("of", .integer(rank.of)),
                    ("quartile", .string(rank.quartile.rawValue)),
                    ("period", period(rank.period)),
                ])
            } ?? .null),
            ("spc", analysis.spc.map { spc in
                .object([
                    ("points", .integer(spc.points)),
                    ("mean", number(spc.mean)),
                    ("lower", number(spc.lower)),
                    ("upper", number(spc.upper)),
                    ("signal", .string(spc.signal.rawValue)),
                    ("rule", .string(spc.rule?.rawValue)),
                    ("assurance", .string(spc.assurance?.rawValue)),
                    ("trialLimits", .bool(spc.trialLimits)),
                ])
            } ?? .null),
            ("rag", .string(analysis.rag?.rawValue)),
            ("name", .string(indicator.name)),
            ("recordedRag", .string(analysis.recordedRAG?.rawValue)),
            ("sentence", .string(analysis.sentence)),
            ("breakdowns", .array(analysis.breakdowns.map { breakdown in
                .object([
                    ("name", .string(breakdown.name)),
                    ("period", breakdown.points.last.map { .string($0.month.description) } ?? .null),
                    ("value", number(breakdown.points.last?.value)),
                    ("status", .string(breakdown.points.last?.status.rawValue)),
                    ("target", target(breakdown.target, number: number)),
                ])
            })),
        ])
    }

    private static func target(_ assessment: TargetAssessment?, number: (Double?) -> JSON) -> JSON {
        assessment.map { assessment in
            .object([
                ("value", number(assessment.target.value)),
                ("low", number(assessment.target.low)),
                ("high", number(assessment.target.high)),
                ("due", .string(assessment.target.due.description)),
                ("label", .string(assessment.target.label)),
                ("judgement", .string(assessment.judgement?.rawValue)),
                ("tolerance", number(assessment.target.tolerance)),
                ("breakdown", assessment.target.breakdown.isEmpty ? .null : .string(assessment.target.breakdown)),
            ])
        } ?? .null
    }

    private static func direction(_ travel: DirectionOfTravel?, number: (Double?) -> JSON) -> JSON {
        travel.map { travel in
            .object([
                ("period", .string(travel.period.label)),
                ("value", number(travel.value)),
                ("judgement", .string(travel.judgement?.rawValue)),
            ])
        } ?? .null
    }

    private static func comparison(_ comparison: ComparatorComparison?, number: (Double?) -> JSON) -> JSON {
        comparison.map { comparison in
            .object([
                ("period", .string(comparison.period.label)),
                ("value", number(comparison.value)),
                ("judgement", .string(comparison.judgement?.rawValue)),
            ])
        } ?? .null
    }
}

/// A JSON value whose objects keep their keys in the order written.
private enum JSON {
    case null
    case bool(Bool)
    /// Already formatted digits.
    case literal(String)
    case text(String)
    case array([JSON])
    case object([(String, JSON)])

    static func string(_ text: String?) -> JSON { text.map(JSON.text) ?? .null }

    /// At fixed precision, never Swift's shortest-round-trip form; non-finite values (which JSON
    /// cannot hold) are null.
    static func number(_ value: Double?, decimals: Int) -> JSON {
        guard let value, value.isFinite else { return .null }
        return .literal(NumberFormat.compact(value, decimals: decimals))
    }

    /// Numerators and denominators are counts: whole numbers.
    static func count(_ value: Double?) -> JSON { number(value, decimals: 0) }

    static func integer(_ value: Int?) -> JSON { value.map { .literal(String($0)) } ?? .null }

    func write(to output: inout String, indent: String) {
        let inner = indent + "  "
        switch self {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .literal(let digits): output += digits
        case .text(let text): JSON.escape(text, into: &output)
        case .array(let items):
            guard !items.isEmpty else { output += "[]"; return }
            output += "[\n"
            for (offset, item) in items.enumerated() {
                output += inner
                item.write(to: &output, indent: inner)
                output += offset == items.count - 1 ? "\n" : ",\n"
            }
            output += indent + "]"
        case .object(let members):
            guard !members.isEmpty else { output += "{}"; return }
            output += "{\n"
            for (offset, (key, value)) in members.enumerated() {
                output += inner
                JSON.escape(key, into: &output)
                output += ": "
                value.write(to: &output, indent: inner)
                output += offset == members.count - 1 ? "\n" : ",\n"
            }
            output += indent + "}"
        }
    }

    /// RFC 8259 escaping, plus U+2028 and U+2029, which are valid JSON but end a line in
    /// JavaScript, so the file stays safe to embed in a page's script.
    static func escape(_ text: String, into output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            // `<` and `>` too, so that no name can close the script element embedding the file (`</script>`) or
            // open a comment; `&` for HTML that reads entities in it.
            case "<": output += "\\u003c"
            case ">": output += "\\u003e"
            case "&": output += "\\u0026"
            case "\u{2028}": output += "\\u2028"
            case "\u{2029}": output += "\\u2029"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
