/// How rendering treats names that resolve to nothing.
public enum MustacheRenderMode: Sendable {
    /// As the spec says: a missing name, partial or parent renders as nothing.
    case lenient
    /// Every missing name, partial and parent is reported, so a typo in a shipped template fails a test
    /// instead of leaving a silent blank.
    case strict
}

/// Walks template trees against a context stack, appending to one byte buffer.
struct Renderer {
    /// Guards against a partial that includes itself without a data-driven end.
    static let maximumDepth = 100

    let library: MustacheLibrary
    let mode: MustacheRenderMode
    var output: [UInt8] = []
    private(set) var problems: [MustacheError] = []
    private var reportedSites: Set<ProblemSite> = []
    private var contextStack: [MustacheValue]
    /// Prefixed to each line of static text: the sum of the indentation of every standalone partial,
    /// parent and block being rendered.
    private var indentation: [UInt8] = []
    private var atLineStart = true
    /// Block contents that replace the defaults, by block name. The outermost template's win.
    private var overrides: [String: BlockContent] = [:]
    private var depth = 0
    /// Set once an include went too deep. The render has failed by then, and going on would not end:
    /// a template that includes itself twice would render 2^100 times over before reporting it.
    private var includedTooDeep = false

    init(library: MustacheLibrary, mode: MustacheRenderMode, context: MustacheValue) {
        self.library = library
        self.mode = mode
        self.contextStack = [context]
    }

    mutating func render(_ nodes: [Node], in template: MustacheTemplate) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                writeText(bytes)
            case .variable(let reference, let escaped):
                if let value = resolve(reference, in: template) {
                    write(value, escaped: escaped)
                }
            case .section(let reference, let children, let inverted):
                let value = resolve(reference, in: template) ?? .null
                if inverted {
                    if !value.isTruthy { render(children, in: template) }
                } else if case .list(let items) = value {
                    for item in items { render(children, in: template, pushing: item) }
                } else if value.isTruthy {
                    render(children, in: template, pushing: value)
                }
            case .partial(let reference, let indentation):
                if let partial = include(reference, from: template) {
                    renderIncluded(partial, indentedBy: indentation)
                }
            case .parent(let reference, let indentation, let parentOverrides):
                if let parent = include(reference, from: template) {
                    let saved = overrides
                    for (name, content) in parentOverrides where overrides[name] == nil {
                        overrides[name] = BlockContent(nodes: content, template: template)
                    }
                    renderIncluded(parent, indentedBy: indentation)
                    overrides = saved
                }
            case .block(let name, let indentation, let defaultContent):
                let content = overrides[name] ?? BlockContent(nodes: defaultContent, template: template)
                render(content.nodes, in: content.template, indentedBy: indentation)
            }
        }
    }

    private mutating func render(_ nodes: [Node], in template: MustacheTemplate, pushing context: MustacheValue) {
        contextStack.append(context)
        render(nodes, in: template)
        contextStack.removeLast()
    }

    /// A standalone tag's line is gone, so what it includes starts a fresh line at the tag's indentation.
    private mutating func render(_ nodes: [Node], in template: MustacheTemplate, indentedBy extra: [UInt8]?) {
        guard let extra else { return render(nodes, in: template) }
        let saved = indentation
        indentation += extra
        atLineStart = true
        render(nodes, in: template)
        indentation = saved
    }

    private mutating func renderIncluded(_ template: MustacheTemplate, indentedBy extra: [UInt8]?) {
        depth += 1
        render(template.nodes, in: template, indentedBy: extra)
        depth -= 1
    }

    private mutating func include(_ reference: TemplateReference, from template: MustacheTemplate) -> MustacheTemplate?
    {
        guard let included = library.templates[reference.name] else {
            if mode == .strict {
                report(reference.offset, in: template, "no partial or parent template named '\(reference.name)'")
            }
            return nil
        }
        guard !includedTooDeep else { return nil }
        guard depth < Self.maximumDepth else {
            includedTooDeep = true
            report(
                reference.offset, in: template,
                "'\(reference.name)' is included more than \(Self.maximumDepth) templates deep; does it include itself?"
            )
            return nil
        }
        return included
    }

    private mutating func resolve(_ reference: Reference, in template: MustacheTemplate) -> MustacheValue? {
        if let value = lookUp(reference.path) {
            return value
        }
        if mode == .strict {
            report(reference.offset, in: template, "no value for '\(reference.name)'")
        }
        return nil
    }

    /// The first name is searched for from the innermost context outwards; the rest of a dotted
    /// name must then be found inside what it found, never further out.
    private func lookUp(_ path: [String]) -> MustacheValue? {
        guard let first = path.first else { return contextStack.last }
        for context in contextStack.reversed() {
            guard case .object(let fields) = context, var value = fields[first] else { continue }
            for key in path.dropFirst() {
                guard case .object(let fields) = value, let next = fields[key] else { return nil }
                value = next
            }
            return value
        }
        return nil
    }

    private mutating func report(_ offset: Int, in template: MustacheTemplate, _ message: String) {
        // A tag inside a loop would otherwise be reported once per item.
        guard reportedSites.insert(ProblemSite(origin: template.source.origin, offset: offset)).inserted else { return }
        problems.append(template.source.error(at: offset, message))
    }

    private mutating func writeText(_ bytes: [UInt8]) {
        // Blank lines stay blank rather than gaining trailing indentation.
        if bytes[0] != .newline, bytes[0] != .carriageReturn {
            indentIfAtLineStart()
        }
        output.append(contentsOf: bytes)
        atLineStart = bytes[bytes.count - 1] == .newline
    }

    private mutating func write(_ value: MustacheValue, escaped: Bool) {
        let text: String
        switch value {
        case .string(let string): text = string
        case .number(let number): text = MustacheValue.text(of: number)
        case .bool(let flag): text = flag ? "true" : "false"
        case .list, .object, .null: return
        }
        guard !text.isEmpty else { return }
        indentIfAtLineStart()
        if escaped {
            appendEscapingHTML(text, to: &output)
        } else {
            output.append(contentsOf: text.utf8)
        }
        // Only template text starts indented lines; line breaks inside data are the data's own.
        atLineStart = false
    }

    private mutating func indentIfAtLineStart() {
        if atLineStart, !indentation.isEmpty {
            output.append(contentsOf: indentation)
        }
        atLineStart = false
    }
}

/// What fills a block, with the template it was written in, so strict-mode reports point there.
private struct BlockContent {
    let nodes: [Node]
    let template: MustacheTemplate
}

private struct ProblemSite: Hashable {
    let origin: String
    let offset: Int
}
