import Foundation
import Mustache
import Testing

/// Templates load from a folder at run time, and pages extend a shared layout.
@Suite struct LibraryTests {
    /// Writes `files` into a fresh temporary folder, runs `body` on it, then removes it.
    private func withTemplateFolder<T>(_ files: [String: String], _ body: (URL) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mustache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (path, text) in files {
            let file = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
        return try body(folder)
    }

    private let site = [
        "layout.mustache": """
        <html>
        <title>{{$title}}Dashboard{{/title}}</title>
        <body>
          {{$content}}
          <p>Nothing here yet.</p>
          {{/content}}
        </body>
        </html>

        """,
        "pages/overview.mustache": """
        {{<layout}}
        {{$title}}Overview – {{council}}{{/title}}
        {{$content}}
        <table>
        {{#rows}}
          {{>partials/row}}
        {{/rows}}
        </table>
        {{/content}}
        {{/layout}}

        """,
        "partials/row.mustache": "<tr><td>{{name}}</td><td>{{value}}</td></tr>\n",
        "notes.txt": "not a template",
    ]

    @Test func loadsTemplatesNamedByPathWithoutExtension() throws {
        let names = try withTemplateFolder(site) { try MustacheLibrary(directory: $0).templateNames }
        #expect(names == ["layout", "pages/overview", "partials/row"])
    }

    @Test func pageOverridesLayoutBlocksAndIndentsPartials() throws {
        let data: MustacheValue = [
            "council": "Leicester & Rutland",
            "rows": [["name": "Re-referrals", "value": "18.5%"], ["name": "Caseload", "value": "17"]],
        ]
        let html = try withTemplateFolder(site) {
            try MustacheLibrary(directory: $0).render("pages/overview", with: data, mode: .strict)
        }
        #expect(
            html == """
                <html>
                <title>Overview – Leicester &amp; Rutland</title>
                <body>
                  <table>
                    <tr><td>Re-referrals</td><td>18.5%</td></tr>
                    <tr><td>Caseload</td><td>17</td></tr>
                  </table>
                </body>
                </html>

                """)
    }

    @Test func layoutAloneRendersItsDefaults() throws {
        let html = try withTemplateFolder(site) { try MustacheLibrary(directory: $0).render("layout", with: [:]) }
        #expect(html == "<html>\n<title>Dashboard</title>\n<body>\n  <p>Nothing here yet.</p>\n</body>\n</html>\n")
    }

    @Test func renderingAppendsToOneBuffer() throws {
        let library = try MustacheLibrary(templates: ["row": "{{name}};"])
        var buffer: [UInt8] = []
        for name in ["a", "b", "c"] {
            try library.render("row", with: ["name": .string(name)], appendingTo: &buffer)
        }
        #expect(String(decoding: buffer, as: UTF8.self) == "a;b;c;")
    }

    @Test func brokenTemplateFilesAreReportedByPath() throws {
        var files = site
        files["partials/row.mustache"] = "<tr>\n<td>{{#name}}</td>\n"
        files["broken.mustache"] = "{{title"
        let errors = try withTemplateFolder(files) { folder in
            let thrown = #expect(throws: MustacheErrors.self) { try MustacheLibrary(directory: folder) }
            return thrown?.errors.map { $0.description.replacingOccurrences(of: folder.path + "/", with: "") }
        }
        #expect(
            errors == [
                "broken.mustache:1:1: error: unclosed tag: '{{' has no matching '}}'",
                "partials/row.mustache:2:5: error: '#name' is never closed",
            ])
    }

    @Test func missingFolderIsReported() {
        let folder = URL(fileURLWithPath: "/nonexistent/templates")
        #expect(
            throws: MustacheErrors([
                MustacheError(
                    name: "/nonexistent/templates", line: 0, column: 0, message: "cannot read the template folder")
            ])
        ) {
            try MustacheLibrary(directory: folder)
        }
    }
}
