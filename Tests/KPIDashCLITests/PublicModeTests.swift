import Foundation
import Testing

/// In publishing mode no page, download, summary or email shows a count of 1 to 5, or a figure
/// that would reveal one: checked over the whole output of a real build and a real email.
@Suite struct PublicModeTests {
    /// SampleData with small counts added by team: 3 of 57 re-referrals (the other team and the
    /// whole service, 87 of 470, would give it away by subtraction), and 4 of the 45 special
    /// guardianship discharges.
    func dataset() throws -> String {
        let folder = temporaryDirectory() + "/data"
        try FileManager.default.copyItem(atPath: sampleData, toPath: folder)
        let extra = """
            re_referral_rate,2017-09,E10000018,,3,57,Kestrel Team,
            re_referral_rate,2017-09,E10000018,,54,413,Heron Team,
            sgo_discharges_12m,2017-09,E10000018,4,,,Kestrel Team,
            sgo_discharges_12m,2017-09,E10000018,20,,,Heron Team,
            sgo_discharges_12m,2017-09,E10000018,21,,,Osprey Team,

            """
        let extract = folder + "/extracts/2017-10-teams.csv"
        try ("indicator,period,authority,value,numerator,denominator,breakdown,note\n" + extra)
            .write(toFile: extract, atomically: true, encoding: .utf8)
        return folder
    }

    @Test func noPublishedFileRevealsASmallCount() throws {
        let data = try dataset()
        let open = temporaryDirectory() + "/site"
        #expect(kpidash("build", data, "--out", open, "--templates", templates).status == 0)
        let site = temporaryDirectory() + "/site"
        let built = kpidash("build", data, "--out", site, "--templates", templates, "--public")
        #expect(built.status == 0, "\(built.err)")
        let eml = temporaryDirectory() + "/board.eml"
        let mailed = kpidash(
            "email", data, "--out", eml, "--templates", templates, "--public", "--date",
            "Mon, 13 Nov 2017 09:00:00 +0000")
        #expect(mailed.status == 0, "\(mailed.err)")

        // What would give the small counts away, directly or by subtraction from the whole service.
        let revealing = [
            "Latest: 5.3%, Sep 2017", "Latest: 13.1%, Sep 2017", "Kestrel Team,5.26", "Heron Team,13.07",
            "Kestrel Team,5.263,3,57", "Heron Team,13.075,54,413",
            "Kestrel Team,4,", "Heron Team,20,", "Latest: 4, Sep 2017", "Latest: 20, Sep 2017",
        ]
        // The same build without --public shows every one of them, so each check can fail.
        let openText = snapshot(open).values.map { String(decoding: $0, as: UTF8.self) }.joined()
        for phrase in revealing { #expect(openText.contains(phrase), "the open build lacks \(phrase)") }

        var files = snapshot(site).map { ($0.key, String(decoding: $0.value, as: UTF8.self)) }
        files.append(("board.eml (decoded)", try decodedEmail(eml)))
        for (path, text) in files {
            for phrase in revealing { #expect(!text.contains(phrase), "\(path) contains \(phrase)") }
        }
        let downloads = try String(contentsOfFile: site + "/data/sgo_discharges_12m.csv", encoding: .utf8)
        #expect(downloads.contains("Kestrel Team,,,,suppressed"))
        #expect(downloads.contains("Heron Team,,,,suppressed"))
        let referrals = try String(contentsOfFile: site + "/data/re_referral_rate.csv", encoding: .utf8)
        #expect(referrals.contains("Kestrel Team,,,,suppressed"))
        let quality = try String(contentsOfFile: site + "/quality.html", encoding: .utf8)
        #expect(quality.contains("Suppressed (small numbers)"))
    }

    /// The email's parts decoded (quoted-printable and base64) with Python's email package.
    func decodedEmail(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            """
            import email, sys
            m = email.message_from_binary_file(open(sys.argv[1], 'rb'))
            for part in m.walk():
                if part.get_content_maintype() == 'text':
                    sys.stdout.write(part.get_payload(decode=True).decode('utf-8'))
            """, path,
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: output, as: UTF8.self)
    }
}
