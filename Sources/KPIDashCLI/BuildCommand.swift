import Foundation
import KPIIngest
import KPIModel
import KPIPipeline

/// `kpidash build [DIR] [--out SITE]`: reads the dataset and publishes the site atomically.
struct BuildCommand: Command {
    static let name = "build"
    static let help = """
        Usage: kpidash build [DIR] [options]

        Reads the dataset in DIR (default SampleData) and publishes the dashboard. The new site is
        written beside the old one and swapped in only when complete; a failed build leaves the
        previous site whole. When nothing the site depends on has changed, nothing is written.

        Options:
          --out SITE           where to publish (default site): a new or empty folder, or a site kpidash
                               published; never the dataset, the templates, or a folder holding them
          --force              replace SITE even though it holds files kpidash did not write
          --as-of MONTH        report on an earlier month, such as 2017-06 (default: the latest month)
          --templates DIR      the templates folder (default: Templates beside kpidash, else
                               ../share/kpidash/Templates from it, else ./Templates)
          --lock-timeout SECS  how long to wait for another build publishing to SITE (default 600)
          --jobs N             authorities analysed and rendered at once (default: the number of cores)
        \(DatasetOptions.help)
        """
    static let valueOptions = DatasetOptions.valueOptions.union([
        "--out", "--templates", "--as-of", "--lock-timeout", "--jobs",
    ])
    static let flagOptions = DatasetOptions.flagOptions.union(["--force"])

    var source: DatasetSource
    var target: SiteTarget

    init(_ arguments: ParsedArguments) throws(UsageError) {
        source = try DatasetOptions.source(arguments)
        if let text = arguments.values["--as-of"] {
            guard case .success(let month) = PeriodParser.parseMonth(text) else {
                throw UsageError(message: "--as-of takes a month such as 2017-06, found \"\(text)\"")
            }
            source.asOf = month
        }
        guard let timeout = Double(arguments.values["--lock-timeout"] ?? "600"), timeout >= 0 else {
            throw UsageError(message: "--lock-timeout takes a number of seconds")
        }
        let cores = String(ProcessInfo.processInfo.activeProcessorCount)
        guard let jobs = Int(arguments.values["--jobs"] ?? cores), jobs >= 1 else {
            throw UsageError(message: "--jobs takes a whole number of 1 or more")
        }
        target = SiteTarget(
            site: arguments.values["--out"] ?? "site",
            templates: try TemplateFolder.resolve(arguments.values["--templates"]),
            force: arguments.flags.contains("--force"), lockTimeout: timeout, jobs: jobs)
    }

    func run(_ console: Console) -> ExitStatus {
        Pipeline(command: Self.name, source: source, console: console).build(target)
    }
}

/// Finds the templates a command uses, wherever kpidash is installed.
enum TemplateFolder {
    /// The folder named on the command line; else `Templates/` beside the executable; else
    /// `../share/kpidash/Templates` from it (a `/usr/local` style install); else `./Templates`
    /// (`swift run` from the package). Never a path fixed when kpidash was compiled.
    static func resolve(_ explicit: String?, executable: String = CommandLine.arguments[0]) throws(UsageError) -> String
    {
        if let explicit {
            guard isTemplatesFolder(explicit, needingSite: false) else {
                throw UsageError(message: "no templates folder at \(explicit)")
            }
            return explicit
        }
        let folder = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates = [
            folder.appendingPathComponent("Templates").path,
            folder.appendingPathComponent("../share/kpidash/Templates").standardizedFileURL.path,
            "Templates",
        ]
        guard let found = candidates.first(where: { isTemplatesFolder($0, needingSite: true) }) else {
            throw UsageError(
                message: "no Templates folder beside kpidash, in ../share/kpidash, or here; "
                    + "copy Templates/ beside the kpidash executable, or pass --templates DIR")
        }
        return found
    }

    private static func isTemplatesFolder(_ path: String, needingSite: Bool) -> Bool {
        var isDirectory: ObjCBool = false
        let probe = needingSite ? path + "/site" : path
        return FileManager.default.fileExists(atPath: probe, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
