import Foundation

/// Where a command writes: standard output and error, or buffers in tests.
public struct Console: Sendable {
    public var out: @Sendable (String) -> Void
    public var err: @Sendable (String) -> Void
    /// Redraws a progress line in place (no line end); nil where nobody watches, as in a nightly
    /// job's log, which then holds only the step lines.
    public var progress: (@Sendable (String) -> Void)?

    public init(
        out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void,
        progress: (@Sendable (String) -> Void)? = nil
    ) {
        self.out = out
        self.err = err
        self.progress = progress
    }

    /// Standard output and error; progress only when standard error is a terminal.
    public static let standard = Console(
        out: { text in FileHandle.standardOutput.write(Data((text + "\n").utf8)) },
        err: { text in FileHandle.standardError.write(Data((text + "\n").utf8)) },
        progress: isatty(2) == 1 ? writeToStandardError : nil)

    private static let writeToStandardError: @Sendable (String) -> Void = { text in
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// The exit statuses of the output contract.
public enum ExitStatus: Int32, Sendable {
    case success = 0
    /// The data has errors.
    case dataErrors = 1
    case usage = 2
    /// Writing the output or delivering it failed.
    case outputFailure = 3
}
