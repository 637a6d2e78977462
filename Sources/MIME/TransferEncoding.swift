import Foundation

/// The two content-transfer-encodings the board email uses (RFC 2045 §6.7 and §6.8): every body
/// line comes out 7-bit, CRLF-terminated and at most 76 characters, so no relay rewraps it.
enum TransferEncoding {
    static let maximumLineLength = 76

    /// Quoted-printable text. Line ends in `text` (LF, CRLF or CR) become hard CRLF breaks; longer
    /// lines get soft breaks (`=` at the end). Escapes `=`, bytes outside printable ASCII, and a
    /// space or tab at a line's end (relays strip trailing white space). A line starting `From `
    /// has its `F` escaped, so an mbox on the way cannot turn it into `>From `.
    static func quotedPrintable(_ text: String) -> [UInt8] {
        var output: [UInt8] = []
        for (index, line) in lines(of: text).enumerated() {
            if index > 0 { output += crlf }
            var column = 0
            let startsLikeMboxSeparator = line.starts(with: Array("From ".utf8))
            for (position, byte) in line.enumerated() {
                let isLast = position == line.count - 1
                let literal =
                    (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                    || ((byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")) && !isLast)
                let escaped = !literal || (position == 0 && startsLikeMboxSeparator)
                let token: [UInt8] =
                    escaped ? [UInt8(ascii: "="), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]] : [byte]
                // Room for the token, plus the soft break's `=` unless this is the line's last token.
                let needed = token.count + (isLast ? 0 : 1)
                if column + needed > maximumLineLength {
                    output += [UInt8(ascii: "=")] + crlf
                    column = 0
                }
                output += token
                column += token.count
            }
        }
        return output + crlf
    }

    /// Base64 in lines of 76 characters, each ended by CRLF.
    static func base64(_ bytes: [UInt8]) -> [UInt8] {
        let encoded = Array(Data(bytes).base64EncodedString().utf8)
        var output: [UInt8] = []
        output.reserveCapacity(encoded.count + encoded.count / maximumLineLength * 2 + 2)
        for start in stride(from: 0, to: encoded.count, by: maximumLineLength) {
            output += encoded[start..<min(start + maximumLineLength, encoded.count)]
            output += crlf
        }
        return output
    }

    /// The UTF-8 bytes of each line, whatever line ends the text uses.
    private static func lines(of text: String) -> [ArraySlice<UInt8>] {
        let bytes = Array(text.utf8)
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\r") || bytes[index] == UInt8(ascii: "\n") {
                lines.append(bytes[start..<index])
                if bytes[index] == UInt8(ascii: "\r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") {
                    index += 1
                }
                start = index + 1
            }
            index += 1
        }
        if start < bytes.count { lines.append(bytes[start...]) }
        return lines
    }

    static let crlf: [UInt8] = [13, 10]
    private static let hexDigits = Array("0123456789ABCDEF".utf8)
}
