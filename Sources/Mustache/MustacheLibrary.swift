import Foundation

/// Parsed templates by name: renders any of them, resolving the partials (`{{>name}}`) and
/// parents (`{{<name}}`) they include from the same library.
public struct MustacheLibrary: Sendable {
    let templates: [String: MustacheTemplate]

    /// Parses every source, reporting every template that fails rather than only the first.
    public init(templates sources: [String: String]) throws(MustacheErrors) {
        var templates: [String: MustacheTemplate] = [:]
        var errors: [MustacheError] = []
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            do {
                templates[name] = try MustacheTemplate(name: name, source: source)
            } catch {
                errors.append(error)
            }
        }
        guard errors.isEmpty else { throw MustacheErrors(errors) }
        self.templates = templates
    }

    /// Loads every `*.fileExtension` file under `directory`, named by its path inside it without the
    /// extension: `site/layout.mustache` becomes `site/layout`, `layout.mustache` becomes `layout`.
    /// Read at run time rather than from a resource bundle, so an installed binary finds its templates.
    public init(directory: URL, fileExtension: String = "mustache") throws(MustacheErrors) {
        let suffix = "." + fileExtension
        let paths: [String]
        do {
            paths = try FileManager.default.subpathsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(suffix) }
                .sorted()
        } catch {
            throw MustacheErrors([
                MustacheError(name: directory.path, line: 0, column: 0, message: "cannot read the template folder")
            ])
        }
        var templates: [String: MustacheTemplate] = [:]
        var errors: [MustacheError] = []
        for path in paths {
            let file = directory.appendingPathComponent(path)
            let name = String(path.dropLast(suffix.count))
            do {
                let source = try String(contentsOf: file, encoding: .utf8)
                templates[name] = try MustacheTemplate(name: name, source: source, file: file.path)
            } catch let error as MustacheError {
                errors.append(error)
            } catch {
                errors.append(
                    MustacheError(
                        name: file.path, line: 0, column: 0, message: "cannot read the template as UTF-8 text"))
            }
        }
        guard errors.isEmpty else { throw MustacheErrors(errors) }
        self.templates = templates
    }

    /// Sorted, for tests that render every template.
    public var templateNames: [String] {
        templates.keys.sorted()
    }

    /// Renders the template called `name` against `context`.
    public func render(_ name: String, with context: MustacheValue, mode: MustacheRenderMode = .lenient)
        throws(MustacheErrors) -> String
    {
        var buffer: [UInt8] = []
        try render(name, with: context, mode: mode, appendingTo: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Appends the rendered template to `buffer`, so many pages can reuse one allocation.
    /// Throws after rendering when strict mode found missing names, or when templates include each other too deeply.
    public func render(
        _ name: String, with context: MustacheValue, mode: MustacheRenderMode = .lenient,
        appendingTo buffer: inout [UInt8]
    ) throws(MustacheErrors) {
        guard let template = templates[name] else {
            throw MustacheErrors([MustacheError(name: name, line: 0, column: 0, message: "no template named '\(name)'")]
            )
        }
        var renderer = Renderer(library: self, mode: mode, context: context)
        swap(&renderer.output, &buffer)
        renderer.render(template.nodes, in: template)
        swap(&renderer.output, &buffer)
        guard renderer.problems.isEmpty else { throw MustacheErrors(renderer.problems) }
    }
}
