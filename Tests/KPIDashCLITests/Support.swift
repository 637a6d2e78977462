import Foundation
import KPIPipeline
@_exported import KPITestSupport

@testable import KPIDashCLI

/// The package folder, found from this file so tests run from any working directory.
let packageRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
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
        Console(
            out: { text in self.lock.withLock { self.outLines.append(text) } },
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
