import Foundation
import Testing

@testable import KPIDashCLI
@testable import KPIPipeline

@Suite struct CommandLineTests {
    @Test func versionAndHelp() {
        let version = kpidash("--version")
        #expect(version.status == 0)
        #expect(version.out == "kpidash \(Pipeline.version)")
        let help = kpidash("build", "--help")
        #expect(help.status == 0)
        #expect(help.out.contains("Usage: kpidash build [DIR]"))
        #expect(kpidash("check", "--help").out.contains("Usage: kpidash check [DIR]"))
    }

    @Test func usageErrorsExitTwo() {
        #expect(kpidash().status == 2)
        let unknown = kpidash("publish")
        #expect(unknown.status == 2)
        #expect(unknown.err.contains("unknown command \"publish\""))
        let option = kpidash("check", "--colour")
        #expect(option.status == 2)
        #expect(option.err.contains("unknown option --colour"))
        #expect(kpidash("check", "a", "b").status == 2)
        #expect(kpidash("build", "--out").err.contains("--out needs a value"))
        #expect(kpidash("check", "--encoding", "latin9").status == 2)
    }

    @Test func checkReportsEveryProblemAndExitsOne() {
        let result = kpidash("check", tenMistakes)
        #expect(result.status == 1)
        let errorLines = result.err.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errorLines.count == 10)
        #expect(result.err.hasSuffix("10 errors, 0 warnings"))
        #expect(result.out.isEmpty)
    }

    @Test func checkAcceptsTheSampleData() {
        let result = kpidash("check", sampleData)
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains("no errors"))
    }

    @Test func aMissingDatasetIsADataError() {
        let result = kpidash("check", "/nonexistent/kpidash-dataset")
        #expect(result.status == 1)
        #expect(result.err.hasPrefix("/nonexistent/kpidash-dataset:1:1: error: no dataset folder here"))
    }
}

@Suite struct PublishingTests {
    @Test func twoBuildsOfTheSameInputsAreByteIdentical() {
        let first = temporaryDirectory() + "/site"
        let second = temporaryDirectory() + "/site"
        #expect(kpidash("build", sampleData, "--out", first, "--templates", templates).status == 0)
        #expect(kpidash("build", sampleData, "--out", second, "--templates", templates).status == 0)
        let a = snapshot(first)
        #expect(a.count > 10)
        #expect(a == snapshot(second))
    }

    @Test func aFailedBuildLeavesThePreviousSiteWhole() {
        let site = temporaryDirectory() + "/site"
        #expect(kpidash("build", sampleData, "--out", site, "--templates", templates).status == 0)
        let before = snapshot(site)
        let failed = kpidash("build", tenMistakes, "--out", site, "--templates", templates)
        #expect(failed.status == 1)
        #expect(snapshot(site) == before)
        let parent = (site as NSString).deletingLastPathComponent
        #expect(try! FileManager.default.contentsOfDirectory(atPath: parent).sorted() == [".site.lock", "site"])
    }

    @Test func aBrokenTemplateIsAnOutputFailureAndPublishesNothing() throws {
        let site = temporaryDirectory() + "/site"
        #expect(kpidash("build", sampleData, "--out", site, "--templates", templates).status == 0)
        let before = snapshot(site)
        let broken = temporaryDirectory()
        // Copies the files, never a link to them, so the broken template cannot reach the real one.
        try FileManager.default.copyItem(
            atPath: URL(fileURLWithPath: templates).resolvingSymlinksInPath().path, toPath: broken + "/Templates")
        try Data("{{#areas}}unclosed".utf8).write(
            to: URL(fileURLWithPath: broken + "/Templates/site/overview.mustache"))
        let result = kpidash("build", sampleData, "--out", site, "--templates", broken + "/Templates")
        #expect(result.status == 3)
        #expect(result.err.contains("overview"))
        #expect(snapshot(site) == before)
    }
}

@Suite struct NightlyBuildTests {
    /// Modification times and inode numbers of every file, to prove nothing was rewritten.
    func stamps(_ root: String) -> [String: String] {
        var result: [String: String] = [:]
        for path in Publisher.listFiles(root) {
            var info = stat()
            stat(root + "/" + path, &info)
            result[path] = "\(info.st_ino) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        }
        return result
    }

    @Test func anUnchangedRebuildWritesNothingAndSaysSo() {
        let site = temporaryDirectory() + "/site"
        #expect(kpidash("build", sampleData, "--out", site, "--templates", templates).status == 0)
        let before = stamps(site)
        let again = kpidash("build", sampleData, "--out", site, "--templates", templates)
        #expect(again.status == 0)
        #expect(again.err.contains("is up to date with its inputs; nothing written"))
        #expect(stamps(site) == before)
    }

    @Test func aRebuildWithNewInputsRewritesOnlyWhatChanged() throws {
        let copy = temporaryDirectory() + "/data"
        try FileManager.default.copyItem(atPath: sampleData, toPath: copy)
        let site = temporaryDirectory() + "/site"
        #expect(kpidash("build", copy, "--out", site, "--templates", templates).status == 0)
        let before = stamps(site)
        // Only the commentary changes, which only the indicator pages show.
        let commentary = copy + "/commentary.csv"
        let text = try String(contentsOfFile: commentary, encoding: .utf8)
        try (text + "re_referral_rate,2017-09,An added note.,,,\n").write(
            toFile: commentary, atomically: true, encoding: .utf8)
        let result = kpidash("build", copy, "--out", site, "--templates", templates)
        #expect(result.status == 0, "\(result.err)")
        let after = stamps(site)
        let rewritten = after.keys.filter { after[$0] != before[$0] }.sorted()
        #expect(rewritten.contains("indicators/re_referral_rate.html"))
        #expect(rewritten.contains(".kpidash-build"))
        #expect(!rewritten.contains("index.html"))
        #expect(!rewritten.contains("assets/style.css"))
        #expect(rewritten.count < after.count / 2)
    }

    @Test func aSecondBuildWaitsForTheLockAndThenGivesUpClearly() throws {
        let site = temporaryDirectory() + "/site"
        let holder = try BuildLock(site: site, timeout: 0, console: Captured().console)
        defer { holder.release() }
        let blocked = kpidash("build", sampleData, "--out", site, "--templates", templates, "--lock-timeout", "0.3")
        #expect(blocked.status == 3)
        #expect(blocked.err.contains("another kpidash build is publishing to \(site)"))
        #expect(!FileManager.default.fileExists(atPath: site))
    }

    @Test func asOfRebuildsAnEarlierMonth() throws {
        let site = temporaryDirectory() + "/site"
        #expect(kpidash("build", sampleData, "--out", site, "--templates", templates, "--as-of", "2017-03").status == 0)
        let summary = try String(contentsOfFile: site + "/data/summary.json", encoding: .utf8)
        #expect(summary.contains("\"asOf\": \"2017-03\""))
        #expect(kpidash("build", sampleData, "--as-of", "March").status == 2)
    }
}

@Suite struct ParallelBuildTests {
    /// Several authorities built four at a time give the same bytes as one at a time.
    @Test func parallelOutputEqualsSequential() throws {
        let dataset = temporaryDirectory() + "/data"
        try FileManager.default.copyItem(atPath: sampleData, toPath: dataset)
        // Copy Leicestershire's extracts under its ten neighbours' codes, each changed a little.
        let neighbours = ["E10000031", "E10000034", "E10000028", "E10000013", "E10000021"]
        for (offset, code) in neighbours.enumerated() {
            for name in try FileManager.default.contentsOfDirectory(atPath: dataset + "/extracts")
            where name.hasPrefix("2017") {
                let text = try String(contentsOfFile: dataset + "/extracts/" + name, encoding: .utf8)
                let copied = text.replacingOccurrences(of: "E10000018", with: code)
                    .replacingOccurrences(of: ",18.5,", with: ",\(18 + offset).5,")
                try copied.write(
                    toFile: dataset + "/extracts/" + name.replacingOccurrences(of: ".csv", with: "-\(code).csv"),
                    atomically: true, encoding: .utf8)
            }
        }
        let sequential = temporaryDirectory() + "/site"
        let parallel = temporaryDirectory() + "/site"
        let one = kpidash("build", dataset, "--out", sequential, "--templates", templates, "--jobs", "1")
        #expect(one.status == 0, "\(one.err)")
        #expect(kpidash("build", dataset, "--out", parallel, "--templates", templates, "--jobs", "4").status == 0)
        let files = snapshot(sequential)
        #expect(files.keys.contains("E10000031/index.html"))
        #expect(files == snapshot(parallel))
    }
}
