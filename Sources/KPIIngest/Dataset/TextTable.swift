import Foundation
import Toolkit

/// Texts numbered in the order they are first met, found by their bytes.
///
/// An extract names the same few hundred authorities and indicators a million times: looking a cell up
/// by its bytes hashes it once and makes no `String` for it, and each text's one `String` is shared by
/// every row that names it.
struct TextTable: Sendable {
    /// The texts by number.
    private(set) var texts: [String] = []
    /// Every text's bytes back to back: text `n` is `storage[starts[n]..<starts[n + 1]]`.
    private var storage: [UInt8] = []
    private var starts: [Int] = [0]
    /// Open addressing with linear probing: a text's number plus one, or 0 for an empty slot.
    private var slots = [Int32](repeating: 0, count: 64)

    init() {}

    init(_ texts: [String]) {
        for text in texts { _ = insert(text) }
    }

    var count: Int { texts.count }

    /// The number of the text with these bytes, or nil when the table does not hold it.
    func number(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let mask = slots.count - 1
        var slot = slotHash(UnsafeRawBufferPointer(bytes)) & mask
        while slots[slot] != 0 {
            let number = Int(slots[slot]) - 1
            if holds(number, bytes) { return number }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// The number of the text with these bytes, added to the table when it is new.
    mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        if let number = number(of: bytes) { return number }
        let number = texts.count
        texts.append(String(decoding: bytes, as: UTF8.self))
        storage.append(contentsOf: bytes)
        starts.append(storage.count)
        if texts.count * 2 > slots.count {
            slots = [Int32](repeating: 0, count: slots.count * 2)
            for existing in 0..<texts.count { place(existing) }
        } else {
            place(number)
        }
        return number
    }

    mutating func insert(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { insert($0) }
    }

    /// Whether text `number` has exactly these bytes: a cheaper test than a lookup when a column repeats its last value.
    func holds(_ number: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[number]
        let count = starts[number + 1] - start
        guard count == bytes.count else { return false }
        guard count > 0 else { return true }
        return storage.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, bytes.baseAddress!, count) == 0 }
    }

    private mutating func place(_ number: Int) {
        let mask = slots.count - 1
        var slot =
            storage.withUnsafeBytes {
                slotHash(UnsafeRawBufferPointer(rebasing: $0[starts[number]..<starts[number + 1]]))
            } & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(number + 1)
    }
}

/// Keys numbered in the order they are first met: a row's series, or its series and month.
///
/// A `Dictionary` hashes with SipHash, which cost more than the rest of reading an extract row;
/// these keys are a few machine words, hashed as bytes the way `TextTable` hashes its texts.
struct KeyTable<Key: Equatable & BitwiseCopyable> {
    /// The keys by number.
    private(set) var keys: [Key] = []
    /// Open addressing with linear probing: a key's number plus one, or 0 for an empty slot.
    private var slots: [Int32]

    init(capacity: Int = 0) {
        var size = 64
        while size < capacity * 2 { size *= 2 }
        slots = [Int32](repeating: 0, count: size)
        keys.reserveCapacity(capacity)
    }

    /// The key's number, added to the table when it is new.
    mutating func insert(_ key: Key) -> (number: Int, inserted: Bool) {
        let mask = slots.count - 1
        var slot = Self.hash(key) & mask
        while slots[slot] != 0 {
            let number = Int(slots[slot]) - 1
            if keys[number] == key { return (number, false) }
            slot = (slot + 1) & mask
        }
        keys.append(key)
        if keys.count * 2 > slots.count {
            slots = [Int32](repeating: 0, count: slots.count * 2)
            for (number, key) in keys.enumerated() { place(key, number) }
        } else {
            slots[slot] = Int32(keys.count)
        }
        return (keys.count - 1, true)
    }

    private mutating func place(_ key: Key, _ number: Int) {
        let mask = slots.count - 1
        var slot = Self.hash(key) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(number + 1)
    }

    private static func hash(_ key: Key) -> Int {
        withUnsafeBytes(of: key) { slotHash($0) }
    }
}

/// Where a key's search starts in an open-addressing table: `StableHash` over its bytes a word at a
/// time, then mixed (MurmurHash3's finaliser) so that every bit of the key reaches the low bits a
/// table's mask keeps: FNV's multiply never carries a high bit down. The keys are the dataset's own
/// codes and numbers, not ones chosen to collide.
private func slotHash(_ bytes: UnsafeRawBufferPointer) -> Int {
    var hash = StableHash()
    hash.addWords(bytes)
    var mixed = hash.value
    mixed = (mixed ^ mixed >> 33) &* 0xff51_afd7_ed55_8ccd
    mixed = (mixed ^ mixed >> 33) &* 0xc4ce_b9fe_1a85_ec53
    return Int(truncatingIfNeeded: mixed ^ mixed >> 33)
}
