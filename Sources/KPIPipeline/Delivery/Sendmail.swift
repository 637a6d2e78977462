import Foundation

/// Delivery through the local mail system: the message is piped to `sendmail -t -i`, which takes
/// the recipients from the `To` header (`-t`) and leaves a line holding only `.` alone (`-i`).
struct Sendmail {
    let executable: String

    /// The first executable `sendmail` in `searchPath` (colon-separated, as `PATH`), else `fallback`.
    static func locate(searchPath: String?, fallback: String = "/usr/sbin/sendmail") throws(PipelineError) -> Sendmail {
        let candidates = (searchPath ?? "").split(separator: ":").map { "\($0)/sendmail" } + [fallback]
        guard let found = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw PipelineError(
                message:
                    "no sendmail program on PATH or at \(fallback); install a mail transfer agent (postfix, exim, msmtp-mta) or deliver with --smtp HOST:PORT"
            )
        }
        return Sendmail(executable: found)
    }

    /// Runs sendmail and waits for it, at most `timeout` seconds.
    func deliver(_ message: [UInt8], timeout: Double = 120) throws(PipelineError) {
        // Its standard input is one end of a socket pair rather than a pipe, so a sendmail that
        // exits without reading fails the write (MSG_NOSIGNAL) instead of killing kpidash with
        // SIGPIPE, and no signal is ignored process-wide.
        var ends: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &ends) == 0 else {
            throw PipelineError(message: "cannot connect to \(executable): \(String(cString: strerror(errno)))")
        }
        let ours = ends[0]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-t", "-i"]
        let diagnostics = Pipe()
        let theirs = FileHandle(fileDescriptor: ends[1], closeOnDealloc: true)
        process.standardInput = theirs
        process.standardOutput = diagnostics
        process.standardError = diagnostics
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            close(ours)
            throw PipelineError(message: "cannot run \(executable): \(error.localizedDescription)")
        }
        // Only the child may hold its end: a write to a sendmail that has gone must fail, not block.
        try? theirs.close()
        // Read what sendmail says while it runs, so a chatty one cannot fill the pipe and stall.
        let said = CollectedOutput()
        let reading = DispatchGroup()
        DispatchQueue.global().async(group: reading) {
            said.data = diagnostics.fileHandleForReading.readDataToEndOfFile()
        }
        let writeFailure = Self.send(message, to: ours)
        close(ours)
        guard finished.wait(timeout: .now() + timeout) == .success else {
            process.terminate()
            throw PipelineError(
                message: "\(executable) did not finish within \(String(format: "%g", timeout)) s; stopped it")
        }
        // A daemonising sendmail may leave a child holding the pipe open: do not wait on it long.
        let output =
            reading.wait(timeout: .now() + 5) == .success
            ? String(decoding: said.data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : ""
        guard process.terminationStatus == 0 else {
            throw PipelineError(
                message: "\(executable) -t -i failed with exit status \(process.terminationStatus)"
                    + (output.isEmpty ? "" : ": \(output)"))
        }
        if let writeFailure {
            throw PipelineError(message: "cannot pass the message to \(executable): \(writeFailure)")
        }
    }

    /// Writes all of `bytes`; the reason when the reader went away first.
    private static func send(_ bytes: [UInt8], to socket: Int32) -> String? {
        #if os(Linux)
            let flags = Int32(MSG_NOSIGNAL)
        #else
            var on: Int32 = 1
            setsockopt(socket, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
            let flags: Int32 = 0
        #endif
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Foundation.send(socket, $0.baseAddress, $0.count, flags) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return String(cString: strerror(errno)) }
            sent += count
        }
        shutdown(socket, Int32(SHUT_WR))
        return nil
    }
}

/// What a child process printed: written by the reading task, read only after it has finished.
private final class CollectedOutput: @unchecked Sendable {
    var data = Data()
}
