import Foundation
import KPITestSupport
import Testing
import Toolkit

@testable import MIME

@Suite struct EmailHeaderTests {
    @Test func addressesAreCheckedAndControlCharactersRefused() throws {
        let jo = try EmailAddress(parsing: " Jo Bloggs <jo@example.org> ")
        #expect(jo.displayName == "Jo Bloggs" && jo.address == "jo@example.org" && jo.domain == "example.org")
        #expect(try EmailAddress(parsing: "\"Bloggs, Jo\" <jo@example.org>").displayName == "Bloggs, Jo")
        #expect(
            try EmailAddress.list(parsing: "a@example.org,\"Bloggs, Jo\" <jo@example.org>, ").map(\.address) == [
                "a@example.org", "jo@example.org",
            ])
        for bad in [
            "jo", "jo@", "@example.org", "jo@@example.org", "jo @example.org", "jo@example..org", "jo@-example.org",
            "jo@example.org\r\nBcc: evil@example.org", "jo@example.org>\nBcc: evil@example.org",
            "Jo\u{0}<jo@example.org>", "",
        ] {
            #expect(throws: EmailHeaderError.self, "\(bad.debugDescription)") { try EmailAddress.list(parsing: bad) }
        }
        for bad in ["Hello\r\nBcc: evil@example.org", "Hello\nBcc: evil@example.org", "Hello\u{85}there", "Tab\there"] {
            #expect(throws: EmailHeaderError.self) { try EmailHeaders.subject(bad) }
        }
    }

    @Test func headersFoldWithinTheLineLimit() {
        let folded = EmailHeaders.field(
            "Subject", String(repeating: "word ", count: 60) + String(repeating: "x", count: 100))
        let lines = folded.components(separatedBy: "\r\n").dropLast()
        #expect(lines.count > 3)
        #expect(lines.dropLast().allSatisfy { $0.count <= 78 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(
            folded.replacingOccurrences(of: "\r\n", with: "") == "Subject: " + String(repeating: "word ", count: 60)
                + String(repeating: "x", count: 100))
        let encoded = EmailHeaders.unstructured(String(repeating: "Zoë ", count: 40))
        #expect(
            encoded.split(separator: " ").allSatisfy {
                $0.count <= 75 && $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=")
            })
    }

    @Test func datesAreWrittenAndReadAsRFC5322Says() throws {
        #expect(MessageDate(secondsSinceEpoch: 0).headerText == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(MessageDate(secondsSinceEpoch: 1_507_014_000).headerText == "Tue, 03 Oct 2017 07:00:00 +0000")
        #expect(MessageDate(secondsSinceEpoch: 951_782_400).headerText == "Tue, 29 Feb 2000 00:00:00 +0000")
        let summer = try MessageDate(parsing: "Tue, 3 Oct 2017 08:00 +0100")
        #expect(summer.secondsSinceEpoch == 1_507_014_000 && summer.headerText == "Tue, 03 Oct 2017 08:00:00 +0100")
        #expect(
            try MessageDate(parsing: "31 Dec 2016 23:59:60 -0500").headerText == "Sun, 01 Jan 2017 00:00:00 -0500",
            "a leap second")
        for bad in [
            "yesterday", "31 Feb 2017 00:00 +0000", "Tue, 03 Oct 2017 07:00:00 GMT", "Xyz, 03 Oct 2017 07:00:00 +0000",
            "03 Oct 17 07:00:00 +0000", "03 Oct 2017 24:00:00 +0000",
            "03 Oct 2017 07:00:00 +0100\r\nBcc: x@example.org",
        ] {
            #expect(throws: EmailHeaderError.self, "\(bad.debugDescription)") { try MessageDate(parsing: bad) }
        }
    }
}

@Suite struct TransferEncodingTests {
    @Test func quotedPrintableEscapesWhatRelaysWouldMangle() {
        let encoded = String(
            decoding: TransferEncoding.quotedPrintable("a=b \nFrom the board\ttab\t\nZoë\n"), as: UTF8.self)
        #expect(encoded == "a=3Db=20\r\n=46rom the board\ttab=09\r\nZo=C3=AB\r\n")
        let long = String(
            decoding: TransferEncoding.quotedPrintable(
                String(repeating: "x", count: 75) + "=" + String(repeating: "é", count: 40)), as: UTF8.self)
        let longLines = long.components(separatedBy: "\r\n").dropLast()
        #expect(longLines.allSatisfy { $0.count <= 76 })
        #expect(longLines.dropLast().allSatisfy { $0.hasSuffix("=") }, "soft breaks")
        #expect(!long.contains("=\r\n3D") && !long.contains("=C\r\n"), "an escape is never split by a soft break")
    }

    /// Random text with the awkward characters, decoded by Python's quopri, must come back whole.
    @Test(.enabled(if: ExternalTool.python.shouldRun, ExternalTool.python.skipped))
    func quotedPrintableRoundTripsThroughAnIndependentDecoder() throws {
        var generator = SplitMix64(seed: 20_171_003)
        let alphabet = "ab =\t.é–😀\nF".map(String.init) + ["From "]
        for _ in 0..<40 {
            let text = (0..<Int(generator.next() % 300)).map { _ in
                alphabet[Int(generator.next() % UInt64(alphabet.count))]
            }.joined()
            let encoded = TransferEncoding.quotedPrintable(text)
            #expect(lines(encoded).allSatisfy { $0.count <= 76 && $0.last != 32 && $0.last != 9 })
            let decoded = try runPython(
                "import sys, quopri; sys.stdout.buffer.write(quopri.decodestring(sys.stdin.buffer.read()))",
                input: encoded)
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
