import Foundation
import KPIModel
import KPIAnalysis
import KPIRender

/// `kpidash email [DIR] --out FILE.eml`: the board email, written as a MIME message and/or
/// delivered with sendmail or SMTP.
struct EmailCommand: Command {
    static let name = "email"
    static let help = """
        Usage: kpidash email [DIR] [options]

        Makes the board email for the dataset in DIR (default SampleData): the exceptions first
        (missed targets, special-cause concerns, and which are new this month), then every
        indicator in one line, linked to its page on the published site, with PNG charts and
        the figures attached as CSV. Writes it to a file, delivers it, or both.

        Options:
          --out FILE.eml     write the message to FILE.eml (never inside the dataset or templates folder)
          --force            overwrite FILE.eml even though it is not a message kpidash wrote
          --sendmail         deliver by piping to `sendmail -t -i` (from PATH, else /usr/sbin/sendmail)
          --smtp HOST:PORT   deliver by SMTP over plain TCP, without TLS: use a relay you trust
          --from ADDRESS     the sender, e.g. "Performance Team <performance@example.org>"
          --to ADDRESSES     the recipients, separated by commas
          --subject TEXT     default "<title>: <authority> performance to <Month Year>"
          --date DATE        the Date header, e.g. "Tue, 03 Oct 2017 07:00:00 +0100";
                             default SOURCE_DATE_EPOCH when set, else now
          --templates DIR    the templates folder (default ./Templates, else the one kpidash was built with)
        \(DatasetOptions.help)

        --from and --to are needed to deliver. A file written without them has neither header
        (nor a Message-ID), for a mail client to fill in. An exception is "new this month" when
        it did not hold in the same dataset analysed as of the month before.
        """
    static let valueOptions = DatasetOptions.valueOptions.union(["--out", "--smtp", "--from", "--to", "--subject", "--date", "--templates"])
    static let flagOptions = DatasetOptions.flagOptions.union(["--sendmail", "--force"])

    enum Delivery {
        case sendmail
        case smtp(SMTPClient)
    }

    var dataset: DatasetOptions
    var output: String?
    var delivery: Delivery?
    var headers: EmailHeaders
    var templates: String
    var force: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        try self.init(arguments, environment: ProcessInfo.processInfo.environment)
    }

    init(_ arguments: ParsedArguments, environment: [String: String]) throws(UsageError) {
        dataset = try DatasetOptions(arguments)
        output = arguments.values["--out"]
        force = arguments.flags.contains("--force")
        templates = try TemplateFolder.resolve(arguments.values["--templates"])
        switch (arguments.flags.contains("--sendmail"), arguments.values["--smtp"]) {
        case (true, _?): throw UsageError(message: "choose one of --sendmail and --smtp")
        case (true, nil): delivery = .sendmail
        case (false, let server?): delivery = .smtp(try SMTPClient(parsing: server))
        case (false, nil): delivery = nil
        }
        guard output != nil || delivery != nil else {
            throw UsageError(message: "say where the email goes: --out FILE.eml, --sendmail or --smtp HOST:PORT")
        }
        do throws(EmailHeaderError) {
            let date = if let text = arguments.values["--date"] { try MessageDate(parsing: text) } else { try Self.defaultDate(environment) }
            headers = EmailHeaders(from: try arguments.values["--from"].map(EmailAddress.init(parsing:)),
                                   to: try arguments.values["--to"].map(EmailAddress.list(parsing:)) ?? [],
                                   subject: try arguments.values["--subject"].map(EmailHeaders.subject),
                                   date: date)
        } catch {
            throw UsageError(message: error.message)
        }
        if delivery != nil && (headers.from == nil || headers.to.isEmpty) {
            throw UsageError(message: "delivering needs --from and --to")
        }
    }

    /// `SOURCE_DATE_EPOCH` (reproducible-builds.org), for output that is the same on every run;
    /// else the clock.
    private static func defaultDate(_ environment: [String: String]) throws(EmailHeaderError) -> MessageDate {
        guard let epoch = environment["SOURCE_DATE_EPOCH"] else {
            return MessageDate(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
        }
        guard let seconds = Int64(epoch), seconds >= 0 else {
            throw EmailHeaderError(message: "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 (got \"\(epoch)\")")
        }
        return MessageDate(secondsSinceEpoch: seconds)
    }

    func run(_ console: Console) throws(UsageError) -> ExitStatus {
        if let output, let refusal = OutputSafety.checkMessageFile(
            output, protecting: OutputSafety.Protected(dataset: dataset.directory, templates: templates), force: force) {
            console.err("kpidash email: error: \(refusal.rendered)")
            return refusal.status
        }
        let log = StepLog(command: Self.name, console: console)
        let renderer: BoardEmail
        do {
            renderer = try BoardEmail(templatesDirectory: templates)
        } catch {
            console.err("\(error)")
            return .outputFailure
        }
        guard let loaded = log.step("read", { dataset.load(console) }, detail: { "\(plural($0?.observations.count ?? 0, "figure"))" }) else {
            return .dataErrors
        }
        let (analysis, lastMonth) = log.step("analyse", { Self.analyse(loaded) }, detail: { "\(plural($0.0.authorities.count, "authority", "authorities"))" })
        let email: RenderedEmail
        do {
            email = try log.step("render", { try renderer.render(analysis, lastMonth: lastMonth, settings: loaded.settings, headers: headers) },
                                 detail: { "\(plural($0.message.count, "byte")), HTML \(plural($0.htmlByteCount, "byte")), \(plural($0.imageCount, "chart"))" })
        } catch {
            console.err("\(error)")
            return .outputFailure
        }
        if email.htmlByteCount > 100_000 {
            console.err("kpidash email: warning: the HTML is \(email.htmlByteCount / 1000) KB; Gmail clips messages over about 100 KB")
        }
        do {
            if let output {
                try log.step("write", { () throws(DeliveryError) in try Self.write(email.message, to: output) }, detail: { _ in output })
            }
            if let delivery {
                _ = try log.step("deliver", { () throws(DeliveryError) in try deliver(email.message, by: delivery) }, detail: { $0 })
            }
        } catch {
            console.err("kpidash email: error: \(error.message)")
            return .outputFailure
        }
        log.finish()
        return .success
    }

    /// The dashboard now, and as it stood a month earlier (the same figures, revisions included,
    /// cut off a month sooner), which decides what is new this month.
    private static func analyse(_ dataset: Dataset) -> (DashboardAnalysis, DashboardAnalysis?) {
        let analysis = Analysis.analyse(dataset)
        guard let asOf = analysis.asOf else { return (analysis, nil) }
        var earlier = dataset
        earlier.settings.asOf = asOf.adding(months: -1)
        return (analysis, Analysis.analyse(earlier))
    }

    private static func write(_ message: [UInt8], to path: String) throws(DeliveryError) {
        do {
            try Data(message).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw DeliveryError(message: "cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// Hands the message over; returns what the log says about it.
    private func deliver(_ message: [UInt8], by delivery: Delivery) throws(DeliveryError) -> String {
        let recipients = plural(headers.to.count, "recipient")
        switch delivery {
        case .sendmail:
            let sendmail = try Sendmail.locate(searchPath: ProcessInfo.processInfo.environment["PATH"])
            try sendmail.deliver(message)
            return "\(recipients) by \(sendmail.executable)"
        case .smtp(let client):
            try client.send(message, from: headers.from!.address, to: headers.to.map(\.address))
            return "\(recipients) by SMTP to \(client.server)"
        }
    }
}
