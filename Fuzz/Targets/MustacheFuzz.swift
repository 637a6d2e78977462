import Mustache

/// libFuzzer target: the template parser and renderer on any text.
///
/// The template may include itself (`{{>t}}`) and use any name in the context; every list in the
/// context has one item, so any output beyond linear size is the engine's doing, not the data's.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let library = try? MustacheLibrary(templates: ["t": source, "p": "<{{name}}|{{$b}}default{{/b}}>"]) else {
        return 0
    }
    let item: MustacheValue = ["name": "<a href=\"x\">&'", "n": 1.5, "flag": true, "empty": [], "none": nil]
    let context: MustacheValue = [
        "name": "\"><svg onload=alert(1)>", "list": [item], "item": item, "flag": false, "a": ["b": ["c": "deep"]],
    ]
    for mode in [MustacheRenderMode.lenient, .strict] {
        if let output = try? library.render("t", with: context, mode: mode) {
            // Escaped data never opens a tag; only the template's own text or {{{ }}} can.
            if !source.contains("<") && !source.contains("{{{") && !source.contains("{{&") && !source.contains("=") {
                precondition(
                    !output.contains("<svg") && !output.contains("<a "),
                    "escaping let markup through: \(source.debugDescription)")
            }
        }
    }
    return 0
}
