import KPIModel

extension IndicatorAnalyser {
    /// The target for `month`: of this indicator's rows for this authority or every authority
    /// (this authority's row beats a blank one with the same due; among equals, the first row),
    /// the one with the earliest due on or after the month; after the last due, the last goes on applying.
    /// `breakdown` picks the sub-series a target row names; empty is the whole-service figure.
    func applicableTarget(for month: Month, breakdown: String = "") -> Target? {
        var byDue: [Month: Target] = [:]
        for target in context.index.targets[indicator.id] ?? []
        where (target.authority == nil || target.authority == authority) && target.breakdown == breakdown {
            if byDue[target.due] == nil || (target.authority != nil && byDue[target.due]?.authority == nil) {
                byDue[target.due] = target
            }
        }
        let dues = byDue.keys.sorted()
        return (dues.first { $0 >= month } ?? dues.last).flatMap { byDue[$0] }
    }
}
