import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Delivery by SMTP (RFC 5321) over a plain TCP connection: EHLO (HELO if the server does not
/// know it), MAIL FROM, RCPT TO for each recipient, DATA, QUIT.
///
/// There is no TLS and no authentication: point it at a relay on the same machine or network
/// (Postfix on localhost, an internal smarthost), which then forwards the mail securely.
/// Delivery is all or nothing: the first refusal ends the session before DATA, so no board member
/// gets a message the others did not.
public struct SMTPClient: Sendable {
    let host: String
    let port: UInt16
    /// For connecting and for each reply.
    var timeout: Double = 30

    /// `mail.example.org:25`, `127.0.0.1:2525` or `[::1]:25`.
    public init(parsing text: String) throws(PipelineError) {
        guard let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]), port > 0 else {
            throw PipelineError(status: .usage, message: "--smtp needs HOST:PORT, e.g. localhost:25 (got \"\(text)\")")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, host.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }) else {
            throw PipelineError(status: .usage, message: "--smtp needs HOST:PORT, e.g. localhost:25 (got \"\(text)\")")
        }
        self.host = host
        self.port = port
    }

    var server: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    func send(_ message: [UInt8], from sender: String, to recipients: [String]) throws(PipelineError) {
        let connection = try SMTPConnection(host: host, port: port, timeout: timeout, server: server)
        defer { connection.hangUp() }
        try connection.expect(220, "the connection", after: connection.readReply())
        if try connection.command("EHLO \(Self.localName)").code != 250 {
            try connection.expect(250, "HELO", after: connection.command("HELO \(Self.localName)"))
        }
        try connection.expect(250, "MAIL FROM", after: connection.command("MAIL FROM:<\(sender)>"))
        for recipient in recipients {
            try connection.expect(
                250, "RCPT TO:<\(recipient)>", after: connection.command("RCPT TO:<\(recipient)>"), alsoAccepting: 251)
        }
        try connection.expect(354, "DATA", after: connection.command("DATA"))
        try connection.write(Self.dotStuffed(message) + Array(".\r\n".utf8))
        try connection.expect(250, "the message", after: connection.readReply())
        _ = try? connection.command("QUIT")
    }

    /// The message as DATA carries it (RFC 5321 §4.5.2): a `.` added to every line that starts
    /// with one, so no line of the message can end it early, and a final CRLF before the `.`.
    static func dotStuffed(_ message: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(message.count + 64)
        var atLineStart = true
        for byte in message {
            if atLineStart && byte == UInt8(ascii: ".") { output.append(byte) }
            output.append(byte)
            atLineStart = byte == UInt8(ascii: "\n")
        }
        if !output.suffix(2).elementsEqual([13, 10]) { output += [13, 10] }
        return output
    }

    /// This machine's name for EHLO, if it is a plain host name; else `localhost`.
    static var localName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
        return !name.isEmpty && name.allSatisfy(allowed.contains) ? name : "localhost"
    }
}

/// One SMTP server reply: the code and the text of every line.
struct SMTPReply {
    var code: Int
    var lines: [String]
    var text: String { lines.joined(separator: " / ") }
}

/// A TCP connection that sends commands and reads replies, never waiting longer than `timeout`.
private final class SMTPConnection {
    private let descriptor: Int32
    private let timeout: Double
    private let server: String
    private var buffer: [UInt8] = []

    init(host: String, port: UInt16, timeout: Double, server: String) throws(PipelineError) {
        self.timeout = timeout
        self.server = server
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
            hints.ai_socktype = SOCK_STREAM
        #endif
        var addresses: UnsafeMutablePointer<addrinfo>?
        let resolved = getaddrinfo(host, String(port), &hints, &addresses)
        guard resolved == 0, let first = addresses else {
            throw PipelineError(
                message: "cannot find the SMTP server \(server): \(String(cString: gai_strerror(resolved)))")
        }
        defer { freeaddrinfo(addresses) }
        var lastProblem = "no address"
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let address = candidate {
            candidate = address.pointee.ai_next
            let opened = socket(address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
            guard opened >= 0 else { continue }
            switch Self.open(opened, address.pointee, timeout: timeout) {
            case nil:
                descriptor = opened
                return
            case let problem?:
                lastProblem = problem
                close(opened)
            }
        }
        throw PipelineError(message: "cannot connect to the SMTP server \(server): \(lastProblem)")
    }

    /// Connects without blocking for longer than `timeout`; nil on success, else what went wrong.
    private static func open(_ descriptor: Int32, _ address: addrinfo, timeout: Double) -> String? {
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        #if canImport(Darwin)
            var on: Int32 = 1
            setsockopt(descriptor, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        #endif
        if connect(descriptor, address.ai_addr, address.ai_addrlen) == 0 { return nil }
        guard errno == EINPROGRESS else { return String(cString: strerror(errno)) }
        var poller = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        guard poll(&poller, 1, Int32(timeout * 1000)) == 1 else {
            return "no answer within \(String(format: "%g", timeout)) s"
        }
        var failure: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &failure, &length)
        return failure == 0 ? nil : String(cString: strerror(failure))
    }

    func hangUp() { close(descriptor) }

    func command(_ line: String) throws(PipelineError) -> SMTPReply {
        try write(Array((line + "\r\n").utf8))
        return try readReply()
    }

    /// Fails unless `reply` has the `code` the step needs, quoting the server's words.
    func expect(_ code: Int, _ step: String, after reply: SMTPReply, alsoAccepting other: Int? = nil)
        throws(PipelineError)
    {
        guard reply.code == code || reply.code == other else {
            _ = try? command("QUIT")
            throw PipelineError(message: "the SMTP server \(server) refused \(step): \(reply.code) \(reply.text)")
        }
    }

    /// A server that has hung up must fail the send, not kill kpidash with SIGPIPE (Darwin sets
    /// SO_NOSIGPIPE on the socket instead).
    #if os(Linux)
        private static let sendFlags = Int32(MSG_NOSIGNAL)
    #else
        private static let sendFlags: Int32 = 0
    #endif

    func write(_ bytes: [UInt8]) throws(PipelineError) {
        var sent = 0
        while sent < bytes.count {
            try wait(for: Int16(POLLOUT), doing: "sending")
            let count = bytes[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Self.sendFlags) }
            guard count > 0 else {
                if count < 0 && (errno == EAGAIN || errno == EINTR) { continue }
                throw PipelineError(
                    message:
                        "the connection to the SMTP server \(server) failed while sending: \(String(cString: strerror(errno)))"
                )
            }
            sent += count
        }
    }

    /// One reply, however many lines: `250-…` lines continue it, `250 …` ends it.
    func readReply() throws(PipelineError) -> SMTPReply {
        var lines: [String] = []
        while true {
            let line = try readLine()
            let bytes = Array(line.utf8)
            guard bytes.count >= 3, let code = Int(String(line.prefix(3))),
                bytes.count == 3 || bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-")
            else {
                throw PipelineError(
                    message: "the SMTP server \(server) sent a line that is not an SMTP reply: \"\(line.prefix(80))\"")
            }
            lines.append(String(line.dropFirst(4)))
            if bytes.count == 3 || bytes[3] == UInt8(ascii: " ") { return SMTPReply(code: code, lines: lines) }
        }
    }

    private func readLine() throws(PipelineError) -> String {
        while true {
            if let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[..<end].last == 13 ? buffer[..<(end - 1)] : buffer[..<end]
                defer { buffer.removeSubrange(...end) }
                return String(decoding: line, as: UTF8.self)
            }
            try wait(for: Int16(POLLIN), doing: "waiting for a reply")
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0 && (errno == EAGAIN || errno == EINTR) { continue }
            guard count > 0 else {
                throw PipelineError(
                    message: "the SMTP server \(server) closed the connection"
                        + (count < 0 ? ": \(String(cString: strerror(errno)))" : ""))
            }
            buffer += chunk[..<count]
        }
    }

    private func wait(for events: Int16, doing activity: String) throws(PipelineError) {
        var poller = pollfd(fd: descriptor, events: events, revents: 0)
        let ready = poll(&poller, 1, Int32(timeout * 1000))
        if ready == 0 {
            throw PipelineError(
                message:
                    "the SMTP server \(server) timed out: nothing for \(String(format: "%g", timeout)) s while \(activity)"
            )
        }
        if ready < 0 && errno != EINTR {
            throw PipelineError(
                message: "the connection to the SMTP server \(server) failed: \(String(cString: strerror(errno)))")
        }
    }
}
