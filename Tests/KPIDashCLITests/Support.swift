import Foundation
@testable import KPIDashCLI

/// The package folder, found from this file so tests run from any working directory.
let packageRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let sampleData = packageRoot.appendingPathComponent("SampleData").path
let templates = packageRoot.appendingPathComponent("Templates").path
let tenMistakes = packageRoot.appendingPathComponent("Tests/KPIIngestTests/Fixtures/ten-mistakes").path

/// Collects what a command prints.
final class Captured: @unchecked Sendable {
    private let lock = NSLock()
    private var outLines: [String] = []
    private var errLines: [String] = []

    var out: String { lock.withLock { outLines.joined(separator: "\n") } }
    var err: String { lock.withLock { errLines.joined(separator: "\n") } }

    var console: Console {
        Console(out: { text in self.lock.withLock { self.outLines.append(text) } },
                err: { text in self.lock.withLock { self.errLines.append(text) } })
    }
}

/// Runs `kpidash` in-process, returning the exit status and what it printed.
func kpidash(_ arguments: String...) -> (status: Int32, out: String, err: String) {
    kpidash(arguments)
}

func kpidash(_ arguments: [String]) -> (status: Int32, out: String, err: String) {
    let captured = Captured()
    let status = KPIDash.run(arguments, console: captured.console)
    return (status, captured.out, captured.err)
}

func temporaryDirectory() -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("kpidash-\(UUID().uuidString)").path
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Every file under `root`, relative path → bytes.
func snapshot(_ root: String) -> [String: Data] {
    var files: [String: Data] = [:]
    guard let enumerator = FileManager.default.enumerator(atPath: root) else { return files }
    while let path = enumerator.nextObject() as? String {
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory)
        if !isDirectory.boolValue { files[path] = FileManager.default.contents(atPath: root + "/" + path) }
    }
    return files
}
