import Foundation
import Toolkit

/// A digest of everything a build's output depends on, so an unchanged nightly build can stop
/// before reading a single extract.
///
/// Paths are taken relative to their folders, so the same inputs in another place give the
/// same fingerprint, as they give the same site.
enum InputFingerprint {
    static func compute(dataset: String, templates: String, options: [String]) -> String {
        var hash = StableHash()
        func add(_ text: String) {
            var text = text
            text.withUTF8 { hash.addWords(UnsafeRawBufferPointer($0)) }
        }
        add("kpidash \(Pipeline.version)")
        for option in options { add(option) }
        for (label, root) in [("dataset", dataset), ("templates", templates)] {
            add(label)
            for path in Publisher.listFiles(root).sorted() where !path.hasPrefix(".") && !path.contains("/.") {
                add(path)
                if let data = FileManager.default.contents(atPath: root + "/" + path) {
                    data.withUnsafeBytes { hash.addWords($0) }
                }
            }
        }
        return hash.hex
    }
}
