/// A JSON value with the byte offset where it is written, so a setting can be reported where it is.
struct JSONValue {
    indirect enum Kind {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([JSONValue])
        /// Members in the order written; a key given twice is kept twice for the reader to report.
        case object([JSONMember])
    }

    var kind: Kind
    var offset: Int
}

struct JSONMember {
    var key: String
    var keyOffset: Int
    var value: JSONValue
}

/// A syntax mistake, at the byte offset where a person would fix it.
struct JSONSyntaxError: Error {
    var offset: Int
    var message: String
    var hint: String
}

/// Reads RFC 8259 JSON from bytes, strictly (no trailing commas, comments or single quotes), and
/// says where a mistake is. Foundation's `JSONSerialization` cannot: on Linux it gives no position
/// for most mistakes and accepts a trailing comma. Offsets become lines and columns only when a
/// problem is reported, as for CSV.
struct JSONReader {
    /// Deeper nesting than any settings file needs; a limit keeps hostile input off the stack.
    static let maximumDepth = 64

    private let bytes: [UInt8]
    private var position = 0

    static func read(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        var reader = JSONReader(bytes: bytes)
        // Windows editors save UTF-8 with a byte order mark.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.position = 3 }
        let value = try reader.value(depth: 0)
        reader.skipWhitespace()
        if reader.position < bytes.count {
            throw JSONSyntaxError(
                offset: reader.position, message: "unexpected text after the end of the JSON value",
                hint: "the file holds one object: remove what follows its closing }, or move it inside")
        }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
    }

    private mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        let start = position
        guard let byte = current else {
            throw JSONSyntaxError(
                offset: start, message: "the file ends where a value was expected",
                hint: "finish the value, and close every { with } and every [ with ]")
        }
        guard depth < Self.maximumDepth else {
            throw JSONSyntaxError(
                offset: start, message: "values nested more than \(Self.maximumDepth) deep",
                hint: "settings are a single object of plain values")
        }
        switch byte {
        case UInt8(ascii: "{"): return JSONValue(kind: .object(try members(depth: depth)), offset: start)
        case UInt8(ascii: "["): return JSONValue(kind: .array(try elements(depth: depth)), offset: start)
        case UInt8(ascii: "\""): return JSONValue(kind: .string(try string()), offset: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONValue(kind: .number(try number()), offset: start)
        default: return JSONValue(kind: try literal(), offset: start)
        }
    }

    private mutating func members(depth: Int) throws(JSONSyntaxError) -> [JSONMember] {
        try commaSeparated(
            closer: "}", inside: "an object", item: "member",
            hint: "separate members with commas: {\"title\": \"…\", \"authority\": \"…\"}"
        ) { reader throws(JSONSyntaxError) in
            guard reader.current == UInt8(ascii: "\"") else {
                throw JSONSyntaxError(
                    offset: reader.position, message: "expected a name in double quotes, found \(reader.found())",
                    hint: "write each member as \"name\": value")
            }
            let keyOffset = reader.position
            let key = try reader.string()
            reader.skipWhitespace()
            guard reader.current == UInt8(ascii: ":") else {
                throw JSONSyntaxError(
                    offset: reader.position, message: "expected : after \"\(key)\", found \(reader.found())",
                    hint: "write each member as \"name\": value")
            }
            reader.position += 1
            return JSONMember(key: key, keyOffset: keyOffset, value: try reader.value(depth: depth + 1))
        }
    }

    private mutating func elements(depth: Int) throws(JSONSyntaxError) -> [JSONValue] {
        try commaSeparated(
            closer: "]", inside: "a list", item: "value", hint: "separate the values of a list with commas: [1, 2]"
        ) {
            reader throws(JSONSyntaxError) in try reader.value(depth: depth + 1)
        }
    }

    /// The items of an object or a list, from its opening bracket to `closer`. A comma before the
    /// closer is reported at the comma, a missing one at the item after it.
    private mutating func commaSeparated<Item>(
        closer: Unicode.Scalar, inside container: String, item noun: String, hint: String,
        _ item: (inout JSONReader) throws(JSONSyntaxError) -> Item
    ) throws(JSONSyntaxError) -> [Item] {
        position += 1
        var items: [Item] = []
        var lastComma: Int?
        while true {
            skipWhitespace()
            guard let byte = current else {
                throw JSONSyntaxError(
                    offset: position, message: "the file ends inside \(container)", hint: "close it with \(closer)")
            }
            if byte == UInt8(ascii: closer) {
                if let lastComma {
                    throw JSONSyntaxError(
                        offset: lastComma, message: "a comma before the closing \(closer)",
                        hint: "remove the comma after the last item: JSON allows none there")
                }
                position += 1
                return items
            }
            if !items.isEmpty && lastComma == nil {
                throw JSONSyntaxError(offset: position, message: "missing comma before this \(noun)", hint: hint)
            }
            items.append(try item(&self))
            skipWhitespace()
            lastComma = nil
            if current == UInt8(ascii: ",") {
                lastComma = position
                position += 1
            }
        }
    }

    /// A string's text, from its opening quote. JSON strings hold no raw line ends, so one that
    /// reaches the end of its line is unterminated, reported at its opening quote.
    private mutating func string() throws(JSONSyntaxError) -> String {
        let opening = position
        position += 1
        var text: [UInt8] = []
        while let byte = current {
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try escape(into: &text, stringAt: opening)
            case 0x0A, 0x0D:
                throw unterminated(opening)
            case ..<0x20:
                throw JSONSyntaxError(
                    offset: position, message: "a control character inside a string",
                    hint: "write a tab as \\t; other control characters as \\u00XX")
            default:
                text.append(byte)
                position += 1
            }
        }
        throw unterminated(opening)
    }

    private mutating func escape(into text: inout [UInt8], stringAt opening: Int) throws(JSONSyntaxError) {
        let backslash = position
        position += 1
        guard let byte = current, byte != 0x0A, byte != 0x0D else { throw unterminated(opening) }
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return text.append(byte)
        case UInt8(ascii: "b"): return text.append(0x08)
        case UInt8(ascii: "f"): return text.append(0x0C)
        case UInt8(ascii: "n"): return text.append(0x0A)
        case UInt8(ascii: "r"): return text.append(0x0D)
        case UInt8(ascii: "t"): return text.append(0x09)
        default: break
        }
        guard byte == UInt8(ascii: "u") else {
            throw JSONSyntaxError(
                offset: backslash, message: "unknown escape \\\(Character(Unicode.Scalar(byte)))",
                hint:
                    "a backslash starts \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX; write a backslash itself as \\\\")
        }
        var scalar = try hexQuad(escapeAt: backslash)
        if (0xD800..<0xDC00).contains(scalar), bytes[position...].starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "u")])
        {
            let low = position
            position += 2
            let trailing = try hexQuad(escapeAt: low)
            if (0xDC00..<0xE000).contains(trailing) {
                scalar = 0x10000 + (scalar - 0xD800) << 10 + (trailing - 0xDC00)
            } else {
                position = low
            }
        }
        // A lone surrogate is no character: it reads as U+FFFD, as Foundation reads it.
        text.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
    }

    private mutating func hexQuad(escapeAt backslash: Int) throws(JSONSyntaxError) -> UInt32 {
        var scalar: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = Self.hexValue(byte) else {
                throw JSONSyntaxError(
                    offset: backslash, message: "\\u must be followed by four hexadecimal digits",
                    hint: "for example \\u00e9 for é, or write the character itself")
            }
            scalar = scalar << 4 | digit
            position += 1
        }
        return scalar
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`. The whole word is read and checked,
    /// so `4.5.6` or `12px` is reported as one bad number, not as a missing comma after `4.5`.
    private mutating func number() throws(JSONSyntaxError) -> Double {
        let start = position
        while let byte = current, Self.isWordByte(byte) { position += 1 }
        let written = bytes[start..<position]
        guard Self.isJSONNumber(written), let number = Double(String(decoding: written, as: UTF8.self)), number.isFinite
        else {
            throw JSONSyntaxError(
                offset: start, message: "\(String(decoding: written, as: UTF8.self)) is not a JSON number",
                hint: "write numbers as 4 or 4.5: no leading zeros, units or trailing point")
        }
        return number
    }

    private static func isJSONNumber(_ written: ArraySlice<UInt8>) -> Bool {
        var index = written.startIndex
        func skipDigits() -> Int {
            let first = index
            while index < written.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(written[index]) {
                index += 1
            }
            return index - first
        }
        func skip(_ characters: String) {
            if index < written.endIndex, characters.utf8.contains(written[index]) { index += 1 }
        }
        skip("-")
        let integerStart = index
        let integerDigits = skipDigits()
        guard integerDigits == 1 || (integerDigits > 1 && written[integerStart] != UInt8(ascii: "0")) else {
            return false
        }
        if index < written.endIndex, written[index] == UInt8(ascii: ".") {
            index += 1
            guard skipDigits() > 0 else { return false }
        }
        if index < written.endIndex, written[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            skip("+-")
            guard skipDigits() > 0 else { return false }
        }
        return index == written.endIndex
    }

    /// `true`, `false` or `null`; any other bare word is a mistake, reported whole.
    private mutating func literal() throws(JSONSyntaxError) -> JSONValue.Kind {
        let start = position
        while let byte = current, Self.isWordByte(byte) { position += 1 }
        switch String(decoding: bytes[start..<position], as: UTF8.self) {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        default:
            position = start
            throw JSONSyntaxError(
                offset: start, message: "expected a value, found \(found())",
                hint: "write text in double quotes (\"…\"), and true, false and null in lower case")
        }
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"),
            UInt8(ascii: "+"):
            true
        default: false
        }
    }

    /// What stands at the current position, for a message: a bare word whole, else one character.
    private func found() -> String {
        guard let byte = current else { return "the end of the file" }
        var end = position
        while end < bytes.count, Self.isWordByte(bytes[end]) { end += 1 }
        if end > position { return String(decoding: bytes[position..<min(end, position + 20)], as: UTF8.self) }
        var scalarEnd = position + 1
        while scalarEnd < bytes.count, bytes[scalarEnd] & 0xC0 == 0x80 { scalarEnd += 1 }
        return byte == UInt8(ascii: "\"") ? "a string" : String(decoding: bytes[position..<scalarEnd], as: UTF8.self)
    }

    private func unterminated(_ opening: Int) -> JSONSyntaxError {
        JSONSyntaxError(
            offset: opening, message: "this string has no closing quote",
            hint: "end the string with \" on the same line")
    }
}
