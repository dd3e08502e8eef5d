/// The symbol under construction: function patterns (clause 6.3), format and version
/// information (clauses 7.9, 7.10) and codeword placement (clause 7.7.3).
extension QRCode {
    struct Grid: Sendable {
        let version: Int
        let size: Int
        /// Row-major, index y * size + x; true = dark.
        var modules: [Bool]
        /// Modules that belong to function patterns or the reserved format/version areas;
        /// codewords and masks never touch them.
        private(set) var isFunction: [Bool]

        init(version: Int) {
            self.version = version
            size = QRCode.size(version: version)
            modules = Array(repeating: false, count: size * size)
            isFunction = Array(repeating: false, count: size * size)
            drawFunctionPatterns()
        }

        subscript(x: Int, y: Int) -> Bool {
            get { modules[y * size + x] }
            set { modules[y * size + x] = newValue }
        }

        func isFunction(x: Int, y: Int) -> Bool { isFunction[y * size + x] }

        private mutating func setFunction(x: Int, y: Int, dark: Bool) {
            modules[y * size + x] = dark
            isFunction[y * size + x] = true
        }

        private mutating func drawFunctionPatterns() {
            // Timing patterns first: finders and alignment patterns overwrite their ends.
            for index in 0..<size {
                setFunction(x: 6, y: index, dark: index % 2 == 0)
                setFunction(x: index, y: 6, dark: index % 2 == 0)
            }
            drawFinder(centreX: 3, centreY: 3)
            drawFinder(centreX: size - 4, centreY: 3)
            drawFinder(centreX: 3, centreY: size - 4)
            let centres = QRCode.alignmentCentres[version - 1]
            let last = centres.count - 1
            for (i, cx) in centres.enumerated() {
                for (j, cy) in centres.enumerated() {
                    // Skip the three corners where finder patterns sit.
                    let nearFinder = (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0)
                    if !nearFinder { drawAlignment(centreX: cx, centreY: cy) }
                }
            }
            // Reserve the format areas now (real bits come with the mask), and the dark module.
            drawFormatBits(0)
            setFunction(x: 8, y: size - 8, dark: true)
            if version >= 7 { drawVersionBits() }
        }

        /// A 7×7 finder pattern with its one-module light separator (clipped at the edges).
        private mutating func drawFinder(centreX: Int, centreY: Int) {
            for dy in -4...4 {
                for dx in -4...4 {
                    let x = centreX + dx, y = centreY + dy
                    guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
                    let ring = max(abs(dx), abs(dy))
                    setFunction(x: x, y: y, dark: ring != 2 && ring != 4)
                }
            }
        }

        /// A 5×5 alignment pattern: dark ring, light ring, dark centre.
        private mutating func drawAlignment(centreX: Int, centreY: Int) {
            for dy in -2...2 {
                for dx in -2...2 {
                    setFunction(x: centreX + dx, y: centreY + dy, dark: max(abs(dx), abs(dy)) != 1)
                }
            }
        }

        /// Writes the 15-bit format information (bit 14 first) in both of its places:
        /// around the top-left finder, and split between the top-right and bottom-left ones.
        mutating func drawFormatBits(_ bits: Int) {
            func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
            // Top-left: bits 0–5 down column 8, then 6–8 round the corner, 9–14 along row 8.
            for index in 0...5 { setFunction(x: 8, y: index, dark: bit(index)) }
            setFunction(x: 8, y: 7, dark: bit(6))
            setFunction(x: 8, y: 8, dark: bit(7))
            setFunction(x: 7, y: 8, dark: bit(8))
            for index in 9...14 { setFunction(x: 14 - index, y: 8, dark: bit(index)) }
            // Second copy: bits 0–7 along row 8 from the right edge, 8–14 up column 8 from the bottom.
            for index in 0...7 { setFunction(x: size - 1 - index, y: 8, dark: bit(index)) }
            for index in 8...14 { setFunction(x: 8, y: size - 15 + index, dark: bit(index)) }
        }

        /// The 18-bit version information in the 6×3 blocks beside the top-right and
        /// bottom-left finders (versions 7 and up).
        private mutating func drawVersionBits() {
            let bits = QRCode.versionInformation(version)
            for index in 0..<18 {
                let dark = (bits >> index) & 1 == 1
                let across = size - 11 + index % 3, along = index / 3
                setFunction(x: across, y: along, dark: dark)
                setFunction(x: along, y: across, dark: dark)
            }
        }

        /// Places the codewords' bits, most significant first, in two-module-wide columns
        /// from the bottom-right corner, alternately upwards and downwards, skipping function
        /// modules and the vertical timing column. Leftover (remainder) modules stay light.
        mutating func placeCodewords(_ codewords: [UInt8]) {
            var bitIndex = 0
            let totalBits = codewords.count * 8
            var right = size - 1
            var upward = true
            while right >= 1 {
                if right == 6 { right = 5 }
                for step in 0..<size {
                    let y = upward ? size - 1 - step : step
                    for x in [right, right - 1] where !isFunction(x: x, y: y) {
                        if bitIndex < totalBits {
                            self[x, y] = (codewords[bitIndex / 8] >> (7 - bitIndex % 8)) & 1 == 1
                            bitIndex += 1
                        }
                    }
                }
                upward.toggle()
                right -= 2
            }
        }
    }

    /// BCH(15,5) format information for a level and mask (clause 7.9): the 5 data bits, 10 check
    /// bits from generator x¹⁰+x⁸+x⁵+x⁴+x²+x+1, XOR 101010000010010 so it is never all zero.
    static func formatInformation(level: ErrorCorrection, mask: Int) -> Int {
        let data = level.formatBits << 3 | mask
        return (data << 10 | bchRemainder(data << 10, generator: 0b101_0011_0111, degree: 10)) ^ 0b101_0100_0001_0010
    }

    /// BCH(18,6) version information (clause 7.10): 6 version bits, 12 check bits from
    /// generator x¹²+x¹¹+x¹⁰+x⁹+x⁸+x⁵+x²+1.
    static func versionInformation(_ version: Int) -> Int {
        version << 12 | bchRemainder(version << 12, generator: 0b1_1111_0010_0101, degree: 12)
    }

    /// Remainder of polynomial division over GF(2).
    private static func bchRemainder(_ value: Int, generator: Int, degree: Int) -> Int {
        var remainder = value
        var bit = Int.bitWidth - 1 - remainder.leadingZeroBitCount
        while bit >= degree {
            if (remainder >> bit) & 1 == 1 { remainder ^= generator << (bit - degree) }
            bit -= 1
        }
        return remainder
    }
}
