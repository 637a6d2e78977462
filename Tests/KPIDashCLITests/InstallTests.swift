import Foundation
import Testing

@testable import KPIDashCLI
@testable import KPIPipeline

/// kpidash copied anywhere with its templates works from any folder, and never falls back on the
/// folder it was compiled in.
@Suite struct InstallTests {
    /// Runs `binary` with `arguments` from `folder`; the exit status and standard error.
    private func run(_ binary: String, _ arguments: [String], from folder: String) throws -> (
        status: Int32, err: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let said = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: said, as: UTF8.self))
    }

    @Test(.enabled(if: ExternalTool.kpidash.shouldRun, ExternalTool.kpidash.skipped))
    func aCopiedBinaryUsesTheTemplatesBesideIt() throws {
        let root = temporaryDirectory()
        let installed = root + "/opt/kpidash"
        let elsewhere = root + "/home/officer"
        try FileManager.default.createDirectory(atPath: installed, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: try ExternalTool.kpidash.require(), toPath: installed + "/kpidash")

        let without = try run(installed + "/kpidash", ["build", sampleData, "--out", root + "/site"], from: elsewhere)
        #expect(without.status == 2)
        #expect(without.err.contains("no Templates folder beside kpidash"), "\(without.err)")
        #expect(!FileManager.default.fileExists(atPath: root + "/site"))

        try FileManager.default.copyItem(atPath: templates, toPath: installed + "/Templates")
        let with = try run(installed + "/kpidash", ["build", sampleData, "--out", root + "/site"], from: elsewhere)
        #expect(with.status == 0, "\(with.err)")
        #expect(FileManager.default.fileExists(atPath: root + "/site/index.html"))
    }

    @Test func templatesAreFoundBesideTheExecutableThenInShare() throws {
        let root = temporaryDirectory()
        try FileManager.default.createDirectory(atPath: root + "/bin", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            atPath: root + "/share/kpidash/Templates/site", withIntermediateDirectories: true)
        #expect(try TemplateFolder.resolve(nil, executable: root + "/bin/kpidash") == root + "/share/kpidash/Templates")
        try FileManager.default.createDirectory(atPath: root + "/bin/Templates/site", withIntermediateDirectories: true)
        #expect(try TemplateFolder.resolve(nil, executable: root + "/bin/kpidash") == root + "/bin/Templates")
        #expect(
            try TemplateFolder.resolve(root + "/share/kpidash/Templates", executable: root + "/bin/kpidash")
                == root + "/share/kpidash/Templates")
        #expect(throws: UsageError.self) {
            try TemplateFolder.resolve(root + "/nowhere", executable: root + "/bin/kpidash")
        }
    }
}

/// The staleness warning exists for the nightly job whose extracts stopped arriving, which is
/// exactly when its inputs do not change.
@Suite struct StalenessTests {
    @Test func anUnchangedRebuildStillWarnsThatTheExtractsStopped() throws {
        let dataset = temporaryDirectory() + "/data"
        try FileManager.default.copyItem(atPath: sampleData, toPath: dataset)
        let settings = dataset + "/dashboard.json"
        let json = try String(contentsOfFile: settings, encoding: .utf8)
        try json.replacingOccurrences(of: ",\n  \"asOf\": \"2017-09\"", with: "").write(
            toFile: settings, atomically: true, encoding: .utf8)
        let site = temporaryDirectory() + "/site"
        let first = kpidash("build", dataset, "--out", site, "--templates", templates)
        #expect(first.status == 0, "\(first.err)")
        let warning = "\(dataset)/extracts/2017-09.csv:1:1: warning: the newest figures are for September 2017"
        #expect(first.err.contains(warning), "\(first.err)")
        let again = kpidash("build", dataset, "--out", site, "--templates", templates)
        #expect(again.status == 0)
        #expect(again.err.contains("is up to date with its inputs"))
        #expect(again.err.contains(warning), "\(again.err)")
        #expect(kpidash("check", dataset).err.contains(warning))
    }
}
