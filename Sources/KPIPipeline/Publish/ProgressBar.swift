import Foundation

/// A one-line progress bar, drawn through the console's `progress` writer when it has one.
final class ProgressBar: @unchecked Sendable {
    private let total: Int
    private let label: String
    private let draw: (@Sendable (String) -> Void)?
    private let lock = NSLock()
    private var done = 0
    private var shownPercent = -1

    init(total: Int, label: String, console: Console) {
        self.total = max(total, 1)
        self.label = label
        draw = console.progress
    }

    /// Counts one item done; redraws when the whole percentage changes. Safe from several threads.
    func advance() {
        guard let draw else { return }
        let line: String? = lock.withLock {
            done += 1
            let percent = min(100, done * 100 / total)
            guard percent != shownPercent else { return nil }
            shownPercent = percent
            let filled = percent / 5
            return "\r\(label) [" + String(repeating: "#", count: filled) + String(repeating: ".", count: 20 - filled)
                + "] \(percent)%"
        }
        if let line { draw(line) }
    }

    /// Clears the bar so the next log line starts on a clean line.
    func finish() {
        draw?("\r\u{1B}[K")
    }
}
