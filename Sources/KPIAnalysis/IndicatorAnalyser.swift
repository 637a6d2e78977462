import KPIModel

/// Works out one (authority, indicator) pair. Every step reads the reported month `period`:
/// the latest month on or before asOf with a whole-service row, whatever its status, so a
/// suppressed latest month is reported as suppressed rather than silently replaced by an older one.
struct IndicatorAnalyser {
    let context: AnalysisContext
    let authority: String
    let indicator: Indicator
    let asOf: Month
    let rows: IndicatorRows

    var judge: Judge { Judge(indicator: indicator) }
    var benchmarks: IndicatorBenchmarks? { context.index.benchmarks[indicator.id] }

    func analyse() -> IndicatorAnalysis {
        let series = Self.series(rows.wholeService, through: asOf)
        let breakdowns = rows.breakdowns.sorted { $0.key < $1.key }.map { name, rows in
            let points = Self.series(rows, through: asOf)
            return BreakdownSeries(
                name: name, points: points, target: points.last.flatMap { assess($0, breakdown: name) })
        }
        let latest = series.last
        let notes = commentary()
        var result = IndicatorAnalysis(
            indicator: indicator, latest: latest, series: series, breakdowns: breakdowns,
            target: nil, previous: nil, sameMonthLastYear: nil, lastYearOutturn: nil,
            statisticalNeighbours: nil, england: nil, region: nil, rank: nil, spc: nil,
            recordedRAG: nil, commentary: notes, sentence: "")
        if let latest {
            let target = applicableTarget(for: latest.month)
            let shape = target.flatMap { TargetShape($0, polarity: indicator.polarity) }
            result.target = assess(latest, breakdown: "")
            result.previous = direction(of: latest, against: latest.month.adding(months: -1), band: shape)
            result.sameMonthLastYear = direction(of: latest, against: latest.month.adding(months: -12), band: shape)
            result.lastYearOutturn = lastYearOutturn(of: latest, band: shape)
            result.statisticalNeighbours = statisticalNeighbours(of: latest, band: shape)
            result.england = comparison(of: latest, with: benchmarks?.england, band: shape)
            result.region = comparison(of: latest, with: benchmarks?.region, band: shape)
            result.rank = rank(of: latest)
            result.spc =
                latest.value == nil
                ? nil
                : SPC.analyse(Self.latestRun(of: series), polarity: indicator.polarity, target: shape?.spcTarget)
            result.recordedRAG = recordedRAG(for: latest.month, in: notes)
        }
        result.sentence = Narrative(analysis: result, asOf: asOf).sentence
        return result
    }

    /// The target that applies to a point of the whole-service figure or of a breakdown, and how the point stands against it.
    func assess(_ point: SeriesPoint, breakdown: String) -> TargetAssessment? {
        guard let target = applicableTarget(for: point.month, breakdown: breakdown) else { return nil }
        let shape = TargetShape(target, polarity: indicator.polarity)
        return TargetAssessment(
            target: target,
            judgement: shape.flatMap { shape in
                point.value.flatMap { judge.target($0, against: shape, tolerance: target.tolerance) }
            })
    }

    /// Months from the first row to the last on or before `asOf`; months without a row become gaps
    /// so charts break the line and tables say "missing" instead of joining across them.
    static func series(_ rows: MonthlyRows, through asOf: Month) -> [SeriesPoint] {
        guard let span = rows.span(through: asOf) else { return [] }
        return (span.lowerBound.index...span.upperBound.index).map { index in
            let month = Month(index: index)
            return rows[month].map(SeriesPoint.init) ?? .gap(month)
        }
    }

    /// The values SPC reads: the longest run of consecutive months with values that ends at the
    /// latest point. A gap or a suppressed month starts a new run, since XmR needs consecutive points.
    static func latestRun(of series: [SeriesPoint]) -> [Double] {
        Array(series.reversed().prefix { $0.value != nil }.compactMap(\.value).reversed())
    }

    /// Commentary for this authority or every authority, newest period first; rows for the same
    /// period keep file order.
    func commentary() -> [Commentary] {
        let rows = (context.index.commentary[indicator.id] ?? []).filter {
            $0.authority == nil || $0.authority == authority
        }
        return rows.enumerated()
            .sorted { ($1.element.period, $0.offset) < ($0.element.period, $1.offset) }
            .map(\.element)
    }

    /// The board's rating recorded for exactly the reported month (commentary for a quarter or a
    /// year is not a rating of the month). This authority's row beats a blank one; among equals,
    /// the later row, as a later extract beats an earlier one.
    func recordedRAG(for month: Month, in notes: [Commentary]) -> RecordedRAG? {
        let rated = notes.filter { $0.period.kind == .month && $0.period.first == month && $0.recordedRAG != nil }
        return (rated.last { $0.authority != nil } ?? rated.last)?.recordedRAG
    }
}
