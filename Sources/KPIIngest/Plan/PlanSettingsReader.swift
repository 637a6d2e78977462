import KPIModel

/// `dashboard.json`'s optional `plan` object: `title`, `ratings` and `impactRatings`.
enum PlanSettingsReader {
    static let keys = ["title", "ratings", "impactRatings"]

    /// `report` locates a problem at a byte offset of the file.
    static func read(_ value: JSONValue, report: (_ offset: Int, _ message: String, _ hint: String?) -> Void)
        -> PlanSettings?
    {
        guard case .object(let members) = value.kind else {
            report(
                value.offset,
                "\"plan\" must be an object such as {\"title\": \"…\", \"ratings\": {\"green\": \"Completed\"}}", nil)
            return nil
        }
        var settings = PlanSettings()
        var seen: Set<String> = []
        for member in members {
            guard seen.insert(member.key).inserted else {
                report(member.keyOffset, "\"\(member.key)\" is set twice in \"plan\"", "keep one of them")
                continue
            }
            switch member.key {
            case "title":
                if case .string(let title) = member.value.kind, !title.trimmingSpaces.isEmpty {
                    settings.title = title
                } else {
                    report(member.keyOffset, "the plan's \"title\" must be a non-empty string", nil)
                }
            case "ratings": settings.ratings = key(member, report: report)
            case "impactRatings": settings.impactRatings = key(member, report: report)
            default:
                let suggestion = closest(to: member.key, in: keys).map { "did you mean \"\($0)\"? " } ?? ""
                report(
                    member.keyOffset, "unknown plan setting \"\(member.key)\"",
                    "\(suggestion)known plan settings: \(keys.joined(separator: ", "))")
            }
        }
        return settings
    }

    /// A key such as `{"green": "Completed", "yellow": "On task"}`, in the order written.
    private static func key(_ member: JSONMember, report: (Int, String, String?) -> Void) -> [PlanKeyEntry] {
        guard case .object(let entries) = member.value.kind else {
            report(
                member.keyOffset,
                "\"\(member.key)\" must be an object giving what each rating means, such as {\"green\": \"Completed\"}",
                nil)
            return []
        }
        return entries.compactMap { entry in
            guard PlanRating(word: entry.key) != nil else {
                report(entry.keyOffset, "\"\(entry.key)\" in \"\(member.key)\" is not a rating", CSVRecord.ratingHint)
                return nil
            }
            guard case .string(let meaning) = entry.value.kind else {
                report(entry.keyOffset, "what \"\(entry.key)\" means must be a string", nil)
                return nil
            }
            return PlanKeyEntry(word: entry.key, meaning: meaning)
        }
    }
}
