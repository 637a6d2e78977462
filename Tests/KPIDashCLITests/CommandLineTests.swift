import Foundation
import Testing
@testable import KPIDashCLI

@Suite struct CommandLineTests {
    @Test func versionAndHelp() {
        let version = kpidash("--version")
        #expect(version.status == 0)
        #expect(version.out == "kpidash \(KPIDash.version)")
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
        #expect(try! FileManager.default.contentsOfDirectory(atPath: parent) == ["site"])
    }

    @Test func aBrokenTemplateIsAnOutputFailureAndPublishesNothing() throws {
        let site = temporaryDirectory() + "/site"
        #expect(kpidash("build", sampleData, "--out", site, "--templates", templates).status == 0)
        let before = snapshot(site)
        let broken = temporaryDirectory()
        try FileManager.default.copyItem(atPath: templates, toPath: broken + "/Templates")
        try Data("{{#areas}}unclosed".utf8).write(to: URL(fileURLWithPath: broken + "/Templates/site/overview.mustache"))
        let result = kpidash("build", sampleData, "--out", site, "--templates", broken + "/Templates")
        #expect(result.status == 3)
        #expect(result.err.contains("overview"))
        #expect(snapshot(site) == before)
    }
}
