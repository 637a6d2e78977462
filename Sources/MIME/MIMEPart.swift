import Toolkit

/// One MIME entity (RFC 2045, 2046): its content headers and a body already transfer-encoded, or
/// a multipart of other entities.
public struct MIMEPart {
    public var headers: [(name: String, value: String)]
    public var content: Content

    public enum Content {
        /// 7-bit lines, each ended by CRLF.
        case encoded([UInt8])
        case multipart(subtype: String, parts: [MIMEPart])
    }

    /// UTF-8 text as quoted-printable.
    public static func text(_ text: String, subtype: String) -> MIMEPart {
        MIMEPart(
            headers: [
                ("Content-Type", "text/\(subtype); charset=utf-8"), ("Content-Transfer-Encoding", "quoted-printable"),
            ],
            content: .encoded(TransferEncoding.quotedPrintable(text)))
    }

    /// Bytes as base64.
    public static func binary(_ bytes: [UInt8], type: String, headers: [(name: String, value: String)]) -> MIMEPart {
        MIMEPart(
            headers: [("Content-Type", type), ("Content-Transfer-Encoding", "base64")] + headers,
            content: .encoded(TransferEncoding.base64(bytes)))
    }

    public static func multipart(_ subtype: String, typeParameter: String? = nil, _ parts: [MIMEPart]) -> MIMEPart {
        MIMEPart(
            headers: typeParameter.map { [("Content-Type", "multipart/\(subtype); type=\"\($0)\"")] } ?? [
                ("Content-Type", "multipart/\(subtype)")
            ],
            content: .multipart(subtype: subtype, parts: parts))
    }

    /// The headers and body; a multipart's `Content-Type` gains its boundary here.
    public func serialised() -> [UInt8] {
        switch content {
        case .encoded(let body):
            return headerBytes(headers) + TransferEncoding.crlf + body
        case .multipart(let subtype, let parts):
            let children = parts.map { $0.serialised() }
            let boundary = Self.boundary(subtype: subtype, children: children)
            var fields = headers
            if let contentType = fields.firstIndex(where: { $0.name == "Content-Type" }) {
                fields[contentType].value += "; boundary=\"\(boundary)\""
            }
            var output = headerBytes(fields) + TransferEncoding.crlf
            for child in children {
                output += Array("--\(boundary)\r\n".utf8) + child
            }
            return output + Array("--\(boundary)--\r\n".utf8)
        }
    }

    /// `=_kpidash_<subtype>_<16 hex digits>`: the same for the same content, so output is
    /// reproducible, and never inside any part. `=_` cannot occur in quoted-printable (an `=` is
    /// always followed by hex digits or a line end) nor in base64, nor at the start of a header
    /// line; and as the subtype ends at an `_` and the hash has a fixed length, no boundary of a
    /// nested multipart is a prefix of another (RFC 2046 §5.1.1).
    public static func boundary(subtype: String, children: [[UInt8]]) -> String {
        var hash = StableHash()
        for child in children { hash.add(child) }
        return "=_kpidash_\(subtype)_\(hash.hex)"
    }

    private func headerBytes(_ fields: [(name: String, value: String)]) -> [UInt8] {
        Array(fields.map { EmailHeaders.field($0.name, $0.value) }.joined().utf8)
    }
}
