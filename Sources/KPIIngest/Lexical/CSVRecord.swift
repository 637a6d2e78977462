import KPIModel

/// One record of a CSV file, its fields kept as byte ranges of the file.
///
/// Valid only during the `CSVReader.read` callback that receives it: it points into the reader's buffers.
/// Text is made only when asked for, and a location is worked out only for a diagnostic.
public struct CSVRecord {
    /// 1-based physical line where the record starts.
    public internal(set) var line: Int
    /// Number of fields.
    public internal(set) var count: Int

    @usableFromInline let text: UnsafeBufferPointer<UInt8>
    @usableFromInline let fields: UnsafePointer<FieldSpan>
    /// Offset of the record's first byte, which is always the start of line `line`.
    let start: Int
    unowned(unsafe) let context: CSVContext

    init(
        line: Int, count: Int, text: UnsafeBufferPointer<UInt8>, fields: UnsafePointer<FieldSpan>, start: Int,
        context: CSVContext
    ) {
        self.line = line
        self.count = count
        self.text = text
        self.fields = fields
        self.start = start
        self.context = context
    }

    @inlinable
    func span(_ i: Int) -> FieldSpan {
        precondition(i >= 0 && i < count, "field \(i) of a record with \(count) fields")
        return fields[i]
    }

    /// The field's text, unescaped (`""` → `"`), not trimmed.
    public func text(_ i: Int) -> String {
        withBytes(i) { String(decoding: $0, as: UTF8.self) }
    }

    /// The field's text with spaces and tabs trimmed from both ends.
    public func trimmedText(_ i: Int) -> String {
        withBytes(i) { String(decoding: ByteText.trimmedBytes($0), as: UTF8.self) }
    }

    /// Whether the field is empty or only spaces and tabs; agrees with `trimmedText(i).isEmpty`.
    public func isBlank(_ i: Int) -> Bool {
        let field = span(i)
        var p = field.start
        while p < field.end {
            if text[p] != CSVReader.space && text[p] != CSVReader.tab { return false }
            p += 1
        }
        return true
    }

    /// The field's bytes without its surrounding quotes, with any doubled quote (`""`) made single.
    /// Zero-copy unless the field has a doubled quote.
    /// Inlinable so that callers in other modules get it specialised: it is on every caller's hot path.
    @inlinable
    public func withBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let field = span(i)
        guard field.flags & FieldSpan.escaped != 0 else {
            return try body(UnsafeBufferPointer(rebasing: text[field.start..<field.end]))
        }
        return try unescaped(field).withUnsafeBufferPointer(body)
    }

    /// A field's content with each doubled quote made single.
    @usableFromInline
    func unescaped(_ field: FieldSpan) -> [UInt8] {
        let raw = UnsafeBufferPointer(rebasing: text[field.start..<field.end])
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(raw.count)
        var p = 0
        while p < raw.count {
            let b = raw[p]
            unescaped.append(b)
            p += (b == CSVReader.quote && p + 1 < raw.count && raw[p + 1] == CSVReader.quote) ? 2 : 1
        }
        return unescaped
    }

    /// Every field's text, unescaped and not trimmed.
    public func texts() -> [String] {
        (0..<count).map { text($0) }
    }

    /// Where field `i` starts (its opening quote when quoted): the physical line, and the column in
    /// Unicode scalars from that line's start, both 1-based.
    public func location(_ i: Int) -> (line: Int, column: Int) {
        let place = locate(i)
        return (place.line, place.column)
    }

    func locate(_ i: Int) -> (line: Int, column: Int, lineStart: Int) {
        let origin = span(i).origin
        let (line, lineStart) = TextLocator.advance(text, from: start, line: self.line, to: origin)
        return (line, TextLocator.column(text, lineStart: lineStart, offset: origin), lineStart)
    }

    /// A diagnostic located at field `i`, with the file, line, column and the text of its line.
    public func diagnostic(
        field i: Int, _ severity: Diagnostic.Severity = .error, _ message: String, hint: String? = nil
    ) -> Diagnostic {
        let place = locate(i)
        return Diagnostic(
            file: context.path, line: place.line, column: place.column, severity: severity, message: message,
            hint: hint, sourceLine: TextLocator.sourceLine(text, lineStart: place.lineStart))
    }

    /// An error located at field `i`.
    public func diagnostic(field i: Int, _ message: String, hint: String? = nil) -> Diagnostic {
        diagnostic(field: i, .error, message, hint: hint)
    }

    /// An error about the whole record, located at its start.
    public func diagnostic(_ message: String, hint: String? = nil) -> Diagnostic {
        diagnostic(.error, message, hint: hint)
    }

    /// A diagnostic about the whole record, located at its start (line `line`, column 1).
    public func diagnostic(_ severity: Diagnostic.Severity = .error, _ message: String, hint: String? = nil)
        -> Diagnostic
    {
        Diagnostic(
            file: context.path, line: line, column: 1, severity: severity, message: message, hint: hint,
            sourceLine: TextLocator.sourceLine(text, lineStart: start))
    }
}

/// Small byte helpers shared by the reader and the value and period parsers.
enum ByteText {
    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    /// The range of `bytes` without leading and trailing spaces and tabs.
    @inline(__always)
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        var lo = 0
        var hi = bytes.count
        while lo < hi && isSpace(bytes[lo]) { lo += 1 }
        while hi > lo && isSpace(bytes[hi - 1]) { hi -= 1 }
        return (lo, hi)
    }

    /// `bytes` without leading and trailing spaces and tabs.
    @inline(__always)
    static func trimmedBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let (lo, hi) = trimmed(bytes)
        return UnsafeBufferPointer(rebasing: bytes[lo..<hi])
    }

    /// ASCII lower case.
    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

    /// `text`, quoted and shortened for a message, with invisible characters written as `<U+00A0>`: a
    /// no-break space pasted into a code would otherwise make `"E10000018 "` look right and be wrong.
    static func quoted(_ text: String, limit: Int = 40) -> String {
        let scalars = text.unicodeScalars
        let shown = scalars.count <= limit ? scalars[...] : scalars.prefix(limit - 1)
        var out = "\""
        for scalar in shown {
            switch scalar.properties.generalCategory {
            case _ where scalar == " ":
                out += " "
            case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out + (scalars.count <= limit ? "\"" : "…\"")
    }
}
