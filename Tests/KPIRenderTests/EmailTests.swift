import Foundation
import Testing
import KPIModel
import KPIAnalysis
@testable import KPIRender

private let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Templates").path

/// Figures built to exercise the email: re-referrals met their target last month and miss it this
/// month (so the exception is new), caseload sits inside its band, and a context indicator with
/// an en dash in its name has no target at all.
private func emailDataset(authorities: [Authority] = [Authority(code: "E10000018", name: "Leicestershire")],
                          siteURL: String? = "https://example.org/performance", title: String = "Children's services") -> Dataset {
    let source = RowReference(file: "extracts/x.csv", line: 2)
    let referrals = Indicator(id: "re_referral_rate", name: "Re-referrals within 12 months", area: "First Response", unit: .percent, polarity: .lower)
    let caseload = Indicator(id: "caseload", name: "Average caseload", area: "Workforce", unit: .number, polarity: .band)
    let inCare = Indicator(id: "cic_rate", name: "Children in care – rate per 10,000", area: "Children in Care", unit: .ratePer10k, polarity: .neutral)
    let referralValues = [20, 19, 18, 17, 16.5, 16, 15.5, 15, 14.8, 14.5, 14, 18.5]
    var observations: [Observation] = []
    for authority in authorities {
        for (index, referralValue) in referralValues.enumerated() {
            let month = Month(year: 2016, month: 10).adding(months: index)
            observations.append(Observation(authority: authority.code, indicator: referrals.id, month: month, value: referralValue, status: .ok, source: source))
            observations.append(Observation(authority: authority.code, indicator: caseload.id, month: month, value: 19 + Double(index % 3) * 0.2, status: .ok, source: source))
            observations.append(Observation(authority: authority.code, indicator: inCare.id, month: month, value: 50 + Double(index % 4), status: .ok, source: source))
        }
    }
    return Dataset(
        settings: Settings(title: title, authority: authorities[0].code, siteURL: siteURL),
        indicators: [referrals, caseload, inCare],
        targets: [Target(indicator: referrals.id, due: Month(year: 2018, month: 3), value: 15, label: "Target March 2018"),
                  Target(indicator: caseload.id, due: Month(year: 2018, month: 3), low: 18, high: 20)],
        observations: observations,
        benchmarks: [Benchmark(indicator: referrals.id, period: .financialYear(startYear: 2016), comparator: .england, value: 21.9, status: .ok, source: source),
                     Benchmark(indicator: referrals.id, period: .financialYear(startYear: 2016), comparator: .statisticalNeighbours, value: 22.2, status: .ok, source: source)],
        authorities: authorities)
}

private let fixedDate = MessageDate(secondsSinceEpoch: 1_507_014_000)

/// The message for `dataset`, with the dashboard a month earlier deciding what is new, as the command does.
private func renderEmail(_ dataset: Dataset, headers: EmailHeaders = EmailHeaders(from: nil, to: [], subject: nil, date: fixedDate)) throws -> RenderedEmail {
    let analysis = Analysis.analyse(dataset)
    var earlier = dataset
    earlier.settings.asOf = analysis.asOf!.adding(months: -1)
    return try BoardEmail(templatesDirectory: templates, mode: .strict)
        .render(analysis, lastMonth: Analysis.analyse(earlier), settings: dataset.settings, headers: headers)
}

private let boardHeaders = EmailHeaders(from: try! EmailAddress(parsing: "Performance Team <performance@example.org>"),
                                        to: try! EmailAddress.list(parsing: "board@example.org, Zoë Smith <zoe@example.org>"),
                                        subject: nil, date: fixedDate)

/// The message as Python's `email` package (an independent MIME parser) reads it.
struct ParsedMessage: Decodable {
    struct Part: Decodable {
        var type: String
        var disposition: String?
        var encoding: String?
        var parts: [Part]
    }
    struct Image: Decodable {
        var isPNG: Bool
        var width: Int
        var height: Int
    }
    var defects: [String]
    var headers: [String: String]
    var tree: Part
    var html: String
    var text: String
    var csv: String
    var csvName: String
    var images: [String: Image]
    var imageSources: [String]
    var imageTags: Int
    var altTexts: [String]
    /// The longest line of any part's encoded body.
    var longestBodyLine: Int

    static let inspector = #"""
        import sys, json, re, struct, email, email.policy
        message = email.message_from_bytes(sys.stdin.buffer.read(), policy=email.policy.default)
        def tree(part):
            return {"type": part.get_content_type(), "disposition": part.get_content_disposition(),
                    "encoding": part.get("Content-Transfer-Encoding"),
                    "parts": [tree(child) for child in part.iter_parts()] if part.is_multipart() else []}
        leaves = [part for part in message.walk() if not part.is_multipart()]
        def first(kind):
            return next(part for part in leaves if part.get_content_type() == kind)
        images = {}
        for part in leaves:
            if part.get_content_type() == "image/png":
                data = part.get_payload(decode=True)
                images[part["Content-ID"].strip("<>")] = {
                    "isPNG": data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR",
                    "width": struct.unpack(">I", data[16:20])[0], "height": struct.unpack(">I", data[20:24])[0]}
        html = first("text/html").get_content()
        print(json.dumps({
            "defects": [repr(defect) for part in message.walk() for defect in part.defects],
            "headers": {name: str(value) for name, value in message.items()},
            "tree": tree(message), "html": html, "text": first("text/plain").get_content(),
            "csv": first("text/csv").get_content(), "csvName": first("text/csv").get_filename(),
            "images": images,
            "imageSources": re.findall(r'src="cid:([^"]+)"', html),
            "imageTags": len(re.findall(r"<img\b", html)),
            "altTexts": re.findall(r'<img\b[^>]*\balt="([^"]*)"', html),
            "longestBodyLine": max(len(line) for part in leaves for line in part.get_payload(decode=False).splitlines()),
        }))
        """#

    init(_ message: [UInt8]) throws {
        self = try JSONDecoder().decode(ParsedMessage.self, from: Python.run(Self.inspector, input: message))
    }
}

/// python3, found once; the tests that need it say so and are skipped without it.
enum Python {
    static let executable: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/usr/local/bin")
        .split(separator: ":").map { "\($0)/python3" }.first(where: FileManager.default.isExecutableFile(atPath:))
    static var isAvailable: Bool { executable != nil }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func run(_ script: String, input: [UInt8]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable!)
        process.arguments = ["-c", script]
        let (stdin, stdout, stderr) = (Pipe(), Pipe(), Pipe())
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let writer = Thread { stdin.fileHandleForWriting.write(Data(input)); try? stdin.fileHandleForWriting.close() }
        writer.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let problems = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure(description: String(decoding: problems, as: UTF8.self)) }
        return output
    }
}

private func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
    bytes.split(separator: 10, omittingEmptySubsequences: false).dropLast().map { $0.last == 13 ? $0.dropLast() : $0 }
}

@Suite struct BoardEmailStructureTests {
    static let email = try! renderEmail(emailDataset(), headers: boardHeaders)

    @Test(.enabled(if: Python.isAvailable, "python3 parses the message; install it to run this test"))
    func theMessageHasTheStructureTheBoardNeeds() throws {
        let parsed = try ParsedMessage(Self.email.message)
        #expect(parsed.defects.isEmpty)
        let tree = parsed.tree
        #expect(tree.type == "multipart/mixed")
        #expect(tree.parts.map(\.type) == ["multipart/alternative", "text/csv"])
        #expect(tree.parts[1].disposition == "attachment" && tree.parts[1].encoding == "base64")
        let alternative = tree.parts[0]
        #expect(alternative.parts.map(\.type) == ["text/plain", "multipart/related"])
        #expect(alternative.parts[0].encoding == "quoted-printable")
        let related = alternative.parts[1]
        #expect(related.parts.first?.type == "text/html" && related.parts.first?.encoding == "quoted-printable")
        #expect(related.parts.dropFirst().allSatisfy { $0.type == "image/png" && $0.encoding == "base64" && $0.disposition == "inline" })
        #expect(related.parts.count == 1 + Self.email.imageCount)
        #expect(parsed.csvName == "board-figures-2017-09.csv")
    }

    @Test(.enabled(if: Python.isAvailable, "python3 parses the message; install it to run this test"))
    func everyChartIsAPNGPartTheHTMLReferencesWithAltText() throws {
        let parsed = try ParsedMessage(Self.email.message)
        #expect(!parsed.imageSources.isEmpty)
        #expect(Set(parsed.imageSources) == Set(parsed.images.keys), "every cid: resolves, and every image is used")
        for (cid, image) in parsed.images {
            #expect(image.isPNG, "\(cid) is not a PNG")
            // Twice the CSS size the HTML gives: a 120 × 32 sparkline and a 360 × 68 labelled comparison of three rows.
            #expect([(240, 64), (720, 136)].contains { $0 == (image.width, image.height) }, "\(cid) is \(image.width)×\(image.height)")
        }
        #expect(parsed.altTexts.count == parsed.imageTags)
        #expect(parsed.altTexts.allSatisfy { $0.count > 10 })
        #expect(parsed.altTexts.contains("Leicestershire 18.5% (Sep 2017); statistical neighbours 22.2% (2016/17); England 21.9% (2016/17)"))
        #expect(parsed.altTexts.contains("Re-referrals within 12 months, Oct 2016 to Sep 2017: from 20.0% to 18.5%"))
    }

    @Test(.enabled(if: Python.isAvailable, "python3 parses the message; install it to run this test"))
    func theHTMLIsSafeForGmailAndOutlook() throws {
        let parsed = try ParsedMessage(Self.email.message)
        let html = parsed.html.lowercased()
        // The count is of the template's output, with LF line ends. In the message they are CRLF,
        // and the last one belongs to the boundary that follows (RFC 2046 §5.1.1).
        #expect((parsed.html.replacingOccurrences(of: "\r\n", with: "\n") + "\n").utf8.count == Self.email.htmlByteCount)
        #expect(Self.email.htmlByteCount < 100_000)
        for forbidden in ["<script", "<svg", "data:", "<style", "javascript:"] {
            #expect(!html.contains(forbidden), "the HTML contains \(forbidden)")
        }
        #expect(html.contains("max-width:600px"))
        #expect(html.contains("<!--[if mso]><table role=\"presentation\" width=\"600\""))
    }

    @Test(.enabled(if: Python.isAvailable, "python3 parses the message; install it to run this test"))
    func theHeadersReadBackAsGiven() throws {
        let parsed = try ParsedMessage(Self.email.message)
        #expect(parsed.headers["Date"] == "Tue, 03 Oct 2017 07:00:00 +0000")
        #expect(parsed.headers["From"] == "Performance Team <performance@example.org>")
        #expect(parsed.headers["To"] == "board@example.org, Zoë Smith <zoe@example.org>")
        #expect(parsed.headers["Subject"] == "Children's services: Leicestershire performance to September 2017")
        #expect(parsed.headers["MIME-Version"] == "1.0")
        #expect(parsed.headers["Message-ID"]?.hasSuffix("@example.org>") == true)
    }

    @Test(.enabled(if: Python.isAvailable, "python3 parses the message; install it to run this test"))
    func theTextAndTheFiguresCarryEveryIndicator() throws {
        let parsed = try ParsedMessage(Self.email.message)
        for name in ["Re-referrals within 12 months", "Average caseload", "Children in care – rate per 10,000"] {
            #expect(parsed.text.contains(name))
            #expect(parsed.csv.contains(name))
            #expect(parsed.html.contains(name))
        }
        #expect(parsed.csv.hasPrefix(BoardFiguresCSV.columns.joined(separator: ",") + "\r\n"))
        #expect(parsed.csv.contains("E10000018,re_referral_rate,Re-referrals within 12 months,First Response,2017-09,18.5,ok,15,,,missed,"))
    }

    @Test(.enabled(if: Python.isAvailable, "python3 parses the message; install it to run this test"))
    func everyLineIsShortAndEndsInCRLF() throws {
        let message = Self.email.message
        #expect(try ParsedMessage(message).longestBodyLine <= 76)
        #expect(message.suffix(2).elementsEqual([13, 10]))
        for line in lines(message) {
            #expect(line.count <= 78, "\(String(decoding: line, as: UTF8.self))")
            #expect(!line.contains(13) && !line.contains(10), "a bare CR or LF")
            #expect(line.allSatisfy { $0 < 0x80 }, "the message is 7-bit")
        }
    }

    @Test func boundariesAppearOnlyAsDelimiters() {
        let text = String(decoding: Self.email.message, as: UTF8.self)
        let boundaries = text.split(separator: "boundary=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(boundaries.count == 3)
        for boundary in boundaries {
            let uses = text.components(separatedBy: boundary).count - 1
            let delimiters = lines(Self.email.message).filter { String(decoding: $0, as: UTF8.self).hasPrefix("--" + boundary) }.count
            #expect(uses == delimiters + 1, "\(boundary) appears outside its delimiter lines")
        }
    }

    @Test func theSameInputsGiveTheSameBytes() throws {
        #expect(try renderEmail(emailDataset(), headers: boardHeaders).message == Self.email.message)
    }
}

@Suite struct BoardEmailContentTests {
    /// The email's model for the fixture, without rendering the charts' text.
    func model(_ dataset: Dataset) -> BoardEmailModel {
        let analysis = Analysis.analyse(dataset)
        var earlier = dataset
        earlier.settings.asOf = analysis.asOf!.adding(months: -1)
        return BoardEmailModel(analysis: analysis, lastMonth: Analysis.analyse(earlier), settings: dataset.settings)
    }

    @Test func exceptionsLeadAndSayWhatIsNewThisMonth() throws {
        let authority = try #require(model(emailDataset()).authorities.first)
        let exception = try #require(authority.exceptions.first)
        #expect(exception.analysis.indicator.id == "re_referral_rate")
        #expect(exception.reasons.contains(.missedTarget))
        #expect(exception.newReasons.contains(.missedTarget), "met in August, missed in September")
        #expect(!authority.exceptions.contains { $0.analysis.indicator.id == "caseload" })
        let text = BoardEmailText.render(model(emailDataset()), figuresFileName: "f.csv")
        let attention = try #require(text.range(of: "NEEDS ATTENTION"))
        let all = try #require(text.range(of: "ALL INDICATORS"))
        #expect(attention.upperBound < all.lowerBound)
        #expect(text.contains("NEW THIS MONTH: TARGET MISSED"))
    }

    @Test func aComparatorWithoutAFigureKeepsItsBarSayingSo() throws {
        var dataset = emailDataset()
        dataset.benchmarks.removeAll { $0.comparator == .england }
        let exception = try #require(model(dataset).authorities.first?.exceptions.first)
        #expect(exception.comparisonAlt == "Leicestershire 18.5% (Sep 2017); statistical neighbours 22.2% (2016/17); England: no figure")
        let labelled = EmailChart.bars([("Leicestershire", 18.5, "18.5%"), ("Neighbours", 22.2, "22.2%"), ("England", nil, "no figure")],
                                       highlight: 0)
        #expect(exception.comparison?.png == labelled, "the chart draws the same three rows")
        #expect(exception.comparison?.height == BarsLayout.height(rows: 3))
    }

    @Test func anExceptionThatHeldLastMonthIsNotNew() throws {
        var dataset = emailDataset()
        // A target nobody reaches: missed last month and this month alike.
        dataset.targets[0].value = 5
        let exception = try #require(model(dataset).authorities.first?.exceptions.first)
        #expect(exception.reasons.contains(.missedTarget))
        #expect(!exception.newReasons.contains(.missedTarget))
    }

    @Test func linksLeadToEachIndicatorsPageOnThePublishedSite() throws {
        let one = try #require(model(emailDataset()).authorities.first)
        #expect(one.indicators.map(\.link) == ["re_referral_rate", "caseload", "cic_rate"].map { "https://example.org/performance/indicators/\($0).html" })
        #expect(one.dashboardLink == "https://example.org/performance/index.html")

        let two = model(emailDataset(authorities: [Authority(code: "E06000017", name: "Rutland"), Authority(code: "E10000018", name: "Leicestershire")],
                                     siteURL: "https://example.org/performance/"))
        #expect(two.authorities.map { $0.indicators[0].link } == [
            "https://example.org/performance/E06000017/indicators/re_referral_rate.html",
            "https://example.org/performance/E10000018/indicators/re_referral_rate.html",
        ])
        #expect(two.defaultSubject == "Children's services: 2 authorities performance to September 2017")

        let none = model(emailDataset(siteURL: nil))
        #expect(none.authorities[0].indicators.allSatisfy { $0.link == nil } && none.authorities[0].dashboardLink == nil)
        #expect(!BoardEmailText.render(none, figuresFileName: "f.csv").contains("http"))
    }

    @Test(.enabled(if: Python.isAvailable, "python3 parses the message; install it to run this test"))
    func withoutASiteTheHTMLHasNoLinks() throws {
        let parsed = try ParsedMessage(renderEmail(emailDataset(siteURL: nil)).message)
        #expect(!parsed.html.contains("<a "))
        #expect(parsed.headers["From"] == nil && parsed.headers["To"] == nil && parsed.headers["Message-ID"] == nil)
        #expect(parsed.headers["Date"] != nil)
    }
}

@Suite struct EmailHeaderTests {
    @Test func addressesAreCheckedAndControlCharactersRefused() throws {
        let jo = try EmailAddress(parsing: " Jo Bloggs <jo@example.org> ")
        #expect(jo.displayName == "Jo Bloggs" && jo.address == "jo@example.org" && jo.domain == "example.org")
        #expect(try EmailAddress(parsing: "\"Bloggs, Jo\" <jo@example.org>").displayName == "Bloggs, Jo")
        #expect(try EmailAddress.list(parsing: "a@example.org,\"Bloggs, Jo\" <jo@example.org>, ").map(\.address) == ["a@example.org", "jo@example.org"])
        for bad in ["jo", "jo@", "@example.org", "jo@@example.org", "jo @example.org", "jo@example..org", "jo@-example.org",
                    "jo@example.org\r\nBcc: evil@example.org", "jo@example.org>\nBcc: evil@example.org", "Jo\u{0}<jo@example.org>", ""] {
            #expect(throws: EmailHeaderError.self, "\(bad.debugDescription)") { try EmailAddress.list(parsing: bad) }
        }
        for bad in ["Hello\r\nBcc: evil@example.org", "Hello\nBcc: evil@example.org", "Hello\u{85}there", "Tab\there"] {
            #expect(throws: EmailHeaderError.self) { try EmailHeaders.subject(bad) }
        }
    }

    @Test(.enabled(if: Python.isAvailable, "python3 parses the message; install it to run this test"))
    func dataCannotAddAHeaderAndNonASCIIIsEncoded() throws {
        let dataset = emailDataset(authorities: [Authority(code: "W06000001", name: "Ynys Môn\r\nBcc: evil@example.org")],
                                   title: "Board – performance\nX-Injected: yes")
        let email = try renderEmail(dataset, headers: boardHeaders)
        let parsed = try ParsedMessage(email.message)
        #expect(parsed.headers["Bcc"] == nil && parsed.headers["X-Injected"] == nil)
        #expect(parsed.headers["Subject"] == "Board – performance X-Injected: yes: Ynys Môn Bcc: evil@example.org performance to September 2017")
        let headerBlock = String(decoding: email.message, as: UTF8.self).components(separatedBy: "\r\n\r\n")[0]
        #expect(headerBlock.contains("Subject: =?UTF-8?B?"))

        let long = String(repeating: "Performance – Ynys Môn 😀 ", count: 12)
        let custom = EmailHeaders(from: boardHeaders.from, to: boardHeaders.to, subject: try EmailHeaders.subject(long), date: fixedDate)
        let customParsed = try ParsedMessage(renderEmail(dataset, headers: custom).message)
        #expect(customParsed.headers["Subject"] == long.trimmingCharacters(in: .whitespaces))
    }

    @Test func headersFoldWithinTheLineLimit() {
        let folded = EmailHeaders.field("Subject", String(repeating: "word ", count: 60) + String(repeating: "x", count: 100))
        let lines = folded.components(separatedBy: "\r\n").dropLast()
        #expect(lines.count > 3)
        #expect(lines.dropLast().allSatisfy { $0.count <= 78 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(folded.replacingOccurrences(of: "\r\n", with: "") == "Subject: " + String(repeating: "word ", count: 60) + String(repeating: "x", count: 100))
        let encoded = EmailHeaders.unstructured(String(repeating: "Zoë ", count: 40))
        #expect(encoded.split(separator: " ").allSatisfy { $0.count <= 75 && $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") })
    }

    @Test func datesAreWrittenAndReadAsRFC5322Says() throws {
        #expect(MessageDate(secondsSinceEpoch: 0).headerText == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(MessageDate(secondsSinceEpoch: 1_507_014_000).headerText == "Tue, 03 Oct 2017 07:00:00 +0000")
        #expect(MessageDate(secondsSinceEpoch: 951_782_400).headerText == "Tue, 29 Feb 2000 00:00:00 +0000")
        let summer = try MessageDate(parsing: "Tue, 3 Oct 2017 08:00 +0100")
        #expect(summer.secondsSinceEpoch == 1_507_014_000 && summer.headerText == "Tue, 03 Oct 2017 08:00:00 +0100")
        #expect(try MessageDate(parsing: "31 Dec 2016 23:59:60 -0500").headerText == "Sun, 01 Jan 2017 00:00:00 -0500", "a leap second")
        for bad in ["yesterday", "31 Feb 2017 00:00 +0000", "Tue, 03 Oct 2017 07:00:00 GMT", "Xyz, 03 Oct 2017 07:00:00 +0000",
                    "03 Oct 17 07:00:00 +0000", "03 Oct 2017 24:00:00 +0000", "03 Oct 2017 07:00:00 +0100\r\nBcc: x@example.org"] {
            #expect(throws: EmailHeaderError.self, "\(bad.debugDescription)") { try MessageDate(parsing: bad) }
        }
    }
}

@Suite struct TransferEncodingTests {
    @Test func quotedPrintableEscapesWhatRelaysWouldMangle() {
        let encoded = String(decoding: TransferEncoding.quotedPrintable("a=b \nFrom the board\ttab\t\nZoë\n"), as: UTF8.self)
        #expect(encoded == "a=3Db=20\r\n=46rom the board\ttab=09\r\nZo=C3=AB\r\n")
        let long = String(decoding: TransferEncoding.quotedPrintable(String(repeating: "x", count: 75) + "=" + String(repeating: "é", count: 40)), as: UTF8.self)
        let longLines = long.components(separatedBy: "\r\n").dropLast()
        #expect(longLines.allSatisfy { $0.count <= 76 })
        #expect(longLines.dropLast().allSatisfy { $0.hasSuffix("=") }, "soft breaks")
        #expect(!long.contains("=\r\n3D") && !long.contains("=C\r\n"), "an escape is never split by a soft break")
    }

    /// Random text with the awkward characters, decoded by Python's quopri, must come back whole.
    @Test(.enabled(if: Python.isAvailable, "python3 decodes quoted-printable; install it to run this test"))
    func quotedPrintableRoundTripsThroughAnIndependentDecoder() throws {
        var generator = SplitMix(seed: 20171003)
        let alphabet = "ab =\t.é–😀\nF".map(String.init) + ["From "]
        for _ in 0..<40 {
            let text = (0..<Int(generator.next() % 300)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined()
            let encoded = TransferEncoding.quotedPrintable(text)
            #expect(lines(encoded).allSatisfy { $0.count <= 76 && $0.last != 32 && $0.last != 9 })
            let decoded = try Python.run("import sys, quopri; sys.stdout.buffer.write(quopri.decodestring(sys.stdin.buffer.read()))", input: encoded)
            let expected = text.replacingOccurrences(of: "\n", with: "\r\n") + (text.hasSuffix("\n") ? "" : "\r\n")
            #expect(String(decoding: decoded, as: UTF8.self) == expected)
        }
    }

    @Test func base64LinesAreSeventySixCharacters() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let encoded = TransferEncoding.base64(bytes)
        let encodedLines = lines(encoded)
        #expect(encodedLines.dropLast().allSatisfy { $0.count == 76 } && encodedLines.last!.count <= 76)
        #expect(Data(base64Encoded: Data(encodedLines.joined())) == Data(bytes))
    }
}

/// A seeded generator, so a failing random case can be replayed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
