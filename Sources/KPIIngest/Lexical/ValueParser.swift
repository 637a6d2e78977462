import KPIModel

/// A figure as written: the number, and the marks written with it.
public struct ParsedNumber: Equatable, Sendable {
    public var value: Double
    /// Written with `%` (`18.5%`); the loader checks it against the indicator's unit.
    public var hadPercentSign: Bool
    /// Written with the low-reliability marker `u` (`12.5 u`): the value is kept with the flag.
    public var lowReliability: Bool

    public init(value: Double, hadPercentSign: Bool = false, lowReliability: Bool = false) {
        self.value = value
        self.hadPercentSign = hadPercentSign
        self.lowReliability = lowReliability
    }
}

/// What a value cell holds: a number, a marker standing for a figure that is not there, or a mistake.
public enum ParsedValue: Equatable, Sendable {
    case number(ParsedNumber)
    /// Blank → `missing`; `c` → `suppressed`; `x`, `TBC`, `-` → `notAvailable`; `z`, `N/A`, `NA` →
    /// `notApplicable`; a bare `u` → `lowReliability` with no value.
    case marker(ValueStatus)
    /// Boxed, so that the common cases stay small to return: a value is parsed on every row.
    indirect case invalid(message: String, hint: String?)
}

/// Reads a value cell by hand, byte by byte: `18.5`, `18.5%`, `1,234`, ` 18.5 `, `12.5 u`, and the markers.
///
/// The result equals `Double(text)` for every ordinary decimal: up to 15 significant digits are read exactly
/// and scaled once by an exact power of ten (one correctly rounded operation); longer numbers go to
/// `Double(String)`. Exponents, `nan`, `inf`, hexadecimal, currency and accounting brackets are rejected
/// with a hint, and a number too large for a `Double` is an error, never infinity.
public enum ValueParser {
    public static func parse(_ text: String) -> ParsedValue {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> ParsedValue {
        var lo = 0
        var hi = bytes.count
        while lo < hi && isBlankByte(bytes[lo]) { lo += 1 }
        while hi > lo && isBlankByte(bytes[hi - 1]) { hi -= 1 }
        if lo == hi { return .marker(.missing) }
        let cell = UnsafeBufferPointer(rebasing: bytes[lo..<hi])
        if cell.count <= 3 && !ByteText.isDigit(cell[0]), let status = marker(cell) { return .marker(status) }
        return number(cell)
    }

    static let markerHint =
        "write a number such as 18.5, or leave the cell blank if the figure is missing, or write one of the markers "
        + "c (suppressed), x (not available), z (not applicable), u (low reliability)"

    @inline(__always)
    static func isBlankByte(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// The contract's markers, matched case-insensitively.
    static func marker(_ cell: UnsafeBufferPointer<UInt8>) -> ValueStatus? {
        let a = ByteText.lower(cell[0])
        switch cell.count {
        case 1:
            switch a {
            case UInt8(ascii: "c"): return .suppressed
            case UInt8(ascii: "x"), UInt8(ascii: "-"): return .notAvailable
            case UInt8(ascii: "z"): return .notApplicable
            case UInt8(ascii: "u"): return .lowReliability
            default: return nil
            }
        case 2:
            return a == UInt8(ascii: "n") && ByteText.lower(cell[1]) == UInt8(ascii: "a") ? .notApplicable : nil
        default:
            let b = ByteText.lower(cell[1])
            let c = ByteText.lower(cell[2])
            if a == UInt8(ascii: "t") && b == UInt8(ascii: "b") && c == UInt8(ascii: "c") { return .notAvailable }
            if a == UInt8(ascii: "n") && b == UInt8(ascii: "/") && c == UInt8(ascii: "a") { return .notApplicable }
            return nil
        }
    }

    /// Exact powers of ten as `Double`s: 1e0...1e22 are all exactly representable.
    static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    static func number(_ cell: UnsafeBufferPointer<UInt8>) -> ParsedValue {
        let n = cell.count
        var p = 0
        var negative = false
        if cell[0] == UInt8(ascii: "-") || cell[0] == UInt8(ascii: "+") {
            negative = cell[0] == UInt8(ascii: "-")
            p = 1
        }
        var mantissa: UInt64 = 0
        var significant = 0  // digits from the first non-zero one
        var integerDigits = 0
        var fractionDigits = 0
        // Thousands grouping: `1,234,567`; the first group has 1 to 3 digits, every later one exactly 3.
        var groupLength = 0
        var grouped = false
        var badGrouping = false
        while p < n {
            let b = cell[p]
            if ByteText.isDigit(b) {
                accumulate(b, &mantissa, &significant)
                integerDigits += 1
                groupLength += 1
            } else if b == UInt8(ascii: ",") {
                if integerDigits == 0 || (grouped ? groupLength != 3 : groupLength > 3) { badGrouping = true }
                grouped = true
                groupLength = 0
            } else {
                break
            }
            p += 1
        }
        if grouped && groupLength != 3 { badGrouping = true }
        if p < n && cell[p] == UInt8(ascii: ".") {
            p += 1
            while p < n && ByteText.isDigit(cell[p]) {
                accumulate(cell[p], &mantissa, &significant)
                fractionDigits += 1
                p += 1
            }
        }
        let digits = integerDigits + fractionDigits
        guard digits > 0 else { return words(cell) }
        if p < n && (cell[p] == UInt8(ascii: "e") || cell[p] == UInt8(ascii: "E")) { return exponent(cell) }
        if p < n && (cell[p] == UInt8(ascii: "x") || cell[p] == UInt8(ascii: "X")) && integerDigits == 1
            && cell[p - 1] == UInt8(ascii: "0")
        {
            return .invalid(
                message: "\(shown(cell)) is a hexadecimal number", hint: "write the number in decimal digits")
        }
        let numberEnd = p
        // Suffixes: spaces, then `%`, then spaces, then `u`.
        var percent = false
        var lowReliability = false
        while p < n && ByteText.isSpace(cell[p]) { p += 1 }
        if p < n && cell[p] == UInt8(ascii: "%") {
            percent = true
            p += 1
            while p < n && ByteText.isSpace(cell[p]) { p += 1 }
        }
        if p < n && ByteText.lower(cell[p]) == UInt8(ascii: "u") {
            lowReliability = true
            p += 1
        }
        guard p == n else { return words(cell) }
        if badGrouping {
            return .invalid(
                message: "\(shown(cell)) has a comma in the wrong place",
                hint: "use a full stop for decimals (18.5) and commas only between groups of three digits (1,234)")
        }
        var value: Double
        if significant <= 15 && fractionDigits <= 22 {
            value = Double(Int64(truncatingIfNeeded: mantissa))  // below 10^15: exact, and a single conversion
            if fractionDigits > 0 { value /= powersOfTen[fractionDigits] }
        } else {
            // Too many digits to read exactly by hand: let the standard library round them correctly.
            var plain: [UInt8] = []
            plain.reserveCapacity(numberEnd)
            for k in 0..<numberEnd
            where cell[k] != UInt8(ascii: ",") && cell[k] != UInt8(ascii: "-") && cell[k] != UInt8(ascii: "+") {
                plain.append(cell[k])
            }
            guard let parsed = Double(String(decoding: plain, as: UTF8.self)), parsed.isFinite else {
                return .invalid(
                    message:
                        "the number \(shown(cell)) is out of range (\(integerDigits) digits before the decimal point)",
                    hint: "check the cell: a figure in an extract has far fewer digits")
            }
            value = parsed
        }
        return .number(
            ParsedNumber(value: negative ? -value : value, hadPercentSign: percent, lowReliability: lowReliability))
    }

    @inline(__always)
    static func accumulate(_ b: UInt8, _ mantissa: inout UInt64, _ significant: inout Int) {
        if significant == 0 && b == UInt8(ascii: "0") { return }
        significant += 1
        if significant <= 19 { mantissa = mantissa &* 10 &+ UInt64(b &- 0x30) }
    }

    /// `1e3`, `2.5E-2`: rejected, with the number written out in the hint when that is short.
    static func exponent(_ cell: UnsafeBufferPointer<UInt8>) -> ParsedValue {
        let text = String(decoding: cell, as: UTF8.self)
        var hint = "write the number in full, without an exponent"
        if let value = Double(text), value.isFinite, value == 0 || (value.magnitude < 1e15 && value.magnitude >= 1e-6) {
            hint += ": \(NumberFormat.compact(value, decimals: 6))"
        }
        return .invalid(message: "\(shown(cell)) is written with an exponent", hint: hint)
    }

    /// Everything that is not a number or a marker, with the most helpful words for the common mistakes.
    static func words(_ cell: UnsafeBufferPointer<UInt8>) -> ParsedValue {
        var body = cell[...]
        if let first = body.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { body = body.dropFirst() }
        let word = String(decoding: body.map(ByteText.lower), as: UTF8.self)
        switch word {
        case "nan", "snan":
            return .invalid(message: "\(shown(cell)) is not a number", hint: markerHint)
        case "inf", "infinity":
            return .invalid(message: "\(shown(cell)) is not a finite number", hint: markerHint)
        default:
            break
        }
        if word.hasPrefix("£") || word.hasPrefix("$") || word.hasPrefix("€") || word.hasSuffix("£")
            || word.hasSuffix("€")
        {
            return .invalid(
                message: "\(shown(cell)) has a currency symbol",
                hint: "write the number without currency symbols, such as 1,000")
        }
        if cell.first == UInt8(ascii: "(") && cell.last == UInt8(ascii: ")") {
            let inner = String(decoding: UnsafeBufferPointer(rebasing: cell.dropFirst().dropLast()), as: UTF8.self)
            return .invalid(
                message: "\(shown(cell)) uses brackets for a negative number",
                hint: "write a minus sign instead: -\(inner.trimmingSpaces)")
        }
        return .invalid(message: "expected a number, found \(shown(cell))", hint: markerHint)
    }

    static func shown(_ cell: UnsafeBufferPointer<UInt8>) -> String {
        ByteText.quoted(String(decoding: cell, as: UTF8.self))
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var text = self
        return text.withUTF8 { bytes in
            let (lo, hi) = ByteText.trimmed(bytes)
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[lo..<hi]), as: UTF8.self)
        }
    }
}
