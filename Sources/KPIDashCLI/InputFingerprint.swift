import Foundation

/// A digest of everything a build's output depends on, so an unchanged nightly build can stop
/// before reading a single extract.
///
/// Paths are taken relative to their folders, so the same inputs in another place give the
/// same fingerprint, as they give the same site.
enum InputFingerprint {
    static func compute(dataset: String, templates: String, options: [String]) -> String {
        var hasher = ContentHasher()
        hasher.add("kpidash \(KPIDash.version)")
        for option in options { hasher.add(option) }
        for (label, root) in [("dataset", dataset), ("templates", templates)] {
            hasher.add(label)
            for path in Publisher.listFiles(root).sorted() where !path.hasPrefix(".") && !path.contains("/.") {
                hasher.add(path)
                if let data = FileManager.default.contents(atPath: root + "/" + path) {
                    hasher.add(data)
                }
            }
        }
        return hasher.hex
    }
}

/// A fast 64-bit-lane content hash (two lanes of multiply-xorshift over 8-byte words), for
/// telling whether inputs changed; not for security.
struct ContentHasher {
    private var a: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var b: UInt64 = 0xC2B2_AE3D_27D4_EB4F

    mutating func add(_ text: String) {
        add(Data(text.utf8))
        mix(0xFF)
    }

    mutating func add(_ data: Data) {
        mix(UInt64(data.count))
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset + 8 <= raw.count {
                mix(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                offset += 8
            }
            var tail: UInt64 = 0
            for index in offset..<raw.count { tail = tail << 8 | UInt64(raw[index]) }
            mix(tail)
        }
    }

    private mutating func mix(_ word: UInt64) {
        a = (a ^ word) &* 0xFF51_AFD7_ED55_8CCD
        a ^= a >> 33
        b = (b &+ word) &* 0xC4CE_B9FE_1A85_EC53
        b ^= b >> 29
    }

    var hex: String {
        let high = String(a, radix: 16)
        let low = String(b, radix: 16)
        return String(repeating: "0", count: 16 - high.count) + high + String(repeating: "0", count: 16 - low.count) + low
    }
}
