import KPIModel

/// `dashboard.json`'s optional `plan` object: `title`, `ratings` and `impactRatings`.
enum PlanSettingsReader {
    static let keys = ["title", "ratings", "impactRatings"]

    /// `text` is the whole file, for the order in which the key's words are written (JSON objects
    /// arrive unordered, and the key is printed as the board wrote it). `report` locates a problem
    /// at a key.
    static func read(_ value: Any, text: String, report: (_ key: String, _ message: String, _ hint: String?) -> Void) -> PlanSettings? {
        guard let object = value as? [String: Any] else {
            report("plan", "\"plan\" must be an object such as {\"title\": \"…\", \"ratings\": {\"green\": \"Completed\"}}", nil)
            return nil
        }
        var settings = PlanSettings()
        for key in object.keys.sorted() where !keys.contains(key) {
            let suggestion = closest(to: key, in: keys).map { "did you mean \"\($0)\"? " } ?? ""
            report(key, "unknown plan setting \"\(key)\"", "\(suggestion)known plan settings: \(keys.joined(separator: ", "))")
        }
        if let title = object["title"] {
            if let title = title as? String, !title.trimmingSpaces.isEmpty {
                settings.title = title
            } else {
                report("title", "the plan's \"title\" must be a non-empty string", nil)
            }
        }
        settings.ratings = key("ratings", object, text: text, report: report)
        settings.impactRatings = key("impactRatings", object, text: text, report: report)
        return settings
    }

    /// A key such as `{"green": "Completed", "yellow": "On task"}`, in the order the file writes it.
    private static func key(_ name: String, _ object: [String: Any], text: String,
                            report: (String, String, String?) -> Void) -> [PlanKeyEntry] {
        guard let value = object[name] else { return [] }
        guard let entries = value as? [String: Any] else {
            report(name, "\"\(name)\" must be an object giving what each rating means, such as {\"green\": \"Completed\"}", nil)
            return []
        }
        let start = text.range(of: "\"\(name)\"")?.upperBound ?? text.startIndex
        var key: [(position: String.Index, entry: PlanKeyEntry)] = []
        for (word, meaning) in entries {
            guard PlanRating(word: word) != nil else {
                report(word, "\"\(word)\" in \"\(name)\" is not a rating", CSVRecord.ratingHint)
                continue
            }
            guard let meaning = meaning as? String else {
                report(word, "what \"\(word)\" means must be a string", nil)
                continue
            }
            let position = text.range(of: "\"\(word)\"", range: start..<text.endIndex)?.lowerBound ?? text.endIndex
            key.append((position, PlanKeyEntry(word: word, meaning: meaning)))
        }
        return key.sorted { ($0.position, $0.entry.word) < ($1.position, $1.entry.word) }.map(\.entry)
    }
}
