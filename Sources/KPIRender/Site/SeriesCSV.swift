import Foundation
import KPIAnalysis
import KPIModel

/// `data/<id>.csv`: the series behind a chart, for download.
///
/// Cells a spreadsheet would run as a formula (starting `=`, `+`, `-`, `@`, tab or CR) get a leading
/// apostrophe, unless they are plain numbers, so opening a download can never run anything.
enum SeriesCSV {
    static func render(_ analysis: IndicatorAnalysis, authority: String) -> [UInt8] {
        let indicator = analysis.indicator
        var out: [UInt8] = []
        out.reserveCapacity(64 * (analysis.series.count + 1))
        out.append(contentsOf: "authority,indicator,period,breakdown,value,numerator,denominator,status,note\r\n".utf8)
        // Figures are below a billion (the loader refuses more), so NumberFormat prints plain digits:
        // never a formula, never an exponent.
        func number(_ value: Double?, decimals: Int) {
            out.append(UInt8(ascii: ","))
            if let value { NumberFormat.append(value, decimals: decimals, to: &out) }
        }
        // The authority and indicator open every row: their cells are made once.
        var lead: [UInt8] = []
        appendCell(authority, to: &lead)
        lead.append(UInt8(ascii: ","))
        appendCell(indicator.id, to: &lead)
        lead.append(UInt8(ascii: ","))
        func row(_ point: SeriesPoint, breakdown: String) {
            out.append(contentsOf: lead)
            out.append(contentsOf: point.month.description.utf8)
            out.append(UInt8(ascii: ","))
            appendCell(breakdown, to: &out)
            number(point.value, decimals: max(indicator.decimals, 1) + 2)
            number(point.numerator, decimals: 2)
            number(point.denominator, decimals: 2)
            out.append(UInt8(ascii: ","))
            out.append(contentsOf: point.status.rawValue.utf8)
            out.append(UInt8(ascii: ","))
            appendCell(point.note ?? "", to: &out)
            out.append(contentsOf: "\r\n".utf8)
        }
        for point in analysis.series { row(point, breakdown: "") }
        for breakdown in analysis.breakdowns {
            for point in breakdown.points { row(point, breakdown: breakdown.name) }
        }
        return out
    }

    /// `cell`, written straight into a download.
    static func appendCell(_ text: String, to output: inout [UInt8]) {
        if needsNothing(text) {
            output.append(contentsOf: text.utf8)
        } else {
            output.append(contentsOf: cell(text).utf8)
        }
    }

    /// Most cells are codes, months and numbers that need nothing; a blank one is blank.
    private static func needsNothing(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return true }
        return first != UInt8(ascii: "=") && first != UInt8(ascii: "+") && first != UInt8(ascii: "-")
            && first != UInt8(ascii: "@") && first != 0x09 && first != 0x0D
            && !text.utf8.contains(where: {
                $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D
            })
    }

    /// One RFC 4180 field, neutralised against formula injection.
    static func cell(_ text: String) -> String {
        if needsNothing(text) { return text }
        var value = text
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), !isPlainNumber(value) {
            value = "'" + value
        }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }

    private static func isPlainNumber(_ text: String) -> Bool {
        let body = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        return !body.isEmpty && body.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
            && body.filter { $0 == "." }.count <= 1
    }
}
