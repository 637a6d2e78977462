/// One pixel's colour, with straight (not premultiplied) alpha.
public struct RGBA: Hashable, Sendable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8
    public var alpha: UInt8

    public static let white = RGBA(red: 255, green: 255, blue: 255)

    /// Parses `#rrggbb`, the form `ChartPalette` writes its colours in, so email charts use
    /// exactly the web charts' colours.
    public init(hex: String) {
        let digits = hex.hasPrefix("#") ? hex.dropFirst() : Substring(hex)
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else {
            preconditionFailure("expected a colour as #rrggbb, got \(hex)")
        }
        self.init(red: UInt8(value >> 16 & 0xFF), green: UInt8(value >> 8 & 0xFF), blue: UInt8(value & 0xFF))
    }

    /// The pixel whose four bytes start at `offset` in an RGBA buffer.
    public init(_ rgba: [UInt8], at offset: Int) {
        self.init(red: rgba[offset], green: rgba[offset + 1], blue: rgba[offset + 2], alpha: rgba[offset + 3])
    }

    public init(red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8 = 255) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }
}
