/// A progress rating a board records against an improvement plan item (`spec/plan.md`).
///
/// `yellow` is kept as written (Leicester City's plans say Yellow) and counts with amber;
/// `blue` means complete (BRAG plans).
public enum PlanRating: String, Hashable, Sendable, CaseIterable {
    case green, amber, red, yellow, blue

    /// Worst first: red 0, amber and yellow 1, green 2, blue 3. An item's rating is the lowest of its
    /// cell; a rise is an improvement.
    public var rank: Int {
        switch self {
        case .red: 0
        case .amber, .yellow: 1
        case .green: 2
        case .blue: 3
        }
    }

    /// A word of a ratings cell or of the plan's key, in any case, or its initial (`G`, `y`).
    public init?(word: String) {
        let lower = word.lowercased()
        guard
            let rating = PlanRating(rawValue: lower)
                ?? (lower.count == 1 ? Self.allCases.first { $0.rawValue.hasPrefix(lower) } : nil)
        else {
            return nil
        }
        self = rating
    }

    /// The rating as it is counted and published in `summary.json`: yellow is amber there.
    public var counted: PlanRating { self == .yellow ? .amber : self }

    /// The worst of `ratings`; the first written wins a tie, so a cell's `Yellow` is not turned into `Amber`.
    public static func worst(_ ratings: [PlanRating]) -> PlanRating? {
        ratings.reduce(nil) { worst, rating in worst.map { rating.rank < $0.rank ? rating : $0 } ?? rating }
    }
}

/// Where an item stands, as `updates.csv`'s `status` column gives it.
public enum PlanStatus: String, Hashable, Sendable, CaseIterable {
    case notStarted = "not_started"
    case inProgress = "in_progress"
    case delayed, complete
    case signedOff = "signed_off"

    public var isComplete: Bool { self == .complete || self == .signedOff }
}

/// A plan date that is due: a month, or `ongoing` (no due date).
public enum PlanDue: Hashable, Sendable {
    case month(Month)
    case ongoing

    public var month: Month? {
        if case .month(let month) = self { return month }
        return nil
    }
}

/// One row of `plan/items.csv`: a recommendation, or an action under one.
public struct PlanItem: Hashable, Sendable {
    /// As the plan writes it, trimmed and without a trailing `.`.
    public var ref: String
    /// The parent's `ref` as the parent writes it; nil for a top-level item.
    public var parent: String?
    public var title: String
    /// Its own theme or, when blank, its parent's (resolved by the reader).
    public var theme: String?
    public var source: String?
    public var lead: String?
    public var start: Month?
    public var due: PlanDue?
    public var measure: String?
    /// Indicator ids from `indicators.csv`, in the order written.
    public var indicators: [String]
    public var authority: String

    public init(
        ref: String, parent: String? = nil, title: String, theme: String? = nil, source: String? = nil,
        lead: String? = nil, start: Month? = nil, due: PlanDue? = nil, measure: String? = nil,
        indicators: [String] = [], authority: String
    ) {
        self.ref = ref
        self.parent = parent
        self.title = title
        self.theme = theme
        self.source = source
        self.lead = lead
        self.start = start
        self.due = due
        self.measure = measure
        self.indicators = indicators
        self.authority = authority
    }

    /// The page name: the ref in lower case, every character outside `a-z0-9_-` turned into `-`.
    public var slug: String { Self.slug(ref) }

    public static func slug(_ ref: String) -> String {
        String(
            String.UnicodeScalarView(
                ref.lowercased().unicodeScalars.map { scalar in
                    (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") || scalar == "_"
                        || scalar == "-" ? scalar : "-"
                }))
    }
}

/// One row of `plan/updates.csv`: an item's progress in one reporting month.
public struct PlanUpdate: Hashable, Sendable {
    /// The item's `ref` as `items.csv` writes it.
    public var ref: String
    public var month: Month
    /// Every rating of the cell, in the order written; empty when the row gives none.
    public var ratings: [PlanRating]
    public var status: PlanStatus?
    public var impact: [PlanRating]
    /// A revised due date, applying from this update on.
    public var due: PlanDue?
    public var evidence: String?
    public var next: String?
    public var author: String?
    public var authority: String

    public init(
        ref: String, month: Month, ratings: [PlanRating] = [], status: PlanStatus? = nil, impact: [PlanRating] = [],
        due: PlanDue? = nil, evidence: String? = nil, next: String? = nil, author: String? = nil, authority: String
    ) {
        self.ref = ref
        self.month = month
        self.ratings = ratings
        self.status = status
        self.impact = impact
        self.due = due
        self.evidence = evidence
        self.next = next
        self.author = author
        self.authority = authority
    }
}

/// What one word of the plan's key means, as `dashboard.json` gives it.
public struct PlanKeyEntry: Hashable, Sendable {
    /// As written (`green`, `Yellow`, `G`).
    public var word: String
    public var meaning: String

    public init(word: String, meaning: String) {
        self.word = word
        self.meaning = meaning
    }
}

/// `dashboard.json`'s optional `plan` object.
public struct PlanSettings: Hashable, Sendable {
    public var title: String?
    /// In the order `dashboard.json` writes them.
    public var ratings: [PlanKeyEntry]
    public var impactRatings: [PlanKeyEntry]

    public init(title: String? = nil, ratings: [PlanKeyEntry] = [], impactRatings: [PlanKeyEntry] = []) {
        self.title = title
        self.ratings = ratings
        self.impactRatings = impactRatings
    }
}

/// The improvement plan of `DIR/plan/`: every authority's items and updates, in file order.
public struct Plan: Sendable {
    public var items: [PlanItem]
    public var updates: [PlanUpdate]

    public init(items: [PlanItem] = [], updates: [PlanUpdate] = []) {
        self.items = items
        self.updates = updates
    }
}
