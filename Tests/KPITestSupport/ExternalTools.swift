import Foundation
import Testing

/// A program some tests need that a developer's machine may lack. Without it those tests are
/// skipped, saying why, except in CI (`CI` set), where they run and fail: CI installs them, and a
/// skip there would hide a check that never ran.
public struct ExternalTool: Sendable {
    public let path: String?
    public let why: String

    /// Whether tests that need it should run: it is here, or this is CI.
    public var shouldRun: Bool { path != nil || ProcessInfo.processInfo.environment["CI"] != nil }

    /// The comment a skipped test reports.
    public var skipped: Comment { Comment(rawValue: why) }

    /// python3, for decoding with an independent implementation (zlib, email, quopri).
    public static let python = ExternalTool(
        path: (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/usr/local/bin").split(separator: ":")
            .map { "\($0)/python3" }.first(where: FileManager.default.isExecutableFile(atPath:)),
        why: "python3 is not on PATH; install it to check the output with an independent decoder")

    /// The kpidash executable SwiftPM built beside this test bundle, for tests that kill it or
    /// limit its resources.
    public static let kpidash: ExternalTool = {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let found = [folder, folder.deletingLastPathComponent()].map { $0.appendingPathComponent("kpidash").path }
            .first(where: FileManager.default.isExecutableFile(atPath:))
        return ExternalTool(
            path: found, why: "the kpidash executable is not built beside the tests; run swift build first")
    }()

    /// The path, or a failure that names what is missing.
    public func require() throws -> String {
        guard let path else { throw Missing(description: why) }
        return path
    }

    public struct Missing: Error, CustomStringConvertible {
        public var description: String
    }
}

/// Runs python3 with `script`, `input` on its standard input; what it prints, or a failure with
/// what it said on standard error.
public func runPython(_ script: String, input: [UInt8]) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try ExternalTool.python.require())
    process.arguments = ["-c", script]
    let (stdin, stdout, stderr) = (Pipe(), Pipe(), Pipe())
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    let writer = Thread {
        stdin.fileHandleForWriting.write(Data(input))
        try? stdin.fileHandleForWriting.close()
    }
    writer.start()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    let problems = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw ExternalTool.Missing(description: "python3 failed: " + String(decoding: problems, as: UTF8.self))
    }
    return output
}
