import Foundation
import KPIIngest
import KPIModel
import Testing

@testable import kpidash_national

/// The benchmark compares runs only if the national dataset generator is deterministic, and measures
/// the layout councils have only if it writes that layout.
@Suite struct GeneratorTests {
    /// Every file of a small generated dataset by name, and the rows of its extracts.
    func generate(seed: UInt64, layout: String) throws -> (files: [String: Data], rows: Int) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kpidash-national-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let options = try GeneratorOptions([
            folder.path, "--seed", String(seed), "--layout", layout,
            "--authorities", "5", "--indicators", "6", "--months", "24",
        ])
        let written = try NationalDataset(options: options).write()
        var files: [String: Data] = [:]
        for file in written { files[file.name] = try Data(contentsOf: folder.appendingPathComponent(file.name)) }
        return (files, written.filter { $0.name.hasPrefix("extracts/") }.reduce(0) { $0 + $1.rows })
    }

    @Test(arguments: ["monthly", "single"])
    func theSameSeedGivesIdenticalFilesAndAnotherSeedDoesNot(layout: String) throws {
        let first = try generate(seed: 7, layout: layout).files
        #expect(first.count >= 7)
        #expect(first == (try generate(seed: 7, layout: layout).files))
        #expect(first != (try generate(seed: 8, layout: layout).files))
    }

    @Test func theSingleLayoutIsOneExtractOfEveryFigure() throws {
        let (files, rows) = try generate(seed: 7, layout: "single")
        #expect(files.keys.filter { $0.hasPrefix("extracts/") } == ["extracts/national.csv"])
        #expect(rows == 5 * 6 * 24)
    }

    /// As councils keep them: `extracts/2023-04.csv` and so on, every field quoted, and each month's
    /// file restating some figures of the month before.
    @Test func theMonthlyLayoutIsAQuotedFileAMonthThatRevisesTheMonthBefore() throws {
        let (files, rows) = try generate(seed: 7, layout: "monthly")
        let extracts = files.keys.filter { $0.hasPrefix("extracts/") }.sorted()
        #expect(extracts.count == 24)
        #expect(extracts.first == "extracts/2023-04.csv" && extracts.last == "extracts/2025-03.csv")
        let firstLine = String(decoding: files["extracts/2023-05.csv"]!.prefix { $0 != 0x0D }, as: UTF8.self)
        #expect(firstLine == #""indicator","period","authority","value","numerator","denominator","breakdown","note""#)
        #expect(rows > 5 * 6 * 24)
    }

    /// What it generates is a valid dataset: kpidash reads it without an error, one figure per series
    /// and month, with the restated figures reported as revisions by the file of the month after.
    @Test(arguments: ["monthly", "single"])
    func theGeneratedDatasetPassesCheck(layout: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kpidash-national-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = [folder.path, "--layout", layout, "--authorities", "4", "--indicators", "8", "--months", "30"]
        _ = try NationalDataset(options: GeneratorOptions(arguments)).write()
        let result = kpidash("check", folder.path)
        #expect(result.status == 0, "\(result.err)")
        let dataset = try DatasetLoader.load(directory: folder.path).get()
        #expect(dataset.observations.count == 4 * 8 * 30)
        if layout == "monthly" {
            #expect(!dataset.revisions.isEmpty)
            for revision in dataset.revisions {
                #expect(revision.later.source.file.hasSuffix("/\(revision.month.adding(months: 1)).csv"))
            }
        } else {
            #expect(dataset.revisions.isEmpty)
        }
    }
}
