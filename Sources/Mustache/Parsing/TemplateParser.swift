/// Turns template source into the tree of nodes that rendering walks.
struct TemplateParser {
    let source: SourceText

    func parse() throws(MustacheError) -> [Node] {
        var scanner = TagScanner(source: source)
        var (tokens, lines) = removeStandaloneLines(try scanner.tokens(), source: source)
        reindentBlocks(&tokens, lines: lines)
        return try buildTree(tokens)
    }

    private struct OpenSection {
        let tag: Tag
        var children: [Node] = []
    }

    private func buildTree(_ tokens: [Token]) throws(MustacheError) -> [Node] {
        var root: [Node] = []
        var openSections: [OpenSection] = []
        func append(_ node: Node) {
            if openSections.isEmpty {
                root.append(node)
            } else {
                openSections[openSections.count - 1].children.append(node)
            }
        }

        for token in tokens {
            switch token {
            case .text(let range):
                if !range.isEmpty {
                    append(.text(Array(source.bytes[range])))
                }
            case .tag(let tag):
                switch tag.kind {
                case .escapedVariable, .unescapedVariable:
                    append(
                        .variable(Reference(name: tag.name, offset: tag.offset), escaped: tag.kind == .escapedVariable))
                case .section, .invertedSection, .parent, .block:
                    openSections.append(OpenSection(tag: tag))
                case .close:
                    guard let open = openSections.popLast() else {
                        throw source.error(at: tag.offset, "'/\(tag.name)' closes a section that was never opened")
                    }
                    guard open.tag.name == tag.name else {
                        let opened = source.lineAndColumn(of: open.tag.offset)
                        throw source.error(
                            at: tag.offset,
                            "'/\(tag.name)' does not match '\(open.tag.kind.sigil)\(open.tag.name)' opened at \(opened.line):\(opened.column)"
                        )
                    }
                    append(node(closing: open))
                case .partial:
                    append(
                        .partial(TemplateReference(name: tag.name, offset: tag.offset), indentation: tag.indentation))
                case .comment, .delimiters:
                    break
                }
            }
        }
        if let unclosed = openSections.last {
            throw source.error(
                at: unclosed.tag.offset, "'\(unclosed.tag.kind.sigil)\(unclosed.tag.name)' is never closed")
        }
        return root
    }

    private func node(closing open: OpenSection) -> Node {
        let tag = open.tag
        switch tag.kind {
        case .parent:
            // Only blocks mean anything inside a parent tag; other content is ignored, as the spec says.
            var overrides: [String: [Node]] = [:]
            for case .block(let name, _, let content) in open.children where overrides[name] == nil {
                overrides[name] = content
            }
            return .parent(
                TemplateReference(name: tag.name, offset: tag.offset), indentation: tag.indentation,
                overrides: overrides)
        case .block:
            return .block(name: tag.name, indentation: tag.indentation, defaultContent: open.children)
        default:
            return .section(
                Reference(name: tag.name, offset: tag.offset), open.children, inverted: tag.kind == .invertedSection)
        }
    }
}
