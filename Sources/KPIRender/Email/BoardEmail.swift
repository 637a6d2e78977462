import Foundation
import KPIAnalysis
import KPIModel
import MIME
import Mustache
import Toolkit

/// The board email as one MIME message (RFC 5322, 2045–2049), CRLF throughout:
///
///     multipart/mixed
///       multipart/alternative
///         text/plain                 the summary as text (quoted-printable)
///         multipart/related
///           text/html                from Templates/email/board.mustache (quoted-printable)
///           image/png …              one per chart, referenced from the HTML by cid:
///       text/csv                     the figures, as an attachment (base64)
///
/// Output is a function of the analysis and the headers alone: boundaries, Content-IDs and the
/// Message-ID are hashes of the content, so the same inputs and date give the same bytes.
public struct BoardEmail {
    let library: MustacheLibrary
    /// Tests render strictly, so a name the template uses but the model lacks fails them.
    let mode: MustacheRenderMode

    /// Reads `email/*.mustache` from `templatesDirectory`.
    public init(templatesDirectory: String) throws {
        try self.init(templatesDirectory: templatesDirectory, mode: .lenient)
    }

    init(templatesDirectory: String, mode: MustacheRenderMode) throws {
        self.mode = mode
        let folder = URL(fileURLWithPath: templatesDirectory).appendingPathComponent("email")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw TemplateError(
                description:
                    "\(folder.path): error: the email templates folder is missing\n    hint: pass --templates DIR, a folder holding email/"
            )
        }
        do {
            library = try MustacheLibrary(directory: folder, fileExtension: "mustache")
        } catch {
            throw TemplateError(description: "\(error)")
        }
    }

    /// `lastMonth` is the same dataset analysed as of the month before `analysis.asOf` (nil when
    /// there is none): an exception is new this month when it did not hold there.
    public func render(
        _ analysis: DashboardAnalysis, lastMonth: DashboardAnalysis?, settings: Settings,
        headers: EmailHeaders
    ) throws -> RenderedEmail {
        let model = BoardEmailModel(analysis: analysis, lastMonth: lastMonth, settings: settings)
        let subject = headers.subject ?? model.defaultSubject
        let figuresFileName = "board-figures" + (analysis.asOf.map { "-\($0)" } ?? "") + ".csv"
        var html: [UInt8] = []
        do {
            try library.render(
                "board", with: model.templateValue(subject: subject, figuresFileName: figuresFileName),
                mode: mode, appendingTo: &html)
        } catch {
            throw TemplateError(description: "\(error)")
        }
        let images = model.images
        let related = MIMEPart.multipart(
            "related", typeParameter: "text/html",
            [MIMEPart.text(String(decoding: html, as: UTF8.self), subtype: "html")]
                + images.map { image in
                    MIMEPart.binary(
                        image.png, type: "image/png; name=\"\(image.fileName)\"",
                        headers: [
                            ("Content-ID", "<\(image.contentID)>"),
                            ("Content-Disposition", "inline; filename=\"\(image.fileName)\""),
                        ])
                })
        let alternative = MIMEPart.multipart(
            "alternative",
            [
                MIMEPart.text(BoardEmailText.render(model, figuresFileName: figuresFileName), subtype: "plain"),
                related,
            ])
        let figures = MIMEPart.binary(
            BoardFiguresCSV.render(model), type: "text/csv; charset=utf-8; header=present",
            headers: [
                ("Content-Disposition", "attachment; filename=\"\(figuresFileName)\"")
            ])
        let body = MIMEPart.multipart("mixed", [alternative, figures]).serialised()

        var fields: [(String, String)] = [("Date", headers.date.headerText)]
        if let from = headers.from { fields.append(("From", from.headerText)) }
        if !headers.to.isEmpty { fields.append(("To", headers.to.map(\.headerText).joined(separator: ", "))) }
        fields.append(("Subject", EmailHeaders.unstructured(EmailHeaders.sanitised(subject))))
        if let from = headers.from {
            var hash = StableHash()
            for field in fields { hash.add((field.0 + ":" + field.1 + "\n").utf8) }
            hash.add(body)
            fields.append(("Message-ID", "<kpidash.\(hash.hex)@\(from.domain)>"))
        }
        fields.append(("MIME-Version", "1.0"))
        let message = Array(fields.map { EmailHeaders.field($0.0, $0.1) }.joined().utf8) + body
        return RenderedEmail(message: message, htmlByteCount: html.count, imageCount: images.count)
    }
}

/// A rendered board email and the facts a command reports about it.
public struct RenderedEmail: Sendable {
    /// The whole message, CRLF line ends, ready for a file, `sendmail` or SMTP.
    public var message: [UInt8]
    /// The HTML before transfer encoding, which Gmail clips beyond about 100 KB.
    public var htmlByteCount: Int
    public var imageCount: Int
}
