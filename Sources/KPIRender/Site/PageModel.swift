import KPIAnalysis
import KPIModel
import Mustache

/// Turns analysis results into the values templates render: every string already worded and
/// formatted, so a template only places them and a web team never needs to format a number.
struct PageModel {
    let analysis: DashboardAnalysis
    let settings: Settings
    let authority: AuthorityAnalysis
    /// From this authority's tree to the site root (`../` when each authority has its own tree).
    let siteRoot: String
    /// Whether the site has an authorities index to link back to.
    let hasHome: Bool
    let areas: [(name: String, slug: String, indicators: [IndicatorAnalysis])]
    /// The record of the site being replaced, for "what changed since"; nil on a site's first build.
    let previous: BuildRecord?
    /// Each indicator's row values by id, made once: the overview, its area page and its own page
    /// all show them. Without `href`, which depends on the page. Set at the end of `init`, once the
    /// methods that make them can run.
    private var rowValuesByID: [String: MustacheObject] = [:]

    init(
        analysis: DashboardAnalysis, settings: Settings, authority: AuthorityAnalysis, siteRoot: String, hasHome: Bool,
        previous: BuildRecord?
    ) {
        self.previous = previous
        self.analysis = analysis
        self.settings = settings
        self.authority = authority
        self.siteRoot = siteRoot
        self.hasHome = hasHome
        var order: [String] = []
        var grouped: [String: [IndicatorAnalysis]] = [:]
        for item in authority.indicators {
            if grouped[item.indicator.area] == nil { order.append(item.indicator.area) }
            grouped[item.indicator.area, default: []].append(item)
        }
        var used: Set<String> = []
        areas = order.map { name in
            var slug = Wording.slug(name)
            var suffix = 2
            while used.contains(slug) {
                slug = Wording.slug(name) + "-\(suffix)"
                suffix += 1
            }
            used.insert(slug)
            return (name, slug, grouped[name]!)
        }
        rowValuesByID = Dictionary(
            authority.indicators.map { ($0.indicator.id, makeRowValues($0)) }, uniquingKeysWith: { first, _ in first })
    }

    /// The values every page shares. `root` leads from the page to this authority's tree.
    func page(title: String, root: String, current: String?, _ content: MustacheObject) -> MustacheValue {
        var nav: [MustacheValue] = [navItem("Overview", href: root + "index.html", current: current == "overview")]
        for area in areas {
            nav.append(navItem(area.name, href: root + "areas/\(area.slug).html", current: current == area.slug))
        }
        nav.append(navItem("Data quality", href: root + "quality.html", current: current == "quality"))
        var values: MustacheObject = [
            "pageTitle": .string(title),
            "root": .string(root),
            "siteRoot": .string(root + siteRoot),
            "site": .object([
                "title": .string(settings.title),
                "authorityName": .string(authority.name),
                "asOf": analysis.asOf.map { .string($0.longName) } ?? .null,
                "home": hasHome ? .string(root + siteRoot + "index.html") : .null,
            ]),
            "nav": .list(nav),
            "hasNav": .bool(true),
        ]
        values.merge(content)
        return .object(values)
    }

    private func navItem(_ name: String, href: String, current: Bool) -> MustacheValue {
        .object(["name": .string(name), "href": .string(href), "current": .bool(current)])
    }

    // MARK: Pages

    func overview() -> MustacheValue {
        var counts = (met: 0, near: 0, missed: 0, concern: 0)
        for item in authority.indicators {
            switch item.target?.judgement {
            case .met: counts.met += 1
            case .near: counts.near += 1
            case .missed: counts.missed += 1
            case nil: break
            }
            if item.spc?.signal == .specialCauseConcern { counts.concern += 1 }
        }
        let asOf = analysis.asOf?.longName ?? "no month"
        return page(
            title: "Performance overview", root: "", current: "overview",
            [
                "summaryText": .string(
                    "\(authority.indicators.count) indicators for \(authority.name), figures to \(asOf). Each is compared with its target, its statistical neighbours, England and its own history."
                ),
                "counts": .object([
                    "met": .string(String(counts.met)), "near": .string(String(counts.near)),
                    "missed": .string(String(counts.missed)), "concern": .string(String(counts.concern)),
                ]),
                "areas": .list(areas.map { area in areaValue(area, root: "") }),
            ])
    }

    func areaPage(_ area: (name: String, slug: String, indicators: [IndicatorAnalysis])) -> MustacheValue {
        page(title: area.name, root: "../", current: area.slug, ["area": areaValue(area, root: "../")])
    }

    private func areaValue(_ area: (name: String, slug: String, indicators: [IndicatorAnalysis]), root: String)
        -> MustacheValue
    {
        .object([
            "name": .string(area.name),
            "slug": .string(area.slug),
            "href": .string(root + "areas/\(area.slug).html"),
            "indicators": .list(area.indicators.map { row($0, root: root) }),
        ])
    }

    /// One indicator as a line of the overview and area tables.
    func row(_ item: IndicatorAnalysis, root: String) -> MustacheValue {
        .object(rowValues(item, root: root))
    }

    /// What a table row and an indicator page both show.
    func rowValues(_ item: IndicatorAnalysis, root: String) -> MustacheObject {
        var values = rowValuesByID[item.indicator.id] ?? makeRowValues(item)
        values["href"] = .string(root + "indicators/\(item.indicator.id).html")
        return values
    }

    private func makeRowValues(_ item: IndicatorAnalysis) -> MustacheObject {
        let indicator = item.indicator
        return [
            "id": .string(indicator.id),
            "name": .string(indicator.name),
            "sparkline": .string(sparkline(item)),
            "sentence": .string(item.sentence),
            "latest": latest(item),
            "target": target(item),
            "changes": .list(changes(item).map { .string($0) }),
            "neighbours": neighbours(item),
            "england": comparison(item.england, indicator),
            "spc": spc(item),
            "recorded": item.recordedRAG.map { .string($0.rawValue.capitalized) } ?? .null,
        ]
    }

    private func latest(_ item: IndicatorAnalysis) -> MustacheValue {
        guard let latest = item.latest else {
            return .object(["value": .string("No figures"), "period": .string(""), "count": .null])
        }
        return .object([
            "value": .string(Wording.value(latest.value, status: latest.status, item.indicator)),
            "period": .string(latest.month.shortName),
            "count": Wording.count(numerator: latest.numerator, denominator: latest.denominator, item.indicator).map {
                .string($0)
            } ?? .null,
        ])
    }

    private func target(_ item: IndicatorAnalysis) -> MustacheValue {
        guard let assessment = item.target else { return .null }
        return .object([
            "text": .string(Wording.target(assessment.target, item.indicator)),
            "judgement": .string(assessment.judgement?.rawValue ?? "none"),
            "judgementText": .string(Wording.target(assessment.judgement)),
        ])
    }

    private func changes(_ item: IndicatorAnalysis) -> [String] {
        let indicator = item.indicator
        var lines: [String] = []
        for (name, change) in [
            ("last month", item.previous), ("a year ago", item.sameMonthLastYear),
            ("last year's outturn", item.lastYearOutturn),
        ] {
            guard let change else { continue }
            lines.append(
                "\(Wording.direction(change.judgement)) on \(name) (\(indicator.display(change.value)), \(label(change.period)))"
            )
        }
        return lines
    }

    private func neighbours(_ item: IndicatorAnalysis) -> MustacheValue {
        guard let sn = item.statisticalNeighbours else { return .null }
        var coverage: MustacheValue = .null
        if let n = sn.n {
            coverage = .string(sn.of.map { "\(n) of \($0) councils" } ?? "\(n) councils")
        }
        return .object([
            "value": .string(item.indicator.display(sn.value)),
            "period": .string(sn.period.label),
            "coverage": coverage,
            "judgementText": .string(Wording.comparator(sn.judgement)),
        ])
    }

    private func comparison(_ comparison: ComparatorComparison?, _ indicator: Indicator) -> MustacheValue {
        guard let comparison else { return .null }
        return .object([
            "value": .string(indicator.display(comparison.value)),
            "period": .string(comparison.period.label),
            "judgementText": .string(Wording.comparator(comparison.judgement)),
        ])
    }

    private func spc(_ item: IndicatorAnalysis) -> MustacheValue {
        guard let result = item.spc else { return .null }
        let (text, style, detail) = Wording.spc(result)
        return .object([
            "text": .string(text), "class": .string(style), "detail": detail.isEmpty ? .null : .string(detail),
        ])
    }

    private func label(_ period: Period) -> String {
        period.kind == .month ? period.first.shortName : period.label
    }

    private func sparkline(_ item: IndicatorAnalysis) -> String {
        let points = item.series.map { Sparkline.Point(month: $0.month, value: $0.value) }
        guard points.contains(where: { $0.value != nil }) else { return "" }
        return Sparkline(label: "\(item.indicator.name): the last 12 months", points: points).render()
    }
}
