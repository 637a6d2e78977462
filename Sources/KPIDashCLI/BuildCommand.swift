import Foundation
import KPIModel
import KPIAnalysis
import KPIRender

/// `kpidash build [DIR] [--out SITE]`: reads the dataset and publishes the site atomically.
struct BuildCommand: Command {
    static let name = "build"
    static let help = """
        Usage: kpidash build [DIR] [options]

        Reads the dataset in DIR (default SampleData) and publishes the dashboard. The new site is
        written beside the old one and swapped in only when complete; a failed build leaves the
        previous site whole.

        Options:
          --out SITE         where to publish (default site)
          --templates DIR    the templates folder (default ./Templates, else the one kpidash was built with)
        \(DatasetOptions.help)
        """
    static let valueOptions = DatasetOptions.valueOptions.union(["--out", "--templates"])
    static let flagOptions: Set<String> = []

    var dataset: DatasetOptions
    var site: String
    var templates: String

    init(_ arguments: ParsedArguments) throws(UsageError) {
        dataset = try DatasetOptions(arguments)
        site = arguments.values["--out"] ?? "site"
        templates = try TemplateFolder.resolve(arguments.values["--templates"])
    }

    func run(_ console: Console) throws(UsageError) -> ExitStatus {
        guard let loaded = dataset.load(console) else { return .dataErrors }
        let analysis = Analysis.analyse(loaded)
        let files: [String: [UInt8]]
        do {
            files = try SiteRenderer(templatesDirectory: templates).render(analysis, dataset: loaded)
        } catch {
            console.err("\(error)")
            return .outputFailure
        }
        do {
            try Publisher.publish(files, to: site)
        } catch {
            console.err("kpidash build: \(error.message)")
            return .outputFailure
        }
        console.err("published \(plural(files.count, "file")) to \(site)/")
        return .success
    }
}

/// Finds the templates a build uses.
enum TemplateFolder {
    /// The folder named on the command line, else `./Templates`, else the package's own
    /// `Templates/` (so `swift run` works from any folder).
    static func resolve(_ explicit: String?) throws(UsageError) -> String {
        var isDirectory: ObjCBool = false
        if let explicit {
            guard FileManager.default.fileExists(atPath: explicit, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw UsageError(message: "no templates folder at \(explicit)")
            }
            return explicit
        }
        if FileManager.default.fileExists(atPath: "Templates/site", isDirectory: &isDirectory), isDirectory.boolValue {
            return "Templates"
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Templates").path
    }
}
