/// A template parsed once into a tree, rendered many times through a `MustacheLibrary`.
public struct MustacheTemplate: Sendable {
    /// The name partials and parents use to include this template.
    public let name: String
    let source: SourceText
    let nodes: [Node]

    /// - Parameter file: where the source was read from, named in errors instead of `name`.
    public init(name: String, source: String, file: String? = nil) throws(MustacheError) {
        self.name = name
        self.source = SourceText(origin: file ?? name, bytes: Array(source.utf8))
        self.nodes = try TemplateParser(source: self.source).parse()
    }
}

/// A template's bytes with the name its errors carry.
struct SourceText: Sendable {
    let origin: String
    let bytes: [UInt8]

    func error(at offset: Int, _ message: String) -> MustacheError {
        let (line, column) = lineAndColumn(of: offset)
        return MustacheError(name: origin, line: line, column: column, message: message)
    }

    /// Worked out only when something goes wrong, so parsing and rendering carry plain byte offsets.
    func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == .newline {
            line += 1
            lineStart = index + 1
        }
        // Count characters, not bytes: UTF-8 continuation bytes do not start one.
        let column = 1 + bytes[lineStart..<offset].count { $0 & 0b1100_0000 != 0b1000_0000 }
        return (line, column)
    }
}

/// One piece of a parsed template.
enum Node: Sendable {
    case text([UInt8])
    case variable(Reference, escaped: Bool)
    case section(Reference, [Node], inverted: Bool)
    /// `indentation` is set when the tag stands alone on its line; every line of the included
    /// template then starts with it.
    case partial(TemplateReference, indentation: [UInt8]?)
    case parent(TemplateReference, indentation: [UInt8]?, overrides: [String: [Node]])
    case block(name: String, indentation: [UInt8]?, defaultContent: [Node])
}

/// A name looked up in the context stack: `title`, `site.title`, or `.` for the current item.
struct Reference: Sendable {
    let name: String
    /// Empty for `.`.
    let path: [String]
    /// Where the tag starts, for strict-mode reports.
    let offset: Int

    init(name: String, offset: Int) {
        self.name = name
        self.path = name == "." ? [] : name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        self.offset = offset
    }
}

/// The name of a partial or parent template and where the tag naming it starts.
struct TemplateReference: Sendable {
    let name: String
    let offset: Int
}

extension UInt8 {
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")

    var isSpaceOrTab: Bool { self == .space || self == .tab }
}
