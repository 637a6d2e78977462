/// A line of the template after the standalone rule, as block re-indentation sees it.
struct TemplateLine {
    /// Index in the token list of the line's first token.
    var firstToken: Int
    /// Spaces and tabs that begin the line, including those taken off a standalone line.
    var indentation: [UInt8]
    /// Nothing but whitespace, so the line says nothing about how far its block is indented.
    var isBlank: Bool
}

/// The spec's standalone rule: a line holding only whitespace and tags that print nothing
/// (sections, comments, partials, parents, blocks, delimiter changes) leaves no trace in the output.
///
/// The rule is applied to whole lines rather than single tags because inheritance puts
/// several such tags on one line (`{{<layout}}{{$content}}`) and still expects the line to vanish.
/// The tags remember the line's whitespace so that partials, parents and blocks can indent by it.
func removeStandaloneLines(_ tokens: [Token], source: SourceText) -> (tokens: [Token], lines: [TemplateLine]) {
    var kept: [Token] = []
    var lines: [TemplateLine] = []
    kept.reserveCapacity(tokens.count)
    var lineStart = 0
    while lineStart < tokens.count {
        var lineEnd = lineStart
        while lineEnd < tokens.count {
            lineEnd += 1
            if case .text(let range) = tokens[lineEnd - 1], source.bytes[range.upperBound - 1] == .newline { break }
        }
        let line = tokens[lineStart..<lineEnd]
        lineStart = lineEnd

        let leading: [UInt8]
        if case .text(let range) = line.first {
            leading = Array(source.bytes[range].prefix(while: \.isSpaceOrTab))
        } else {
            leading = []
        }
        var tags: [Tag] = []
        var onlyWhitespace = true
        for token in line {
            switch token {
            case .tag(let tag): tags.append(tag)
            case .text(let range): onlyWhitespace = onlyWhitespace && source.bytes[range].allSatisfy(\.isWhitespace)
            }
        }
        guard onlyWhitespace, !tags.isEmpty, tags.allSatisfy(\.kind.printsNothing) else {
            lines.append(
                TemplateLine(firstToken: kept.count, indentation: leading, isBlank: tags.isEmpty && onlyWhitespace))
            kept.append(contentsOf: line)
            continue
        }
        lines.append(TemplateLine(firstToken: kept.count, indentation: leading, isBlank: false))
        for var tag in tags {
            tag.indentation = leading
            kept.append(.tag(tag))
        }
        if keepsLineBreak(tags), case .text(let range) = line.last, source.bytes[range.upperBound - 1] == .newline {
            let breakLength = range.count > 1 && source.bytes[range.upperBound - 2] == .carriageReturn ? 2 : 1
            kept.append(.text(range.upperBound - breakLength..<range.upperBound))
        }
    }
    return (kept, lines)
}

/// An empty block on a line of its own (`  {{$footer}}{{/footer}}`) marks where a whole line goes;
/// what overrides it rarely ends in a line break, so the line keeps its own (the spec's "Standalone block").
private func keepsLineBreak(_ tags: [Tag]) -> Bool {
    zip(tags, tags.dropFirst()).contains { open, close in
        open.kind == .block && close.kind == .close && open.name == close.name
    }
}

extension UInt8 {
    fileprivate var isWhitespace: Bool {
        isSpaceOrTab || self == .newline || self == .carriageReturn
    }
}
