import KPIModel

/// A published value cell: the extract markers, DfE's own (`low`, `k`, `:`), and figures as published.
enum PublishedValue {
    /// `low` and `k` → `low` (positive, below the published precision); `:` → not available; otherwise as
    /// `ValueParser` reads it, with float noise (`19.600000000000001`) cut back to the precision published.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> ParsedValue {
        let (lo, hi) = ByteText.trimmed(bytes)
        let cell = UnsafeBufferPointer(rebasing: bytes[lo..<hi])
        let word = String(decoding: cell.map(ByteText.lower), as: UTF8.self)
        switch word {
        case "low", "k": return .marker(.low)
        case ":": return .marker(.notAvailable)
        default: break
        }
        guard case .number(var number) = ValueParser.parse(cell) else { return ValueParser.parse(cell) }
        number.value = withoutFloatNoise(number.value, digits: significantDigits(cell))
        return .number(number)
    }

    /// A value written with more significant digits than a `Double` holds was written by a program
    /// printing binary noise: round it to 15 significant digits, which every published figure fits in.
    static func withoutFloatNoise(_ value: Double, digits: Int) -> Double {
        guard digits > 15, value != 0 else { return value }
        var integerDigits = 0
        var magnitude = value.magnitude
        while magnitude >= 1 {
            magnitude /= 10
            integerDigits += 1
        }
        return NumberFormat.rounded(value, decimals: max(0, 15 - integerDigits))
    }

    private static func significantDigits(_ cell: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var started = false
        for byte in cell where ByteText.isDigit(byte) {
            if byte != UInt8(ascii: "0") { started = true }
            if started { count += 1 }
        }
        return count
    }
}
