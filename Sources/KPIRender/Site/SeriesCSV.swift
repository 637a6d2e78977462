import Foundation
import KPIModel
import KPIAnalysis

/// `data/<id>.csv`: the series behind a chart, for download.
///
/// Cells a spreadsheet would run as a formula (starting `=`, `+`, `-`, `@`, tab or CR) get a leading
/// apostrophe, unless they are plain numbers, so opening a download can never run anything.
enum SeriesCSV {
    static func render(_ analysis: IndicatorAnalysis, authority: String) -> String {
        let indicator = analysis.indicator
        var out = "authority,indicator,period,breakdown,value,numerator,denominator,status,note\r\n"
        func row(_ point: SeriesPoint, breakdown: String) {
            let cells = [
                authority, indicator.id, point.month.description, breakdown,
                point.value.map { NumberFormat.compact($0, decimals: max(indicator.decimals, 1) + 2) } ?? "",
                point.numerator.map { NumberFormat.compact($0, decimals: 2) } ?? "",
                point.denominator.map { NumberFormat.compact($0, decimals: 2) } ?? "",
                point.status.rawValue, point.note ?? "",
            ]
            for (index, text) in cells.enumerated() {
                if index > 0 { out += "," }
                out += cell(text)
            }
            out += "\r\n"
        }
        for point in analysis.series { row(point, breakdown: "") }
        for breakdown in analysis.breakdowns {
            for point in breakdown.points { row(point, breakdown: breakdown.name) }
        }
        return out
    }

    /// One RFC 4180 field, neutralised against formula injection.
    static func cell(_ text: String) -> String {
        // Most cells are codes, months and numbers that need nothing: hand them back untouched.
        if let first = text.utf8.first, first != UInt8(ascii: "=") && first != UInt8(ascii: "+") && first != UInt8(ascii: "-")
            && first != UInt8(ascii: "@") && first != 0x09 && first != 0x0D,
           !text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
            return text
        }
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
        return !body.isEmpty && body.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") } && body.filter { $0 == "." }.count <= 1
    }
}
