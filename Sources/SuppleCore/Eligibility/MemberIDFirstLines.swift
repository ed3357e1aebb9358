/// Each member id of one roster file and the line it first appeared on, so a repeat can be
/// rejected as it is read. Packed for million-row files: the ids' bytes sit back to back in one
/// buffer, with no allocation per id whatever its length, and an open-addressing table points at
/// them: about 40 bytes per id. Hashing is FNV-1a over the bytes, cheaper than `String`'s.
public struct MemberIDFirstLines: Sendable {
    private var bytes: [UInt8] = []
    /// Where each recorded id starts in `bytes`; it ends where the next one starts.
    private var starts: [Int] = []
    private var lines: [Int32] = []
    /// Index into `starts` plus one; zero is an empty slot. Never more than half full.
    private var slots = [Int32](repeating: 0, count: 1 << 12)

    public init() {}

    /// How many different ids have been recorded.
    public var count: Int { starts.count }

    /// Records `id` as first seen on `line` and returns nil, or, when the id was seen before,
    /// returns the line it was first seen on and records nothing.
    public mutating func recordOrFirstLine(_ id: String, line: Int) -> Int? {
        var id = id
        return id.withUTF8 { idBytes -> Int? in
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: Self.hash(idBytes)) & mask
            while slots[slot] != 0 {
                let index = Int(slots[slot]) - 1
                if storedID(at: index).elementsEqual(idBytes) { return Int(lines[index]) }
                slot = (slot + 1) & mask
            }
            starts.append(bytes.count)
            lines.append(Int32(clamping: line))
            bytes.append(contentsOf: idBytes)
            slots[slot] = Int32(starts.count)
            if starts.count * 2 > slots.count { grow() }
            return nil
        }
    }

    private func storedID(at index: Int) -> ArraySlice<UInt8> {
        bytes[starts[index]..<(index + 1 < starts.count ? starts[index + 1] : bytes.count)]
    }

    private mutating func grow() {
        var grown = [Int32](repeating: 0, count: slots.count * 2)
        let mask = grown.count - 1
        for index in starts.indices {
            let hash = storedID(at: index).withUnsafeBufferPointer(Self.hash)
            var slot = Int(truncatingIfNeeded: hash) & mask
            while grown[slot] != 0 { slot = (slot + 1) & mask }
            grown[slot] = Int32(index + 1)
        }
        slots = grown
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
