import KPIModel

/// Computes an authority's plan as of month M, exactly as `spec/plan.md` defines it. Updates after
/// M are ignored, so a rebuild of a past month shows the plan as it stood.
struct PlanAnalyser {
    let items: [PlanItem]
    /// Each item's updates in or before M, oldest first.
    let updates: [String: [PlanUpdate]]
    let asOf: Month
    let indicators: [String: IndicatorAnalysis]
    private let indexByRef: [String: Int]
    private let children: [String: [String]]

    init(items: [PlanItem], updates: [PlanUpdate], asOf: Month, indicators: [IndicatorAnalysis]) {
        self.items = items
        self.asOf = asOf
        self.updates = Dictionary(grouping: updates.filter { $0.month <= asOf }, by: \.ref).mapValues {
            $0.sorted { $0.month < $1.month }
        }
        self.indicators = Dictionary(indicators.map { ($0.indicator.id, $0) }, uniquingKeysWith: { a, _ in a })
        indexByRef = Dictionary(items.enumerated().map { ($1.ref, $0) }, uniquingKeysWith: { a, _ in a })
        children = Dictionary(grouping: items.filter { $0.parent != nil }, by: { $0.parent! }).mapValues {
            $0.map(\.ref)
        }
    }

    func analyse(settings: PlanSettings?) -> PlanAnalysis {
        let analysed = items.map(analyse)
        let topLevel = analysed.filter(\.isTopLevel)
        var themeOrder: [String?] = []
        for item in topLevel where !themeOrder.contains(item.item.theme) { themeOrder.append(item.item.theme) }
        return PlanAnalysis(
            title: settings?.title, key: settings?.ratings ?? [], impactKey: settings?.impactRatings ?? [],
            period: asOf,
            items: analysed,
            counts: PlanCounts(topLevel.map(\.rating)),
            actions: PlanCounts(analysed.filter(\.isAction).map(\.rating)),
            themes: themeOrder.map { theme in
                (theme, PlanCounts(topLevel.filter { $0.item.theme == theme }.map(\.rating)))
            },
            complete: analysed.filter(\.complete).count, overdue: analysed.filter(\.overdue).count,
            dueSoon: analysed.filter(\.dueSoon).count, stale: analysed.filter(\.stale).count)
    }

    private func analyse(_ item: PlanItem) -> PlanItemAnalysis {
        var depth = 0
        var top = item
        while let parent = top.parent.flatMap({ indexByRef[$0] }) {
            depth += 1
            top = items[parent]
        }
        let own = updates[item.ref] ?? []
        let ownRated = own.filter { !$0.ratings.isEmpty }
        let actions = depth == 0 ? actionRefs(under: item.ref) : []

        var ratings: [PlanRating] = []
        var derived = false
        var history: [PlanRatingPoint] = []
        var activity = own.map(\.month)
        if !ownRated.isEmpty {
            var previous: PlanRating?
            for update in ownRated {
                let rating = PlanRating.worst(update.ratings)!
                history.append(
                    PlanRatingPoint(
                        month: update.month, ratings: update.ratings, change: PlanChange(from: previous, to: rating)))
                previous = rating
            }
            ratings = ownRated.last!.ratings
        } else if !actions.isEmpty {
            let months = Set(actions.flatMap { (updates[$0] ?? []).map(\.month) }).sorted()
            activity += months
            var previous: PlanRating?
            for month in months {
                guard let rating = PlanRating.worst(actions.compactMap { recordedRating(of: $0, asOf: month) }) else {
                    continue
                }
                history.append(
                    PlanRatingPoint(month: month, ratings: [rating], change: PlanChange(from: previous, to: rating)))
                previous = rating
            }
            if let last = history.last {
                ratings = last.ratings
                derived = true
            }
        }
        let rating = PlanRating.worst(ratings)
        let impactCell = own.last { !$0.impact.isEmpty }?.impact ?? []
        let status = own.last { $0.status != nil }?.status
        let complete = status?.isComplete == true || rating == .blue
        let revision = own.last { $0.due != nil }?.due
        let currentDue = revision ?? item.due
        let due = currentDue?.month
        let originalDue = item.due?.month
        let slipped = revision != nil ? due.flatMap { d in originalDue.map { max(0, d.index - $0.index) } } ?? 0 : 0
        let lastUpdate = activity.max()
        let checks = item.indicators.map { id in
            PlanIndicatorCheck(
                id: id, hasTarget: indicators[id]?.target != nil, target: indicators[id]?.target?.judgement,
                spc: indicators[id]?.spc?.signal)
        }
        return PlanItemAnalysis(
            item: item, depth: depth, topLevelRef: top.ref, isAction: depth > 0 && children[item.ref] == nil,
            rating: rating, ratings: ratings, derived: derived,
            impact: PlanRating.worst(impactCell), impactRatings: impactCell, status: status, complete: complete,
            due: due, ongoing: currentDue == .ongoing, originalDue: originalDue, slippedMonths: slipped,
            overdue: !complete && due.map { $0 < asOf } == true,
            dueSoon: !complete && due.map { $0 >= asOf && $0 <= asOf.adding(months: 3) } == true,
            stale: !complete && !(lastUpdate.map { $0 >= asOf.adding(months: -2) } ?? false),
            change: history.last?.change, lastUpdate: lastUpdate, latest: own.last, history: history,
            indicators: checks, flag: rating.flatMap { Self.flag($0, checks) })
    }

    /// The items under `ref`, at any depth, that have no children of their own.
    private func actionRefs(under ref: String) -> [String] {
        (children[ref] ?? []).flatMap { child in children[child] == nil ? [child] : actionRefs(under: child) }
    }

    /// An item's own recorded rating as it stood at `month`.
    private func recordedRating(of ref: String, asOf month: Month) -> PlanRating? {
        (updates[ref] ?? []).last { $0.month <= month && !$0.ratings.isEmpty }.flatMap { PlanRating.worst($0.ratings) }
    }

    /// Green or blue while a linked figure missed its target or shows a concern; red while every
    /// linked figure with a target met it.
    static func flag(_ rating: PlanRating, _ checks: [PlanIndicatorCheck]) -> PlanFlag? {
        switch rating.counted {
        case .green, .blue:
            return checks.contains { $0.target == .missed || $0.spc == .specialCauseConcern }
                ? .ratedGreenFiguresOffTrack : nil
        case .red:
            let withTarget = checks.filter(\.hasTarget)
            return !withTarget.isEmpty && withTarget.allSatisfy { $0.target == .met } ? .ratedRedFiguresOnTrack : nil
        default:
            return nil
        }
    }
}
