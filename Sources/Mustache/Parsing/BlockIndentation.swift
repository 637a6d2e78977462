/// Re-indents blocks, so content written at one indentation lands at the indentation of the block
/// it fills (the spec's "Block reindentation").
///
/// A standalone block's indentation is the indentation its content lines share, or, when it has
/// no content, that of its own tag. That amount is taken off the content here and added back when
/// the block renders, wherever it renders. Nested blocks keep only what they add to the block around them.
func reindentBlocks(_ tokens: inout [Token], lines: [TemplateLine]) {
    guard let spans = standaloneBlockSpans(in: tokens), !spans.isEmpty else { return }
    var stripFromLine = [[UInt8]](repeating: [], count: lines.count)
    var blockIndentation = [[UInt8]](repeating: [], count: spans.count)
    var relativeIndentation = [[UInt8]](repeating: [], count: spans.count)

    // Outer blocks come first, so inner blocks overwrite what their lines lose.
    for (spanIndex, span) in spans.enumerated() {
        let contentLines = lines.indices.filter {
            lines[$0].firstToken > span.open && lines[$0].firstToken < span.close
        }
        let indentation =
            contentLines
            .filter { !lines[$0].isBlank }
            .map { lines[$0].indentation }
            .reduce(nil) { shared, next in shared.map { commonPrefix($0, next) } ?? next }
            ?? span.tagIndentation
        let enclosing = span.enclosing.map { blockIndentation[$0] } ?? []
        blockIndentation[spanIndex] = indentation
        relativeIndentation[spanIndex] = Array(indentation.dropFirst(commonPrefix(indentation, enclosing).count))
        for line in contentLines {
            stripFromLine[line] = indentation
        }
    }

    for (lineIndex, line) in lines.enumerated() where !stripFromLine[lineIndex].isEmpty {
        let strip = stripFromLine[lineIndex]
        let lineEnd = lineIndex + 1 < lines.count ? lines[lineIndex + 1].firstToken : tokens.count
        for tokenIndex in line.firstToken..<lineEnd {
            switch tokens[tokenIndex] {
            case .text(let range):
                if tokenIndex == line.firstToken {
                    let stripped = commonPrefix(line.indentation, strip).count
                    tokens[tokenIndex] = .text(range.lowerBound + stripped..<range.upperBound)
                }
            case .tag(var tag):
                if let indentation = tag.indentation {
                    tag.indentation = Array(indentation.dropFirst(commonPrefix(indentation, strip).count))
                    tokens[tokenIndex] = .tag(tag)
                }
            }
        }
    }

    for (spanIndex, span) in spans.enumerated() {
        if case .tag(var tag) = tokens[span.open] {
            tag.indentation = relativeIndentation[spanIndex]
            tokens[span.open] = .tag(tag)
        }
    }
}

private struct BlockSpan {
    var open: Int
    var close: Int
    /// Whitespace before the opening tag, which stands for the content's when there is none.
    var tagIndentation: [UInt8]
    /// Index of the nearest standalone block around this one.
    var enclosing: Int?
}

/// Standalone blocks in the order they open; nil when sections do not nest properly, which the tree builder reports.
private func standaloneBlockSpans(in tokens: [Token]) -> [BlockSpan]? {
    var spans: [BlockSpan] = []
    var openSections: [(name: String, span: Int?)] = []
    for (index, token) in tokens.enumerated() {
        guard case .tag(let tag) = token else { continue }
        if tag.kind.opensSection {
            var span: Int?
            if tag.kind == .block, let indentation = tag.indentation {
                let enclosing = openSections.last(where: { $0.span != nil })?.span
                spans.append(BlockSpan(open: index, close: index, tagIndentation: indentation, enclosing: enclosing))
                span = spans.count - 1
            }
            openSections.append((tag.name, span))
        } else if tag.kind == .close {
            guard let open = openSections.popLast(), open.name == tag.name else { return nil }
            if let span = open.span {
                spans[span].close = index
            }
        }
    }
    return openSections.isEmpty ? spans : nil
}

private func commonPrefix(_ first: [UInt8], _ second: [UInt8]) -> [UInt8] {
    Array(zip(first, second).prefix(while: { $0 == $1 }).map(\.0))
}
