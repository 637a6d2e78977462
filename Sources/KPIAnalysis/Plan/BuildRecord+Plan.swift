import KPIModel

extension BuildRecord {
    /// Every authority's plan items and their ratings, for the next build to compare with.
    static func planRatings(_ analysis: DashboardAnalysis) -> [String: PlanRating?] {
        var ratings: [String: PlanRating?] = [:]
        for authority in analysis.authorities {
            for item in authority.plan?.items ?? [] {
                ratings[authority.code + "/" + item.item.ref] = .some(item.rating)
            }
        }
        return ratings
    }

    /// How each plan item's rating changed since this record was made, in words. Yellow and amber
    /// are one level. Empty when the record holds no plan for the authority: its first build with one.
    public func planChanges(to plan: PlanAnalysis, authority: String) -> [(item: PlanItemAnalysis, change: String)] {
        let prefix = authority + "/"
        guard planRatings.keys.contains(where: { $0.hasPrefix(prefix) }) else { return [] }
        return plan.items.compactMap { item in
            guard let before = planRatings[prefix + item.item.ref] else { return (item, "New plan item") }
            guard let now = item.rating, now.counted != before?.counted else { return nil }
            return (
                item,
                before.map { "Rating now \(now.rawValue) (was \($0.rawValue))" } ?? "First rating: \(now.rawValue)"
            )
        }
    }
}
