import KPIAnalysis
import KPIModel

/// Writes `data/summary.json`, the output contract's computed results.
///
/// Hand-written rather than `JSONEncoder` because the contract fixes the key order, every member
/// must be present (`null`, never left out) and numbers must print without float noise;
/// `JSONEncoder` can promise none of these. Extensions to the contract (`name`, `recordedRag`,
/// `sentence`, `tolerance`, `of`, …) follow the contract's keys in each object.
///
/// Numbers are written at full precision, not as the pages round them, so that another tool can
/// recompute or chart from them; each indicator's `decimals` lets it round as the pages do.
public enum SummaryJSON {
    /// Decimal places written, trailing zeros dropped: enough for any figure the extracts hold
    /// (87 of 470 is 18.510638%), few enough to drop binary noise (19.600000000000001 is 19.6).
    static let fullPrecision = 6

    /// Pretty-printed with a 2-space indent and a trailing newline; the same analysis always gives
    /// the same bytes.
    public static func render(_ analysis: DashboardAnalysis) -> [UInt8] {
        var output: [UInt8] = []
        JSON.object([
            ("asOf", analysis.asOf.map { .string($0.description) } ?? .null),
            ("authorities", .array(analysis.authorities.map(authority))),
        ]).write(to: &output, depth: 0)
        output.append(UInt8(ascii: "\n"))
        return output
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
        let number = { (value: Double?) in JSON.number(value, decimals: fullPrecision) }
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
            (
                "statisticalNeighbours",
                analysis.statisticalNeighbours.map { neighbours in
                    .object([
                        ("period", period(neighbours.period)),
                        ("value", number(neighbours.value)),
                        ("n", .integer(neighbours.n)),
                        ("method", .string(neighbours.method?.rawValue)),
                        ("judgement", .string(neighbours.judgement?.rawValue)),
                        ("of", .integer(neighbours.of)),
                    ])
                } ?? .null
            ),
            ("england", comparison(analysis.england, number: number)),
            ("region", comparison(analysis.region, number: number)),
            (
                "rank",
                analysis.rank.map { rank in
                    .object([
                        ("position", .integer(rank.position)),
                        ("of", .integer(rank.of)),
                        ("quartile", .string(rank.quartile.rawValue)),
                        ("period", period(rank.period)),
                    ])
                } ?? .null
            ),
            (
                "spc",
                analysis.spc.map { spc in
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
                } ?? .null
            ),
            ("rag", .string(analysis.rag?.rawValue)),
            ("decimals", .integer(indicator.decimals)),
            ("name", .string(indicator.name)),
            ("recordedRag", .string(analysis.recordedRAG?.rawValue)),
            ("sentence", .string(analysis.sentence)),
            (
                "breakdowns",
                .array(
                    analysis.breakdowns.map { breakdown in
                        .object([
                            ("name", .string(breakdown.name)),
                            ("period", breakdown.points.last.map { .string($0.month.description) } ?? .null),
                            ("value", number(breakdown.points.last?.value)),
                            ("status", .string(breakdown.points.last?.status.rawValue)),
                            ("target", target(breakdown.target, number: number)),
                        ])
                    })
            ),
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

    /// At fixed precision with trailing zeros dropped, never Swift's shortest-round-trip form;
    /// non-finite values (which JSON cannot hold) are null.
    static func number(_ value: Double?, decimals: Int) -> JSON {
        guard let value, value.isFinite else { return .null }
        return .literal(NumberFormat.compact(value, decimals: decimals))
    }

    /// Numerators and denominators are counts: whole numbers.
    static func count(_ value: Double?) -> JSON { number(value, decimals: 0) }

    static func integer(_ value: Int?) -> JSON { value.map { .literal(String($0)) } ?? .null }

    /// Two spaces of indentation per level of `depth`.
    func write(to output: inout [UInt8], depth: Int) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .literal(let digits): output.append(contentsOf: digits.utf8)
        case .text(let text): JSON.escape(text, into: &output)
        case .array(let items):
            guard !items.isEmpty else { return output.append(contentsOf: "[]".utf8) }
            output.append(contentsOf: "[\n".utf8)
            for (offset, item) in items.enumerated() {
                Self.indent(depth + 1, &output)
                item.write(to: &output, depth: depth + 1)
                if offset != items.count - 1 { output.append(UInt8(ascii: ",")) }
                output.append(UInt8(ascii: "\n"))
            }
            Self.indent(depth, &output)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { return output.append(contentsOf: "{}".utf8) }
            output.append(contentsOf: "{\n".utf8)
            for (offset, (key, value)) in members.enumerated() {
                Self.indent(depth + 1, &output)
                JSON.escape(key, into: &output)
                output.append(contentsOf: ": ".utf8)
                value.write(to: &output, depth: depth + 1)
                if offset != members.count - 1 { output.append(UInt8(ascii: ",")) }
                output.append(UInt8(ascii: "\n"))
            }
            Self.indent(depth, &output)
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func indent(_ depth: Int, _ output: inout [UInt8]) {
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    /// RFC 8259 escaping, plus U+2028 and U+2029, which are valid JSON but end a line in
    /// JavaScript, so the file stays safe to embed in a page's script.
    static func escape(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            utf8.formIndex(after: &index)
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): output.append(contentsOf: "\\\\".utf8)
            case 0x0A: output.append(contentsOf: "\\n".utf8)
            case 0x0D: output.append(contentsOf: "\\r".utf8)
            case 0x09: output.append(contentsOf: "\\t".utf8)
            case 0x08: output.append(contentsOf: "\\b".utf8)
            case 0x0C: output.append(contentsOf: "\\f".utf8)
            // `<` and `>` too, so that no name can close the script element embedding the file (`</script>`) or
            // open a comment; `&` for HTML that reads entities in it.
            case UInt8(ascii: "<"): output.append(contentsOf: "\\u003c".utf8)
            case UInt8(ascii: ">"): output.append(contentsOf: "\\u003e".utf8)
            case UInt8(ascii: "&"): output.append(contentsOf: "\\u0026".utf8)
            case ..<0x20:
                output.append(contentsOf: "\\u00".utf8)
                output.append(hexDigit(byte >> 4))
                output.append(hexDigit(byte & 0xF))
            // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
            case 0xE2 where utf8[index...].starts(with: [0x80, 0xA8]) || utf8[index...].starts(with: [0x80, 0xA9]):
                output.append(contentsOf: (utf8[utf8.index(after: index)] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                index = utf8.index(index, offsetBy: 2)
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
