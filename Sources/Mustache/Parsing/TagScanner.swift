/// Splits a template into text runs and tags, following `{{=<% %>=}}` delimiter changes.
struct TagScanner {
    private let source: SourceText
    private var opening = Array("{{".utf8)
    private var closing = Array("}}".utf8)

    init(source: SourceText) {
        self.source = source
    }

    mutating func tokens() throws(MustacheError) -> [Token] {
        let bytes = source.bytes
        var tokens: [Token] = []
        var position = 0
        while position < bytes.count {
            let tagStart = firstIndex(of: opening, from: position) ?? bytes.count
            appendLines(position..<tagStart, to: &tokens)
            guard tagStart < bytes.count else { break }
            let (tag, end) = try scanTag(at: tagStart)
            tokens.append(.tag(tag))
            position = end
        }
        return tokens
    }

    /// Text is kept one line per token, which is what the standalone and indentation rules work on.
    private func appendLines(_ range: Range<Int>, to tokens: inout [Token]) {
        var lineStart = range.lowerBound
        for index in range where source.bytes[index] == .newline {
            tokens.append(.text(lineStart..<index + 1))
            lineStart = index + 1
        }
        if lineStart < range.upperBound {
            tokens.append(.text(lineStart..<range.upperBound))
        }
    }

    private mutating func scanTag(at start: Int) throws(MustacheError) -> (Tag, end: Int) {
        let bytes = source.bytes
        let sigilIndex = start + opening.count
        let kind = sigilIndex < bytes.count ? Self.kind(forSigil: bytes[sigilIndex]) : .escapedVariable
        let contentStart = kind == .escapedVariable ? sigilIndex : sigilIndex + 1
        // Triple mustaches and delimiter changes end with their sigil's mirror before the closing delimiter.
        let terminator =
            switch kind {
            case .unescapedVariable where bytes[sigilIndex] == UInt8(ascii: "{"): Array("}".utf8) + closing
            case .delimiters: Array("=".utf8) + closing
            default: closing
            }
        guard let contentEnd = firstIndex(of: terminator, from: contentStart) else {
            throw unclosedTag(at: start, terminator: terminator, detail: "")
        }
        let content = bytes[contentStart..<contentEnd]
        let end = contentEnd + terminator.count
        switch kind {
        case .comment:
            return (Tag(kind: .comment, name: "", offset: start), end)
        case .delimiters:
            try changeDelimiters(to: content, tagStart: start)
            return (Tag(kind: .delimiters, name: "", offset: start), end)
        default:
            // A tag running past its line, or into another tag, almost always lacks its closing delimiter.
            if content.contains(.newline) || firstIndex(of: opening, from: contentStart, before: contentEnd) != nil {
                throw unclosedTag(at: start, terminator: terminator, detail: " on its line")
            }
            let name = String(decoding: content.trimmingSpacesAndTabs(), as: UTF8.self)
            if name.isEmpty {
                throw source.error(
                    at: start, "empty tag: '\(String(decoding: opening, as: UTF8.self))\(kind.sigil)' names nothing")
            }
            if name.utf8.contains(where: \.isSpaceOrTab) {
                throw source.error(at: start, "tag name '\(name)' contains a space")
            }
            return (Tag(kind: kind, name: name, offset: start), end)
        }
    }

    private func unclosedTag(at start: Int, terminator: [UInt8], detail: String) -> MustacheError {
        let opening = String(decoding: opening, as: UTF8.self)
        return source.error(
            at: start,
            "unclosed tag: '\(opening)' has no matching '\(String(decoding: terminator, as: UTF8.self))'\(detail)")
    }

    private mutating func changeDelimiters(to content: ArraySlice<UInt8>, tagStart: Int) throws(MustacheError) {
        let parts = content.split(whereSeparator: \.isSpaceOrTab)
        guard parts.count == 2, !parts.contains(where: { $0.contains(UInt8(ascii: "=")) }) else {
            throw source.error(
                at: tagStart, "bad delimiter change: expected two delimiters separated by a space, as in '{{=<% %>=}}'")
        }
        opening = Array(parts[0])
        closing = Array(parts[1])
    }

    private static func kind(forSigil byte: UInt8) -> Tag.Kind {
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "&"): .unescapedVariable
        case UInt8(ascii: "#"): .section
        case UInt8(ascii: "^"): .invertedSection
        case UInt8(ascii: "/"): .close
        case UInt8(ascii: ">"): .partial
        case UInt8(ascii: "<"): .parent
        case UInt8(ascii: "$"): .block
        case UInt8(ascii: "!"): .comment
        case UInt8(ascii: "="): .delimiters
        default: .escapedVariable
        }
    }

    private func firstIndex(of needle: [UInt8], from start: Int, before end: Int? = nil) -> Int? {
        let bytes = source.bytes
        let last = (end ?? bytes.count) - needle.count
        guard start <= last else { return nil }
        var index = start
        while index <= last {
            if bytes[index] == needle[0], bytes[index..<index + needle.count].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }
}

extension ArraySlice<UInt8> {
    func trimmingSpacesAndTabs() -> ArraySlice<UInt8> {
        guard let first = firstIndex(where: { !$0.isSpaceOrTab }),
            let last = lastIndex(where: { !$0.isSpaceOrTab })
        else { return [] }
        return self[first...last]
    }
}
