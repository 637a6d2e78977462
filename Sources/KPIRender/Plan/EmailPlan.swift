import KPIAnalysis
import KPIModel
import MIME
import Mustache

/// The board email's plan section for one authority: the counts, then each item newly red or
/// worsened, overdue, or flagged against the figures, linked to its page.
struct EmailPlan {
    let title: String
    let counts: String
    let items: [(text: String, reasons: String, link: String?)]

    /// `root` is the authority's address on the published site, when `siteURL` is set.
    init(_ plan: PlanAnalysis, root: String?) {
        title = EmailHeaders.sanitised(plan.title ?? "Improvement plan")
        let c = plan.counts
        counts =
            "\(c.green) green, \(c.amber) amber, \(c.red) red, \(c.blue) blue, \(c.notRated) not rated; "
            + "\(plan.overdue) overdue, \(plan.dueSoon) due in the next three months"
        items = plan.items.filter { $0.newlyRedOrWorsened || $0.overdue || $0.flag != nil }.map { item in
            let page = PlanItem.slug(item.topLevelRef) + ".html" + (item.isTopLevel ? "" : "#item-" + item.item.slug)
            return (
                "\(item.item.ref): \(item.item.title) (\(Wording.ratings(item.ratings)))",
                Wording.attention(item, includingStale: false).joined(separator: "; "),
                root.map { $0 + "plan/" + page }
            )
        }
    }

    var templateValue: MustacheValue {
        .object([
            "title": .string(title),
            "counts": .string(counts),
            "items": .list(
                items.map { item in
                    .object([
                        "text": .string(item.text), "reasons": .string(item.reasons),
                        "link": item.link.map { .string($0) } ?? .null,
                    ])
                }),
        ])
    }

    /// The plain-text part's section.
    var textLines: [String] {
        var lines = ["", title.uppercased()]
        lines += BoardEmailText.wrap("Recommendations: \(counts).")
        if items.isEmpty {
            lines += BoardEmailText.wrap("No item is newly red or worse, overdue, or at odds with its figures.")
        }
        for item in items {
            lines.append("")
            lines += BoardEmailText.wrap("* \(item.text): \(item.reasons)", indent: "  ")
            if let link = item.link { lines += BoardEmailText.wrap(link, firstIndent: "  ", indent: "  ") }
        }
        return lines
    }
}
