#if canImport(Glibc)
    import Glibc  // links libm for rounding, even in programs that import nothing else
#endif

/// Numbers printed at a fixed precision, rounding half away from zero as the board papers round.
///
/// Swift's own printing gives `0.30000000000000004`; pages, CSVs and JSON print through here so
/// that output is stable and matches the papers.
public enum NumberFormat {
    /// Rounds half away from zero at `decimals` places, correcting for binary representation
    /// (so 2.675 rounds to 2.68 as a person expects).
    public static func rounded(_ value: Double, decimals: Int) -> Double {
        roundedUnits(value, decimals: decimals) / pow10(decimals)
    }

    /// `value` in units of the last decimal place kept, rounded: 2.675 at 2 places is 268.
    private static func roundedUnits(_ value: Double, decimals: Int) -> Double {
        let scaled = value * pow10(decimals)
        // A decimal written as …5 may be stored a few ulps below the half: count it as the half.
        let fraction = scaled.magnitude - scaled.magnitude.rounded(.down)
        let tolerance = scaled.magnitude.ulp * 4
        let half = tolerance < 0.25 && (fraction - 0.5).magnitude <= tolerance
        let magnitude = half ? scaled.magnitude.rounded(.down) + 1 : scaled.magnitude.rounded(.toNearestOrAwayFromZero)
        return scaled < 0 ? -magnitude : magnitude
    }

    /// `18.5`, `1234`, `-0.5`: plain digits, no grouping, exactly `decimals` places.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        format(value, decimals: decimals, trimmingZeros: false)
    }

    /// The shortest fixed form up to `decimals` places: `15`, `18.5`, `0.25`. For JSON and CSV downloads.
    public static func compact(_ value: Double, decimals: Int) -> String {
        format(value, decimals: decimals, trimmingZeros: true)
    }

    /// `compact`, appended to a byte buffer, for writers that build a page as bytes.
    public static func append(_ value: Double, decimals: Int, to output: inout [UInt8]) {
        withDigits(value, decimals: decimals, trimmingZeros: true) { output.append(contentsOf: $0) }
    }

    private static func format(_ value: Double, decimals: Int, trimmingZeros: Bool) -> String {
        withDigits(value, decimals: decimals, trimmingZeros: trimmingZeros) { String(decoding: $0, as: UTF8.self) }
    }

    /// Digits written backwards into a small stack buffer: this runs for every number of every
    /// chart, table and download, so it makes no intermediate strings.
    private static func withDigits<Result>(
        _ value: Double, decimals: Int, trimmingZeros: Bool,
        _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        let places = max(0, min(decimals, 15))
        let units = roundedUnits(value, decimals: places)
        guard units.magnitude < 9e15 else {
            var text = String(rounded(value, decimals: places))
            return text.withUTF8(body)
        }
        let whole = Int64(units)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { buffer in
            let end = buffer.count
            var start = end
            var digits = whole.magnitude
            var keep = !trimmingZeros
            for _ in 0..<places {
                let digit = UInt8(digits % 10)
                digits /= 10
                if digit != 0 { keep = true }
                if keep {
                    start -= 1
                    buffer[start] = 48 + digit
                }
            }
            if start != end {
                start -= 1
                buffer[start] = UInt8(ascii: ".")
            }
            repeat {
                start -= 1
                buffer[start] = 48 + UInt8(digits % 10)
                digits /= 10
            } while digits > 0
            if whole < 0 {
                start -= 1
                buffer[start] = UInt8(ascii: "-")
            }
            return body(UnsafeBufferPointer(rebasing: buffer[start..<end]))
        }
    }

    /// `1,234` for counts in prose and tables.
    public static func grouped(_ value: Double, decimals: Int) -> String {
        let text = fixed(value, decimals: decimals)
        if value.magnitude < 999 { return text }
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

    /// 10^n; from a table up to 10^22, the largest power of ten a Double holds exactly.
    static func pow10(_ n: Int) -> Double {
        if n < powersOfTen.count { return powersOfTen[max(0, n)] }
        var power = powersOfTen[powersOfTen.count - 1]
        for _ in powersOfTen.count...n { power *= 10 }
        return power
    }

    private static let powersOfTen: [Double] = (0...22).map { n in (0..<n).reduce(1.0) { power, _ in power * 10 } }
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
