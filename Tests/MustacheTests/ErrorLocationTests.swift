import Mustache
import Testing

/// Every template mistake names the template, line and column of the tag at fault.
@Suite struct ErrorLocationTests {
    private func parseError(_ source: String) -> String? {
        do {
            _ = try MustacheTemplate(name: "page", source: source)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func unclosedTagAtEndOfTemplate() {
        #expect(parseError("<p>\n  {{name") == "page:2:3: error: unclosed tag: '{{' has no matching '}}'")
    }

    @Test func tagRunningOntoTheNextLineIsUnclosed() {
        #expect(
            parseError("<p>{{name</p>\n{{other}}")
                == "page:1:4: error: unclosed tag: '{{' has no matching '}}' on its line")
    }

    @Test func unclosedSectionPointsAtItsOpeningTag() {
        #expect(
            parseError("<ul>\n{{#items}}\n<li>{{name}}</li>\n</ul>\n") == "page:2:1: error: '#items' is never closed")
    }

    @Test func mismatchedCloseNamesTheOpenSection() {
        #expect(parseError("{{#a}}\n  {{^b}}\n  {{/a}}") == "page:3:3: error: '/a' does not match '^b' opened at 2:3")
    }

    @Test func closeWithoutOpen() {
        #expect(parseError("text {{/a}}") == "page:1:6: error: '/a' closes a section that was never opened")
    }

    @Test func badDelimiterChange() {
        #expect(
            parseError("ok\nab {{=<%=}}")
                == "page:2:4: error: bad delimiter change: expected two delimiters separated by a space, as in '{{=<% %>=}}'"
        )
    }

    @Test func errorsAfterADelimiterChangeUseTheNewDelimiters() {
        #expect(parseError("{{=<% %>=}}\n<%name") == "page:2:1: error: unclosed tag: '<%' has no matching '%>'")
    }

    @Test func emptyTagAndSpacedName() {
        #expect(parseError("{{#}}") == "page:1:1: error: empty tag: '{{#' names nothing")
        #expect(parseError("{{ first name }}") == "page:1:1: error: tag name 'first name' contains a space")
    }

    @Test func columnsCountCharactersNotBytes() {
        #expect(parseError("é – {{/x}}") == "page:1:5: error: '/x' closes a section that was never opened")
    }

    @Test func templateFromAFileIsNamedByItsPath() {
        #expect(
            throws: MustacheError(name: "Templates/page.mustache", line: 1, column: 1, message: "'#a' is never closed")
        ) {
            try MustacheTemplate(name: "page", source: "{{#a}}", file: "Templates/page.mustache")
        }
    }

    @Test func libraryReportsEveryBrokenTemplate() {
        #expect(
            throws: MustacheErrors([
                MustacheError(name: "a", line: 1, column: 1, message: "'#x' is never closed"),
                MustacheError(name: "c", line: 1, column: 3, message: "unclosed tag: '{{' has no matching '}}'"),
            ])
        ) {
            try MustacheLibrary(templates: ["a": "{{#x}}", "b": "fine", "c": "  {{"])
        }
    }

    @Test func unknownPartialIsAnErrorOnlyWhenStrict() throws {
        let library = try MustacheLibrary(templates: ["page": "<p>\n  {{>missing}}\n</p>\n"])
        #expect(try library.render("page", with: [:]) == "<p>\n</p>\n")
        #expect(
            throws: MustacheErrors([
                MustacheError(
                    name: "page", line: 2, column: 3, message: "no partial or parent template named 'missing'")
            ])
        ) {
            try library.render("page", with: [:], mode: .strict)
        }
    }

    @Test func unknownTemplate() throws {
        let library = try MustacheLibrary(templates: [:])
        #expect(
            throws: MustacheErrors([
                MustacheError(name: "nope", line: 0, column: 0, message: "no template named 'nope'")
            ])
        ) {
            try library.render("nope", with: [:])
        }
    }

    @Test func partialThatAlwaysIncludesItselfStops() throws {
        let library = try MustacheLibrary(templates: ["loop": "x{{>loop}}"])
        #expect(
            throws: MustacheErrors([
                MustacheError(
                    name: "loop", line: 1, column: 2,
                    message: "'loop' is included more than 100 templates deep; does it include itself?")
            ])
        ) {
            try library.render("loop", with: [:])
        }
    }

    @Test func descriptionReadsLikeACompilerDiagnostic() {
        #expect(
            MustacheError(name: "site/page.mustache", line: 3, column: 7, message: "no value for 'title'").description
                == "site/page.mustache:3:7: error: no value for 'title'")
        #expect(
            MustacheError(name: "site", line: 0, column: 0, message: "cannot read the template folder").description
                == "site: error: cannot read the template folder")
    }
}
