import KPIAnalysis
import KPIModel
import MIME
import Mustache
import Toolkit

/// Why an indicator leads the email.
enum ExceptionReason: Hashable {
    case missedTarget
    case specialCauseConcern

    var text: String {
        switch self {
        case .missedTarget: "Target missed"
        case .specialCauseConcern: "Special cause: concern"
        }
    }

    /// The reasons an indicator is an exception in one month's analysis, in a fixed order.
    static func reasons(_ item: IndicatorAnalysis) -> [ExceptionReason] {
        var reasons: [ExceptionReason] = []
        if item.target?.judgement == .missed { reasons.append(.missedTarget) }
        if item.spc?.signal == .specialCauseConcern { reasons.append(.specialCauseConcern) }
        return reasons
    }
}

/// A chart as a PNG part of the message, named by the hash of its bytes so that one picture used
/// twice (an exception's trend and its line in the full list) travels once.
struct EmailImage {
    var png: [UInt8]
    var fileName: String
    /// The size the HTML shows it at, in CSS pixels.
    var width: Int
    var height: Int
    var contentID: String { StableHash.hex(of: png) + "@kpidash" }
}

/// One indicator as the email shows it: everything worded, with its charts.
struct EmailIndicator {
    let analysis: IndicatorAnalysis
    let link: String?
    let reasons: [ExceptionReason]
    /// Reasons that did not hold in the dashboard a month earlier: "new this month".
    let newReasons: [ExceptionReason]
    let trend: EmailImage?
    let trendAlt: String
    let comparison: EmailImage?
    let comparisonAlt: String

    var name: String { analysis.indicator.name }
    var isException: Bool { !reasons.isEmpty }
    var isNew: Bool { !newReasons.isEmpty }

    /// `18.5% (Sep 2017)`, or why there is no figure.
    var figure: String {
        guard let latest = analysis.latest else { return "No figures" }
        return Wording.value(latest.value, status: latest.status, analysis.indicator) + " (\(latest.month.shortName))"
    }

    /// `Target missed; Special cause: concern`, or the target judgement alone.
    var status: String {
        var parts: [String]
        if let assessment = analysis.target {
            parts = [
                assessment.judgement.map { "Target \($0 == .near ? "nearly met" : Wording.target($0).lowercased())" }
                    ?? "Target not judged"
            ]
        } else {
            parts = ["No target"]
        }
        if let spc = analysis.spc, spc.signal != .commonCause { parts.append(Wording.spc(spc).text) }
        return parts.joined(separator: "; ")
    }

    var newText: String? {
        isNew
            ? "New this month: "
                + newReasons.map { $0.text.prefix(1).lowercased() + $0.text.dropFirst() }.joined(separator: ", ") : nil
    }
}

/// One authority's part of the email: its exceptions first, then every indicator by area.
struct EmailAuthority {
    let authority: AuthorityAnalysis
    let dashboardLink: String?
    let indicators: [EmailIndicator]

    /// New exceptions first, then the rest, each in catalogue order.
    var exceptions: [EmailIndicator] {
        let all = indicators.filter(\.isException)
        return all.filter(\.isNew) + all.filter { !$0.isNew }
    }

    var areas: [(name: String, indicators: [EmailIndicator])] {
        var order: [String] = []
        var grouped: [String: [EmailIndicator]] = [:]
        for item in indicators {
            if grouped[item.analysis.indicator.area] == nil { order.append(item.analysis.indicator.area) }
            grouped[item.analysis.indicator.area, default: []].append(item)
        }
        return order.map { ($0, grouped[$0]!) }
    }

    /// `2 targets missed, 1 special-cause concern, 1 new this month`.
    var counts: String {
        let missed = indicators.filter { $0.reasons.contains(.missedTarget) }.count
        let concerns = indicators.filter { $0.reasons.contains(.specialCauseConcern) }.count
        let new = indicators.filter(\.isNew).count
        return
            "\(missed) \(missed == 1 ? "target" : "targets") missed, \(concerns) special-cause \(concerns == 1 ? "concern" : "concerns"), \(new) new this month"
    }
}

/// Everything the board email says, built from the analysis once and rendered three ways:
/// the HTML template, the plain-text part and the CSV of figures.
struct BoardEmailModel {
    let title: String
    let asOf: Month?
    let authorities: [EmailAuthority]

    /// `analysis` is the dashboard now; `lastMonth` the same dataset analysed as of the month
    /// before, which decides what is new this month.
    init(analysis: DashboardAnalysis, lastMonth: DashboardAnalysis?, settings: Settings) {
        title = EmailHeaders.sanitised(settings.title)
        asOf = analysis.asOf
        let several = analysis.authorities.count > 1
        let site = settings.siteURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        authorities = analysis.authorities.map { authority in
            let root = site.map { $0 + (several ? authority.code + "/" : "") }
            let before = lastMonth?.authorities.first { $0.code == authority.code }
            let indicators = authority.indicators.map { item in
                let earlier = before?.indicators.first { $0.indicator.id == item.indicator.id }
                return Self.indicator(
                    item, authority: authority, root: root, reasonsLastMonth: earlier.map(ExceptionReason.reasons) ?? []
                )
            }
            return EmailAuthority(
                authority: authority, dashboardLink: root.map { $0 + "index.html" }, indicators: indicators)
        }
    }

    private static func indicator(
        _ item: IndicatorAnalysis, authority: AuthorityAnalysis, root: String?,
        reasonsLastMonth: [ExceptionReason]
    ) -> EmailIndicator {
        let reasons = ExceptionReason.reasons(item)
        let indicator = item.indicator
        let recent = item.series.suffix(12)
        var trend: EmailImage?
        var trendAlt = ""
        if let first = recent.first(where: { $0.value != nil }), let last = recent.last(where: { $0.value != nil }),
            let from = first.value, let to = last.value
        {
            trendAlt =
                "\(indicator.name), \(first.month.shortName) to \(last.month.shortName): from \(indicator.display(from)) to \(indicator.display(to))"
            let shape = item.target.map(\.target)
            let band = shape.flatMap { target in target.low.flatMap { low in target.high.map { low...$0 } } }
            trend = EmailImage(
                png: EmailChart.sparkline(
                    values: recent.map(\.value), markLatest: SpecialCauseMarker(item.spc?.signal),
                    target: band == nil ? shape.flatMap { $0.value ?? $0.low ?? $0.high } : nil,
                    band: band),
                fileName: "\(indicator.id)-trend.png", width: EmailChart.sparklineWidth,
                height: EmailChart.sparklineHeight)
        }
        var comparison: EmailImage?
        var comparisonAlt = ""
        if let latest = item.latest, let value = latest.value, item.statisticalNeighbours != nil || item.england != nil
        {
            // Both comparators always have a row, so a missing one reads "no figure", not as if it were not asked for.
            let rows: [(label: String, value: Double?, valueText: String, words: String)] = [
                (
                    authority.name, value, indicator.display(value),
                    "\(authority.name) \(indicator.display(value)) (\(latest.month.shortName))"
                ),
                comparisonRow(
                    "Neighbours", "statistical neighbours", item.statisticalNeighbours.map { ($0.value, $0.period) },
                    indicator),
                comparisonRow("England", "England", item.england.map { ($0.value, $0.period) }, indicator),
            ]
            comparison = EmailImage(
                png: EmailChart.bars(rows.map { ($0.label, $0.value, $0.valueText) }, highlight: 0),
                fileName: "\(indicator.id)-comparison.png",
                width: BarsLayout.defaultWidth, height: BarsLayout.height(rows: rows.count))
            comparisonAlt = rows.map(\.words).joined(separator: "; ")
        }
        return EmailIndicator(
            analysis: item, link: root.map { $0 + "indicators/\(indicator.id).html" },
            reasons: reasons, newReasons: reasons.filter { !reasonsLastMonth.contains($0) },
            trend: trend, trendAlt: trendAlt, comparison: comparison, comparisonAlt: comparisonAlt)
    }

    /// A comparator's bar: its short label, value and words for the chart, and its words with
    /// the period for the alt text; "no figure" when there is none.
    private static func comparisonRow(
        _ label: String, _ name: String, _ figure: (value: Double, period: Period)?,
        _ indicator: Indicator
    ) -> (label: String, value: Double?, valueText: String, words: String) {
        guard let figure else { return (label, nil, Wording.noFigure, "\(name): \(Wording.noFigure)") }
        let shown = indicator.display(figure.value)
        return (label, figure.value, shown, "\(name) \(shown) (\(figure.period.label))")
    }

    /// `Leicestershire`, or `3 authorities`.
    var authorityText: String {
        authorities.count == 1
            ? EmailHeaders.sanitised(authorities[0].authority.name) : "\(authorities.count) authorities"
    }

    /// `<title>: <authority> performance to September 2017`, safe to put in a header.
    var defaultSubject: String {
        "\(title): \(authorityText) performance" + (asOf.map { " to \($0.longName)" } ?? "")
    }

    /// Every chart once, in the order the HTML first uses it.
    var images: [EmailImage] {
        var seen: Set<String> = []
        var images: [EmailImage] = []
        for authority in authorities {
            for item in authority.exceptions + authority.indicators {
                for image in [item.trend, item.comparison].compactMap({ $0 })
                where seen.insert(image.contentID).inserted {
                    images.append(image)
                }
            }
        }
        return images
    }

    /// The values the HTML template renders.
    func templateValue(subject: String, figuresFileName: String) -> MustacheValue {
        .object([
            "subject": .string(subject),
            "title": .string(title),
            "asOf": .string(asOf?.longName ?? "no month"),
            "preview": .string(authorities.map { "\($0.authority.name): \($0.counts)" }.joined(separator: "; ")),
            "figuresFileName": .string(figuresFileName),
            "authorities": .list(authorities.map(authorityValue)),
        ])
    }

    private func authorityValue(_ authority: EmailAuthority) -> MustacheValue {
        .object([
            "name": .string(authority.authority.name),
            "dashboardLink": authority.dashboardLink.map { .string($0) } ?? .null,
            "counts": .string(authority.counts),
            "indicatorCount": .string(plural(authority.indicators.count, "indicator")),
            "exceptions": .list(authority.exceptions.map(exceptionValue)),
            "areas": .list(
                authority.areas.map { area in
                    .object(["name": .string(area.name), "indicators": .list(area.indicators.map(lineValue))])
                }),
        ])
    }

    private func exceptionValue(_ item: EmailIndicator) -> MustacheValue {
        .object([
            "name": .string(item.name),
            "link": item.link.map { .string($0) } ?? .null,
            "reasons": .string(item.reasons.map(\.text).joined(separator: "; ")),
            "new": item.newText.map { .string($0) } ?? .null,
            "sentence": .string(item.analysis.sentence),
            "trend": imageValue(item.trend, alt: item.trendAlt),
            "comparison": imageValue(item.comparison, alt: item.comparisonAlt),
        ])
    }

    private func lineValue(_ item: EmailIndicator) -> MustacheValue {
        .object([
            "name": .string(item.name),
            "link": item.link.map { .string($0) } ?? .null,
            "figure": .string(item.figure),
            "status": .string(item.status),
            "exception": .bool(item.isException),
            "trend": imageValue(item.trend, alt: item.trendAlt),
        ])
    }

    private func imageValue(_ image: EmailImage?, alt: String) -> MustacheValue {
        guard let image else { return .null }
        return .object([
            "src": .string("cid:" + image.contentID), "alt": .string(alt),
            "width": .string(String(image.width)), "height": .string(String(image.height)),
        ])
    }

}

extension SpecialCauseMarker {
    /// The marker for an SPC signal; nil for common cause or no SPC.
    init?(_ signal: SPCSignal?) {
        switch signal {
        case .specialCauseImprovement: self = .improvement
        case .specialCauseConcern: self = .concern
        case .specialCauseNeutral: self = .neutral
        case .commonCause, nil: return nil
        }
    }
}
