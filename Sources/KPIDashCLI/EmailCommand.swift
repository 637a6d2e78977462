import Foundation
import KPIPipeline
import MIME

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
          --templates DIR    the templates folder (default: Templates beside kpidash, else
                             ../share/kpidash/Templates from it, else ./Templates)
        \(DatasetOptions.help)

        --from and --to are needed to deliver. A file written without them has neither header
        (nor a Message-ID), for a mail client to fill in. An exception is "new this month" when
        it did not hold in the same dataset analysed as of the month before.
        """
    static let valueOptions = DatasetOptions.valueOptions.union([
        "--out", "--smtp", "--from", "--to", "--subject", "--date", "--templates",
    ])
    static let flagOptions = DatasetOptions.flagOptions.union(["--sendmail", "--force"])

    var source: DatasetSource
    var target: EmailTarget

    init(_ arguments: ParsedArguments) throws(UsageError) {
        try self.init(arguments, environment: ProcessInfo.processInfo.environment)
    }

    init(_ arguments: ParsedArguments, environment: [String: String]) throws(UsageError) {
        source = try DatasetOptions.source(arguments)
        let output = arguments.values["--out"]
        let delivery: EmailTarget.Delivery?
        switch (arguments.flags.contains("--sendmail"), arguments.values["--smtp"]) {
        case (true, _?): throw UsageError(message: "choose one of --sendmail and --smtp")
        case (true, nil): delivery = .sendmail
        case (false, let server?):
            do throws(PipelineError) {
                delivery = .smtp(try SMTPClient(parsing: server))
            } catch {
                throw UsageError(message: error.message)
            }
        case (false, nil): delivery = nil
        }
        guard output != nil || delivery != nil else {
            throw UsageError(message: "say where the email goes: --out FILE.eml, --sendmail or --smtp HOST:PORT")
        }
        let headers: EmailHeaders
        do throws(EmailHeaderError) {
            let date =
                if let text = arguments.values["--date"] { try MessageDate(parsing: text) } else {
                    try Self.defaultDate(environment)
                }
            headers = EmailHeaders(
                from: try arguments.values["--from"].map(EmailAddress.init(parsing:)),
                to: try arguments.values["--to"].map(EmailAddress.list(parsing:)) ?? [],
                subject: try arguments.values["--subject"].map(EmailHeaders.subject),
                date: date)
        } catch {
            throw UsageError(message: error.message)
        }
        if delivery != nil && (headers.from == nil || headers.to.isEmpty) {
            throw UsageError(message: "delivering needs --from and --to")
        }
        target = EmailTarget(
            templates: try TemplateFolder.resolve(arguments.values["--templates"]), output: output,
            force: arguments.flags.contains("--force"), delivery: delivery, headers: headers)
    }

    /// `SOURCE_DATE_EPOCH` (reproducible-builds.org), for output that is the same on every run;
    /// else the clock.
    private static func defaultDate(_ environment: [String: String]) throws(EmailHeaderError) -> MessageDate {
        guard let epoch = environment["SOURCE_DATE_EPOCH"] else {
            return MessageDate(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
        }
        guard let seconds = Int64(epoch), seconds >= 0 else {
            throw EmailHeaderError(
                message: "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 (got \"\(epoch)\")")
        }
        return MessageDate(secondsSinceEpoch: seconds)
    }

    func run(_ console: Console) -> ExitStatus {
        Pipeline(command: Self.name, source: source, console: console).email(target)
    }
}
