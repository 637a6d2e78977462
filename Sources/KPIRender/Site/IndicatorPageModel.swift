import Foundation
import KPIAnalysis
import KPIModel
import Mustache

extension PageModel {
    /// The page of one indicator: chart, comparisons, commentary, monthly figures, definition.
    func indicatorPage(_ item: IndicatorAnalysis) -> MustacheValue {
        let indicator = item.indicator
        var values = rowValues(item, root: "../")
        values["area"] = .string(indicator.area)
        values["chart"] = .string(chart(item).render(idPrefix: "chart-\(indicator.id)"))
        values["chartNote"] = .string(chartNote(item))
        values["csvHref"] = .string("../data/\(indicator.id).csv")
        values["comparisons"] = .list(comparisons(item))
        values["rank"] =
            item.rank.map {
                .string(
                    "\($0.position) of \($0.of) authorities with a figure for \($0.period.label) (quartile \($0.quartile.rawValue); A is the best quarter)"
                )
            } ?? .null
        values["hasCommentary"] = .bool(!item.commentary.isEmpty)
        values["commentary"] = .list(
            item.commentary.map { entry in
                .object([
                    "period": .string(entry.period.kind == .month ? entry.period.first.longName : entry.period.label),
                    "author": entry.author.map { .string($0) } ?? .null,
                    "recorded": entry.recordedRAG.map { .string($0.rawValue.capitalized) } ?? .null,
                    "paragraphs": .list(entry.paragraphs.map(paragraph)),
                ])
            })
        values["months"] = .list(item.series.reversed().map { monthRow($0, indicator) })
        values["breakdowns"] = .list(
            item.breakdowns.map { breakdown in
                .object([
                    "label": .string(breakdown.name),
                    "slug": .string(Wording.slug(breakdown.name)),
                    "latest": breakdown.points.last.map {
                        .string(Wording.value($0.value, status: $0.status, indicator) + ", " + $0.month.shortName)
                    } ?? .null,
                    "target": breakdown.target.map { assessment in
                        .object([
                            "text": .string(Wording.target(assessment.target, indicator)),
                            "judgement": .string(assessment.judgement?.rawValue ?? "none"),
                            "judgementText": .string(Wording.target(assessment.judgement)),
                        ])
                    } ?? .null,
                    "months": .list(breakdown.points.reversed().map { monthRow($0, indicator) }),
                ])
            })
        values["hasBreakdowns"] = .bool(!item.breakdowns.isEmpty)
        values["definition"] = .string(indicator.definition ?? "Not given")
        values["source"] = .string(indicator.source ?? "Not given")
        values["lead"] = .string(indicator.lead ?? "Not given")
        values["polarityText"] = .string(Wording.polarity(indicator.polarity))
        values["unitText"] = .string(Wording.unit(indicator.unit))
        return page(
            title: indicator.name, root: "../", current: areas.first { $0.name == indicator.area }?.slug,
            ["indicator": .object(values)])
    }

    /// A paragraph of commentary: a bulleted list when every line starts with a bullet, as
    /// board papers write action lists; otherwise lines kept as written.
    private func paragraph(_ text: String) -> MustacheValue {
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let markers = ["- ", "• ", "* ", "– "]
        let bullets = lines.allSatisfy { line in markers.contains { line.hasPrefix($0) } }
        let texts = bullets ? lines.map { String($0.dropFirst(2)).trimmingCharacters(in: .whitespaces) } : lines
        return .object([
            "bullets": .bool(bullets),
            "lines": .list(
                texts.enumerated().map { index, line in
                    .object(["text": .string(line), "last": .bool(index == texts.count - 1)])
                }),
        ])
    }

    private func monthRow(_ point: SeriesPoint, _ indicator: Indicator) -> MustacheValue {
        func count(_ value: Double?) -> MustacheValue {
            .string(value.map { NumberFormat.grouped($0, decimals: $0.rounded() == $0 ? 0 : 1) } ?? "")
        }
        return .object([
            "month": .string(point.month.shortName),
            "value": .string(Wording.value(point.value, status: point.status, indicator)),
            "numerator": count(point.numerator),
            "denominator": count(point.denominator),
            "note": .string(point.note ?? ""),
        ])
    }

    private func comparisons(_ item: IndicatorAnalysis) -> [MustacheValue] {
        let indicator = item.indicator
        var rows: [MustacheValue] = []
        func add(_ label: String, _ period: String, _ value: Double, _ judgement: String, note: String? = nil) {
            rows.append(
                .object([
                    "label": .string(label), "period": .string(period), "value": .string(indicator.display(value)),
                    "judgementText": .string(judgement), "note": note.map { .string($0) } ?? .null,
                ]))
        }
        if let target = item.target {
            let level = target.target.value ?? target.target.low ?? target.target.high ?? 0
            add(
                target.target.label ?? "Target", "Due \(target.target.due.longName)", level,
                Wording.target(target.judgement),
                note: Wording.target(target.target, indicator))
        }
        for (name, change) in [
            ("Last month", item.previous), ("Same month last year", item.sameMonthLastYear),
            ("Last year's outturn", item.lastYearOutturn),
        ] {
            guard let change else { continue }
            add(
                name, change.period.kind == .month ? change.period.first.longName : change.period.label, change.value,
                Wording.direction(change.judgement))
        }
        if let sn = item.statisticalNeighbours {
            let coverage =
                sn.n.map { n in
                    let method = sn.method.map { $0 == .median ? "median" : "mean" } ?? "computed"
                    return "\(method) of \(n)\(sn.of.map { " of \($0)" } ?? "") neighbours reporting"
                } ?? "as published"
            add("Statistical neighbours", sn.period.label, sn.value, Wording.comparator(sn.judgement), note: coverage)
        }
        if let england = item.england {
            add("England", england.period.label, england.value, Wording.comparator(england.judgement))
        }
        if let region = item.region {
            add("Region", region.period.label, region.value, Wording.comparator(region.judgement))
        }
        return rows
    }

    func chart(_ item: IndicatorAnalysis) -> LineChart {
        let indicator = item.indicator
        let latestMonth = item.latest?.month
        let marker: SpecialCauseMarker? = item.spc.flatMap { result in
            switch result.signal {
            case .commonCause: nil
            case .specialCauseImprovement: .improvement
            case .specialCauseConcern: .concern
            case .specialCauseNeutral: .neutral
            }
        }
        let points = item.series.map { point in
            LineChart.Point(
                month: point.month, value: point.value, specialCause: point.month == latestMonth ? marker : nil)
        }
        var target: LineChart.TargetReference?
        if let chosen = item.target?.target {
            let label = chosen.label ?? "Target"
            if let low = chosen.low, let high = chosen.high {
                target = .band(low: low, high: high, label: label)
            } else if let value = chosen.value ?? chosen.low ?? chosen.high {
                target = .value(value, label: label)
            }
        }
        let suffix = indicator.unit == .percent ? "%" : ""
        return LineChart(
            title: "\(indicator.name) by month",
            textDescription: item.sentence,
            seriesLabel: authority.name,
            unitSuffix: suffix,
            decimals: indicator.decimals,
            points: points,
            target: target,
            statisticalNeighbours: item.statisticalNeighbours.map {
                LineChart.ReferenceLine(
                    value: $0.value, label: "Statistical neighbours \(indicator.display($0.value)) (\($0.period.label))"
                )
            },
            england: item.england.map {
                LineChart.ReferenceLine(
                    value: $0.value, label: "England \(indicator.display($0.value)) (\($0.period.label))")
            },
            processLimits: item.spc.map {
                LineChart.ProcessLimits(mean: $0.mean, lower: $0.lower, upper: $0.upper, isTrial: $0.trialLimits)
            },
            possibleValues: indicator.unit == .percent
                ? 0...100
                : (indicator.unit == .number || indicator.unit == .score ? nil : 0...Double.greatestFiniteMagnitude))
    }

    private func chartNote(_ item: IndicatorAnalysis) -> String {
        var notes: [String] = []
        if item.series.contains(where: { $0.value == nil }) {
            notes.append("Gaps in the line are months with no published figure, not zero.")
        }
        if let spc = item.spc {
            notes.append(
                "Dashed lines are the SPC mean and process limits over \(spc.points) months\(spc.trialLimits ? " (trial limits: fewer than 12 points)" : "")."
            )
        }
        return notes.joined(separator: " ")
    }
}
