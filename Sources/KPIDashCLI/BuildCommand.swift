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
        let log = StepLog(command: "build", console: console)
        let renderer: SiteRenderer
        do {
            renderer = try SiteRenderer(templatesDirectory: templates)
        } catch {
            console.err("\(error)")
            return .outputFailure
        }
        guard let loaded = log.step("read", { dataset.load(console) }, detail: { "\(plural($0?.observations.count ?? 0, "figure"))" }) else {
            return .dataErrors
        }
        let analysis = log.step("analyse", { Analysis.analyse(loaded) }, detail: { "\(plural($0.authorities.count, "authority", "authorities"))" })
        let files: [String: [UInt8]]
        do {
            files = try log.step("render", { try renderer.render(analysis, dataset: loaded) },
                                 detail: { "\(plural($0.count, "file")), \(megabytes($0.values.reduce(0) { $0 + $1.count }))" })
        } catch {
            console.err("\(error)")
            return .outputFailure
        }
        do {
            try log.step("publish", { () throws(OutputError) in try Publisher.publish(files, to: site) }, detail: { _ in site })
        } catch {
            console.err("kpidash build: \(error.message)")
            return .outputFailure
        }
        log.finish()
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
