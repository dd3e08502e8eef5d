/// Reed–Solomon error correction over GF(2⁸) as QR Code uses it: field polynomial
/// x⁸ + x⁴ + x³ + x² + 1 (0x11D), generator roots α⁰ … α^(n−1) with α = 2.
enum GaloisField {
    /// exp[i] = αⁱ for i in 0..<510 (doubled so products need no modulo); log[exp[i]] = i.
    static let tables: (exp: [UInt8], log: [Int]) = {
        var exp = [UInt8](repeating: 0, count: 510)
        var log = [Int](repeating: 0, count: 256)
        var value = 1
        for power in 0..<255 {
            exp[power] = UInt8(value)
            exp[power + 255] = UInt8(value)
            log[value] = power
            value <<= 1
            if value & 0x100 != 0 { value ^= 0x11D }
        }
        return (exp, log)
    }()

    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        if a == 0 || b == 0 { return 0 }
        return tables.exp[tables.log[Int(a)] + tables.log[Int(b)]]
    }

    /// Coefficients of ∏(x − αⁱ) for i in 0..<degree, highest power first, leading 1 omitted.
    static func generator(degree: Int) -> [UInt8] {
        // Start from the polynomial 1 and multiply by (x − αⁱ) one root at a time.
        var coefficients: [UInt8] = [1]
        for power in 0..<degree {
            let root = tables.exp[power]
            var next = [UInt8](repeating: 0, count: coefficients.count + 1)
            for (index, coefficient) in coefficients.enumerated() {
                next[index] ^= coefficient                         // · x
                next[index + 1] ^= multiply(coefficient, root)     // · αⁱ (minus is plus in GF(2⁸))
            }
            coefficients = next
        }
        return Array(coefficients.dropFirst())
    }

    /// The `degree` error-correction codewords for `data`: the remainder of data(x)·x^degree
    /// divided by the generator polynomial.
    static func remainder(_ data: [UInt8], degree: Int) -> [UInt8] {
        let generator = generator(degree: degree)
        var remainder = [UInt8](repeating: 0, count: degree)
        for byte in data {
            // Long division, one data codeword at a time, keeping only the running remainder.
            let factor = byte ^ remainder[0]
            remainder.removeFirst()
            remainder.append(0)
            for index in 0..<degree {
                remainder[index] ^= multiply(generator[index], factor)
            }
        }
        return remainder
    }
}

extension QRCode {
    /// Splits the data codewords into blocks, adds each block's EC codewords and interleaves
    /// them (clause 7.6): the i-th data codeword of every block in turn, then the EC codewords
    /// likewise. Short blocks simply have no codeword at the last data position.
    static func interleave(data: [UInt8], layout: BlockLayout) -> [UInt8] {
        var dataBlocks: [[UInt8]] = []
        var start = 0
        for block in 0..<layout.blockCount {
            let length = layout.shortBlockData + (block < layout.shortBlockCount ? 0 : 1)
            dataBlocks.append(Array(data[start..<start + length]))
            start += length
        }
        let ecBlocks = dataBlocks.map { GaloisField.remainder($0, degree: layout.ecPerBlock) }
        var result: [UInt8] = []
        result.reserveCapacity(layout.totalCodewords)
        for index in 0...layout.shortBlockData {
            for block in dataBlocks where index < block.count { result.append(block[index]) }
        }
        for index in 0..<layout.ecPerBlock {
            for block in ecBlocks { result.append(block[index]) }
        }
        return result
    }
}
