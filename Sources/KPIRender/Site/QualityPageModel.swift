import KPIAnalysis
import KPIModel
import Mustache

extension PageModel {
    /// The data-quality page: reading warnings, revisions, missing months, cells without a figure.
    /// It says what was withheld and where in the extracts, never anything about a child.
    func qualityPage() -> MustacheValue {
        let names = Dictionary(
            authority.indicators.map { ($0.indicator.id, $0.indicator) }, uniquingKeysWith: { a, _ in a })
        func href(_ id: String) -> MustacheValue { .string("indicators/\(id).html") }
        func name(_ id: String) -> MustacheValue { .string(names[id]?.name ?? id) }

        let warnings: [MustacheValue] = analysis.warnings.map { warning in
            .object([
                "location": .string("\(displayPath(warning.file)):\(warning.line):\(warning.column)"),
                "message": .string(warning.message + (warning.hint.map { " (\($0))" } ?? "")),
            ])
        }
        let revisions: [MustacheValue] = authority.quality.revisions.map { revision in
            let indicator = names[revision.indicator]
            func shown(_ observation: Observation) -> String {
                indicator.map { Wording.value(observation.value, status: observation.status, $0) }
                    ?? observation.status.rawValue
            }
            return .object([
                "indicator": name(revision.indicator), "href": href(revision.indicator),
                "breakdown": revision.breakdown.isEmpty ? .null : .string(revision.breakdown),
                "month": .string(revision.month.shortName),
                "was": .string(shown(revision.earlier)), "now": .string(shown(revision.later)),
                "file": .string("\(displayPath(revision.later.source.file)), line \(revision.later.source.line)"),
            ])
        }
        var missing: [MustacheValue] = []
        var withheld: [MustacheValue] = []
        for quality in authority.quality.indicators {
            if !quality.missingMonths.isEmpty {
                missing.append(
                    .object([
                        "indicator": name(quality.indicator), "href": href(quality.indicator),
                        "months": .string(quality.missingMonths.map(\.shortName).joined(separator: ", ")),
                    ]))
            }
            for status in ValueStatus.allCases where status != .ok {
                let cells = quality.flaggedCells.filter { $0.status == status }
                guard !cells.isEmpty else { continue }
                withheld.append(
                    .object([
                        "indicator": name(quality.indicator), "href": href(quality.indicator),
                        "status": .string(Wording.status(status)),
                        "count": .string(String(cells.count)),
                        "months": .string(
                            cells.map { $0.month.shortName + ($0.breakdown.isEmpty ? "" : " (\($0.breakdown))") }
                                .joined(separator: ", ")),
                    ]))
            }
        }
        var changed: [MustacheValue] = []
        if let previous {
            for item in authority.indicators {
                let lines = previous.changes(to: item, authority: authority.code)
                guard !lines.isEmpty else { continue }
                changed.append(
                    .object([
                        "indicator": .string(item.indicator.name), "href": href(item.indicator.id),
                        "changes": .string(lines.joined(separator: "; ")),
                    ]))
            }
        }
        return page(
            title: "Data quality", root: "", current: "quality",
            [
                "firstBuild": .bool(previous == nil),
                "changed": .list(changed), "hasChanged": .bool(!changed.isEmpty),
                "warnings": .list(warnings), "hasWarnings": .bool(!warnings.isEmpty),
                "revisions": .list(revisions), "hasRevisions": .bool(!revisions.isEmpty),
                "missing": .list(missing), "hasMissing": .bool(!missing.isEmpty),
                "withheld": .list(withheld), "hasWithheld": .bool(!withheld.isEmpty),
            ])
    }

    /// Paths as the dataset folder names them (`extracts/2017-09.csv`), without the machine's own folders.
    private func displayPath(_ path: String) -> String {
        if let range = path.range(of: "/extracts/") { return "extracts/" + path[range.upperBound...] }
        return path.split(separator: "/").last.map(String.init) ?? path
    }
}
