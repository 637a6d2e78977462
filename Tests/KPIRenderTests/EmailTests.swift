import Foundation
import KPIAnalysis
import KPIModel
import KPITestSupport
import MIME
import Testing

@testable import KPIRender

private let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Templates").path

/// Figures built to exercise the email: re-referrals met their target last month and miss it this
/// month (so the exception is new), caseload sits inside its band, and a context indicator with
/// an en dash in its name has no target at all.
private func emailDataset(
    authorities: [Authority] = [Authority(code: "E10000018", name: "Leicestershire")],
    siteURL: String? = "https://example.org/performance", title: String = "Children's services"
) -> Dataset {
    let source = RowReference(file: "extracts/x.csv", line: 2)
    let referrals = Indicator(
        id: "re_referral_rate", name: "Re-referrals within 12 months", area: "First Response", unit: .percent,
        polarity: .lower)
    let caseload = Indicator(
        id: "caseload", name: "Average caseload", area: "Workforce", unit: .number, polarity: .band)
    let inCare = Indicator(
        id: "cic_rate", name: "Children in care – rate per 10,000", area: "Children in Care", unit: .ratePer10k,
        polarity: .neutral)
    let referralValues = [20, 19, 18, 17, 16.5, 16, 15.5, 15, 14.8, 14.5, 14, 18.5]
    var observations: [Observation] = []
    for authority in authorities {
        for (index, referralValue) in referralValues.enumerated() {
            let month = Month(year: 2016, month: 10).adding(months: index)
            observations.append(
                Observation(
                    authority: authority.code, indicator: referrals.id, month: month, value: referralValue, status: .ok,
                    source: source))
            observations.append(
                Observation(
                    authority: authority.code, indicator: caseload.id, month: month,
                    value: 19 + Double(index % 3) * 0.2, status: .ok, source: source))
            observations.append(
                Observation(
                    authority: authority.code, indicator: inCare.id, month: month, value: 50 + Double(index % 4),
                    status: .ok, source: source))
        }
    }
    return Dataset(
        settings: Settings(title: title, authority: authorities[0].code, siteURL: siteURL),
        indicators: [referrals, caseload, inCare],
        targets: [
            Target(indicator: referrals.id, due: Month(year: 2018, month: 3), value: 15, label: "Target March 2018"),
            Target(indicator: caseload.id, due: Month(year: 2018, month: 3), low: 18, high: 20),
        ],
        observations: observations,
        benchmarks: [
            Benchmark(
                indicator: referrals.id, period: .financialYear(startYear: 2016), comparator: .england, value: 21.9,
                status: .ok, source: source),
            Benchmark(
                indicator: referrals.id, period: .financialYear(startYear: 2016), comparator: .statisticalNeighbours,
                value: 22.2, status: .ok, source: source),
        ],
        authorities: authorities)
}

private let fixedDate = MessageDate(secondsSinceEpoch: 1_507_014_000)

/// The message for `dataset`, with the dashboard a month earlier deciding what is new, as the command does.
private func renderEmail(
    _ dataset: Dataset, headers: EmailHeaders = EmailHeaders(from: nil, to: [], subject: nil, date: fixedDate)
) throws -> RenderedEmail {
    let analysis = Analysis.analyse(dataset)
    var earlier = dataset
    earlier.settings.asOf = analysis.asOf!.adding(months: -1)
    return try BoardEmail(templatesDirectory: templates, mode: .strict)
        .render(analysis, lastMonth: Analysis.analyse(earlier), settings: dataset.settings, headers: headers)
}

private let boardHeaders = EmailHeaders(
    from: try! EmailAddress(parsing: "Performance Team <performance@example.org>"),
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
        self = try JSONDecoder().decode(ParsedMessage.self, from: runPython(Self.inspector, input: message))
    }
}

@Suite struct BoardEmailStructureTests {
    static let email = try! renderEmail(emailDataset(), headers: boardHeaders)

    @Test(.enabled(if: ExternalTool.python.shouldRun, ExternalTool.python.skipped))
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
        #expect(
            related.parts.dropFirst().allSatisfy {
                $0.type == "image/png" && $0.encoding == "base64" && $0.disposition == "inline"
            })
        #expect(related.parts.count == 1 + Self.email.imageCount)
        #expect(parsed.csvName == "board-figures-2017-09.csv")
    }

    @Test(.enabled(if: ExternalTool.python.shouldRun, ExternalTool.python.skipped))
    func everyChartIsAPNGPartTheHTMLReferencesWithAltText() throws {
        let parsed = try ParsedMessage(Self.email.message)
        #expect(!parsed.imageSources.isEmpty)
        #expect(Set(parsed.imageSources) == Set(parsed.images.keys), "every cid: resolves, and every image is used")
        for (cid, image) in parsed.images {
            #expect(image.isPNG, "\(cid) is not a PNG")
            // Twice the CSS size the HTML gives: a 120 × 32 sparkline and a 360 × 68 labelled comparison of three rows.
            #expect(
                [(240, 64), (720, 136)].contains { $0 == (image.width, image.height) },
                "\(cid) is \(image.width)×\(image.height)")
        }
        #expect(parsed.altTexts.count == parsed.imageTags)
        #expect(parsed.altTexts.allSatisfy { $0.count > 10 })
        #expect(
            parsed.altTexts.contains(
                "Leicestershire 18.5% (Sep 2017); statistical neighbours 22.2% (2016/17); England 21.9% (2016/17)"))
        #expect(parsed.altTexts.contains("Re-referrals within 12 months, Oct 2016 to Sep 2017: from 20.0% to 18.5%"))
    }

    @Test(.enabled(if: ExternalTool.python.shouldRun, ExternalTool.python.skipped))
    func theHTMLIsSafeForGmailAndOutlook() throws {
        let parsed = try ParsedMessage(Self.email.message)
        let html = parsed.html.lowercased()
        // The count is of the template's output, with LF line ends. In the message they are CRLF,
        // and the last one belongs to the boundary that follows (RFC 2046 §5.1.1).
        #expect(
            (parsed.html.replacingOccurrences(of: "\r\n", with: "\n") + "\n").utf8.count == Self.email.htmlByteCount)
        #expect(Self.email.htmlByteCount < 100_000)
        for forbidden in ["<script", "<svg", "data:", "<style", "javascript:"] {
            #expect(!html.contains(forbidden), "the HTML contains \(forbidden)")
        }
        #expect(html.contains("max-width:600px"))
        #expect(html.contains("<!--[if mso]><table role=\"presentation\" width=\"600\""))
    }

    @Test(.enabled(if: ExternalTool.python.shouldRun, ExternalTool.python.skipped))
    func theHeadersReadBackAsGiven() throws {
        let parsed = try ParsedMessage(Self.email.message)
        #expect(parsed.headers["Date"] == "Tue, 03 Oct 2017 07:00:00 +0000")
        #expect(parsed.headers["From"] == "Performance Team <performance@example.org>")
        #expect(parsed.headers["To"] == "board@example.org, Zoë Smith <zoe@example.org>")
        #expect(parsed.headers["Subject"] == "Children's services: Leicestershire performance to September 2017")
        #expect(parsed.headers["MIME-Version"] == "1.0")
        #expect(parsed.headers["Message-ID"]?.hasSuffix("@example.org>") == true)
    }

    @Test(.enabled(if: ExternalTool.python.shouldRun, ExternalTool.python.skipped))
    func theTextAndTheFiguresCarryEveryIndicator() throws {
        let parsed = try ParsedMessage(Self.email.message)
        for name in ["Re-referrals within 12 months", "Average caseload", "Children in care – rate per 10,000"] {
            #expect(parsed.text.contains(name))
            #expect(parsed.csv.contains(name))
            #expect(parsed.html.contains(name))
        }
        #expect(parsed.csv.hasPrefix(BoardFiguresCSV.columns.joined(separator: ",") + "\r\n"))
        #expect(
            parsed.csv.contains(
                "E10000018,re_referral_rate,Re-referrals within 12 months,First Response,2017-09,18.5,ok,15,,,missed,"))
    }

    @Test(.enabled(if: ExternalTool.python.shouldRun, ExternalTool.python.skipped))
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
            let delimiters = lines(Self.email.message).filter {
                String(decoding: $0, as: UTF8.self).hasPrefix("--" + boundary)
            }.count
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
        #expect(
            exception.comparisonAlt
                == "Leicestershire 18.5% (Sep 2017); statistical neighbours 22.2% (2016/17); England: no figure")
        let labelled = EmailChart.bars(
            [("Leicestershire", 18.5, "18.5%"), ("Neighbours", 22.2, "22.2%"), ("England", nil, "no figure")],
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
        #expect(
            one.indicators.map(\.link)
                == ["re_referral_rate", "caseload", "cic_rate"].map {
                    "https://example.org/performance/indicators/\($0).html"
                })
        #expect(one.dashboardLink == "https://example.org/performance/index.html")

        let two = model(
            emailDataset(
                authorities: [
                    Authority(code: "E06000017", name: "Rutland"), Authority(code: "E10000018", name: "Leicestershire"),
                ],
                siteURL: "https://example.org/performance/"))
        #expect(
            two.authorities.map { $0.indicators[0].link } == [
                "https://example.org/performance/E06000017/indicators/re_referral_rate.html",
                "https://example.org/performance/E10000018/indicators/re_referral_rate.html",
            ])
        #expect(two.defaultSubject == "Children's services: 2 authorities performance to September 2017")

        let none = model(emailDataset(siteURL: nil))
        #expect(
            none.authorities[0].indicators.allSatisfy { $0.link == nil } && none.authorities[0].dashboardLink == nil)
        #expect(!BoardEmailText.render(none, figuresFileName: "f.csv").contains("http"))
    }

    @Test(.enabled(if: ExternalTool.python.shouldRun, ExternalTool.python.skipped))
    func withoutASiteTheHTMLHasNoLinks() throws {
        let parsed = try ParsedMessage(renderEmail(emailDataset(siteURL: nil)).message)
        #expect(!parsed.html.contains("<a "))
        #expect(parsed.headers["From"] == nil && parsed.headers["To"] == nil && parsed.headers["Message-ID"] == nil)
        #expect(parsed.headers["Date"] != nil)
    }
}

@Suite struct BoardEmailHeaderTests {
    @Test(.enabled(if: ExternalTool.python.shouldRun, ExternalTool.python.skipped))
    func dataCannotAddAHeaderAndNonASCIIIsEncoded() throws {
        let dataset = emailDataset(
            authorities: [Authority(code: "W06000001", name: "Ynys Môn\r\nBcc: evil@example.org")],
            title: "Board – performance\nX-Injected: yes")
        let email = try renderEmail(dataset, headers: boardHeaders)
        let parsed = try ParsedMessage(email.message)
        #expect(parsed.headers["Bcc"] == nil && parsed.headers["X-Injected"] == nil)
        #expect(
            parsed.headers["Subject"]
                == "Board – performance X-Injected: yes: Ynys Môn Bcc: evil@example.org performance to September 2017")
        let headerBlock = String(decoding: email.message, as: UTF8.self).components(separatedBy: "\r\n\r\n")[0]
        #expect(headerBlock.contains("Subject: =?UTF-8?B?"))

        let long = String(repeating: "Performance – Ynys Môn 😀 ", count: 12)
        let custom = EmailHeaders(
            from: boardHeaders.from, to: boardHeaders.to, subject: try EmailHeaders.subject(long), date: fixedDate)
        let customParsed = try ParsedMessage(renderEmail(dataset, headers: custom).message)
        #expect(customParsed.headers["Subject"] == long.trimmingCharacters(in: .whitespaces))
    }
}
