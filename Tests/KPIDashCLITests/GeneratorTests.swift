import Foundation
import Testing

@testable import kpidash_national

/// The benchmark compares runs only if the national dataset generator is deterministic.
@Suite struct GeneratorTests {
    /// Every file of a small generated dataset by name, and the extract's row count.
    func generate(seed: UInt64) throws -> (files: [String: Data], rows: Int?) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kpidash-national-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let options = try GeneratorOptions([
            folder.path, "--seed", String(seed),
            "--authorities", "5", "--indicators", "6", "--months", "24",
        ])
        let written = try NationalDataset(options: options).write()
        var files: [String: Data] = [:]
        for file in written { files[file.name] = try Data(contentsOf: folder.appendingPathComponent(file.name)) }
        return (files, written.first { $0.name == "extracts/national.csv" }?.rows)
    }

    @Test func theSameSeedGivesIdenticalFilesAndAnotherSeedDoesNot() throws {
        let (first, rows) = try generate(seed: 7)
        #expect(first.count >= 7)
        #expect(first == (try generate(seed: 7).files))
        #expect(first != (try generate(seed: 8).files))
        #expect(rows == 5 * 6 * 24)
    }

    /// What it generates is a valid dataset: kpidash reads it without an error.
    @Test func theGeneratedDatasetPassesCheck() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kpidash-national-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try NationalDataset(
            options: GeneratorOptions([folder.path, "--authorities", "4", "--indicators", "8", "--months", "30"])
        ).write()
        let result = kpidash("check", folder.path)
        #expect(result.status == 0, "\(result.err)")
    }
}
