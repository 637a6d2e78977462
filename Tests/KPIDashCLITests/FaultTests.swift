import Foundation
import Testing

@testable import KPIDashCLI
@testable import KPIPipeline

/// Writes a dataset folder from file texts and returns its path.
private func writeDataset(_ files: [String: String]) -> String {
    let root = temporaryDirectory()
    for (name, text) in files {
        let path = root + "/" + name
        try! FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
    return root
}

/// Thirteen months of two indicators: enough for every page, small enough to build in a blink.
/// `revision` changes one figure, so a second build has new inputs to publish.
private func smallDataset(revision: Int = 0) -> String {
    var extract = "indicator,period,value,numerator,denominator\n"
    for month in 0..<13 {
        let period = String(format: "%04d-%02d", 2016 + (month + 8) / 12, (month + 8) % 12 + 1)
        extract +=
            "re_referral_rate,\(period),,\(70 + month + (month == 12 ? revision : 0)),395\nnew_referrals,\(period),\(380 + month * 3),,\n"
    }
    return writeDataset([
        "dashboard.json": #"{"title": "Fault test", "authority": "E10000018"}"#,
        "indicators.csv":
            "id,name,area,unit,polarity\nre_referral_rate,Re-referrals,First Response,percent,lower\nnew_referrals,Referrals,First Response,count,neutral\n",
        "extracts/2017-09.csv": extract,
    ])
}

/// A published site and the inputs of a different one, so that a faulty build has something new to publish.
private struct PublishedSite {
    let site: String
    let before: [String: Data]
    let changed: String

    init() {
        site = temporaryDirectory() + "/site"
        let first = kpidash("build", smallDataset(), "--out", site, "--templates", templates)
        precondition(first.status == 0, first.err)
        before = snapshot(site)
        changed = smallDataset(revision: 5)
    }

    /// Whole: exactly the files of the last good build, and no staging folder left beside it.
    var isWhole: Bool {
        let parent = (site as NSString).deletingLastPathComponent
        let leftovers =
            (try? FileManager.default.contentsOfDirectory(atPath: parent))?.filter { $0.contains(".staging-") } ?? ["?"]
        return snapshot(site) == before && leftovers.isEmpty
    }

    /// The build that follows a fault publishes the new inputs.
    func nextBuildSucceeds() -> Bool {
        let next = kpidash("build", changed, "--out", site, "--templates", templates)
        guard next.status == 0 else {
            Issue.record("the build after the fault exited \(next.status): \(next.err)")
            return false
        }
        return snapshot(site) != before && snapshot(site)["index.html"] != nil
    }
}

/// How this machine can make a folder read-only to this process: permission bits, except for root,
/// whom they do not stop; for root the immutable attribute, where the file system and `chattr` allow it.
private enum ReadOnlyFolder {
    static let available: Bool =
        geteuid() != 0
        || {
            let probe = temporaryDirectory()
            defer {
                _ = chattr("-i", probe)
                try? FileManager.default.removeItem(atPath: probe)
            }
            return chattr("+i", probe) && mkdir(probe + "/x", 0o755) != 0
        }()

    static func set(_ path: String, readOnly: Bool) {
        if geteuid() != 0 {
            chmod(path, readOnly ? 0o555 : 0o755)
        } else {
            _ = chattr(readOnly ? "+i" : "-i", path)
        }
    }

    private static func chattr(_ flag: String, _ path: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
        process.arguments = [flag, path]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}

@Suite struct FaultTests {
    @Test(
        .enabled(
            if: ReadOnlyFolder.available,
            "running as root without chattr or an immutable-capable file system: no way to make a folder read-only to root"
        ))
    func aReadOnlyOutputFolderIsAnOutputFailure() {
        let published = PublishedSite()
        let parent = (published.site as NSString).deletingLastPathComponent
        ReadOnlyFolder.set(parent, readOnly: true)
        let result = kpidash("build", published.changed, "--out", published.site, "--templates", templates)
        ReadOnlyFolder.set(parent, readOnly: false)
        #expect(result.status == 3)
        #expect(result.err.contains("kpidash build: error: cannot create \(parent)/.site.staging-"), "\(result.err)")
        #expect(published.isWhole)
        #expect(published.nextBuildSucceeds())
    }

    @Test func anOutputPathThatCannotBeAFolderIsAnOutputFailure() throws {
        let published = PublishedSite()
        let file = temporaryDirectory() + "/site"
        try Data("not a site".utf8).write(to: URL(fileURLWithPath: file))
        let fileInTheWay = kpidash("build", published.changed, "--out", file, "--templates", templates)
        #expect(fileInTheWay.status == 3)
        #expect(fileInTheWay.err.contains("--out \(file) is a file, not a folder"), "\(fileInTheWay.err)")
        #expect(FileManager.default.contents(atPath: file) == Data("not a site".utf8))

        let underAFile = kpidash("build", published.changed, "--out", file + "/site", "--templates", templates)
        #expect(underAFile.status == 3)
        #expect(underAFile.err.contains("cannot create the lock file"), "\(underAFile.err)")

        // /proc refuses new folders to everyone, root included.
        let proc = kpidash("build", published.changed, "--out", "/proc/kpidash-site", "--templates", templates)
        #expect(proc.status == 3)
        #expect(published.isWhole)
        #expect(published.nextBuildSucceeds())
    }

    /// RLIMIT_FSIZE stands in for a full disk: the shell sets it and ignores SIGXFSZ, so writes past it fail
    /// with EFBIG as they would with ENOSPC, in a child process that cannot take the test runner down with it.
    @Test(.enabled(if: ExternalTool.kpidash.shouldRun, ExternalTool.kpidash.skipped))
    func aFullDiskIsAnOutputFailure() throws {
        let published = PublishedSite()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            "-c", #"trap '' XFSZ; ulimit -f 16; exec "$0" "$@""#, try ExternalTool.kpidash.require(),
            "build", published.changed, "--out", published.site, "--templates", templates,
        ]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 3, "\(message)")
        #expect(message.contains("File too large"), "\(message)")
        #expect(published.isWhole)
        #expect(published.nextBuildSucceeds())
    }

    /// Two builds started together take turns on the lock: both succeed, and the site is one whole build
    /// published after the other, never a mixture.
    @Test(.enabled(if: ExternalTool.kpidash.shouldRun, ExternalTool.kpidash.skipped))
    func twoBuildsAtOnceTakeTurns() throws {
        let first = smallDataset()
        let second = smallDataset(revision: 5)
        // The quality page tells what changed since the build before, so each order has its own result.
        var expected: [[String: Data]] = []
        for order in [[first, second], [second, first]] {
            let site = temporaryDirectory() + "/site"
            for dataset in order {
                #expect(kpidash("build", dataset, "--out", site, "--templates", templates).status == 0)
            }
            expected.append(snapshot(site))
        }
        let site = temporaryDirectory() + "/site"
        let builds = try [first, second].map { dataset in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try ExternalTool.kpidash.require())
            process.arguments = ["build", dataset, "--out", site, "--templates", templates, "--lock-timeout", "60"]
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for build in builds {
            build.waitUntilExit()
            #expect(build.terminationStatus == 0)
        }
        #expect(expected.contains(snapshot(site)))
    }

    /// The loader keeps data out of file paths; should a path still lead outside the site, it is not written.
    @Test func aFileThatWouldLandOutsideTheSiteIsRefused() throws {
        let folder = temporaryDirectory()
        let staging = try SiteStaging(site: folder + "/site")
        defer { staging.abandon() }
        for path in ["../escaped.html", "E1/../../escaped.html", "/tmp/escaped.html", "a//b.html", "./a.html"] {
            #expect(throws: PipelineError.self, "\(path)") { try staging.add(path, Array("escaped".utf8)) }
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/escaped.html"))
    }

    @Test func aMissingOrUnreadableTemplatesFolderPublishesNothing() throws {
        let published = PublishedSite()
        let missing = kpidash(
            "build", published.changed, "--out", published.site, "--templates", "/nonexistent/templates")
        #expect(missing.status == 2)
        #expect(missing.err.contains("no templates folder at /nonexistent/templates"))

        let empty = temporaryDirectory()
        let noSite = kpidash("build", published.changed, "--out", published.site, "--templates", empty)
        #expect(noSite.status == 3)
        #expect(noSite.err.contains("\(empty)/site: error: the templates folder is missing"))

        let unreadable = try copyOfTemplates()
        try FileManager.default.removeItem(atPath: unreadable + "/site/overview.mustache")
        try FileManager.default.createSymbolicLink(
            atPath: unreadable + "/site/overview.mustache", withDestinationPath: "/nonexistent/overview")
        let unreadableTemplate = kpidash("build", published.changed, "--out", published.site, "--templates", unreadable)
        #expect(unreadableTemplate.status == 3)
        #expect(unreadableTemplate.err.contains("overview.mustache: error: cannot read the template"))

        let noStylesheet = try copyOfTemplates()
        try FileManager.default.removeItem(atPath: noStylesheet + "/assets/style.css")
        let withoutStylesheet = kpidash(
            "build", published.changed, "--out", published.site, "--templates", noStylesheet)
        #expect(withoutStylesheet.status == 3)
        #expect(withoutStylesheet.err.contains("style.css: error: the stylesheet is missing"))

        #expect(published.isWhole)
        #expect(published.nextBuildSucceeds())
    }

    @Test func aTemplateWithAnErrorPublishesNothing() throws {
        let published = PublishedSite()
        let broken = try copyOfTemplates()
        try Data("<p>{{#areas}}{{name}}</p>\n{{/area}}\n".utf8).write(
            to: URL(fileURLWithPath: broken + "/site/overview.mustache"))
        let syntax = kpidash("build", published.changed, "--out", published.site, "--templates", broken)
        #expect(syntax.status == 3)
        #expect(
            syntax.err.contains(
                "\(broken)/site/overview.mustache:2:1: error: '/area' does not match '#areas' opened at 1:4"),
            "\(syntax.err)")

        // A template that includes itself twice would render 2^100 times over without a bound on the whole render.
        let looping = try copyOfTemplates()
        try Data("{{>overview}}{{>overview}}".utf8).write(to: URL(fileURLWithPath: looping + "/site/overview.mustache"))
        let started = Date()
        let recursion = kpidash("build", published.changed, "--out", published.site, "--templates", looping)
        #expect(recursion.status == 3)
        #expect(recursion.err.contains("'overview' is included more than 100 templates deep; does it include itself?"))
        #expect(Date().timeIntervalSince(started) < 10)

        #expect(published.isWhole)
        #expect(published.nextBuildSucceeds())
    }

    /// A copy of the shipped templates, never a link to them, so changing it cannot reach the real ones.
    private func copyOfTemplates() throws -> String {
        let copy = temporaryDirectory() + "/Templates"
        try FileManager.default.copyItem(
            atPath: URL(fileURLWithPath: templates).resolvingSymlinksInPath().path, toPath: copy)
        return copy
    }
}

/// The hostile-input corpus of the ingest tests, read here to build whole sites from it.
private let corpus = packageRoot.appendingPathComponent("Tests/KPIIngestTests/Corpus").path

private func corpusText(_ name: String) throws -> String {
    try String(contentsOfFile: corpus + "/" + name + ".csv", encoding: .utf8)
}

/// The fields of an RFC 4180 text, unquoted: enough to read back a download.
private func csvFields(_ text: String) -> [String] {
    var fields: [String] = []
    var field = ""
    var quoted = false
    var scalars = text.unicodeScalars.makeIterator()
    var pending = scalars.next()
    while let scalar = pending {
        pending = scalars.next()
        switch (scalar, quoted) {
        case ("\"", true) where pending == "\"":
            field.unicodeScalars.append("\"")
            pending = scalars.next()
        case ("\"", _): quoted.toggle()
        case (",", false), ("\n", false):
            fields.append(field)
            field = ""
        case ("\r", false) where pending == "\n": break
        default: field.unicodeScalars.append(scalar)
        }
    }
    return fields
}

@Suite struct HostileSiteTests {
    /// Markup in every text a dataset carries is shown as text on every page and never published as markup;
    /// cells a spreadsheet would run are neutralised in the downloads.
    @Test func markupAndFormulasInTheDataNeverReachThePagesRaw() throws {
        let dataset = writeDataset([
            "dashboard.json": #"{"title": "Board </title><script>alert(1)</script>", "authority": "E10000018"}"#,
            "indicators.csv": try corpusText("injection/markup.indicators"),
            "commentary.csv": try corpusText("injection/markup.commentary"),
            "extracts/2017-09.csv": try corpusText("injection/formula-cells"),
        ])
        let site = temporaryDirectory() + "/site"
        let result = kpidash("build", dataset, "--out", site, "--templates", templates)
        #expect(result.status == 0, "\(result.err)")
        let files = snapshot(site).mapValues { String(decoding: $0, as: UTF8.self) }
        #expect(files.count > 8)
        for (path, text) in files where !path.hasSuffix(".css") {
            for raw in ["<script", "<svg onload", "<img src=x", "href=\"javascript:", "]]>", "-->", "<!--"] {
                #expect(!text.contains(raw), "\(path) holds \(raw)")
            }
        }
        let page = try #require(files["indicators/re_referral_rate.html"])
        #expect(page.contains("Re-referrals &lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.contains("&lt;a href=&quot;javascript:alert(1)&quot;&gt;details&lt;/a&gt; ]]&gt; --&gt;"))
        #expect(
            try #require(files["indicators/caseload.html"]).contains(
                String(repeating: "Long name ", count: 1_023) + "Long name"))

        let summary = try #require(files["data/summary.json"])
        #expect(!summary.contains("<") && !summary.contains(">"), "summary.json holds markup")
        let json = try JSONSerialization.jsonObject(with: Data(summary.utf8)) as? [String: Any]
        let indicators = (json?["authorities"] as? [[String: Any]])?.first?["indicators"] as? [[String: Any]]
        #expect(indicators?.first?["name"] as? String == "Re-referrals <script>alert(1)</script>")

        let download = try #require(files["data/re_referral_rate.csv"])
        let cells = csvFields(download) + csvFields(try #require(files["data/new_referrals.csv"]))
        for formula in [
            "=HYPERLINK(\"http://evil.example\",\"click\")", "=1+1", "+cmd|' /C calc'!A0", "@SUM(A1)", "-2+3",
            "\rCR note", "=1",
        ] {
            #expect(cells.contains("'" + formula), "\(formula.debugDescription) is not neutralised")
        }
        let risky = cells.filter { cell in
            guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return false }
            return Double(cell) == nil
        }
        #expect(risky == [])
    }

    /// The domain corpus as a board sees it: too few points for SPC, a constant series, and counts of 1 to 5.
    @Test func shortConstantAndSmallSeries() throws {
        let dataset = writeDataset([
            "dashboard.json": #"{"authority": "E10000018"}"#,
            "indicators.csv": "id,name,area,unit,polarity\nre_referral_rate,Re-referrals,First Response,percent,lower\n"
                + "caseload,Average caseload,Workforce,number,band\nnew_referrals,Referrals,First Response,count,neutral\n",
            "extracts/a.csv": try corpusText("domain/too-few-points"),
            "extracts/b.csv": try corpusText("domain/constant-series"),
            "extracts/c.csv": try corpusText("domain/small-counts"),
        ])
        func latest(_ arguments: String...) throws -> [String: [String: Any]] {
            let site = temporaryDirectory() + "/site"
            let result = KPIDash.run(
                ["build", dataset, "--out", site, "--templates", templates] + arguments, console: Captured().console)
            #expect(result == 0)
            let json =
                try JSONSerialization.jsonObject(
                    with: Data(contentsOf: URL(fileURLWithPath: site + "/data/summary.json"))) as? [String: Any]
            let indicators = try #require(
                (json?["authorities"] as? [[String: Any]])?.first?["indicators"] as? [[String: Any]])
            return Dictionary(uniqueKeysWithValues: indicators.map { ($0["id"] as! String, $0) })
        }
        let published = try latest()
        #expect(published["re_referral_rate"]?["spc"] is NSNull)
        let constant = try #require(published["caseload"]?["spc"] as? [String: Any])
        #expect(constant["points"] as? Int == 15)
        #expect([constant["mean"], constant["lower"], constant["upper"]].map { $0 as? Double } == [18, 18, 18])
        #expect(constant["signal"] as? String == "common_cause")
        #expect(published["new_referrals"]?["value"] as? Double == 3)
        #expect(published["new_referrals"]?["status"] as? String == "ok")

        let publicMode = try latest("--public")
        #expect(publicMode["new_referrals"]?["value"] is NSNull)
        #expect(publicMode["new_referrals"]?["status"] as? String == "suppressed")
    }

    /// A figure dated after the current month cannot be real, and would become the dashboard's month.
    @Test func aFigureDatedInTheFutureStopsTheBuild() throws {
        let dataset = writeDataset([
            "dashboard.json": #"{"authority": "E10000018"}"#,
            "indicators.csv":
                "id,name,area,unit,polarity\nre_referral_rate,Re-referrals,First Response,percent,lower\n",
            "extracts/2017-09.csv": try corpusText("periods/future-month"),
        ])
        let check = kpidash("check", dataset)
        #expect(check.status == 1)
        let now = Staleness.month(of: Date()).longName
        #expect(
            check.err.hasPrefix(
                "\(dataset)/extracts/2017-09.csv:3:1: error: a figure for September 2071, after the current month (\(now))"
            ), "\(check.err)")
        let site = temporaryDirectory() + "/site"
        #expect(kpidash("build", dataset, "--out", site, "--templates", templates).status == 1)
        #expect(!FileManager.default.fileExists(atPath: site))
    }
}
