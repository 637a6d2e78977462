import Mustache
import Testing

/// How context values behave in sections and lookups beyond what the spec pins down.
@Suite struct ValueTests {
    @Test func literalsBuildValues() {
        let value: MustacheValue = [
            "name": "Leicester", "count": 3, "rate": 0.25, "shown": true, "items": [1, "two"], "none": nil,
        ]
        #expect(
            value
                == .object([
                    "name": .string("Leicester"), "count": .number(3), "rate": .number(0.25), "shown": .bool(true),
                    "items": .list([.number(1), .string("two")]), "none": .null,
                ]))
    }

    @Test func objectsBehaveAsDictionaries() throws {
        var object: MustacheObject = ["a": "first", "b": 2, "a": "later"]
        #expect(object["a"] == "later")
        #expect(object["missing"] == nil)
        object["b"] = 3
        object["c"] = true
        object["a"] = nil
        #expect(object == ["c": true, "b": 3])
        #expect(object != ["c": true, "b": 3, "d": 4])
        #expect(object != ["c": true, "b": 4])
        object.merge(["b": "merged", "e": .null])
        #expect(object == ["b": "merged", "c": true, "e": .null])
        let library = try MustacheLibrary(templates: ["page": "{{a}}{{b}}"])
        #expect(try library.render("page", with: .object(object)) == "merged")
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
