import KPIAnalysis
import KPIModel
import Mustache
import Toolkit

extension PageModel {
    /// `plan/index.html`: the counts with the plan's key, the counts by theme, what needs attention,
    /// what is due soon, and every top-level item.
    func planOverview(_ plan: PlanAnalysis) -> MustacheValue {
        let topLevel = plan.items.filter(\.isTopLevel)
        let actionCount = plan.items.filter(\.isAction).count
        let themed = plan.themes.contains { $0.name != nil }
        let attention = plan.items.filter(\.needsAttention)
        let dueSoon = plan.items.filter(\.dueSoon)
        return page(
            title: plan.title ?? "Improvement plan", root: "../", current: "plan",
            [
                "plan": .object([
                    "summaryText": .string(
                        "\(plural(topLevel.count, "recommendation"))\(actionCount > 0 ? " and " + plural(actionCount, "action") : "") for \(authority.name), as recorded to \(plan.period.longName). The ratings are the board's own; a flag beside a rating marks where its linked figures disagree, and never changes it."
                    ),
                    "key": keyValue(plan.key), "hasKey": .bool(!plan.key.isEmpty),
                    "impactKey": keyValue(plan.impactKey), "hasImpactKey": .bool(!plan.impactKey.isEmpty),
                    "counts": countsValue(plan.counts),
                    "actions": countsValue(plan.actions), "hasActions": .bool(actionCount > 0),
                    "complete": .string(String(plan.complete)), "overdue": .string(String(plan.overdue)),
                    "dueSoonCount": .string(String(plan.dueSoon)), "stale": .string(String(plan.stale)),
                    "hasThemes": .bool(themed),
                    "themes": .list(
                        plan.themes.map { theme in
                            var counts = countsObject(theme.counts)
                            counts["name"] = .string(theme.name ?? "No theme")
                            return .object(counts)
                        }),
                    "attention": .list(
                        attention.map { item in
                            var values = itemSummary(item, planFolder: "")
                            values["reasons"] = .string(Wording.attention(item).joined(separator: "; "))
                            return .object(values)
                        }),
                    "hasAttention": .bool(!attention.isEmpty),
                    "dueSoon": .list(dueSoon.map { .object(itemSummary($0, planFolder: "")) }),
                    "hasDueSoon": .bool(!dueSoon.isEmpty),
                    "items": .list(topLevel.map { .object(itemSummary($0, planFolder: "")) }),
                ])
            ])
    }

    /// `plan/<slug>.html`: one top-level item, its rating history, its actions and its linked figures.
    func planItemPage(_ item: PlanItemAnalysis, in plan: PlanAnalysis) -> MustacheValue {
        let under = plan.items.filter { $0.topLevelRef == item.item.ref && !$0.isTopLevel }
        var values = itemSummary(item, planFolder: "")
        values["title"] = .string(item.item.title)
        values["details"] = .list(details(item))
        values["history"] = .list(
            item.history.reversed().map { point in
                .object([
                    "month": .string(point.month.longName),
                    "rating": .string(Wording.ratings(point.ratings)),
                    "class": .string(PlanRating.worst(point.ratings)?.counted.rawValue ?? "not_rated"),
                    "change": .string(Wording.change(point.change)),
                ])
            })
        values["hasHistory"] = .bool(!item.history.isEmpty)
        values["update"] = updateValue(item)
        values["actions"] = .list(
            under.map { action in
                var summary = itemSummary(action, planFolder: "")
                summary["update"] = updateValue(action)
                return .object(summary)
            })
        values["hasActions"] = .bool(!under.isEmpty)
        values["indicators"] = .list(
            item.indicators.compactMap { check in
                authority.indicators.first { $0.indicator.id == check.id }.map { indicator in
                    var row = rowValues(indicator, root: "../")
                    row["spcText"] = .string(indicator.spc.map { Wording.spc($0).text } ?? "Too few points")
                    return .object(row)
                }
            })
        values["hasIndicators"] = .bool(!item.indicators.isEmpty)
        return page(
            title: "\(item.item.ref): \(item.item.title)", root: "../", current: "plan", ["item": .object(values)])
    }

    /// The plan items that cite an indicator, for its page.
    func planCitations(_ id: String) -> [MustacheValue] {
        guard let plan = authority.plan else { return [] }
        return plan.items.filter { $0.item.indicators.contains(id) }.map {
            .object(itemSummary($0, planFolder: "../plan/"))
        }
    }

    /// For the quality page: plan items with no update in the last three months, and items not rated;
    /// nil without a plan.
    func planQuality() -> MustacheValue {
        guard let plan = authority.plan else { return .null }
        let stale = plan.items.filter(\.stale).map { MustacheValue.object(itemSummary($0, planFolder: "plan/")) }
        let unrated = plan.items.filter { $0.rating == nil }.map {
            MustacheValue.object(itemSummary($0, planFolder: "plan/"))
        }
        return .object([
            "stale": .list(stale), "hasStale": .bool(!stale.isEmpty),
            "unrated": .list(unrated), "hasUnrated": .bool(!unrated.isEmpty),
        ])
    }

    /// For the quality page's "what changed since the last build": plan items whose rating changed.
    func planChanges(since previous: BuildRecord) -> [MustacheValue] {
        guard let plan = authority.plan else { return [] }
        return previous.planChanges(to: plan, authority: authority.code).map { item, change in
            let summary = itemSummary(item, planFolder: "plan/")
            return .object([
                "indicator": .string("Plan \(item.item.ref): \(item.item.title)"), "href": summary["href"]!,
                "changes": .string(change),
            ])
        }
    }

    /// What a line about an item shows wherever it appears: ref, title, rating, due, flag and link.
    /// `planFolder` leads from the page to the plan's pages: `` from them, `plan/` or `../plan/` from others.
    func itemSummary(_ item: PlanItemAnalysis, planFolder: String) -> MustacheObject {
        let page = PlanItem.slug(item.topLevelRef) + ".html"
        return [
            "ref": .string(item.item.ref),
            "slug": .string(item.item.slug),
            "title": .string(item.item.title),
            "href": .string(planFolder + page + (item.isTopLevel ? "" : "#item-" + item.item.slug)),
            "depth": .string(String(item.depth)),
            "theme": item.item.theme.map { .string($0) } ?? .null,
            "lead": .string(item.item.lead ?? "Not given"),
            "start": .string(item.item.start?.shortName ?? "Not given"),
            "rating": .string(Wording.ratings(item.ratings)),
            "ratingClass": .string(item.rating?.counted.rawValue ?? "not_rated"),
            "derived": .bool(item.derived),
            "impact": item.impactRatings.isEmpty ? .null : .string(Wording.ratings(item.impactRatings)),
            "impactClass": .string(item.impact?.counted.rawValue ?? "not_rated"),
            "status": .string(Wording.status(item.status)),
            "change": .string(Wording.change(item.change)),
            "due": .string(Wording.due(item.due, ongoing: item.ongoing)),
            "originalDue": item.originalDue != nil && item.originalDue != item.due
                ? .string(Wording.due(item.originalDue, ongoing: false)) : .null,
            "slipped": item.slippedMonths > 0 ? .string(plural(item.slippedMonths, "month")) : .null,
            "lastUpdate": .string(item.lastUpdate?.shortName ?? "None"),
            "flag": item.flag.map { .string(Wording.flag($0, rating: item.rating)) } ?? .null,
        ]
    }

    private func details(_ item: PlanItemAnalysis) -> [MustacheValue] {
        let rows = [
            ("Source", item.item.source), ("Lead", item.item.lead), ("Start", item.item.start?.shortName),
            ("Measure", item.item.measure),
        ]
        return rows.compactMap { name, text in
            text.map {
                .object(["name": .string(name), "paragraphs": .list(Commentary.paragraphs(of: $0).map(paragraph))])
            }
        }
    }

    /// The latest update's month, author, evidence and next steps; nil without one.
    private func updateValue(_ item: PlanItemAnalysis) -> MustacheValue {
        guard let update = item.latest else { return .null }
        return .object([
            "month": .string(update.month.longName),
            "author": update.author.map { .string($0) } ?? .null,
            "evidence": .list(Commentary.paragraphs(of: update.evidence ?? "").map(paragraph)),
            "hasEvidence": .bool(update.evidence != nil),
            "next": .list(Commentary.paragraphs(of: update.next ?? "").map(paragraph)),
            "hasNext": .bool(update.next != nil),
        ])
    }

    private func keyValue(_ key: [PlanKeyEntry]) -> MustacheValue {
        .list(
            key.map { entry in
                .object([
                    "word": .string(entry.word), "meaning": .string(entry.meaning),
                    "class": .string(PlanRating(word: entry.word)?.counted.rawValue ?? "not_rated"),
                ])
            })
    }

    private func countsValue(_ counts: PlanCounts) -> MustacheValue { .object(countsObject(counts)) }

    private func countsObject(_ counts: PlanCounts) -> MustacheObject {
        [
            "green": .string(String(counts.green)), "amber": .string(String(counts.amber)),
            "red": .string(String(counts.red)),
            "blue": .string(String(counts.blue)), "notRated": .string(String(counts.notRated)),
            "total": .string(String(counts.total)),
        ]
    }
}
