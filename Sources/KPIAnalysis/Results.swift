import KPIModel

/// Everything the dashboard says, computed once from a dataset: the one value pages, emails and
/// `data/summary.json` render from.
public struct DashboardAnalysis: Sendable {
    /// The month reported on: `dashboard.json`'s `asOf`, else the latest month in the extracts;
    /// nil only for a dataset with no figures and no `asOf`.
    public var asOf: Month?
    /// Every authority with figures, sorted by code.
    public var authorities: [AuthorityAnalysis]
    /// Warnings found while reading the dataset, for the quality page.
    public var warnings: [Diagnostic]

    public init(asOf: Month?, authorities: [AuthorityAnalysis], warnings: [Diagnostic]) {
        self.asOf = asOf
        self.authorities = authorities
        self.warnings = warnings
    }
}

/// One authority's dashboard.
public struct AuthorityAnalysis: Sendable {
    public var code: String
    /// From authorities.csv; the code when it is not listed there.
    public var name: String
    /// One per catalogue indicator, in catalogue order, including indicators with no figures.
    public var indicators: [IndicatorAnalysis]
    public var quality: DataQuality

    public init(code: String, name: String, indicators: [IndicatorAnalysis], quality: DataQuality) {
        self.code = code
        self.name = name
        self.indicators = indicators
        self.quality = quality
    }
}

/// One month of a series, as a chart or table shows it.
public struct SeriesPoint: Hashable, Sendable {
    public var month: Month
    /// Present only when `status.hasValue`.
    public var value: Double?
    public var numerator: Double?
    public var denominator: Double?
    public var status: ValueStatus
    public var note: String?
    /// The extract row behind the point; nil for a month the extracts skipped (status `missing`).
    public var source: RowReference?

    public init(
        month: Month, value: Double?, numerator: Double? = nil, denominator: Double? = nil,
        status: ValueStatus, note: String? = nil, source: RowReference? = nil
    ) {
        self.month = month
        self.value = value
        self.numerator = numerator
        self.denominator = denominator
        self.status = status
        self.note = note
        self.source = source
    }

    init(_ observation: Observation) {
        self.init(
            month: observation.month, value: observation.value, numerator: observation.numerator,
            denominator: observation.denominator, status: observation.status, note: observation.note,
            source: observation.source)
    }

    /// A month inside a series with no extract row: shown as a gap, never as zero.
    static func gap(_ month: Month) -> SeriesPoint { SeriesPoint(month: month, value: nil, status: .missing) }
}

/// A sub-series such as a team or role (`breakdown` in the extracts).
public struct BreakdownSeries: Hashable, Sendable {
    public var name: String
    public var points: [SeriesPoint]
    /// The latest point against a target given for this breakdown (targets.csv's `breakdown` column).
    public var target: TargetAssessment?

    public init(name: String, points: [SeriesPoint], target: TargetAssessment? = nil) {
        self.name = name
        self.points = points
        self.target = target
    }
}

/// The target that applies to the reported month and how the figure stands against it.
public struct TargetAssessment: Hashable, Sendable {
    /// The targets.csv row chosen (value or band, due, label, tolerance).
    public var target: Target
    /// Nil when the figure is missing or the indicator is neutral.
    public var judgement: TargetJudgement?

    public init(target: Target, judgement: TargetJudgement?) {
        self.target = target
        self.judgement = judgement
    }
}

/// The figure against one of its own earlier figures: last month, a year ago, last year's outturn.
public struct DirectionOfTravel: Hashable, Sendable {
    public var period: Period
    public var value: Double
    /// Nil when the reported figure is missing, or for a band indicator with no band to measure from.
    public var judgement: DirectionJudgement?

    public init(period: Period, value: Double, judgement: DirectionJudgement?) {
        self.period = period
        self.value = value
        self.judgement = judgement
    }
}

/// The figure against another body's figure (England, the region).
public struct ComparatorComparison: Hashable, Sendable {
    /// The benchmark's own period, always shown beside it: usually an earlier financial year.
    public var period: Period
    public var value: Double
    public var judgement: ComparatorJudgement?

    public init(period: Period, value: Double, judgement: ComparatorJudgement?) {
        self.period = period
        self.value = value
        self.judgement = judgement
    }
}

/// The figure against the statistical-neighbour group.
public struct NeighbourComparison: Hashable, Sendable {
    public var period: Period
    public var value: Double
    /// How many neighbours reported; nil for a value given in benchmarks.csv.
    public var n: Int?
    /// The group size from neighbours.csv, so pages can say "7 of 10"; nil for a given value.
    public var of: Int?
    /// How the value was computed; nil for a value given in benchmarks.csv.
    public var method: NeighbourMethod?
    public var judgement: ComparatorJudgement?

    public init(
        period: Period, value: Double, n: Int?, of: Int?, method: NeighbourMethod?,
        judgement: ComparatorJudgement?
    ) {
        self.period = period
        self.value = value
        self.n = n
        self.of = of
        self.method = method
        self.judgement = judgement
    }
}

/// Quartile bands as DfE's LAIT gives them: A is always the best quarter, whatever the polarity.
public enum Quartile: String, Sendable, CaseIterable {
    case a = "A"
    case b = "B"
    case c = "C"
    case d = "D"
}

/// Position among every authority with a per-authority value for the same period.
public struct NationalRank: Hashable, Sendable {
    /// The per-authority benchmark period ranked.
    public var period: Period
    /// 1 is best; tied authorities share the best position, as LAIT ranks.
    public var position: Int
    /// How many authorities have a value for the period.
    public var of: Int
    public var quartile: Quartile

    public init(period: Period, position: Int, of: Int, quartile: Quartile) {
        self.period = period
        self.position = position
        self.of = of
        self.quartile = quartile
    }
}

/// Everything said about one indicator for one authority.
public struct IndicatorAnalysis: Sendable {
    public var indicator: Indicator
    /// The latest whole-service row on or before asOf, whatever its status; nil with no row at all.
    public var latest: SeriesPoint?
    /// Whole-service months from the first row to `period`, skipped months filled as `missing` gaps.
    public var series: [SeriesPoint]
    /// Sub-series (e.g. caseload by role), sorted by name, each up to asOf.
    public var breakdowns: [BreakdownSeries]
    public var target: TargetAssessment?
    public var previous: DirectionOfTravel?
    public var sameMonthLastYear: DirectionOfTravel?
    public var lastYearOutturn: DirectionOfTravel?
    public var statisticalNeighbours: NeighbourComparison?
    public var england: ComparatorComparison?
    public var region: ComparatorComparison?
    public var rank: NationalRank?
    public var spc: SPCResult?
    /// The board's own rating for `period` from commentary.csv, kept beside the computed `rag`.
    public var recordedRAG: RecordedRAG?
    /// Commentary for this indicator and authority (or every authority), newest period first.
    public var commentary: [Commentary]
    /// One plain-English line a board member can read on its own.
    public var sentence: String

    public init(
        indicator: Indicator, latest: SeriesPoint?, series: [SeriesPoint], breakdowns: [BreakdownSeries],
        target: TargetAssessment?, previous: DirectionOfTravel?, sameMonthLastYear: DirectionOfTravel?,
        lastYearOutturn: DirectionOfTravel?, statisticalNeighbours: NeighbourComparison?,
        england: ComparatorComparison?, region: ComparatorComparison?, rank: NationalRank?,
        spc: SPCResult?, recordedRAG: RecordedRAG?, commentary: [Commentary], sentence: String
    ) {
        self.indicator = indicator
        self.latest = latest
        self.series = series
        self.breakdowns = breakdowns
        self.target = target
        self.previous = previous
        self.sameMonthLastYear = sameMonthLastYear
        self.lastYearOutturn = lastYearOutturn
        self.statisticalNeighbours = statisticalNeighbours
        self.england = england
        self.region = region
        self.rank = rank
        self.spc = spc
        self.recordedRAG = recordedRAG
        self.commentary = commentary
        self.sentence = sentence
    }

    /// The month reported on: the latest month on or before asOf with a whole-service row.
    public var period: Month? { latest?.month }
    public var value: Double? { latest?.value }
    public var numerator: Double? { latest?.numerator }
    public var denominator: Double? { latest?.denominator }
    /// `missing` when there is no row at all.
    public var status: ValueStatus { latest?.status ?? .missing }

    /// The computed RAG, straight from the target judgement; nil with no target or no figure.
    public var rag: RAG? { target?.judgement.map(RAG.init) }
}
