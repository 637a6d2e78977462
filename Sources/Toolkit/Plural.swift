/// "1 file", "3 files", "2 authorities": a count with its noun, for messages and pages.
public func plural(_ count: Int, _ noun: String, _ nouns: String? = nil) -> String {
    "\(count) \(count == 1 ? noun : nouns ?? noun + "s")"
}
