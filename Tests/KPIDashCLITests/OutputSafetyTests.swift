import Foundation
import Testing

@testable import KPIDashCLI
@testable import KPIPipeline

/// `--out` never destroys what kpidash did not write: each refusal leaves every file as it was,
/// makes no lock or staging folder, and is decided before the dataset is read.
@Suite struct OutputSafetyTests {
    /// A scratch folder holding a copy of the sample dataset at `data/`.
    private func workspace() -> (root: String, dataset: String) {
        let root = temporaryDirectory()
        let dataset = root + "/data"
        try! FileManager.default.copyItem(atPath: sampleData, toPath: dataset)
        return (root, dataset)
    }

    private func write(_ text: String, to path: String) {
        try! FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Runs `build` and expects it refused with `status`, everything under `root` untouched.
    private func expectBuildRefused(
        _ arguments: [String], status: Int32, root: String, mentioning words: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let before = snapshot(root)
        let names = try! FileManager.default.contentsOfDirectory(atPath: root).sorted()
        let result = kpidash(["build"] + arguments + ["--templates", templates])
        #expect(result.status == status, "\(result.err)", sourceLocation: sourceLocation)
        #expect(result.err.hasPrefix("kpidash build: error: "), sourceLocation: sourceLocation)
        for word in words { #expect(result.err.contains(word), "\(result.err)", sourceLocation: sourceLocation) }
        #expect(snapshot(root) == before, "files changed", sourceLocation: sourceLocation)
        #expect(
            try! FileManager.default.contentsOfDirectory(atPath: root).sorted() == names,
            "a lock or staging folder was made", sourceLocation: sourceLocation)
    }

    @Test func aFolderOfSomeoneElsesFilesIsRefusedWithExitThree() {
        let (root, dataset) = workspace()
        let documents = root + "/Documents"
        write("minutes", to: documents + "/board minutes.docx")
        for name in ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"] { write(name, to: documents + "/notes/" + name) }
        write("x", to: documents + "/z.txt")
        for name in ["p1", "p2", "p3", "p4"] { write(name, to: documents + "/" + name + ".png") }
        expectBuildRefused(
            [dataset, "--out", documents], status: 3, root: root,
            mentioning: [
                "refusing to replace \(documents)", "7 entries",
                "board minutes.docx, notes/, p1.png, p2.png, p3.png and 2 more",
                "--force",
            ])
    }

    @Test func forceReplacesAFolderOfOtherFilesOnlyWhenAsked() {
        let (root, dataset) = workspace()
        let folder = root + "/old-web"
        write("<html>", to: folder + "/index.htm")
        #expect(kpidash("build", dataset, "--out", folder, "--templates", templates).status == 3)
        let forced = kpidash("build", dataset, "--out", folder, "--templates", templates, "--force")
        #expect(forced.status == 0, "\(forced.err)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/index.htm"))
        #expect(FileManager.default.fileExists(atPath: folder + "/index.html"))
    }

    @Test func anEmptyFolderAndAPublishedSiteAreBuiltInto() {
        let (root, dataset) = workspace()
        let site = root + "/site"
        try! FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: false)
        #expect(kpidash("build", dataset, "--out", site, "--templates", templates).status == 0)
        let rebuilt = kpidash("build", dataset, "--out", site, "--templates", templates, "--as-of", "2017-08")
        #expect(rebuilt.status == 0, "\(rebuilt.err)")
        #expect(!rebuilt.err.contains("up to date"))
    }

    @Test func aForgedBuildRecordDoesNotMakeAFolderASite() {
        let (root, dataset) = workspace()
        let folder = root + "/mine"
        write("not a build record", to: folder + "/.kpidash-build")
        write("keep me", to: folder + "/keep.txt")
        expectBuildRefused([dataset, "--out", folder], status: 3, root: root, mentioning: [".kpidash-build, keep.txt"])
    }

    @Test func theDatasetItselfIsRefusedEvenWithForce() {
        let (root, dataset) = workspace()
        expectBuildRefused(
            [dataset, "--out", dataset, "--force"], status: 2, root: root, mentioning: ["is the dataset folder"])
    }

    @Test func aFolderHoldingTheDatasetIsRefused() {
        let (root, dataset) = workspace()
        expectBuildRefused(
            [dataset + "/extracts", "--out", dataset, "--force"], status: 2, root: root,
            mentioning: ["holds the dataset folder \(dataset)/extracts"])
        expectBuildRefused([dataset, "--out", root], status: 2, root: root, mentioning: ["holds the dataset folder"])
    }

    @Test func aSiteInsideTheDatasetIsRefused() {
        let (root, dataset) = workspace()
        expectBuildRefused(
            [dataset, "--out", dataset + "/site"], status: 2, root: root, mentioning: ["is inside the dataset folder"])
    }

    @Test func aSymlinkToTheDatasetIsSeenThrough() throws {
        let (root, dataset) = workspace()
        try FileManager.default.createSymbolicLink(atPath: root + "/published", withDestinationPath: dataset)
        expectBuildRefused(
            [dataset, "--out", root + "/published", "--force"], status: 2, root: root,
            mentioning: ["is the dataset folder"])
        // And the dataset named through a link, the output by its real path.
        expectBuildRefused(
            [root + "/published/extracts", "--out", dataset], status: 2, root: root,
            mentioning: ["holds the dataset folder"])
    }

    @Test func aRelativeDotDotIsResolved() {
        let (root, dataset) = workspace()
        let relative = relativePath(to: dataset + "/extracts") + "/.."
        #expect(!relative.hasPrefix("/"))
        expectBuildRefused(
            [dataset, "--out", relative, "--force"], status: 2, root: root, mentioning: ["is the dataset folder"])
    }

    @Test func theTemplatesFolderIsRefused() throws {
        let (root, dataset) = workspace()
        let copied = root + "/templates"
        try FileManager.default.copyItem(atPath: templates, toPath: copied)
        let before = snapshot(root)
        let result = kpidash("build", dataset, "--out", copied, "--templates", copied, "--force")
        #expect(result.status == 2)
        #expect(result.err.contains("is the templates folder"))
        #expect(snapshot(root) == before)
    }

    /// Checked on the decision alone: a test that ran a build there and failed would delete them.
    @Test func theRootAndTheHomeFolderAreRefused() {
        let protected = OutputSafety.Protected(dataset: sampleData, templates: templates)
        let home = FileManager.default.homeDirectoryForCurrentUser.path
        #expect(OutputSafety.checkSite("/", protecting: protected, force: true)?.status == .usage)
        #expect(OutputSafety.checkSite(home, protecting: protected, force: true)?.status == .usage)
        #expect(
            OutputSafety.checkSite(home + "/kpidash-site-that-does-not-exist", protecting: protected, force: false)
                == nil)
    }

    @Test func emailDoesNotOverwriteAFileKpidashDidNotWrite() throws {
        let (root, dataset) = workspace()
        let letter = root + "/letter.eml"
        write("From: someone\r\n\r\nDear board", to: letter)
        let refused = kpidash("email", dataset, "--out", letter, "--templates", templates)
        #expect(refused.status == 3)
        #expect(refused.err.contains("refusing to overwrite \(letter): it is not a message kpidash wrote"))
        #expect(try String(contentsOfFile: letter, encoding: .utf8) == "From: someone\r\n\r\nDear board")

        let board = root + "/board.eml"
        let date = ["--date", "Tue, 03 Oct 2017 07:00:00 +0100"]
        #expect(kpidash(["email", dataset, "--out", board, "--templates", templates] + date).status == 0)
        #expect(
            kpidash(["email", dataset, "--out", board, "--templates", templates] + date).status == 0,
            "its own message is replaced")
        #expect(kpidash(["email", dataset, "--out", letter, "--templates", templates, "--force"] + date).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: letter)) == Data(contentsOf: URL(fileURLWithPath: board)))
    }

    @Test func emailNeverWritesIntoTheDataset() {
        let (root, dataset) = workspace()
        let before = snapshot(root)
        let result = kpidash(
            "email", dataset, "--out", dataset + "/extracts/board.eml", "--templates", templates, "--force")
        #expect(result.status == 2)
        #expect(result.err.contains("is inside the dataset folder"))
        #expect(snapshot(root) == before)
    }

    /// `target` written relative to the working directory, with `..` steps.
    private func relativePath(to target: String) -> String {
        let from = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).resolvingSymlinksInPath()
            .pathComponents.dropFirst()
        let to = URL(fileURLWithPath: target).resolvingSymlinksInPath().pathComponents.dropFirst()
        let shared = zip(from, to).prefix { $0 == $1 }.count
        return (Array(repeating: "..", count: from.count - shared) + to.dropFirst(shared)).joined(separator: "/")
    }
}
