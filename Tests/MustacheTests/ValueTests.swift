import Mustache
import Testing

/// How context values behave in sections and lookups beyond what the spec pins down.
@Suite struct ValueTests {
    @Test func literalsBuildValues() {
        let value: MustacheValue = ["name": "Leicester", "count": 3, "rate": 0.25, "shown": true, "items": [1, "two"], "none": nil]
        #expect(value == .object([
            "name": .string("Leicester"), "count": .number(3), "rate": .number(0.25), "shown": .bool(true),
            "items": .list([.number(1), .string("two")]), "none": .null,
        ]))
    }

    @Test func emptyStringHidesASection() throws {
        let library = try MustacheLibrary(templates: ["note": "{{#note}}<p>{{note}}</p>{{/note}}{{^note}}-{{/note}}"])
        #expect(try library.render("note", with: ["note": ""]) == "-")
        #expect(try library.render("note", with: ["note": "Revised"]) == "<p>Revised</p>")
    }

    @Test func dottedNameFoundOnlyInsideItsFirstPart() throws {
        let library = try MustacheLibrary(templates: ["page": "{{#area}}{{site.title}}|{{title}}{{/area}}"])
        let data: MustacheValue = ["site": ["title": "KPIs"], "title": "outer", "area": ["site": [:]]]
        #expect(try library.render("page", with: data) == "|outer")
    }
}
