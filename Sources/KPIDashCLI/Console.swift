import Foundation

/// Where a command writes: standard output and error, or buffers in tests.
public struct Console: Sendable {
    public var out: @Sendable (String) -> Void
    public var err: @Sendable (String) -> Void
    /// Progress is shown only on a terminal.
    public var errIsTerminal: Bool

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void, errIsTerminal: Bool = false) {
        self.out = out
        self.err = err
        self.errIsTerminal = errIsTerminal
    }

    public static let standard = Console(
        out: { text in FileHandle.standardOutput.write(Data((text + "\n").utf8)) },
        err: { text in FileHandle.standardError.write(Data((text + "\n").utf8)) },
        errIsTerminal: isatty(2) == 1)
}

/// The exit statuses of `spec/outputs.md`.
public enum ExitStatus: Int32, Sendable {
    case success = 0
    /// The data has errors.
    case dataErrors = 1
    case usage = 2
    /// Writing the output or delivering it failed.
    case outputFailure = 3
}
