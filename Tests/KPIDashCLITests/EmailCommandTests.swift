import Foundation
import Testing

@testable import KPIDashCLI
@testable import KPIPipeline

#if canImport(Glibc)
    import Glibc
#endif

/// A small dataset on disk, quick to render: two indicators over thirteen months, with a site.
private func boardDataset() -> String {
    let folder = temporaryDirectory()
    var extract = "indicator,period,value\n"
    for index in 0..<13 {
        let month = "2016-\(String(format: "%02d", index + 9))"
        let period = index < 4 ? month : "2017-\(String(format: "%02d", index - 3))"
        extract +=
            "re_referral_rate,\(period),\(20 - Double(index) * 0.4)\ncaseload,\(period),\(19 + Double(index % 3) * 0.3)\n"
    }
    let files = [
        "dashboard.json":
            #"{"title": "Board test", "authority": "E10000018", "siteURL": "https://example.org/performance/"}"#,
        "indicators.csv":
            "id,name,area,unit,polarity\nre_referral_rate,Re-referrals within 12 months,First Response,percent,lower\ncaseload,Average caseload,Workforce,number,band\n",
        "targets.csv": "indicator,due,target,low,high\nre_referral_rate,2018-03,15,,\ncaseload,2018-03,,18,20\n",
        "extracts/2017-09.csv": extract,
    ]
    try! FileManager.default.createDirectory(atPath: folder + "/extracts", withIntermediateDirectories: true)
    for (name, text) in files { try! text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
    return folder
}

private let date = "Tue, 03 Oct 2017 08:00:00 +0100"
private let sender = "Performance Team <performance@example.org>"

/// A one-connection SMTP server on 127.0.0.1 that follows a script, recording what it is sent.
final class FakeSMTPServer: @unchecked Sendable {
    enum Behaviour {
        case accept
        case rejectEHLO
        case refuseRecipients
        /// Accepts the connection and never says anything.
        case silent
    }

    let port: UInt16
    private let listener: Int32
    private let lock = NSLock()
    private var received: (commands: [String], data: [UInt8]) = ([], [])
    private let finished = DispatchSemaphore(value: 0)

    init(_ behaviour: Behaviour) {
        (listener, port) = Self.bindLoopback()
        Thread { [self] in serve(behaviour) }.start()
    }

    /// Binds to 127.0.0.1 on a port the system picks; `listening: false` gives a port nothing answers on.
    static func bindLoopback(listening: Bool = true) -> (Int32, UInt16) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                precondition(bind(descriptor, generic, length) == 0)
                precondition(getsockname(descriptor, generic, &length) == 0)
            }
        }
        if listening { precondition(listen(descriptor, 1) == 0) }
        return (descriptor, UInt16(bigEndian: address.sin_port))
    }

    /// What the client sent: every command line, and the DATA lines as they arrived (still dot-stuffed).
    var transcript: (commands: [String], data: [UInt8]) {
        _ = finished.wait(timeout: .now() + 30)
        return lock.withLock { received }
    }

    private func serve(_ behaviour: Behaviour) {
        let connection = accept(listener, nil, nil)
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        defer {
            close(connection)
            close(listener)
            finished.signal()
        }
        var reader = LineReader(descriptor: connection)
        if case .silent = behaviour {
            while reader.line() != nil {}
            return
        }
        func reply(_ text: String) { _ = text.withCString { send(connection, $0, strlen($0), Int32(MSG_NOSIGNAL)) } }
        reply("220 fake.example.org ESMTP\r\n")
        while let line = reader.line() {
            let command = String(decoding: line.dropLast(2), as: UTF8.self)
            lock.withLock { received.commands.append(command) }
            switch command.prefix(4).uppercased() {
            case "EHLO":
                reply(
                    behaviour == .rejectEHLO
                        ? "502 5.5.2 EHLO not known here\r\n" : "250-fake.example.org\r\n250 8BITMIME\r\n")
            case "HELO": reply("250 fake.example.org\r\n")
            case "MAIL": reply("250 2.1.0 Ok\r\n")
            case "RCPT": reply(behaviour == .refuseRecipients ? "550 5.1.1 refused\r\n" : "250 2.1.5 Ok\r\n")
            case "DATA":
                reply("354 End data with <CR><LF>.<CR><LF>\r\n")
                while let dataLine = reader.line(), dataLine != Array(".\r\n".utf8) {
                    lock.withLock { received.data += dataLine }
                }
                reply("250 2.0.0 Ok: queued\r\n")
            case "QUIT":
                reply("221 2.0.0 Bye\r\n")
                return
            default: reply("500 5.5.1 unknown command\r\n")
            }
        }
    }
}

/// Lines from a socket, each with its CRLF.
private struct LineReader {
    let descriptor: Int32
    var buffer: [UInt8] = []

    mutating func line() -> [UInt8]? {
        while true {
            if let end = buffer.firstIndex(of: 10) {
                defer { buffer.removeSubrange(...end) }
                return Array(buffer[...end])
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return nil }
            buffer += chunk[..<count]
        }
    }
}

/// The message as the receiving server stores it (RFC 5321 §4.5.2: one leading `.` removed from each line).
private func unstuffed(_ data: [UInt8]) -> [UInt8] {
    var output: [UInt8] = []
    var atLineStart = true
    for byte in data {
        if !(atLineStart && byte == UInt8(ascii: ".")) { output.append(byte) }
        atLineStart = byte == 10
    }
    return output
}

@Suite struct EmailDeliveryTests {
    @Test func smtpDeliversExactlyTheBytesWrittenToTheFile() throws {
        let server = FakeSMTPServer(.accept)
        let file = temporaryDirectory() + "/board.eml"
        let result = kpidash(
            "email", boardDataset(), "--out", file, "--smtp", "127.0.0.1:\(server.port)",
            "--from", sender, "--to", "chair@example.org, Zoë Smith <zoe@example.org>", "--date", date, "--templates",
            templates)
        #expect(result.status == 0, "\(result.err)")
        #expect(
            result.err.contains("kpidash email: deliver")
                && result.err.contains("2 recipients by SMTP to 127.0.0.1:\(server.port)"))
        let (commands, data) = server.transcript
        #expect(commands.first?.hasPrefix("EHLO ") == true)
        #expect(
            Array(commands.dropFirst()) == [
                "MAIL FROM:<performance@example.org>", "RCPT TO:<chair@example.org>", "RCPT TO:<zoe@example.org>",
                "DATA", "QUIT",
            ])
        let written = try #require(FileManager.default.contents(atPath: file))
        #expect(unstuffed(data) == [UInt8](written))
        #expect(
            String(decoding: written, as: UTF8.self).hasPrefix(
                "Date: Tue, 03 Oct 2017 08:00:00 +0100\r\nFrom: Performance Team <performance@example.org>\r\n"))
    }

    @Test func aServerThatDoesNotKnowEHLOGetsHELO() throws {
        let server = FakeSMTPServer(.rejectEHLO)
        try SMTPClient(parsing: "127.0.0.1:\(server.port)").send(
            Array("Subject: x\r\n\r\nhello\r\n".utf8), from: "a@example.org", to: ["b@example.org"])
        let commands = server.transcript.commands
        #expect(commands.map { String($0.prefix(4)) } == ["EHLO", "HELO", "MAIL", "RCPT", "DATA", "QUIT"])
    }

    @Test func aRefusedRecipientIsADeliveryFailureAndNothingIsSent() {
        let server = FakeSMTPServer(.refuseRecipients)
        let result = kpidash(
            "email", boardDataset(), "--smtp", "127.0.0.1:\(server.port)", "--from", sender, "--to",
            "chair@example.org",
            "--date", date, "--templates", templates)
        #expect(result.status == 3)
        #expect(
            result.err.contains(
                "kpidash email: error: the SMTP server 127.0.0.1:\(server.port) refused RCPT TO:<chair@example.org>: 550 5.1.1 refused"
            ))
        let (commands, data) = server.transcript
        #expect(!commands.contains("DATA") && data.isEmpty)
        #expect(commands.last == "QUIT")
    }

    @Test func anUnreachableServerIsADeliveryFailure() {
        let (descriptor, port) = FakeSMTPServer.bindLoopback(listening: false)
        defer { close(descriptor) }
        let result = kpidash(
            "email", boardDataset(), "--smtp", "127.0.0.1:\(port)", "--from", sender, "--to", "chair@example.org",
            "--date", date, "--templates", templates)
        #expect(result.status == 3)
        #expect(
            result.err.contains(
                "kpidash email: error: cannot connect to the SMTP server 127.0.0.1:\(port): Connection refused"))
    }

    @Test func aSilentServerTimesOut() throws {
        let server = FakeSMTPServer(.silent)
        var client = try SMTPClient(parsing: "127.0.0.1:\(server.port)")
        client.timeout = 0.5
        #expect { try client.send([], from: "a@example.org", to: ["b@example.org"]) } throws: { error in
            (error as? PipelineError)?.message
                == "the SMTP server 127.0.0.1:\(server.port) timed out: nothing for 0.5 s while waiting for a reply"
        }
        _ = server.transcript
    }

    @Test func linesStartingWithADotAreStuffedAndArriveWhole() throws {
        let message = Array("Subject: dots\r\n\r\n.\r\n.hidden\r\n..two\r\nmiddle . dot\r\nno final line end".utf8)
        #expect(
            SMTPClient.dotStuffed(message)
                == Array("Subject: dots\r\n\r\n..\r\n..hidden\r\n...two\r\nmiddle . dot\r\nno final line end\r\n".utf8))
        let server = FakeSMTPServer(.accept)
        let complete = Array(message) + [13, 10]
        try SMTPClient(parsing: "127.0.0.1:\(server.port)").send(complete, from: "a@example.org", to: ["b@example.org"])
        let data = server.transcript.data
        #expect(data == SMTPClient.dotStuffed(complete))
        #expect(unstuffed(data) == complete)
    }

    @Test func sendmailGetsTheMessageOnStandardInput() throws {
        let folder = temporaryDirectory()
        let script = folder + "/sendmail"
        try "#!/bin/sh\necho \"$@\" > \"\(folder)/arguments\"\ncat > \"\(folder)/message\"\n".write(
            toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        let sendmail = try Sendmail.locate(searchPath: "/nonexistent:\(folder)")
        #expect(sendmail.executable == script)
        let message = Array(String(repeating: "Line of the board email\r\n", count: 10_000).utf8)
        try sendmail.deliver(message)
        #expect(try String(contentsOfFile: folder + "/arguments", encoding: .utf8) == "-t -i\n")
        #expect(FileManager.default.contents(atPath: folder + "/message") == Data(message))
    }

    @Test func aFailingOrMissingSendmailIsReported() throws {
        let folder = temporaryDirectory()
        let script = folder + "/sendmail"
        try "#!/bin/sh\necho 'sendmail: queue directory is full' >&2\nexit 75\n".write(
            toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        #expect {
            try Sendmail(executable: script).deliver(Array(String(repeating: "x\r\n", count: 100_000).utf8))
        } throws: { error in
            (error as? PipelineError)?.message
                == "\(script) -t -i failed with exit status 75: sendmail: queue directory is full"
        }
        #expect { try Sendmail.locate(searchPath: "/nonexistent", fallback: "/nonexistent/sendmail") } throws: {
            error in
            (error as? PipelineError)?.message.hasPrefix("no sendmail program on PATH or at /nonexistent/sendmail;")
                == true
        }
    }
}

@Suite struct EmailCommandLineTests {
    @Test func helpAndUsage() {
        #expect(kpidash("email", "--help").out.contains("Usage: kpidash email [DIR]"))
        #expect(kpidash("--help").out.contains("kpidash email [DIR] --out FILE.eml"))
    }

    @Test func mistakesOnTheCommandLineExitTwoAndWriteNothing() {
        let file = temporaryDirectory() + "/board.eml"
        let cases: [([String], String)] = [
            ([], "say where the email goes"),
            (["--out", file, "--sendmail", "--smtp", "localhost:25"], "choose one of --sendmail and --smtp"),
            (["--smtp", "localhost:25", "--to", "chair@example.org"], "delivering needs --from and --to"),
            (["--sendmail", "--from", "performance@example.org"], "delivering needs --from and --to"),
            (["--smtp", "localhost", "--from", "a@example.org", "--to", "b@example.org"], "--smtp needs HOST:PORT"),
            (["--smtp", "localhost:0", "--from", "a@example.org", "--to", "b@example.org"], "--smtp needs HOST:PORT"),
            (["--out", file, "--to", "chair"], "\"chair\" is not an email address"),
            (["--out", file, "--date", "yesterday"], "\"yesterday\" is not an RFC 5322 date"),
            // Attempts to add a header through an argument.
            (
                ["--out", file, "--subject", "Board pack\r\nBcc: leak@example.org"],
                "the subject contains a line break or other control character"
            ),
            (["--out", file, "--subject", "Board pack\nBcc: leak@example.org"], "the subject contains a line break"),
            (["--out", file, "--to", "chair@example.org\nBcc: leak@example.org"], "the address contains a line break"),
            (
                ["--out", file, "--from", "Performance <performance@example.org>\r\nBcc: leak@example.org"],
                "the address contains a line break"
            ),
            (
                ["--out", file, "--date", "Tue, 03 Oct 2017 08:00:00 +0100\r\nBcc: leak@example.org"],
                "is not an RFC 5322 date"
            ),
        ]
        for (arguments, message) in cases {
            let captured = Captured()
            let status = KPIDash.run(["email", boardDataset()] + arguments, console: captured.console)
            #expect(status == 2, "\(arguments)")
            #expect(captured.err.contains(message), "\(arguments): \(captured.err)")
        }
        #expect(!FileManager.default.fileExists(atPath: file))
    }

    @Test func theDateComesFromTheOptionThenSourceDateEpochThenTheClock() throws {
        func command(_ words: [String], _ environment: [String: String]) throws(UsageError) -> EmailCommand {
            try EmailCommand(
                ParsedArguments(
                    ["--out", "x.eml"] + words, valueOptions: EmailCommand.valueOptions,
                    flagOptions: EmailCommand.flagOptions),
                environment: environment)
        }
        #expect(
            try command([], ["SOURCE_DATE_EPOCH": "1507014000"]).target.headers.date.headerText
                == "Tue, 03 Oct 2017 07:00:00 +0000")
        #expect(try command(["--date", date], ["SOURCE_DATE_EPOCH": "0"]).target.headers.date.headerText == date)
        let now = Int64(Date().timeIntervalSince1970)
        #expect(try abs(command([], [:]).target.headers.date.secondsSinceEpoch - now) < 60)
        #expect(throws: UsageError.self) { try command([], ["SOURCE_DATE_EPOCH": "last Tuesday"]) }
    }

    @Test func theSameDataAndDateGiveTheSameFile() throws {
        let dataset = boardDataset()
        let folder = temporaryDirectory()
        for name in ["first", "second"] {
            #expect(
                kpidash(
                    "email", dataset, "--out", "\(folder)/\(name).eml", "--from", sender, "--to", "chair@example.org",
                    "--date", date, "--templates", templates
                ).status == 0)
        }
        let first = try #require(FileManager.default.contents(atPath: folder + "/first.eml"))
        #expect(first == FileManager.default.contents(atPath: folder + "/second.eml"))
        let text = String(decoding: first, as: UTF8.self)
        #expect(text.contains("\r\nSubject: Board test: E10000018 performance to September 2017\r\n"))
        #expect(text.contains("\r\nMessage-ID: <kpidash."))
    }

    @Test func dataErrorsExitOneAndMissingTemplatesExitThree() {
        #expect(
            kpidash("email", tenMistakes, "--out", temporaryDirectory() + "/x.eml", "--templates", templates).status
                == 1)
        let noEmailTemplates = temporaryDirectory()
        let result = kpidash(
            "email", boardDataset(), "--out", temporaryDirectory() + "/x.eml", "--templates", noEmailTemplates)
        #expect(result.status == 3)
        #expect(result.err.contains("the email templates folder is missing"))
        let unwritable = kpidash(
            "email", boardDataset(), "--out", "/nonexistent/folder/x.eml", "--templates", templates)
        #expect(unwritable.status == 3)
        #expect(unwritable.err.contains("kpidash email: error: cannot write /nonexistent/folder/x.eml"))
    }
}
