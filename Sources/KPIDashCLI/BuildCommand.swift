import Foundation
import KPIModel
import KPIAnalysis
import KPIRender
import KPIIngest

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
          --templates DIR      the templates folder (default ./Templates, else the one kpidash was built with)
          --lock-timeout SECS  how long to wait for another build publishing to SITE (default 600)
          --jobs N             authorities analysed and rendered at once (default: the number of cores)
        \(DatasetOptions.help)
        """
    static let valueOptions = DatasetOptions.valueOptions.union(["--out", "--templates", "--as-of", "--lock-timeout", "--jobs"])
    static let flagOptions = DatasetOptions.flagOptions.union(["--force"])

    var dataset: DatasetOptions
    var site: String
    var templates: String
    var asOf: Month?
    var lockTimeout: Double
    var jobs: Int
    var force: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        dataset = try DatasetOptions(arguments)
        site = arguments.values["--out"] ?? "site"
        force = arguments.flags.contains("--force")
        templates = try TemplateFolder.resolve(arguments.values["--templates"])
        if let text = arguments.values["--as-of"] {
            guard case .success(let month) = PeriodParser.parseMonth(text) else {
                throw UsageError(message: "--as-of takes a month such as 2017-06, found \"\(text)\"")
            }
            asOf = month
        }
        guard let timeout = Double(arguments.values["--lock-timeout"] ?? "600"), timeout >= 0 else {
            throw UsageError(message: "--lock-timeout takes a number of seconds")
        }
        lockTimeout = timeout
        guard let jobs = Int(arguments.values["--jobs"] ?? String(ProcessInfo.processInfo.activeProcessorCount)), jobs >= 1 else {
            throw UsageError(message: "--jobs takes a whole number of 1 or more")
        }
        self.jobs = jobs
    }

    func run(_ console: Console) throws(UsageError) -> ExitStatus {
        let protected = OutputSafety.Protected(dataset: dataset.directory, templates: templates)
        if let refusal = OutputSafety.checkSite(site, protecting: protected, force: force) {
            console.err("kpidash build: error: \(refusal.rendered)")
            return refusal.status
        }
        let lock: BuildLock
        do {
            lock = try BuildLock(site: site, timeout: lockTimeout, console: console)
        } catch {
            console.err("kpidash build: \(error.message)")
            return .outputFailure
        }
        defer { lock.release() }

        let log = StepLog(command: "build", console: console)
        let fingerprint = InputFingerprint.compute(dataset: dataset.directory, templates: templates,
                                                   options: ["as-of \(asOf?.description ?? "latest")", "encoding \(dataset.load.encoding)",
                                                             "public \(dataset.publicMode)"])
        let previous = FileManager.default.contents(atPath: site + "/" + BuildRecord.fileName)
            .flatMap { BuildRecord(parsing: String(decoding: $0, as: UTF8.self)) }
        if previous?.fingerprint == fingerprint {
            console.err("kpidash build: \(site) is up to date with its inputs; nothing written")
            return .success
        }
        let renderer: SiteRenderer
        do {
            renderer = try SiteRenderer(templatesDirectory: templates)
        } catch {
            console.err("\(error)")
            return .outputFailure
        }
        guard var loaded = log.step("read", { dataset.load(console) }, detail: { "\(plural($0?.observations.count ?? 0, "figure"))" }) else {
            return .dataErrors
        }
        if let asOf { loaded.settings.asOf = asOf }
        if let stale = Staleness.warning(for: loaded, folder: dataset.directory, today: Date()) {
            console.err(stale.rendered)
        }
        let settings = loaded.settings
        // The dataset is handed over, so its rows are freed once indexed: a national build's peak memory.
        var handedOver: Dataset? = consume loaded
        let analysis = log.step("analyse", { Analysis.analyse(handedOver.take()!, workers: jobs) }, detail: { "\(plural($0.authorities.count, "authority", "authorities"))" })
        do {
            let staging = try SiteStaging(site: site)
            // The shared files, then per authority a page and a download per indicator, a page per area, the overview and quality pages.
            let expected = analysis.authorities.reduce(analysis.authorities.count > 1 ? 4 : 3) { total, authority in
                total + authority.indicators.count * 2 + Set(authority.indicators.map(\.indicator.area)).count + 2
            }
            let progress = ProgressBar(total: expected, label: "rendering", console: console)
            do {
                _ = try log.step("render", {
                    defer { progress.finish() }
                    return try renderer.render(analysis, settings: settings, fingerprint: fingerprint, previous: previous, workers: jobs,
                                               emit: { path, bytes in
                                                   try staging.add(path, bytes)
                                                   progress.advance()
                                               })
                }, detail: { "\(plural($0.files, "file")), \(megabytes($0.bytes)), each written as it is rendered" })
            } catch {
                staging.abandon()
                throw error
            }
            _ = try log.step("publish", { () throws(OutputError) in try staging.finish() }, detail: { report in
                report.unchanged ? "no file changed; nothing written"
                    : "\(plural(report.written, "file")) written, \(report.kept) unchanged, \(report.removed) removed, in \(site)"
            })
        } catch let error as OutputError {
            console.err("kpidash build: \(error.message)")
            return .outputFailure
        } catch {
            console.err("\(error)")
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
