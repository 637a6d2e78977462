/// What a figure measures, as `indicators.csv` names it.
public enum IndicatorUnit: String, Sendable, CaseIterable {
    case percent, count, days
    case ratePer10k = "rate_per_10k"
    case number, score

    /// Display precision when the catalogue gives none.
    public var defaultDecimals: Int {
        switch self {
        case .percent, .ratePer10k: 1
        case .count, .days: 0
        case .number, .score: 1
        }
    }
}

/// Which way is better.
public enum Polarity: String, Sendable, CaseIterable {
    /// Higher is better.
    case higher
    /// Lower is better.
    case lower
    /// Inside the target band is good.
    case band
    /// Context only; never judged better or worse.
    case neutral
}

/// How a statistical-neighbour value is computed from per-authority values.
public enum NeighbourMethod: String, Sendable, CaseIterable {
    /// As DfE's LAIT.
    case mean
    /// As DfE's children's social care outcomes dashboard.
    case median
}

/// How a financial year's outturn is made from its months when no yearly figure is given.
public enum OutturnRule: String, Sendable, CaseIterable {
    /// Counts added up; a percentage re-made from its summed numerators and denominators.
    case sum
    /// The year's last month: for snapshots ("children in care on the day") and rolling 12-month measures.
    case last
    /// Never built from months: only a yearly figure given in benchmarks.csv counts.
    case none
}

/// One row of the indicator catalogue.
public struct Indicator: Hashable, Sendable {
    public var id: String
    public var name: String
    public var area: String
    public var unit: IndicatorUnit
    public var polarity: Polarity
    public var decimals: Int
    public var neighbourMethod: NeighbourMethod
    public var definition: String?
    public var source: String?
    public var lead: String?
    /// Extension column `outturn`; by default `sum` for counts and for percentages given with counts, else `none`.
    public var outturn: OutturnRule?

    public init(
        id: String, name: String, area: String, unit: IndicatorUnit, polarity: Polarity,
        decimals: Int? = nil, neighbourMethod: NeighbourMethod = .mean,
        definition: String? = nil, source: String? = nil, lead: String? = nil, outturn: OutturnRule? = nil
    ) {
        self.outturn = outturn
        self.id = id
        self.name = name
        self.area = area
        self.unit = unit
        self.polarity = polarity
        self.decimals = decimals ?? unit.defaultDecimals
        self.neighbourMethod = neighbourMethod
        self.definition = definition
        self.source = source
        self.lead = lead
    }
}

/// A target, or a target band, to be reached by a due month.
public struct Target: Hashable, Sendable {
    public var indicator: String
    /// The month the target is due; a financial year's due month is its last.
    public var due: Month
    public var value: Double?
    public var low: Double?
    public var high: Double?
    /// Width of the "near" zone beyond the target or band edge, in the indicator's unit.
    public var tolerance: Double?
    public var label: String?
    /// Blank: the target applies to every authority.
    public var authority: String?
    /// Extension: the sub-series (team, role) the target is for; empty for the whole-service figure.
    public var breakdown: String

    public init(
        indicator: String, due: Month, value: Double? = nil, low: Double? = nil, high: Double? = nil,
        tolerance: Double? = nil, label: String? = nil, authority: String? = nil, breakdown: String = ""
    ) {
        self.breakdown = breakdown
        self.indicator = indicator
        self.due = due
        self.value = value
        self.low = low
        self.high = high
        self.tolerance = tolerance
        self.label = label
        self.authority = authority
    }
}
