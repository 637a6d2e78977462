#if canImport(Glibc)
import Glibc // links libm for rounding, even in programs that import nothing else
#endif

/// Numbers printed at a fixed precision, rounding half away from zero as the board papers round.
///
/// Swift's own printing gives `0.30000000000000004`; pages, CSVs and JSON print through here so
/// that output is stable and matches the papers.
public enum NumberFormat {
    /// Rounds half away from zero at `decimals` places, correcting for binary representation
    /// (so 2.675 rounds to 2.68 as a person expects).
    public static func rounded(_ value: Double, decimals: Int) -> Double {
        let scale = pow10(decimals)
        let scaled = value * scale
        // Nudge by a few ulps so a decimal written as ...5 but stored just below still rounds away from zero.
        let nudged = scaled + (scaled >= 0 ? 1 : -1) * scaled.magnitude.ulp * 4
        return (nudged.rounded(.toNearestOrAwayFromZero)) / scale
    }

    /// `18.5`, `1234`, `-0.5`: plain digits, no grouping, exactly `decimals` places.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        let scale = pow10(decimals)
        let r = rounded(value, decimals: decimals)
        let units = (r * scale).rounded()
        guard units.magnitude < 9e15 else { return String(r) }
        let whole = Int64(units)
        let negative = whole < 0
        let digits = String(whole.magnitude)
        var text: String
        if decimals == 0 {
            text = digits
        } else {
            let padded = digits.count <= decimals ? String(repeating: "0", count: decimals - digits.count + 1) + digits : digits
            let cut = padded.index(padded.endIndex, offsetBy: -decimals)
            text = padded[..<cut] + "." + padded[cut...]
        }
        return negative ? "-" + text : text
    }

    /// The shortest fixed form up to `decimals` places: `15`, `18.5`, `0.25`. For JSON and CSV downloads.
    public static func compact(_ value: Double, decimals: Int) -> String {
        var text = fixed(value, decimals: decimals)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// `1,234` for counts in prose and tables.
    public static func grouped(_ value: Double, decimals: Int) -> String {
        let text = fixed(value, decimals: decimals)
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", maxSplits: 1)
        var whole = Array(parts[0])
        var i = whole.count - 3
        while i > 0 {
            whole.insert(",", at: i)
            i -= 3
        }
        var out = String(whole)
        if parts.count == 2 { out += "." + parts[1] }
        return negative ? "-" + out : out
    }

    static func pow10(_ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<max(0, n) { r *= 10 }
        return r
    }
}

extension Indicator {
    /// The value as the board reads it: `18.5%`, `1,234`, `517 days`.
    public func display(_ value: Double) -> String {
        let number = NumberFormat.grouped(value, decimals: decimals)
        switch unit {
        case .percent: return number + "%"
        case .days: return number + (number == "1" ? " day" : " days")
        default: return number
        }
    }

    /// The value rounded to display precision, for comparisons made "at display precision".
    public func atDisplayPrecision(_ value: Double) -> Double {
        NumberFormat.rounded(value, decimals: decimals)
    }
}
