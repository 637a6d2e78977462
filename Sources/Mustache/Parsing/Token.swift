/// A run of template text or one tag, as the scanner finds them.
enum Token {
    /// Bytes of the source; a text token ends at the first newline it contains.
    case text(Range<Int>)
    case tag(Tag)
}

/// One `{{…}}` tag.
struct Tag {
    enum Kind {
        case escapedVariable, unescapedVariable
        case section, invertedSection, close
        case partial, parent, block
        case comment, delimiters

        /// Tags that print nothing themselves may stand alone on a line and take the line with them.
        var printsNothing: Bool {
            self != .escapedVariable && self != .unescapedVariable
        }

        var opensSection: Bool {
            self == .section || self == .invertedSection || self == .parent || self == .block
        }

        var sigil: String {
            switch self {
            case .escapedVariable: ""
            case .unescapedVariable: "&"
            case .section: "#"
            case .invertedSection: "^"
            case .close: "/"
            case .partial: ">"
            case .parent: "<"
            case .block: "$"
            case .comment: "!"
            case .delimiters: "="
            }
        }
    }

    var kind: Kind
    var name: String
    /// Byte offset of the opening delimiter.
    var offset: Int
    /// Set when the tag stands alone on its line: the whitespace that began the line.
    var indentation: [UInt8]? = nil
}
