/// A mailbox as `--from` and `--to` give it: `board@example.org` or `Jo Bloggs <jo@example.org>`.
///
/// Validation is deliberately simple (RFC 5322 dot-atom on both sides of one `@`, ASCII only): it
/// catches typing mistakes and refuses anything that could smuggle extra header text, without
/// trying to accept every address the RFC allows.
public struct EmailAddress: Hashable, Sendable {
    public let displayName: String?
    /// Checked when parsed, and fixed after: it always holds exactly one `@`.
    public let address: String

    /// The domain after the `@`, for the Message-ID.
    public var domain: Substring { address.split(separator: "@", omittingEmptySubsequences: false).last ?? "" }

    public init(parsing text: String) throws(EmailHeaderError) {
        try EmailHeaders.rejectControlCharacters(text, in: "address")
        let trimmed = text.trimmingSpaces
        var name: String?
        var address = trimmed
        if let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") {
            address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            let phrase = String(trimmed[..<open]).trimmingSpaces
            let unquoted =
                phrase.count >= 2 && phrase.hasPrefix("\"") && phrase.hasSuffix("\"")
                ? String(phrase.dropFirst().dropLast()) : phrase
            name = unquoted.isEmpty ? nil : unquoted
        }
        guard Self.isValid(address) else {
            throw EmailHeaderError(
                message: "\"\(text)\" is not an email address (expected name@example.org or Name <name@example.org>)")
        }
        self.displayName = name
        self.address = address
    }

    /// A comma-separated list, as `--to` takes it; a comma inside a quoted name does not separate.
    public static func list(parsing text: String) throws(EmailHeaderError) -> [EmailAddress] {
        var items: [String] = [""]
        var quoted = false
        for character in text {
            if character == "\"" { quoted.toggle() }
            if character == "," && !quoted { items.append("") } else { items[items.count - 1].append(character) }
        }
        var addresses: [EmailAddress] = []
        for item in items where !item.trimmingSpaces.isEmpty {
            addresses.append(try EmailAddress(parsing: item))
        }
        guard !addresses.isEmpty else { throw EmailHeaderError(message: "no email address given") }
        return addresses
    }

    private static func isValid(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, address.utf8.count <= 254, parts[0].utf8.count <= 64 else { return false }
        let localAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-".utf8)
        let local = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        let domain = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        let labelAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-".utf8)
        return local.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy(localAllowed.contains) }
            && domain.allSatisfy {
                !$0.isEmpty && $0.utf8.count <= 63 && !$0.hasPrefix("-") && !$0.hasSuffix("-")
                    && $0.utf8.allSatisfy(labelAllowed.contains)
            }
    }

    /// `Jo Bloggs <jo@example.org>`, the name quoted or encoded as it needs.
    public var headerText: String {
        guard let displayName else { return address }
        return EmailHeaders.phrase(displayName) + " <" + address + ">"
    }
}

/// A header value that cannot be used, from the command line; the command exits 2.
public struct EmailHeaderError: Error, Sendable {
    public var message: String

    public init(message: String) {
        self.message = message
    }
}

/// What the command line says about the message's envelope. Every value is checked for control
/// characters on the way in, so nothing typed or scripted can add a header line.
public struct EmailHeaders: Sendable {
    public var from: EmailAddress?
    public var to: [EmailAddress]
    /// Nil for the default, made from the dataset's title, the authority and the month.
    public var subject: String?
    public var date: MessageDate

    public init(from: EmailAddress?, to: [EmailAddress], subject: String?, date: MessageDate) {
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
    }

    /// A subject given on the command line: refused outright if it holds a control character.
    public static func subject(_ text: String) throws(EmailHeaderError) -> String {
        try rejectControlCharacters(text, in: "subject")
        return text
    }

    public static func rejectControlCharacters(_ text: String, in what: String) throws(EmailHeaderError) {
        if text.unicodeScalars.contains(where: isControl) {
            throw EmailHeaderError(message: "the \(what) contains a line break or other control character")
        }
    }

    /// Text from the dataset for a header: control characters become spaces and runs of white
    /// space one space, since a header is one line and data cannot be refused at this point.
    public static func sanitised(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let isSpace = isControl(scalar) || scalar.properties.isWhitespace
            if isSpace {
                if let last = scalars.last, last != " " { scalars.append(" ") }
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars).trimmingSpaces
    }

    /// C0 controls (CR and LF among them), DEL, C1 controls, and the Unicode line and paragraph separators.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    /// `Name: value` folded at spaces so lines stay within 78 characters where they can
    /// (RFC 5322 §2.2.3), ended by CRLF. The value must already be 7-bit.
    public static func field(_ name: String, _ value: String) -> String {
        var output = ""
        var line = name + ":"
        var lineHasWord = false
        for word in value.split(separator: " ", omittingEmptySubsequences: false) {
            if lineHasWord && line.utf8.count + 1 + word.utf8.count > 78 {
                output += line + "\r\n"
                line = ""
            }
            line += " " + word
            lineHasWord = true
        }
        return output + line + "\r\n"
    }

    /// Unstructured text (a subject): kept as it is when printable ASCII in words that fold,
    /// otherwise RFC 2047 encoded-words (UTF-8, base64), each at most 75 characters.
    public static func unstructured(_ text: String) -> String {
        let plain =
            text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
            && !text.contains("=?") && text.split(separator: " ").allSatisfy { $0.utf8.count <= 76 }
        return plain ? text : encodedWords(text)
    }

    /// A display name: as it is when it is only letters, digits and spaces; quoted when it has
    /// other ASCII punctuation; encoded-words when it is not ASCII.
    public static func phrase(_ text: String) -> String {
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~- ".utf8)
        if text.utf8.allSatisfy(atext.contains) && !text.contains("=?") { return text }
        if text.unicodeScalars.allSatisfy({ $0.isASCII }) && text.utf8.count <= 70 {
            return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                + "\""
        }
        return encodedWords(text)
    }

    /// `=?UTF-8?B?…?=` words, separated by spaces (which decoders drop between encoded-words),
    /// never splitting a character's bytes between two words.
    private static func encodedWords(_ text: String) -> String {
        // 75 characters less `=?UTF-8?B?` and `?=` leaves 63, so 45 bytes (60 base64 characters).
        let maximumBytes = 45
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > maximumBytes, !chunk.isEmpty {
                words.append(encodedWord(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(encodedWord(chunk)) }
        return words.joined(separator: " ")
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + String(decoding: TransferEncoding.base64(bytes).dropLast(2), as: UTF8.self) + "?="
    }
}

extension String {
    public var trimmingSpaces: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
