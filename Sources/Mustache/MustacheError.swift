/// A problem in a template or in a render, placed compiler-style at `name:line:column`.
public struct MustacheError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The template's file path, or its name when it did not come from a file.
    public var name: String
    /// 1-based; 0 when the problem concerns the whole template rather than a place in it.
    public var line: Int
    /// 1-based, counting characters rather than bytes.
    public var column: Int
    public var message: String

    public init(name: String, line: Int, column: Int, message: String) {
        self.name = name
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        line > 0 ? "\(name):\(line):\(column): error: \(message)" : "\(name): error: \(message)"
    }
}

/// Every problem found while loading a library or rendering in strict mode, so one run reports them all.
public struct MustacheErrors: Error, Sendable, Equatable, CustomStringConvertible {
    public var errors: [MustacheError]

    public init(_ errors: [MustacheError]) {
        self.errors = errors
    }

    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}
