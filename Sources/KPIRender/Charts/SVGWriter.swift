import KPIModel

/// An attribute value: text, which is always escaped, or a number printed at fixed precision.
public enum SVGValue: Sendable, Equatable, ExpressibleByStringLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral
{
    case text(String)
    case number(Double)

    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
}

/// Attributes in the order they are written; a `nil` value leaves the attribute out,
/// so optional styling (a dash pattern, say) needs no branching at the call site.
public typealias SVGAttributes = KeyValuePairs<String, SVGValue?>

/// A tiny SVG writer that builds markup into one growing byte buffer.
///
/// Every attribute value and text node goes through `escape`, so text from data (titles,
/// labels, descriptions) cannot close an attribute or open an element. Element and attribute
/// names come only from the chart code, never from data. One element per line, indented, so
/// golden files review well in a diff. Numbers go straight from `NumberFormat` into the buffer:
/// a national build draws about ten million of them.
public struct SVGWriter: Sendable {
    private var bytes: [UInt8] = []
    private var depth = 0

    public init() {
        bytes.reserveCapacity(16_384)
    }

    public var markup: String { String(decoding: bytes, as: UTF8.self) }

    /// An element with children written by `content`.
    public mutating func element(
        _ name: String, _ attributes: SVGAttributes = [:],
        content: (inout SVGWriter) -> Void
    ) {
        open(name, attributes)
        bytes.append(contentsOf: ">\n".utf8)
        depth += 1
        content(&self)
        depth -= 1
        startLine()
        close(name)
    }

    /// An element holding only text, such as `<title>` or `<text>`.
    public mutating func element(_ name: String, _ attributes: SVGAttributes = [:], text: String) {
        open(name, attributes)
        bytes.append(UInt8(ascii: ">"))
        Self.appendEscaped(text, to: &bytes)
        close(name)
    }

    /// An empty element such as `<line/>`.
    public mutating func element(_ name: String, _ attributes: SVGAttributes = [:]) {
        open(name, attributes)
        bytes.append(contentsOf: "/>\n".utf8)
    }

    /// `text` as `appendEscaped` writes it.
    public static func escape(_ text: String) -> String {
        var escaped: [UInt8] = []
        appendEscaped(text, to: &escaped)
        return String(decoding: escaped, as: UTF8.self)
    }

    /// Escapes the five XML specials, and tab, line feed and carriage return as character
    /// references because a parser turns them into spaces inside attributes (and a carriage
    /// return into a line feed anywhere). Characters XML 1.0 forbids (other control characters,
    /// U+FFFE, U+FFFF) become U+FFFD, so a stray byte in a label cannot make the page invalid.
    /// Works on UTF-8 bytes, copying the runs between specials whole; a String's UTF-8 is valid,
    /// so U+FFFE and U+FFFF are the only three-byte sequences to look for.
    static func appendEscaped(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                let replacement: StaticString
                var width = 1
                switch byte {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                case 0x09: replacement = "&#9;"
                case 0x0A: replacement = "&#10;"
                case 0x0D: replacement = "&#13;"
                case ..<0x20: replacement = "\u{FFFD}"
                case 0xEF
                where index + 2 < bytes.count && bytes[index + 1] == 0xBF
                    && (bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF):
                    replacement = "\u{FFFD}"
                    width = 3
                default:
                    index += 1
                    continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                output.append(
                    contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                index += width
                runStart = index
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
    }

    /// Coordinates at two decimals at most: enough for any screen, and stable across platforms.
    public static func number(_ value: Double) -> String {
        NumberFormat.compact(value, decimals: 2)
    }

    static func appendNumber(_ value: Double, to output: inout [UInt8]) {
        NumberFormat.append(value, decimals: 2, to: &output)
    }

    /// Makes a caller's id prefix safe to use in `id` and `aria-labelledby`, where a space
    /// would split one reference into two: anything outside `A-Z a-z 0-9 - _` becomes `-`.
    public static func identifier(_ prefix: String) -> String {
        var safe = String(
            prefix.unicodeScalars.map { scalar -> Character in
                switch scalar {
                case "a"..."z", "A"..."Z", "0"..."9", "-", "_": Character(scalar)
                default: "-"
                }
            })
        if safe.first.map({ !$0.isLetter }) ?? true { safe = "chart-" + safe }
        return safe
    }

    private mutating func open(_ name: String, _ attributes: SVGAttributes) {
        startLine()
        bytes.append(UInt8(ascii: "<"))
        bytes.append(contentsOf: name.utf8)
        for (name, value) in attributes {
            guard let value else { continue }
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: name.utf8)
            bytes.append(contentsOf: "=\"".utf8)
            switch value {
            case .text(let text): Self.appendEscaped(text, to: &bytes)
            case .number(let number): Self.appendNumber(number, to: &bytes)
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }

    private mutating func close(_ name: String) {
        bytes.append(contentsOf: "</".utf8)
        bytes.append(contentsOf: name.utf8)
        bytes.append(contentsOf: ">\n".utf8)
    }

    private mutating func startLine() {
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }
}
