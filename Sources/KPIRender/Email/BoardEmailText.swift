/// The `text/plain` alternative: the same content as the HTML, for mail clients that show no
/// HTML and for screen readers set to prefer text. Wrapped at 72 characters; a link is never
/// broken across lines.
enum BoardEmailText {
    static func render(_ model: BoardEmailModel, figuresFileName: String) -> String {
        var out: [String] = [model.title, "Figures to \(model.asOf?.longName ?? "no month")", ""]
        for authority in model.authorities {
            out.append(authority.authority.name.uppercased())
            out += wrap("\(authority.indicators.count) indicators: \(authority.counts).")
            if let link = authority.dashboardLink { out += wrap("Dashboard: \(link)") }
            out.append("")
            let exceptions = authority.exceptions
            out.append(exceptions.isEmpty ? "Needs attention: nothing this month." : "NEEDS ATTENTION")
            for item in exceptions {
                out.append("")
                out += wrap("* \(item.name): \(item.reasons.map(\.text).joined(separator: "; "))", indent: "  ")
                if let new = item.newText { out += wrap(new.uppercased(), firstIndent: "  ", indent: "  ") }
                out += wrap(item.analysis.sentence, firstIndent: "  ", indent: "  ")
                if let link = item.link { out += wrap(link, firstIndent: "  ", indent: "  ") }
            }
            out.append("")
            out.append("ALL INDICATORS")
            for area in authority.areas {
                out.append("")
                out.append(area.name)
                for item in area.indicators {
                    out += wrap(
                        "- \(item.name): \(item.figure). \(item.status)." + (item.link.map { " \($0)" } ?? ""),
                        indent: "  ")
                }
            }
            out.append("")
        }
        out += wrap("The figures are attached as \(figuresFileName).")
        return out.joined(separator: "\n") + "\n"
    }

    /// Greedy word wrap; a word longer than the line (a URL) gets a line of its own.
    static func wrap(_ text: String, width: Int = 72, firstIndent: String = "", indent: String = "") -> [String] {
        var lines: [String] = []
        var line = firstIndent
        var lineHasWord = false
        for word in text.split(separator: " ") {
            if lineHasWord && line.count + 1 + word.count > width {
                lines.append(line)
                line = indent
                lineHasWord = false
            }
            line += (lineHasWord ? " " : "") + word
            lineHasWord = true
        }
        lines.append(line)
        return lines
    }
}
