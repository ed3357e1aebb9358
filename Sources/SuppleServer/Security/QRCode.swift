/// A QR code (ISO/IEC 18004) for short text: byte mode, error correction level M, versions 1–10
/// (up to 213 bytes), which is all an authenticator app's `otpauth://` address needs. No
/// package in reach draws one, so this follows the standard's steps: data codewords, Reed–Solomon
/// error correction per block, interleaving, function patterns, zig-zag placement, and the mask
/// with the lowest penalty. `e2e/test_two_factor.py` reads the result with zxing-cpp.
struct QRCode {
    /// Rows of modules, `true` for dark; `size` × `size`.
    let modules: [[Bool]]
    let version: Int
    var size: Int { modules.count }

    struct TooLong: Error {}

    /// Error-correction layout for level M: codewords of EC per block, and block groups as
    /// (count, data codewords per block). From the standard's table 9.
    static let levelM: [Int: (ec: Int, groups: [(count: Int, data: Int)])] = [
        1: (10, [(1, 16)]), 2: (16, [(1, 28)]), 3: (26, [(1, 44)]), 4: (18, [(2, 32)]), 5: (24, [(2, 43)]),
        6: (16, [(4, 27)]), 7: (18, [(4, 31)]), 8: (22, [(2, 38), (2, 39)]), 9: (22, [(3, 36), (2, 37)]),
        10: (26, [(4, 43), (1, 44)]),
    ]

    static let alignmentCentres: [Int: [Int]] = [
        1: [], 2: [6, 18], 3: [6, 22], 4: [6, 26], 5: [6, 30], 6: [6, 34], 7: [6, 22, 38], 8: [6, 24, 42],
        9: [6, 26, 46], 10: [6, 28, 50],
    ]

    init(text: String) throws {
        let bytes = Array(text.utf8)
        guard let version = (1...10).first(where: { Self.dataCapacity($0) * 8 >= 4 + ($0 < 10 ? 8 : 16) + bytes.count * 8 }) else {
            throw TooLong()
        }
        self.version = version
        var grid = Grid(version: version)
        grid.drawFunctionPatterns()
        grid.placeData(Self.interleaved(Self.dataCodewords(bytes, version: version), version: version))
        var best: (penalty: Int, grid: Grid)?
        for mask in 0..<8 {
            var candidate = grid
            candidate.applyMask(mask)
            candidate.drawFormatBits(mask: mask)
            let penalty = candidate.penalty()
            if best == nil || penalty < best!.penalty { best = (penalty, candidate) }
        }
        modules = best!.grid.dark
    }

    static func dataCapacity(_ version: Int) -> Int {
        levelM[version]!.groups.reduce(0) { $0 + $1.count * $1.data }
    }

    /// Mode, length, the bytes, a terminator and padding, as codewords.
    static func dataCodewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) {
            for i in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> i) & 1 == 1) }
        }
        append(0b0100, 4)
        append(bytes.count, version < 10 ? 8 : 16)
        for byte in bytes { append(Int(byte), 8) }
        let capacityBits = dataCapacity(version) * 8
        append(0, min(4, capacityBits - bits.count))
        while bits.count % 8 != 0 { bits.append(false) }
        var codewords = stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(UInt8(0)) { $0 << 1 | ($1 ? 1 : 0) }
        }
        var pad: UInt8 = 0xEC
        while codewords.count < dataCapacity(version) {
            codewords.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return codewords
    }

    /// Splits the data into blocks, adds each block's error correction, and interleaves them.
    static func interleaved(_ data: [UInt8], version: Int) -> [UInt8] {
        let layout = levelM[version]!
        var blocks: [[UInt8]] = []
        var offset = 0
        for group in layout.groups {
            for _ in 0..<group.count {
                blocks.append(Array(data[offset..<offset + group.data]))
                offset += group.data
            }
        }
        let divisor = ReedSolomon.divisor(degree: layout.ec)
        let corrections = blocks.map { ReedSolomon.remainder($0, divisor: divisor) }
        var result: [UInt8] = []
        for i in 0..<(blocks.map(\.count).max() ?? 0) {
            for block in blocks where i < block.count { result.append(block[i]) }
        }
        for i in 0..<layout.ec {
            for correction in corrections { result.append(correction[i]) }
        }
        return result
    }

    /// The module grid while it is drawn: which modules are dark, and which belong to function
    /// patterns (never masked, never holding data).
    struct Grid {
        let version: Int
        let size: Int
        var dark: [[Bool]]
        var isFunction: [[Bool]]

        init(version: Int) {
            self.version = version
            size = version * 4 + 17
            dark = Array(repeating: Array(repeating: false, count: size), count: size)
            isFunction = dark
        }

        mutating func set(_ x: Int, _ y: Int, _ value: Bool) {
            dark[y][x] = value
            isFunction[y][x] = true
        }

        mutating func drawFunctionPatterns() {
            for i in 0..<size {
                set(6, i, i % 2 == 0)
                set(i, 6, i % 2 == 0)
            }
            for (x, y) in [(3, 3), (size - 4, 3), (3, size - 4)] { drawFinder(x, y) }
            let centres = QRCode.alignmentCentres[version]!
            let last = centres.count - 1
            for (i, cx) in centres.enumerated() {
                for (j, cy) in centres.enumerated() where !(i == 0 && j == 0 || i == 0 && j == last || i == last && j == 0) {
                    for dy in -2...2 { for dx in -2...2 { set(cx + dx, cy + dy, max(abs(dx), abs(dy)) != 1) } }
                }
            }
            drawFormatBits(mask: 0)  // reserves the format area; drawn again once the mask is chosen
            drawVersionBits()
        }

        /// A finder pattern and its light separator.
        mutating func drawFinder(_ cx: Int, _ cy: Int) {
            for dy in -4...4 {
                for dx in -4...4 {
                    let x = cx + dx
                    let y = cy + dy
                    guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
                    let distance = max(abs(dx), abs(dy))
                    set(x, y, distance != 2 && distance != 4)
                }
            }
        }

        /// Level M with the mask number, BCH-protected, both copies, and the dark module.
        mutating func drawFormatBits(mask: Int) {
            let data = 0b00 << 3 | mask
            var remainder = data
            for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
            let bits = (data << 10 | remainder) ^ 0x5412
            func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
            for i in 0...5 { set(8, i, bit(i)) }
            set(8, 7, bit(6))
            set(8, 8, bit(7))
            set(7, 8, bit(8))
            for i in 9..<15 { set(14 - i, 8, bit(i)) }
            for i in 0..<8 { set(size - 1 - i, 8, bit(i)) }
            for i in 8..<15 { set(8, size - 15 + i, bit(i)) }
            set(8, size - 8, true)
        }

        mutating func drawVersionBits() {
            guard version >= 7 else { return }
            var remainder = version
            for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
            let bits = version << 12 | remainder
            for i in 0..<18 {
                let value = (bits >> i) & 1 == 1
                let a = size - 11 + i % 3
                let b = i / 3
                set(a, b, value)
                set(b, a, value)
            }
        }

        /// Fills the non-function modules in the standard's zig-zag, two columns at a time.
        mutating func placeData(_ codewords: [UInt8]) {
            var index = 0
            var right = size - 1
            while right >= 1 {
                if right == 6 { right = 5 }
                for vertical in 0..<size {
                    for j in 0..<2 {
                        let x = right - j
                        let upward = (right + 1) & 2 == 0
                        let y = upward ? size - 1 - vertical : vertical
                        guard !isFunction[y][x], index < codewords.count * 8 else { continue }
                        dark[y][x] = (codewords[index >> 3] >> (7 - (index & 7))) & 1 == 1
                        index += 1
                    }
                }
                right -= 2
            }
        }

        mutating func applyMask(_ mask: Int) {
            for y in 0..<size {
                for x in 0..<size where !isFunction[y][x] {
                    let flip =
                        switch mask {
                        case 0: (x + y) % 2 == 0
                        case 1: y % 2 == 0
                        case 2: x % 3 == 0
                        case 3: (x + y) % 3 == 0
                        case 4: (x / 3 + y / 2) % 2 == 0
                        case 5: x * y % 2 + x * y % 3 == 0
                        case 6: (x * y % 2 + x * y % 3) % 2 == 0
                        default: ((x + y) % 2 + x * y % 3) % 2 == 0
                        }
                    if flip { dark[y][x].toggle() }
                }
            }
        }

        /// The standard's penalty rules 1, 2 and 4 (long runs, 2×2 blocks, imbalance); rule 3
        /// (finder look-alikes) is left out, which only makes the choice of mask a little less
        /// picky: every mask gives a code that reads.
        func penalty() -> Int {
            var score = 0
            for line in 0..<size {
                var rowRun = 1
                var columnRun = 1
                for i in 1..<size {
                    if dark[line][i] == dark[line][i - 1] { rowRun += 1 } else { rowRun = 1 }
                    if rowRun == 5 { score += 3 } else if rowRun > 5 { score += 1 }
                    if dark[i][line] == dark[i - 1][line] { columnRun += 1 } else { columnRun = 1 }
                    if columnRun == 5 { score += 3 } else if columnRun > 5 { score += 1 }
                }
            }
            for y in 0..<size - 1 {
                for x in 0..<size - 1 {
                    let colour = dark[y][x]
                    if dark[y][x + 1] == colour, dark[y + 1][x] == colour, dark[y + 1][x + 1] == colour { score += 3 }
                }
            }
            let darkCount = dark.reduce(0) { $0 + $1.filter { $0 }.count }
            let total = size * size
            score += ((abs(darkCount * 20 - total * 10) + total - 1) / total - 1) * 10
            return score
        }
    }
}

/// Reed–Solomon error correction over GF(256) with the QR polynomial x⁸ + x⁴ + x³ + x² + 1.
enum ReedSolomon {
    static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var z = 0
        for i in stride(from: 7, through: 0, by: -1) {
            z = (z << 1) ^ ((z >> 7) * 0x11D)
            z ^= Int((y >> UInt8(i)) & 1) * Int(x)
        }
        return UInt8(z & 0xFF)
    }

    /// The generator polynomial's coefficients (highest first, leading 1 left out).
    static func divisor(degree: Int) -> [UInt8] {
        var result = Array(repeating: UInt8(0), count: degree)
        result[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for j in 0..<degree {
                result[j] = multiply(result[j], root)
                if j + 1 < degree { result[j] ^= result[j + 1] }
            }
            root = multiply(root, 0x02)
        }
        return result
    }

    static func remainder(_ data: [UInt8], divisor: [UInt8]) -> [UInt8] {
        var result = Array(repeating: UInt8(0), count: divisor.count)
        for byte in data {
            let factor = byte ^ result.removeFirst()
            result.append(0)
            for i in 0..<result.count { result[i] ^= multiply(divisor[i], factor) }
        }
        return result
    }
}

extension QRCode {
    /// The code as an SVG: one path of unit squares on a light ground with the standard's
    /// four-module quiet zone, scaled by CSS. Decorative to a screen reader; the page gives the
    /// key in text beside it.
    var svg: String {
        let quiet = 4
        let extent = size + 8
        var path = ""
        for y in 0..<size {
            for x in 0..<size where modules[y][x] { path += "M\(x + quiet) \(y + quiet)h1v1h-1z" }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(extent) \(extent)" width="\(extent * 5)" height="\(extent * 5)" shape-rendering="crispEdges" role="img" aria-label="QR code for your authenticator app"><rect width="\(extent)" height="\(extent)" fill="#fff"/><path fill="#000" d="\(path)"/></svg>
            """
    }
}
