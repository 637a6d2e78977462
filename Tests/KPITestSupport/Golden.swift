import Foundation
import Testing

/// Compares `output` byte for byte with `Golden/<name>` beside the calling test file.
///
/// With `KPIDASH_RECORD_GOLDEN=1` the file is written and the test passes: recording is a
/// deliberate act whose result is reviewed in the diff, and a run that fails on purpose could
/// not be told apart from a real failure. Without it, a missing file fails with the command to
/// record one, and a text file that differs fails with a line diff.
public func expectMatchesGolden(
    _ output: String, named name: String, filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    try expectMatchesGolden(Array(output.utf8), named: name, filePath: filePath, sourceLocation: sourceLocation)
}

/// The same for bytes (PNG charts).
public func expectMatchesGolden(
    _ output: [UInt8], named name: String, filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden").appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["KPIDASH_RECORD_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(output).write(to: url)
        return
    }
    guard let expected = FileManager.default.contents(atPath: url.path) else {
        Issue.record(
            "No golden file \(url.path); run with KPIDASH_RECORD_GOLDEN=1 to record it", sourceLocation: sourceLocation)
        return
    }
    guard expected != Data(output) else { return }
    let text = String(decoding: expected, as: UTF8.self)
    guard text.utf8.elementsEqual(expected), !text.contains("\0") else {
        let sizes = "\(expected.count) bytes expected, \(output.count) made"
        Issue.record(
            "\(name) differs from the golden file (\(sizes)). Re-record with KPIDASH_RECORD_GOLDEN=1 if the change is intended.",
            sourceLocation: sourceLocation)
        return
    }
    Issue.record(
        """
        \(name) differs from the golden file:
        \(lineDiff(expected: text, actual: String(decoding: output, as: UTF8.self)))
        Re-record with KPIDASH_RECORD_GOLDEN=1 if the change is intended.
        """, sourceLocation: sourceLocation)
}

/// The lines that differ, as `-` (expected) and `+` (made) with their line numbers, after the
/// common start and end are set aside; at most `limit` lines of each.
public func lineDiff(expected: String, actual: String, limit: Int = 12) -> String {
    let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let start = zip(old, new).prefix { $0 == $1 }.count
    let end = zip(old.dropFirst(start).reversed(), new.dropFirst(start).reversed()).prefix { $0 == $1 }.count
    let removed = old[start..<old.count - end]
    let added = new[start..<new.count - end]
    var lines = removed.prefix(limit).enumerated().map { "-\(start + $0.offset + 1): \($0.element)" }
    if removed.count > limit { lines.append("- … \(removed.count - limit) more") }
    lines += added.prefix(limit).enumerated().map { "+\(start + $0.offset + 1): \($0.element)" }
    if added.count > limit { lines.append("+ … \(added.count - limit) more") }
    return lines.joined(separator: "\n")
}
