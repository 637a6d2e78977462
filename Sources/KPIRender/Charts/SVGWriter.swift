import KPIModel

/// An attribute value: text, which is always escaped, or a number printed at fixed precision.
public enum SVGValue: Sendable, Equatable, ExpressibleByStringLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    case text(String)
    case number(Double)

    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
}

/// Attributes in the order they are written; a `nil` value leaves the attribute out,
/// so optional styling (a dash pattern, say) needs no branching at the call site.
public typealias SVGAttributes = KeyValuePairs<String, SVGValue?>

/// A tiny SVG writer that builds markup into one growing string.
///
/// Every attribute value and text node goes through `escape`, so text from data (titles,
/// labels, descriptions) cannot close an attribute or open an element. Element and attribute
/// names come only from the chart code, never from data. One element per line, indented, so
/// golden files review well in a diff.
public struct SVGWriter: Sendable {
    public private(set) var markup = ""
    private var depth = 0

    public init() {}

    /// An element with children written by `content`.
    public mutating func element(_ name: String, _ attributes: SVGAttributes = [:],
                                 content: (inout SVGWriter) -> Void) {
        startLine()
        markup += "<" + name
        append(attributes)
        markup += ">\n"
        depth += 1
        content(&self)
        depth -= 1
        startLine()
        markup += "</" + name + ">\n"
    }

    /// An element holding only text, such as `<title>` or `<text>`.
    public mutating func element(_ name: String, _ attributes: SVGAttributes = [:], text: String) {
        startLine()
        markup += "<" + name
        append(attributes)
        markup += ">" + Self.escape(text) + "</" + name + ">\n"
    }

    /// An empty element such as `<line/>`.
    public mutating func element(_ name: String, _ attributes: SVGAttributes = [:]) {
        startLine()
        markup += "<" + name
        append(attributes)
        markup += "/>\n"
    }

    /// Escapes the five XML specials, and tab, line feed and carriage return as character
    /// references because a parser turns them into spaces inside attributes (and a carriage
    /// return into a line feed anywhere). Characters XML 1.0 forbids (other control characters,
    /// U+FFFE, U+FFFF) become U+FFFD, so a stray byte in a label cannot make the page invalid.
    public static func escape(_ text: String) -> String {
        // Nearly every attribute is a path or a number: hand those back untouched.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x26 && $0 != 0x3C && $0 != 0x3E && $0 != 0x22 && $0 != 0x27 && $0 < 0xEF }) {
            return text
        }
        var escaped = ""
        escaped.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\t": escaped += "&#9;"
            case "\n": escaped += "&#10;"
            case "\r": escaped += "&#13;"
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                escaped.unicodeScalars.append("\u{FFFD}")
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// Coordinates at two decimals at most: enough for any screen, and stable across platforms.
    public static func number(_ value: Double) -> String {
        NumberFormat.compact(value, decimals: 2)
    }

    /// Makes a caller's id prefix safe to use in `id` and `aria-labelledby`, where a space
    /// would split one reference into two: anything outside `A-Z a-z 0-9 - _` becomes `-`.
    public static func identifier(_ prefix: String) -> String {
        var safe = String(prefix.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_": Character(scalar)
            default: "-"
            }
        })
        if safe.first.map({ !$0.isLetter }) ?? true { safe = "chart-" + safe }
        return safe
    }

    private mutating func append(_ attributes: SVGAttributes) {
        for (name, value) in attributes {
            switch value {
            case .text(let text)?:
                markup += " "
                markup += name
                markup += "=\""
                markup += Self.escape(text)
                markup += "\""
            case .number(let number)?:
                markup += " "
                markup += name
                markup += "=\""
                markup += Self.number(number)
                markup += "\""
            case nil: continue
            }
        }
    }

    private mutating func startLine() {
        markup += String(repeating: "  ", count: depth)
    }
}
