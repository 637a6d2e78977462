import KPIAnalysis
import KPIModel

extension SummaryJSON {
    /// The `plan` member of an authority, exactly as `spec/plan.md` gives it.
    static func plan(_ plan: PlanAnalysis) -> JSON {
        .object([
            ("title", .string(plan.title)),
            ("period", .string(plan.period.description)),
            ("counts", counts(plan.counts)),
            ("actions", counts(plan.actions)),
            ("complete", .integer(plan.complete)),
            ("overdue", .integer(plan.overdue)),
            ("dueSoon", .integer(plan.dueSoon)),
            ("stale", .integer(plan.stale)),
            ("items", .array(plan.items.map(item))),
        ])
    }

    private static func counts(_ counts: PlanCounts) -> JSON {
        .object([
            ("green", .integer(counts.green)), ("amber", .integer(counts.amber)), ("red", .integer(counts.red)),
            ("blue", .integer(counts.blue)), ("not_rated", .integer(counts.notRated)),
        ])
    }

    private static func item(_ item: PlanItemAnalysis) -> JSON {
        let month = { (month: Month?) in JSON.string(month?.description) }
        return .object([
            ("ref", .string(item.item.ref)),
            ("parent", .string(item.item.parent)),
            ("title", .string(item.item.title)),
            ("theme", .string(item.item.theme)),
            ("lead", .string(item.item.lead)),
            ("rating", .string(item.rating?.counted.rawValue)),
            ("ratings", .array(item.ratings.map { .string($0.rawValue) })),
            ("derived", .bool(item.derived)),
            ("impact", .string(item.impact?.counted.rawValue)),
            ("status", .string(item.status?.rawValue)),
            ("complete", .bool(item.complete)),
            ("due", month(item.due)),
            ("originalDue", month(item.originalDue)),
            ("slippedMonths", .integer(item.slippedMonths)),
            ("overdue", .bool(item.overdue)),
            ("dueSoon", .bool(item.dueSoon)),
            ("stale", .bool(item.stale)),
            ("change", .string(item.change?.rawValue)),
            ("lastUpdate", month(item.lastUpdate)),
            (
                "indicators",
                .array(
                    item.indicators.map { check in
                        .object([
                            ("id", .string(check.id)), ("target", .string(check.target?.rawValue)),
                            ("spc", .string(check.spc?.rawValue)),
                        ])
                    })
            ),
            ("flag", .string(item.flag?.rawValue)),
        ])
    }
}
