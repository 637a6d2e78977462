import Foundation
import Mustache
import Testing

/// The official Mustache specification, copied into `spec/` so it always runs.
@Suite struct SpecTests {
    @Test(arguments: ["comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance"])
    func specFile(_ name: String) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "spec/\(name).json")
        let file = try JSONDecoder().decode(SpecFile.self, from: Data(contentsOf: url))
        #expect(!file.tests.isEmpty)
        for test in file.tests {
            // The test's own name cannot clash with the partials it names.
            var sources = test.partials ?? [:]
            sources[test.name] = test.template
            do {
                let library = try MustacheLibrary(templates: sources)
                let rendered = try library.render(test.name, with: test.data.value)
                #expect(rendered == test.expected, "\(name): \(test.name) — \(test.desc)")
            } catch {
                Issue.record("\(name): \(test.name) threw \(error)")
            }
        }
    }
}

private struct SpecFile: Decodable {
    struct Test: Decodable {
        var name: String
        var desc: String
        var data: SpecValue
        var template: String
        var partials: [String: String]?
        var expected: String
    }

    var tests: [Test]
}

/// Spec data is JSON; this reads it as the value templates render.
private struct SpecValue: Decodable {
    var value: MustacheValue

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            value = .null
        } else if let flag = try? container.decode(Bool.self) {
            value = .bool(flag)
        } else if let number = try? container.decode(Double.self) {
            value = .number(number)
        } else if let string = try? container.decode(String.self) {
            value = .string(string)
        } else if let items = try? container.decode([SpecValue].self) {
            value = .list(items.map(\.value))
        } else {
            value = .object(
                MustacheObject(try container.decode([String: SpecValue].self).map { ($0.key, $0.value.value) }))
        }
    }
}
