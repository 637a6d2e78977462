import Mustache
import Testing
import Toolkit

/// Data is HTML-escaped unless a template asks otherwise, so data can never write markup.
@Suite struct EscapingTests {
    let library = try! MustacheLibrary(templates: [
        "escaped": "{{value}}",
        "raw": "{{{value}}}|{{&value}}",
    ])

    @Test func escapesTheFiveCharactersHTMLGivesMeaningTo() throws {
        #expect(
            try library.render("escaped", with: ["value": "<b class=\"x\">Tom & Jerry's</b>"])
                == "&lt;b class=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/b&gt;")
    }

    @Test func tripleMustacheAndAmpersandDoNotEscape() throws {
        #expect(try library.render("raw", with: ["value": "<svg/>"]) == "<svg/>|<svg/>")
    }

    @Test func numbersPrintWithoutNeedlessDecimals() throws {
        let values: [MustacheValue] = [85, 1.21, -3, 0.5, 2.0, 1e20]
        let rendered = try values.map { try library.render("escaped", with: ["value": $0]) }
        #expect(rendered == ["85", "1.21", "-3", "0.5", "2", "1e+20"])
    }

    /// Random strings rich in markup characters, combining marks and line breaks, from a fixed seed.
    /// Checked as UTF-8 bytes, since a combining mark would merge with a `<` into one `Character`.
    @Test func escapingNeverLetsMarkupThrough() throws {
        let pieces = [
            "<", ">", "&", "\"", "'", "a", " ", "\n", "é", "\u{301}", "–", "👩‍👩‍👧", "&lt;", "<\u{301}", "]]>", "{{x}}",
        ]
        var generator = SplitMix64(seed: 0x6B70_6964_6173_68)
        for _ in 0..<500 {
            let length = Int(generator.next() % 12)
            let value = (0..<length).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            let escaped = Array(try library.render("escaped", with: ["value": .string(value)]).utf8)
            #expect(!escaped.contains { "<>\"'".utf8.contains($0) }, "raw markup in \(value.debugDescription)")
            #expect(unescape(escaped) == Array(value.utf8), "\(value.debugDescription) does not round-trip")
        }
    }

    /// Undoes the five entities; nil when an `&` starts anything else.
    private func unescape(_ bytes: [UInt8]) -> [UInt8]? {
        let entities = [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'")].map {
            (Array($0.utf8), Array($1.utf8))
        }
        var result: [UInt8] = []
        var rest = bytes[...]
        while let byte = rest.first {
            guard byte == UInt8(ascii: "&") else {
                result.append(byte)
                rest = rest.dropFirst()
                continue
            }
            guard let (entity, character) = entities.first(where: { rest.starts(with: $0.0) }) else { return nil }
            result += character
            rest = rest.dropFirst(entity.count)
        }
        return result
    }
}
