/// Each member id of one roster file and the line it first appeared on, so a repeat can be
/// rejected as it is read. Packed for million-row files: the ids' bytes sit back to back in one
/// buffer and an open-addressing table points at them, about 30 bytes per id where a
/// `[String: Int]` takes twice that, and hashing is a plain FNV-1a over the bytes.
public struct MemberIDFirstLines: Sendable {
    private struct Entry {
        var start: Int
        var length: Int32
        var line: Int32
        var hash: UInt32
    }

    private var bytes: [UInt8] = []
    private var entries: [Entry] = []
    /// Index into `entries` plus one; zero is an empty slot. Never more than half full.
    private var slots = [Int32](repeating: 0, count: 1 << 12)

    public init() {}

    /// How many different ids have been recorded.
    public var count: Int { entries.count }

    /// Records `id` as first seen on `line` and returns nil, or, when the id was seen before,
    /// returns the line it was first seen on and records nothing.
    public mutating func recordOrFirstLine(_ id: String, line: Int) -> Int? {
        var id = id
        return id.withUTF8 { idBytes -> Int? in
            let hash = Self.hash(idBytes)
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 {
                let entry = entries[Int(slots[slot]) - 1]
                if entry.hash == UInt32(truncatingIfNeeded: hash), entry.length == idBytes.count,
                   bytes.withUnsafeBufferPointer({ stored in
                       idBytes.elementsEqual(stored[entry.start..<entry.start + Int(entry.length)])
                   }) {
                    return Int(entry.line)
                }
                slot = (slot + 1) & mask
            }
            entries.append(Entry(start: bytes.count, length: Int32(idBytes.count), line: Int32(clamping: line),
                                 hash: UInt32(truncatingIfNeeded: hash)))
            bytes.append(contentsOf: idBytes)
            slots[slot] = Int32(entries.count)
            if entries.count * 2 > slots.count { grow() }
            return nil
        }
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, entry) in entries.enumerated() {
            // The stored 32 bits are the low bits of the full hash: enough to place the entry
            // while the table has at most 2^32 slots.
            var slot = Int(entry.hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index + 1)
        }
    }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        // FNV's low bits barely differ between ids like M0001 and M0002; the table uses them.
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        return hash ^ (hash >> 33)
    }
}
