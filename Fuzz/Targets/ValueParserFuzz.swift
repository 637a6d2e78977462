import KPIIngest

/// libFuzzer target: the value parser on any bytes.
///
/// A number read is always finite, the byte and string entry points agree, and a plain decimal reads
/// exactly as the standard library reads it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let buffer = UnsafeBufferPointer(start: data, count: size)
    let parsed = ValueParser.parse(buffer)
    let text = String(decoding: buffer, as: UTF8.self)
    if text.utf8.elementsEqual(buffer) {
        precondition(ValueParser.parse(text) == parsed, "bytes and string disagree on \(text.debugDescription)")
    }
    if case .number(let number) = parsed {
        precondition(number.value.isFinite, "\(text.debugDescription) read as \(number.value)")
        if text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 || $0 == 0x2E || $0 == 0x2D }), let expected = Double(text) {
            precondition(number.value == expected, "\(text.debugDescription) read as \(number.value), not \(expected)")
        }
    }
    return 0
}
