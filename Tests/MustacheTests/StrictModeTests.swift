import Mustache
import Testing

/// Strict mode turns a name the data lacks into a located error instead of a silent blank.
@Suite struct StrictModeTests {
    let library = try! MustacheLibrary(templates: [
        "page": """
        <h1>{{title}}</h1>
        {{#rows}}
        <p>{{label}}: {{valeu}}</p>
        {{/rows}}
        {{^footnote}}no footnote{{/footnote}}
        {{#site.missing.deeper}}x{{/site.missing.deeper}}
        {{note}}
        """,
        "child": "{{<layout}}{{$body}}\n{{heading}}\n{{/body}}{{/layout}}",
        "layout": "<main>\n{{$body}}{{/body}}\n</main>",
    ])

    let data: MustacheValue = [
        "title": "Overview",
        "rows": [["label": "a", "value": "1"], ["label": "b", "value": "2"]],
        "site": ["name": "x"],
        "note": nil,
    ]

    @Test func reportsEveryMissingNameOnceWithItsLocation() {
        #expect(
            throws: MustacheErrors([
                MustacheError(name: "page", line: 3, column: 15, message: "no value for 'valeu'"),
                MustacheError(name: "page", line: 5, column: 1, message: "no value for 'footnote'"),
                MustacheError(name: "page", line: 6, column: 1, message: "no value for 'site.missing.deeper'"),
            ])
        ) {
            try library.render("page", with: data, mode: .strict)
        }
    }

    @Test func lenientModeRendersMissingNamesAsNothing() throws {
        #expect(try library.render("page", with: data) == "<h1>Overview</h1>\n<p>a: </p>\n<p>b: </p>\nno footnote\n\n")
    }

    @Test func nullIsAValueNotAMissingName() throws {
        let complete: MustacheValue = [
            "title": "T", "rows": [], "footnote": false, "site": ["missing": ["deeper": false]], "note": nil,
        ]
        #expect(try library.render("page", with: complete, mode: .strict) == "<h1>T</h1>\nno footnote\n\n")
    }

    @Test func missingNameInAnOverridePointsAtTheTemplateThatWroteIt() {
        #expect(
            throws: MustacheErrors([MustacheError(name: "child", line: 2, column: 1, message: "no value for 'heading'")]
            )
        ) {
            try library.render("child", with: [:], mode: .strict)
        }
    }
}
