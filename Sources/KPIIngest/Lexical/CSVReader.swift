import KPIModel

/// Byte-level RFC 4180 reader: one pass of a state machine over the file's bytes, each field kept as a
/// byte range in a reused buffer. No `String` is made unless a caller asks a record for one, and lines
/// and columns are worked out only for a problem being reported.
///
/// Accepts LF, CRLF and a lone CR as line ends, a UTF-8 byte-order mark, and a missing final line end.
/// Blank lines (empty, or only spaces and tabs) are skipped; a line of commas is a record of empty fields.
/// Every structural problem is reported with its location and reading goes on, so one run shows them all.
public struct CSVReader {
    public let path: String
    public let bytes: [UInt8]
    public let encoding: TextEncoding

    /// Problems reported per file before the rest are only counted: a file in the wrong format
    /// would otherwise bury the first, useful one.
    static let maximumProblems = 100

    public init(path: String, bytes: [UInt8], encoding: TextEncoding = .utf8) {
        self.path = path
        self.bytes = bytes
        self.encoding = encoding
    }

    /// Calls `body` for every non-blank record in order (the header is just the first record),
    /// and returns the encoding and structural problems found, ordered by position.
    ///
    /// A record is valid only during its call. A file that cannot be text (UTF-16) delivers no record.
    public func read(_ body: (borrowing CSVRecord) -> Void) -> [Diagnostic] {
        let decoded = DecodedText.decode(bytes, encoding: encoding, path: path)
        guard decoded.readable else { return decoded.problems }
        var problems = ProblemList(path: path, found: decoded.problems)
        let context = CSVContext(path: path)
        decoded.bytes.withUnsafeBufferPointer { text in
            withExtendedLifetime(context) {
                CSVReader.parse(text, start: decoded.start, context: context, problems: &problems, body)
            }
        }
        return problems.finished()
    }

    /// Every record as strings, with the line it starts on: for small files and tests.
    public func readAll() -> (records: [(line: Int, fields: [String])], diagnostics: [Diagnostic]) {
        var records: [(line: Int, fields: [String])] = []
        let diagnostics = read { record in records.append((record.line, record.texts())) }
        return (records, diagnostics)
    }

    // Bytes the state machine looks at.
    static let nul: UInt8 = 0x00, tab: UInt8 = 0x09, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20, quote: UInt8 = 0x22, comma: UInt8 = 0x2C
    static let fieldEnds: UInt64 = 1 << 0x2C | 1 << 0x0A | 1 << 0x0D

    static func parse(
        _ text: UnsafeBufferPointer<UInt8>, start: Int, context: CSVContext,
        problems: inout ProblemList, _ body: (borrowing CSVRecord) -> Void
    ) {
        guard let base = text.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        let n = text.count
        var fields = FieldBuffer()
        defer { fields.deallocate() }
        var i = start
        var line = 1
        var lineStart = start

        recordLoop: while i < n {
            var b = base[i]
            // Blank lines: empty, or only spaces and tabs.
            if b == lf {
                i += 1
                line += 1
                lineStart = i
                continue
            }
            if b == cr {
                i += 1
                if i < n && base[i] == lf { i += 1 }
                line += 1
                lineStart = i
                continue
            }
            if b == space || b == tab {
                var j = i + 1
                while j < n && (base[j] == space || base[j] == tab) { j += 1 }
                if j == n { break }
                if base[j] == lf || base[j] == cr {
                    i = j
                    continue
                }
            }

            let recordStart = i
            let recordLine = line
            fields.count = 0
            fieldLoop: while true {
                let origin = i
                // A quoted field, allowing (and reporting) spaces before its opening quote.
                var q = i
                if q < n && (base[q] == space || base[q] == tab) {
                    repeat { q += 1 } while q < n && (base[q] == space || base[q] == tab)
                    if !(q < n && base[q] == quote) { q = i }
                }
                if q < n && base[q] == quote {
                    if q != i {
                        problems.add(
                            text, offset: q, line: line, lineStart: lineStart,
                            "spaces before the opening quote of a field",
                            hint: "remove the spaces between the comma and the quote, so that the quote opens the field"
                        )
                    }
                    let openLine = line
                    let openLineStart = lineStart
                    i = q + 1
                    let contentStart = i
                    var flags = FieldSpan.quoted
                    var closed = false
                    var sawNUL = false
                    while i < n {
                        while i &+ 8 <= n {
                            let stops = SWAR.quotedStops(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                            if stops != 0 {
                                i &+= stops.trailingZeroBitCount &>> 3
                                break
                            }
                            i &+= 8
                        }
                        guard i < n else { break }
                        b = base[i]
                        if b == quote {
                            if i + 1 < n && base[i + 1] == quote {
                                flags |= FieldSpan.escaped
                                i += 2
                                continue
                            }
                            closed = true
                            break
                        }
                        if b <= cr {
                            if b == lf {
                                line += 1
                                lineStart = i + 1
                            } else if b == cr {
                                if i + 1 < n && base[i + 1] == lf { i += 1 }
                                line += 1
                                lineStart = i + 1
                            } else if b == nul && !sawNUL {
                                sawNUL = true
                                problems.addNUL(text, offset: i, line: line, lineStart: lineStart)
                            }
                        }
                        i += 1
                    }
                    if !closed {
                        problems.add(
                            text, offset: q, line: openLine, lineStart: openLineStart,
                            "this quoted field is never closed: its opening quote runs to the end of the file",
                            hint:
                                "add the closing quote where the field ends; a quote inside a quoted field is written twice (\"\")"
                        )
                        // Drop the record and read on from the next line, to find any other problems.
                        var r = q + 1
                        while r < n && base[r] != lf && base[r] != cr { r += 1 }
                        if r < n {
                            if base[r] == cr && r + 1 < n && base[r + 1] == lf { r += 1 }
                            r += 1
                        }
                        i = r
                        line = openLine + 1
                        lineStart = r
                        continue recordLoop
                    }
                    let contentEnd = i
                    i += 1
                    var end = contentEnd
                    if i < n && base[i] != comma && base[i] != lf && base[i] != cr {
                        let after = i
                        var onlySpaces = true
                        while i < n && base[i] != comma && base[i] != lf && base[i] != cr {
                            if base[i] != space && base[i] != tab { onlySpaces = false }
                            i += 1
                        }
                        if onlySpaces {
                            problems.add(
                                text, offset: after, line: line, lineStart: lineStart,
                                "spaces after the closing quote of a field",
                                hint: "remove the spaces between the closing quote and the comma")
                        } else {
                            // Keep the text after the quote in the field, as most spreadsheets do.
                            let written = UnsafeBufferPointer(rebasing: text[contentStart..<i])
                            problems.add(
                                text, offset: after, line: line, lineStart: lineStart,
                                "text after the closing quote of a field",
                                hint: "a quote inside a quoted field is written twice: " + quotedExample(written))
                            end = i
                            flags |= FieldSpan.escaped
                        }
                    }
                    fields.append(FieldSpan(start: contentStart, end: end, origin: origin, flags: flags))
                } else {
                    let contentStart = i
                    var stray = -1
                    var sawNUL = false
                    while i < n {
                        // Eight bytes at a time to the next byte below 0x2D, the only ones that can end a field or be wrong.
                        while i &+ 8 <= n {
                            let low = SWAR.bytesBelow0x2D(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                            if low != 0 {
                                i &+= low.trailingZeroBitCount &>> 3
                                break
                            }
                            i &+= 8
                        }
                        guard i < n else { break }
                        b = base[i]
                        if b > comma {
                            i &+= 1
                            continue
                        }
                        // One test for comma, LF and CR (all below 64), rather than a jump table.
                        if (UInt64(1) &<< UInt64(b)) & fieldEnds != 0 { break }
                        if b == quote {
                            if stray < 0 { stray = i }
                        } else if b == nul && !sawNUL {
                            sawNUL = true
                            problems.addNUL(text, offset: i, line: line, lineStart: lineStart)
                        }
                        i += 1
                    }
                    if stray >= 0 {
                        let written = UnsafeBufferPointer(rebasing: text[contentStart..<i])
                        problems.add(
                            text, offset: stray, line: line, lineStart: lineStart,
                            "a quote inside a field that does not start with a quote",
                            hint: "quote the whole field and write the quote twice: " + quotedExample(written))
                    }
                    fields.append(FieldSpan(start: contentStart, end: i, origin: origin, flags: 0))
                }

                if i >= n { break }
                b = base[i]
                if b == comma {
                    i += 1
                    continue fieldLoop
                }
                i += 1
                if b == cr && i < n && base[i] == lf { i += 1 }
                line += 1
                lineStart = i
                break
            }
            body(
                CSVRecord(
                    line: recordLine, count: fields.count, text: text, fields: fields.pointer,
                    start: recordStart, context: context))
        }
    }

    /// `"ab""c"`: how a field's text is written correctly, shown in hints (short fields only).
    static func quotedExample(_ written: UnsafeBufferPointer<UInt8>) -> String {
        guard written.count <= 60, !written.contains(lf), !written.contains(cr) else { return "\"like \"\"this\"\"\"" }
        var out: [UInt8] = [quote]
        var p = 0
        while p < written.count {
            let b = written[p]
            if b == quote {
                out.append(quote)
                out.append(quote)
                // An already doubled quote stays doubled.
                if p + 1 < written.count && written[p + 1] == quote { p += 1 }
            } else {
                out.append(b)
            }
            p += 1
        }
        out.append(quote)
        return String(decoding: out, as: UTF8.self)
    }
}

/// Eight bytes at a time (SWAR): each mask has the high bit set in the bytes of interest. Only the lowest
/// set byte of a mask is exact (a borrow can mark bytes above it), which is all the scanning loops use.
enum SWAR {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Bytes below 0x2D: comma, quote, CR, LF and NUL among them. Bytes of 0x80 and above are never marked.
    @inline(__always)
    static func bytesBelow0x2D(_ x: UInt64) -> UInt64 { (x &- ones &* 0x2D) & ~x & highs }

    /// Quotes and bytes below 0x0E (CR, LF, NUL): what a quoted field's scan must stop at.
    @inline(__always)
    static func quotedStops(_ x: UInt64) -> UInt64 {
        let q = x ^ (ones &* 0x22)
        return ((q &- ones) & ~q & highs) | ((x &- ones &* 0x0E) & ~x & highs)
    }
}

/// What records share during one read; records point at it without retaining it.
final class CSVContext {
    let path: String
    init(path: String) { self.path = path }
}

/// One field as a byte range of the decoded text.
@usableFromInline
struct FieldSpan {
    /// First byte of the content (after an opening quote).
    @usableFromInline var start: Int
    /// One past the content's last byte (before a closing quote).
    @usableFromInline var end: Int
    /// Where the field starts on its line, for locations: its opening quote when quoted.
    var origin: Int
    @usableFromInline var flags: UInt8

    init(start: Int, end: Int, origin: Int, flags: UInt8) {
        self.start = start
        self.end = end
        self.origin = origin
        self.flags = flags
    }

    static var quoted: UInt8 { 1 }
    /// The content holds doubled quotes (`""`) that stand for one.
    @inlinable static var escaped: UInt8 { 2 }
}

/// A growable buffer of field spans, reused from record to record so that reading allocates nothing per row.
struct FieldBuffer {
    private(set) var pointer: UnsafeMutablePointer<FieldSpan>
    private var capacity: Int
    var count = 0

    init() {
        capacity = 64
        pointer = .allocate(capacity: capacity)
    }

    @inline(__always)
    mutating func append(_ field: FieldSpan) {
        if count == capacity { grow() }
        (pointer + count).initialize(to: field)
        count += 1
    }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<FieldSpan>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: pointer, count: count)
        pointer.deallocate()
        pointer = larger
        capacity *= 2
    }

    func deallocate() { pointer.deallocate() }
}

/// The problems of one file, capped so that a file in the wrong format reports its first problems, not thousands.
struct ProblemList {
    let path: String
    var found: [Diagnostic]
    var unreported = 0
    var sawNUL = false

    init(path: String, found: [Diagnostic]) {
        self.path = path
        self.found = found
    }

    mutating func add(
        _ text: UnsafeBufferPointer<UInt8>, offset: Int, line: Int, lineStart: Int,
        _ message: String, hint: String?
    ) {
        guard found.count < CSVReader.maximumProblems else {
            unreported += 1
            return
        }
        found.append(
            Diagnostic(
                file: path, line: line, column: TextLocator.column(text, lineStart: lineStart, offset: offset),
                message: message, hint: hint,
                sourceLine: TextLocator.sourceLine(text, lineStart: lineStart)))
    }

    mutating func addNUL(_ text: UnsafeBufferPointer<UInt8>, offset: Int, line: Int, lineStart: Int) {
        add(
            text, offset: offset, line: line, lineStart: lineStart, "a NUL byte (0x00) in the text",
            hint: sawNUL
                ? nil : "this may not be a text file, or it may be UTF-16: re-save it as \"CSV UTF-8\" in Excel")
        sawNUL = true
    }

    mutating func finished() -> [Diagnostic] {
        var result = found.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
        if unreported > 0 {
            let last = result.last
            result.append(
                Diagnostic(
                    file: path, line: last?.line ?? 1, column: last?.column ?? 1, severity: .error,
                    message: "\(unreported) more problem\(unreported == 1 ? "" : "s") in this file not shown",
                    hint: "fix the problems above and run again"))
        }
        return result
    }
}
