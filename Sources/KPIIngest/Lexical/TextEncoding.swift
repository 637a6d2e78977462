import KPIModel

/// The encoding a CSV file is read in. UTF-8 is the contract; Windows-1252 is converted only when asked
/// (`--encoding windows-1252`), because a legacy export is otherwise an error, never silently repaired.
public enum TextEncoding: Sendable {
    case utf8, windows1252
}

/// A file's bytes made ready for the CSV state machine: UTF-8, checked, with the byte-order mark skipped.
///
/// `bytes` is the caller's array itself when no conversion is needed, so a valid UTF-8 file is never copied.
struct DecodedText {
    var bytes: [UInt8]
    /// Where the text starts: after any byte-order marks.
    var start: Int
    /// False when the file cannot be read as text at all (UTF-16): no record is delivered.
    var readable: Bool
    var problems: [Diagnostic]

    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    static func decode(_ raw: [UInt8], encoding: TextEncoding, path: String) -> DecodedText {
        var problems: [Diagnostic] = []
        if let utf16 = utf16Kind(raw) {
            problems.append(
                Diagnostic(
                    file: path, message: "this file is \(utf16), not UTF-8",
                    hint: "re-save it as \"CSV UTF-8 (Comma delimited)\" in Excel, or as UTF-8 in your editor"))
            return DecodedText(bytes: raw, start: 0, readable: false, problems: problems)
        }
        let hasBOM = raw.starts(with: bom)
        if encoding == .windows1252 {
            // A file with a UTF-8 byte-order mark, or with non-ASCII text that is all valid UTF-8, is UTF-8: converting
            // it would garble every accent silently. (A real Windows-1252 text is almost never valid UTF-8.)
            let isUTF8 =
                hasBOM
                || raw.withUnsafeBufferPointer { buf in
                    buf.contains { $0 >= 0x80 } && UTF8Check.scan(buf, from: 0, stopAtFirstError: true).firstBad == nil
                }
            guard isUTF8 else { return Windows1252.transcode(raw, path: path) }
            problems.append(
                Diagnostic(
                    file: path, severity: .warning,
                    message:
                        "this file is UTF-8\(hasBOM ? " (it starts with a byte-order mark)" : ""), so it is read as UTF-8, not Windows-1252",
                    hint: "nothing to do if the file was saved as \"CSV UTF-8\""))
        }
        var text = DecodedText(bytes: raw, start: hasBOM ? 3 : 0, readable: true, problems: problems)
        text.skipRepeatedBOMs(path: path)
        UTF8Check.validate(&text, path: path)
        return text
    }

    /// A second byte-order mark at the start (two tools each adding one) would become part of the first
    /// column's name; report it and skip it so the header still reads.
    mutating func skipRepeatedBOMs(path: String) {
        var extra = 0
        while bytes.count - start >= 3 && bytes[start] == 0xEF && bytes[start + 1] == 0xBB && bytes[start + 2] == 0xBF {
            start += 3
            extra += 1
        }
        if extra > 0 {
            problems.append(
                Diagnostic(
                    file: path, message: "the file starts with \(extra + 1) byte-order marks instead of one",
                    hint:
                        "re-save it as \"CSV UTF-8\", or remove the invisible characters before the first column name",
                    sourceLine: TextLocator.sourceLine(bytes, lineStart: start)))
        }
    }

    /// UTF-16 by its byte-order mark, or by the NUL byte beside the first ASCII character.
    static func utf16Kind(_ raw: [UInt8]) -> String? {
        guard raw.count >= 2 else { return nil }
        if raw[0] == 0xFF && raw[1] == 0xFE { return "UTF-16 (little-endian)" }
        if raw[0] == 0xFE && raw[1] == 0xFF { return "UTF-16 (big-endian)" }
        if raw[0] != 0 && raw[0] < 0x80 && raw[1] == 0 { return "UTF-16 (little-endian)" }
        if raw[0] == 0 && raw[1] != 0 && raw[1] < 0x80 { return "UTF-16 (big-endian)" }
        return nil
    }
}

/// Line and column of a byte offset, computed only when a problem is reported.
enum TextLocator {
    /// Counts line ends in `from..<offset` (CRLF, LF and a lone CR are each one line end), starting from
    /// a known line start. Returns the line and the start of that line.
    static func advance(
        _ text: UnsafeBufferPointer<UInt8>, from: Int, line: Int, to offset: Int,
        lineStart: Int? = nil
    ) -> (line: Int, lineStart: Int) {
        var line = line
        var lineStart = lineStart ?? from
        var p = from
        while p < offset {
            let b = text[p]
            if b == 0x0A {
                line += 1
                lineStart = p + 1
            } else if b == 0x0D {
                if p + 1 < text.count && text[p + 1] == 0x0A {
                    p += 1
                }
                line += 1
                lineStart = p + 1
            }
            p += 1
        }
        return (line, lineStart)
    }

    /// 1-based column of `offset` on the line starting at `lineStart`, in Unicode scalars.
    static func column(_ text: UnsafeBufferPointer<UInt8>, lineStart: Int, offset: Int) -> Int {
        var column = 1
        var p = lineStart
        while p < offset {
            if text[p] & 0xC0 != 0x80 { column += 1 }
            p += 1
        }
        return column
    }

    /// The text of the physical line starting at `lineStart`, without its line end.
    static func sourceLine(_ text: UnsafeBufferPointer<UInt8>, lineStart: Int) -> String {
        var end = lineStart
        while end < text.count && text[end] != 0x0A && text[end] != 0x0D { end += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: text[lineStart..<end]), as: UTF8.self)
    }

    static func sourceLine(_ bytes: [UInt8], lineStart: Int) -> String {
        bytes.withUnsafeBufferPointer { sourceLine($0, lineStart: lineStart) }
    }
}

/// Locates increasing byte offsets of a text, going on from the last one, so that reporting many problems
/// in a large file stays one pass.
struct Locator {
    let text: UnsafeBufferPointer<UInt8>
    let path: String
    private var offset: Int
    private var line = 1
    private var lineStart: Int

    init(_ text: UnsafeBufferPointer<UInt8>, start: Int, path: String) {
        self.text = text
        self.path = path
        offset = start
        lineStart = start
    }

    /// An error at `offset`, which must not be before the last one located.
    mutating func error(at offset: Int, _ message: String, hint: String?) -> Diagnostic {
        (line, lineStart) = TextLocator.advance(text, from: self.offset, line: line, to: offset, lineStart: lineStart)
        self.offset = offset
        return Diagnostic(
            file: path, line: line, column: TextLocator.column(text, lineStart: lineStart, offset: offset),
            message: message, hint: hint, sourceLine: TextLocator.sourceLine(text, lineStart: lineStart))
    }
}

/// UTF-8 validation with an eight-bytes-at-a-time path for ASCII, which is nearly all of a typical extract.
enum UTF8Check {
    static let hint = "re-save it as \"CSV UTF-8\" in Excel, or run with --encoding windows-1252"

    /// The first invalid byte, and where any byte-order mark (U+FEFF) sits, from `start` on.
    static func scan(_ buf: UnsafeBufferPointer<UInt8>, from start: Int, stopAtFirstError: Bool = false)
        -> (firstBad: (offset: Int, byte: UInt8)?, byteOrderMarks: [Int])
    {
        var firstBad: (offset: Int, byte: UInt8)?
        var marks: [Int] = []
        let n = buf.count
        guard let base = buf.baseAddress else { return (nil, []) }
        let raw = UnsafeRawPointer(base)
        var i = start
        while i < n {
            // Skip ASCII eight bytes at a time.
            while i &+ 8 <= n && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i &+= 8
            }
            while i < n && base[i] < 0x80 { i &+= 1 }
            guard i < n else { break }
            let length = sequenceLength(buf, at: i)
            if length == 0 {
                if firstBad == nil { firstBad = (i, base[i]) }
                if stopAtFirstError { break }
                i += 1
                continue
            }
            if length == 3 && base[i] == 0xEF && base[i + 1] == 0xBB && base[i + 2] == 0xBF
                && marks.count < CSVReader.maximumProblems
            {
                marks.append(i)
            }
            i += length
        }
        return (firstBad, marks)
    }

    static func validate(_ text: inout DecodedText, path: String) {
        let start = text.start
        let problems: [Diagnostic] = text.bytes.withUnsafeBufferPointer { buf in
            let (firstBad, marks) = scan(buf, from: start)
            var problems: [Diagnostic] = []
            var locator = Locator(buf, start: start, path: path)
            var pending = marks[...]
            func markProblems(before offset: Int) {
                while let mark = pending.first, mark < offset {
                    problems.append(
                        locator.error(
                            at: mark, "an invisible byte-order mark (U+FEFF) inside the file",
                            hint: "files may have been joined together: delete the invisible character before this text"
                        ))
                    pending.removeFirst()
                }
            }
            if let firstBad {
                markProblems(before: firstBad.offset)
                let more = countBadLines(buf, start: start) - 1
                let message =
                    "this file is not valid UTF-8 (byte 0x\(hex(firstBad.byte)))"
                    + (more > 0 ? "; \(more) more line\(more == 1 ? " has" : "s have") bytes that are not UTF-8" : "")
                problems.append(locator.error(at: firstBad.offset, message, hint: hint))
            }
            markProblems(before: Int.max)
            return problems
        }
        text.problems += problems
    }

    /// The length of the valid UTF-8 sequence at `i` (whose first byte is not ASCII), or 0 when it is invalid.
    @inline(__always)
    static func sequenceLength(_ buf: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let n = buf.count
        let b0 = buf[i]
        func continuation(_ k: Int) -> Bool { i + k < n && buf[i + k] & 0xC0 == 0x80 }
        switch b0 {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : 0
        case 0xE0...0xEF:
            guard continuation(1), continuation(2) else { return 0 }
            let b1 = buf[i + 1]
            if b0 == 0xE0 && b1 < 0xA0 { return 0 }  // overlong
            if b0 == 0xED && b1 > 0x9F { return 0 }  // surrogate
            return 3
        case 0xF0...0xF4:
            guard continuation(1), continuation(2), continuation(3) else { return 0 }
            let b1 = buf[i + 1]
            if b0 == 0xF0 && b1 < 0x90 { return 0 }  // overlong
            if b0 == 0xF4 && b1 > 0x8F { return 0 }  // above U+10FFFF
            return 4
        default:
            return 0
        }
    }

    /// How many lines hold at least one invalid byte; only run when the file is already known to be bad.
    static func countBadLines(_ buf: UnsafeBufferPointer<UInt8>, start: Int) -> Int {
        var lines = 0
        var lineIsBad = false
        var i = start
        while i < buf.count {
            let b = buf[i]
            if b < 0x80 {
                if b == 0x0A || b == 0x0D {
                    if lineIsBad { lines += 1 }
                    lineIsBad = false
                }
                i += 1
                continue
            }
            let length = sequenceLength(buf, at: i)
            if length == 0 {
                lineIsBad = true
                i += 1
            } else {
                i += length
            }
        }
        return lines + (lineIsBad ? 1 : 0)
    }

    static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
    }
}

/// Windows-1252 to UTF-8, for `--encoding windows-1252`.
enum Windows1252 {
    /// Unicode scalars for 0x80...0x9F; 0 where Windows-1252 defines no character.
    static let high: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E,
        0x0178,
    ]

    static func transcode(_ raw: [UInt8], path: String) -> DecodedText {
        guard let firstHigh = raw.firstIndex(where: { $0 >= 0x80 }) else {
            return DecodedText(bytes: raw, start: 0, readable: true, problems: [])
        }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count + raw.count / 8 + 16)
        out.append(contentsOf: raw[..<firstHigh])
        var undefined: [(offset: Int, byte: UInt8)] = []
        var problems: [Diagnostic] = []
        for b in raw[firstHigh...] {
            if b < 0x80 {
                out.append(b)
                continue
            }
            var scalar = UInt32(b)
            if b < 0xA0 {
                scalar = high[Int(b - 0x80)]
                if scalar == 0 {
                    // Reported as an error below; U+FFFD only keeps the columns after it counted right.
                    undefined.append((out.count, b))
                    scalar = 0xFFFD
                }
            }
            appendUTF8(scalar, to: &out)
        }
        out.withUnsafeBufferPointer { buf in
            var locator = Locator(buf, start: 0, path: path)
            for (offset, byte) in undefined.prefix(CSVReader.maximumProblems) {
                problems.append(
                    locator.error(
                        at: offset, "byte 0x\(UTF8Check.hex(byte)) is not a character in Windows-1252",
                        hint: "this file may not be Windows-1252: re-save it as \"CSV UTF-8\" in Excel"))
            }
        }
        return DecodedText(bytes: out, start: 0, readable: true, problems: problems)
    }

    @inline(__always)
    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        if scalar < 0x800 {
            out.append(UInt8(0xC0 | (scalar >> 6)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        } else {
            out.append(UInt8(0xE0 | (scalar >> 12)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }
}
