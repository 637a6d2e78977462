import Foundation

/// Delivery through the local mail system: the message is piped to `sendmail -t -i`, which takes
/// the recipients from the `To` header (`-t`) and leaves a line holding only `.` alone (`-i`).
struct Sendmail {
    let executable: String

    /// The first executable `sendmail` in `searchPath` (colon-separated, as `PATH`), else `fallback`.
    static func locate(searchPath: String?, fallback: String = "/usr/sbin/sendmail") throws(DeliveryError) -> Sendmail {
        let candidates = (searchPath ?? "").split(separator: ":").map { "\($0)/sendmail" } + [fallback]
        guard let found = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw DeliveryError(message: "no sendmail program on PATH or at \(fallback); install a mail transfer agent (postfix, exim, msmtp-mta) or deliver with --smtp HOST:PORT")
        }
        return Sendmail(executable: found)
    }

    /// Runs sendmail and waits for it, at most `timeout` seconds.
    func deliver(_ message: [UInt8], timeout: Double = 120) throws(DeliveryError) {
        // A sendmail that exits without reading its input would otherwise kill kpidash with SIGPIPE
        // rather than let it report the failure.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-t", "-i"]
        let input = Pipe()
        let diagnostics = Pipe()
        process.standardInput = input
        process.standardOutput = diagnostics
        process.standardError = diagnostics
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw DeliveryError(message: "cannot run \(executable): \(error.localizedDescription)")
        }
        // Read what sendmail says while it runs, so a chatty one cannot fill the pipe and stall.
        let said = CollectedOutput()
        let reading = DispatchGroup()
        DispatchQueue.global().async(group: reading) { said.data = diagnostics.fileHandleForReading.readDataToEndOfFile() }
        let written = Result { try input.fileHandleForWriting.write(contentsOf: Data(message)) }
        try? input.fileHandleForWriting.close()
        guard finished.wait(timeout: .now() + timeout) == .success else {
            process.terminate()
            throw DeliveryError(message: "\(executable) did not finish within \(String(format: "%g", timeout)) s; stopped it")
        }
        // A daemonising sendmail may leave a child holding the pipe open: do not wait on it long.
        let output = reading.wait(timeout: .now() + 5) == .success
            ? String(decoding: said.data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : ""
        guard process.terminationStatus == 0 else {
            throw DeliveryError(message: "\(executable) -t -i failed with exit status \(process.terminationStatus)" + (output.isEmpty ? "" : ": \(output)"))
        }
        if case .failure(let error) = written {
            throw DeliveryError(message: "cannot pass the message to \(executable): \(error.localizedDescription)")
        }
    }
}

/// What a child process printed: written by the reading task, read only after it has finished.
private final class CollectedOutput: @unchecked Sendable {
    var data = Data()
}
