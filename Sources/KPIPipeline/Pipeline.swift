import Foundation
import KPIAnalysis
import KPIIngest
import KPIModel
import KPIRender
import MIME
import Toolkit

/// The dataset a command reads, and how.
public struct DatasetSource: Sendable {
    public var directory: String
    public var load: LoadOptions
    /// Publishing mode: counts of 1 to 5 suppressed (also set by the dataset's own settings).
    public var publicMode: Bool
    /// Report on an earlier month than the latest.
    public var asOf: Month?

    public init(directory: String, load: LoadOptions = LoadOptions(), publicMode: Bool = false, asOf: Month? = nil) {
        self.directory = directory
        self.load = load
        self.publicMode = publicMode
        self.asOf = asOf
    }
}

/// Where and how `build` publishes the site.
public struct SiteTarget: Sendable {
    public var site: String
    public var templates: String
    /// Replace a folder holding files kpidash did not write.
    public var force: Bool
    /// Seconds to wait for another build publishing to the same site.
    public var lockTimeout: Double
    /// Authorities analysed and rendered at once.
    public var jobs: Int

    public init(site: String, templates: String, force: Bool = false, lockTimeout: Double = 600, jobs: Int = 1) {
        self.site = site
        self.templates = templates
        self.force = force
        self.lockTimeout = lockTimeout
        self.jobs = jobs
    }
}

/// Where the board email goes: a file, a mail system, or both.
public struct EmailTarget: Sendable {
    public enum Delivery: Sendable {
        /// `sendmail -t -i`, which takes the recipients from the message.
        case sendmail
        /// SMTP, with the envelope sender; the recipients are the message's.
        case smtp(SMTPClient, sender: String)
    }

    public var templates: String
    public var output: String?
    /// Overwrite an `output` that is not a message kpidash wrote.
    public var force: Bool
    public var delivery: Delivery?
    public var headers: EmailHeaders

    public init(templates: String, output: String?, force: Bool, delivery: Delivery?, headers: EmailHeaders) {
        self.templates = templates
        self.output = output
        self.force = force
        self.delivery = delivery
        self.headers = headers
    }
}

/// Every command's stages, in order, in this one file:
///
///     read → validate dates and staleness → suppress → analyse → render → publish or deliver
///
/// `check` stops once the dataset is read and validated; `build` renders the site and publishes
/// it atomically; `email` renders the board email and writes or delivers it. The command line
/// only turns options into a `DatasetSource` and a target. Problems in the data are printed as
/// `Diagnostic`s; every other failure is a `PipelineError`, printed in one place (`run`).
public struct Pipeline {
    public static let version = "0.1.0"

    let command: String
    let source: DatasetSource
    let console: Console
    /// Decides future figures and staleness.
    let today: Date
    let log: StepLog

    public init(command: String, source: DatasetSource, console: Console, today: Date = Date()) {
        self.command = command
        self.source = source
        self.console = console
        self.today = today
        log = StepLog(command: command, console: console)
    }

    // MARK: - Commands

    /// Reads and validates the dataset and says what it holds.
    public func check() -> ExitStatus {
        guard let (dataset, _) = read(logged: false) else { return .dataErrors }
        let months = dataset.observations.lazy.map(\.month).distinctValues().sorted()
        let authorities = dataset.observations.lazy.map(\.authority).distinctValues().count
        var summary =
            "\(source.directory): \(plural(dataset.indicators.count, "indicator")), "
            + "\(plural(authorities, "authority", "authorities")), \(plural(dataset.observations.count, "figure"))"
        if let first = months.first, let last = months.last {
            // Quarterly and yearly figures are held at their last month: counted as periods, not months.
            let monthly = dataset.indicators.allSatisfy { $0.frequency == .month }
            summary += ", \(plural(months.count, monthly ? "month" : "period")) (\(first) to \(last))"
        }
        console.out(summary + "; no errors")
        return .success
    }

    /// Publishes the site, or, when nothing it depends on changed, says so and writes nothing.
    public func build(_ target: SiteTarget) -> ExitStatus {
        run { () throws(PipelineError) in
            // Before any lock, staging folder or read: a refused --out leaves every file as it was.
            // Every later step uses the one real path the check resolved.
            var target = target
            target.site = try OutputSafety.siteFolder(
                target.site, protecting: protected(target.templates), force: target.force)
            let lock = try BuildLock(site: target.site, timeout: target.lockTimeout, console: console)
            defer { lock.release() }
            let fingerprint = InputFingerprint.compute(
                dataset: source.directory, templates: target.templates,
                options: [
                    "as-of \(source.asOf?.description ?? "latest")", "encoding \(source.load.encoding)",
                    "public \(source.publicMode)",
                ])
            let previous = FileManager.default.contents(atPath: target.site + "/" + BuildRecord.fileName)
                .flatMap { BuildRecord(parsing: String(decoding: $0, as: UTF8.self)) }
            if let previous, previous.fingerprint == fingerprint {
                // Unchanged inputs are exactly what a nightly job sees when the extracts stop arriving.
                report(
                    Staleness.warning(for: previous.newest, folder: source.directory, today: today).map { [$0] } ?? [])
                console.err("kpidash build: \(target.site) is up to date with its inputs; nothing written")
                return .success
            }
            let renderer = try templates { () throws in try SiteRenderer(templatesDirectory: target.templates) }
            guard let (dataset, newest) = read() else { return .dataErrors }
            let settings = dataset.settings
            // The dataset is handed over, so its rows are freed once indexed: a national build's peak memory.
            var handedOver: Dataset? = consume dataset
            let analysis = log.step(
                "analyse", { Analysis.analyse(handedOver.take()!, workers: target.jobs) },
                detail: { "\(plural($0.authorities.count, "authority", "authorities"))" })
            let record = BuildRecord(fingerprint: fingerprint, newest: newest, analysis: analysis)
            // Per authority a page and a download per indicator, a page per area, the overview and
            // quality pages, and the plan's overview and a page per recommendation; then the
            // stylesheet, the summary and, with several authorities, their index.
            let files = analysis.authorities.reduce(analysis.authorities.count > 1 ? 3 : 2) { total, authority in
                let planPages = authority.plan.map { 1 + $0.items.count { $0.isTopLevel } } ?? 0
                return total + authority.indicators.count * 2 + Set(authority.indicators.map(\.indicator.area)).count
                    + 2
                    + planPages
            }
            try publish(target, record: record, files: files) { emit in
                try renderer.render(analysis, settings: settings, previous: previous, workers: target.jobs, emit: emit)
            }
            return .success
        }
    }

    /// Makes the board email, then writes it to a file, delivers it, or both.
    public func email(_ target: EmailTarget) -> ExitStatus {
        run { () throws(PipelineError) in
            let output = try target.output.map { output throws(PipelineError) in
                try OutputSafety.messageFile(output, protecting: protected(target.templates), force: target.force)
            }
            let renderer = try templates { () throws in try BoardEmail(templatesDirectory: target.templates) }
            guard let (dataset, _) = read() else { return .dataErrors }
            let (analysis, lastMonth) = log.step(
                "analyse", { Self.analyseWithTheMonthBefore(dataset) },
                detail: { "\(plural($0.0.authorities.count, "authority", "authorities"))" })
            let email = try log.step(
                "render",
                { () throws(PipelineError) in
                    try templates { () throws in
                        try renderer.render(
                            analysis, lastMonth: lastMonth, settings: dataset.settings, headers: target.headers)
                    }
                },
                detail: {
                    "\(plural($0.message.count, "byte")), HTML \(plural($0.htmlByteCount, "byte")), \(plural($0.imageCount, "chart"))"
                })
            if email.htmlByteCount > 100_000 {
                console.err(
                    "kpidash email: warning: the HTML is \(email.htmlByteCount / 1000) KB; Gmail clips messages over about 100 KB"
                )
            }
            if let output {
                try log.step(
                    "write", { () throws(PipelineError) in try Publisher.writeAtomically(email.message, to: output) },
                    detail: { _ in output })
            }
            if let delivery = target.delivery {
                _ = try log.step(
                    "deliver",
                    { () throws(PipelineError) in try deliver(email.message, by: delivery, headers: target.headers) },
                    detail: { $0 })
            }
            log.finish()
            return .success
        }
    }

    // MARK: - Stages

    /// Read, validate dates and staleness, suppress: the dataset every later stage sees, with the
    /// newest month it holds; nil when it has errors. Prints every problem, then the counts.
    func read(logged: Bool = true) -> (Dataset, BuildRecord.Newest?)? {
        let body = { () -> (Dataset, BuildRecord.Newest?)? in
            switch DatasetLoader.load(directory: source.directory, options: source.load) {
            case .failure(let failure):
                report(failure.diagnostics)
                return nil
            case .success(var dataset):
                if let asOf = source.asOf { dataset.settings.asOf = asOf }
                let future = Staleness.futureFigures(in: dataset, today: today)
                let newest = Staleness.newest(in: dataset, folder: source.directory)
                let stale =
                    future.isEmpty ? Staleness.warning(for: newest, folder: source.directory, today: today) : nil
                report((dataset.warnings + future + (stale.map { [$0] } ?? [])).sorted(by: Diagnostic.ordered))
                guard future.isEmpty else { return nil }
                if source.publicMode || dataset.settings.suppressSmallCounts {
                    dataset = SmallNumberSuppression.apply(to: dataset)
                }
                return (dataset, newest)
            }
        }
        guard logged else { return body() }
        return log.step("read", body, detail: { "\(plural($0?.0.observations.count ?? 0, "figure"))" })
    }

    /// The dashboard now, and as it stood a month earlier (the same figures, revisions included,
    /// cut off a month sooner), which decides what the email calls new this month.
    static func analyseWithTheMonthBefore(_ dataset: Dataset) -> (DashboardAnalysis, DashboardAnalysis?) {
        let analysis = Analysis.analyse(dataset)
        guard let asOf = analysis.asOf else { return (analysis, nil) }
        var earlier = dataset
        earlier.settings.asOf = asOf.adding(months: -1)
        return (analysis, Analysis.analyse(earlier))
    }

    /// Render and publish: files are staged as they are rendered, then swapped in whole.
    private func publish(
        _ target: SiteTarget, record: BuildRecord, files: Int,
        render: (@Sendable (String, [UInt8]) throws -> Void) throws -> (files: Int, bytes: Int)
    ) throws(PipelineError) {
        let staging = try SiteStaging(site: target.site)
        let progress = ProgressBar(total: files, label: "rendering", console: console)
        do {
            try staging.add(BuildRecord.fileName, Array(record.text.utf8))
            _ = try log.step(
                "render",
                {
                    defer { progress.finish() }
                    return try render { path, bytes in
                        try staging.add(path, bytes)
                        progress.advance()
                    }
                }, detail: { "\(plural($0.files, "file")), \(megabytes($0.bytes)), each written as it is rendered" })
        } catch {
            staging.abandon()
            throw error as? PipelineError ?? PipelineError(message: "\(error)", located: true)
        }
        _ = try log.step(
            "publish", { () throws(PipelineError) in try staging.finish() },
            detail: { report in
                report.unchanged
                    ? "no file changed; nothing written"
                    : "\(plural(report.written, "file")) written, \(report.kept) unchanged, \(report.removed) removed, in \(target.site)"
            })
        log.finish()
    }

    /// Hands the message over; returns what the log says about it.
    private func deliver(_ message: [UInt8], by delivery: EmailTarget.Delivery, headers: EmailHeaders)
        throws(PipelineError) -> String
    {
        let recipients = plural(headers.to.count, "recipient")
        switch delivery {
        case .sendmail:
            let sendmail = try Sendmail.locate(searchPath: ProcessInfo.processInfo.environment["PATH"])
            try sendmail.deliver(message)
            return "\(recipients) by \(sendmail.executable)"
        case .smtp(let client, let sender):
            try client.send(message, from: sender, to: headers.to.map(\.address))
            return "\(recipients) by SMTP to \(client.server)"
        }
    }

    // MARK: - Reporting

    /// Runs a command's stages, printing a failure the one way failures are printed.
    private func run(_ stages: () throws(PipelineError) -> ExitStatus) -> ExitStatus {
        do {
            return try stages()
        } catch {
            console.err(error.rendered(command: command))
            return error.status
        }
    }

    /// A template that is missing or does not parse: the build publishes nothing (exit 3).
    private func templates<T>(_ load: () throws -> T) throws(PipelineError) -> T {
        do {
            return try load()
        } catch {
            throw PipelineError(message: "\(error)", located: true)
        }
    }

    private func protected(_ templates: String) -> OutputSafety.Protected {
        OutputSafety.Protected(dataset: source.directory, templates: templates)
    }

    /// Every problem, then how many of each there were.
    private func report(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { console.err(diagnostic.rendered) }
        // A "more problems not shown" report counts as the problems it stands for, not as one.
        let errors = diagnostics.reduce(0) {
            $0 + ($1.severity == .error && $1.hiddenErrors == 0 ? 1 : $1.hiddenErrors)
        }
        let warnings = diagnostics.reduce(0) {
            $0 + ($1.severity == .warning && $1.hiddenWarnings == 0 && $1.hiddenErrors == 0 ? 1 : $1.hiddenWarnings)
        }
        if !diagnostics.isEmpty {
            console.err("\(source.directory): \(plural(errors, "error")), \(plural(warnings, "warning"))")
        }
    }
}
