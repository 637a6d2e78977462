import KPIModel

/// A rating against the item's previous one: red → amber/yellow → green → blue is improvement.
public enum PlanChange: String, Sendable {
    case improved, worsened, unchanged, new

    /// `previous` nil: the first rating.
    init(from previous: PlanRating?, to current: PlanRating) {
        guard let previous else {
            self = .new
            return
        }
        self = current.rank > previous.rank ? .improved : current.rank < previous.rank ? .worsened : .unchanged
    }
}

/// When a recorded rating and the item's linked figures disagree. Shown beside the rating; never changes it.
public enum PlanFlag: String, Sendable {
    case ratedGreenFiguresOffTrack = "rated_green_figures_off_track"
    case ratedRedFiguresOnTrack = "rated_red_figures_on_track"
}

/// A linked indicator's judgements in the reported month, as `summary.json` gives them.
public struct PlanIndicatorCheck: Sendable {
    public var id: String
    /// Whether a target applies in the reported month (its judgement is nil when there is no figure).
    public var hasTarget: Bool
    public var target: TargetJudgement?
    public var spc: SPCSignal?
}

/// An item's rating as it stood after one reporting month's update.
public struct PlanRatingPoint: Sendable {
    public var month: Month
    /// The cell's ratings; for a derived rating, that rating alone.
    public var ratings: [PlanRating]
    public var change: PlanChange
}

/// How many items have each rating; yellow counts as amber.
public struct PlanCounts: Hashable, Sendable {
    public var green = 0, amber = 0, red = 0, blue = 0, notRated = 0

    init(_ ratings: [PlanRating?]) {
        for rating in ratings {
            switch rating?.counted {
            case .green: green += 1
            case .amber, .yellow: amber += 1
            case .red: red += 1
            case .blue: blue += 1
            case nil: notRated += 1
            }
        }
    }

    public var total: Int { green + amber + red + blue + notRated }
}

/// Everything computed for one plan item as of the reported month (`spec/plan.md`).
public struct PlanItemAnalysis: Sendable {
    public var item: PlanItem
    /// 0 for a top-level item.
    public var depth: Int
    /// The ref of the top-level item it sits under (its own for a top-level item): the page it is shown on.
    public var topLevelRef: String
    /// An item with a parent and no children.
    public var isAction: Bool
    /// The worst of `ratings`, yellow kept; nil when not rated.
    public var rating: PlanRating?
    public var ratings: [PlanRating]
    /// Taken from the item's actions, having no rating of its own.
    public var derived: Bool
    public var impact: PlanRating?
    public var impactRatings: [PlanRating]
    public var status: PlanStatus?
    public var complete: Bool
    public var due: Month?
    /// The latest revision or `items.csv` says `ongoing`.
    public var ongoing: Bool
    public var originalDue: Month?
    public var slippedMonths: Int
    public var overdue: Bool
    public var dueSoon: Bool
    public var stale: Bool
    public var change: PlanChange?
    public var lastUpdate: Month?
    /// The item's latest update in or before the reported month, for its evidence and next steps.
    public var latest: PlanUpdate?
    /// One point per reporting month in which the rating was recorded (or, derived, any action updated).
    public var history: [PlanRatingPoint]
    public var indicators: [PlanIndicatorCheck]
    public var flag: PlanFlag?

    public var isTopLevel: Bool { depth == 0 }
    /// Newly red or worsened, overdue, stale, or flagged against the figures.
    public var needsAttention: Bool { newlyRedOrWorsened || overdue || stale || flag != nil }
    public var newlyRedOrWorsened: Bool { change == .worsened || (change == .new && rating == .red) }
}

/// One authority's improvement plan as of the reported month.
public struct PlanAnalysis: Sendable {
    public var title: String?
    public var key: [PlanKeyEntry]
    public var impactKey: [PlanKeyEntry]
    public var period: Month
    /// Every item, actions too, in file order.
    public var items: [PlanItemAnalysis]
    /// Top-level items by rating.
    public var counts: PlanCounts
    /// Actions (items with a parent and no children) by rating.
    public var actions: PlanCounts
    /// Top-level items by rating within each theme, themes in file order; nil names items without one.
    public var themes: [(name: String?, counts: PlanCounts)]
    public var complete: Int
    public var overdue: Int
    public var dueSoon: Int
    public var stale: Int
}
