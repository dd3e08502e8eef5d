/// The fixed data of ISO/IEC 18004 that cannot be derived from a rule: error-correction block
/// structure (Table 9) and alignment-pattern centres (Annex E). Everything else (symbol size,
/// codeword capacity, remainder bits) is computed from the symbol's geometry.
extension QRCode {
    static let minVersion = 1
    static let maxVersion = 40

    /// Modules per side: version 1 is 21, each version adds 4.
    static func size(version: Int) -> Int { 17 + 4 * version }

    /// Error-correction codewords in every block, indexed [level][version - 1].
    /// Within one version and level all blocks carry the same number of EC codewords.
    private static let ecCodewordsPerBlock: [[Int]] = [
        // L
        [7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
         28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        // M
        [10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
         26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
        // Q
        [13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30,
         28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        // H
        [17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28,
         30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    ]

    /// Number of error-correction blocks, indexed [level][version - 1].
    private static let blockCounts: [[Int]] = [
        // L
        [1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8,
         8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
        // M
        [1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
         17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
        // Q
        [1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20,
         23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
        // H
        [1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25,
         25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
    ]

    /// Row/column coordinates of alignment-pattern centres (Annex E), indexed [version - 1].
    /// Every combination is a centre except the three that would overlap a finder pattern.
    static let alignmentCentres: [[Int]] = [
        [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34],
        [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50], [6, 30, 54], [6, 32, 58], [6, 34, 62],
        [6, 26, 46, 66], [6, 26, 48, 70], [6, 26, 50, 74], [6, 30, 54, 78], [6, 30, 56, 82],
        [6, 30, 58, 86], [6, 34, 62, 90],
        [6, 28, 50, 72, 94], [6, 26, 50, 74, 98], [6, 30, 54, 78, 102], [6, 28, 54, 80, 106],
        [6, 32, 58, 84, 110], [6, 30, 58, 86, 114], [6, 34, 62, 90, 118],
        [6, 26, 50, 74, 98, 122], [6, 30, 54, 78, 102, 126], [6, 26, 52, 78, 104, 130],
        [6, 30, 56, 82, 108, 134], [6, 34, 60, 86, 112, 138], [6, 30, 58, 86, 114, 142],
        [6, 34, 62, 90, 118, 146],
        [6, 30, 54, 78, 102, 126, 150], [6, 24, 50, 76, 102, 128, 154], [6, 28, 54, 80, 106, 132, 158],
        [6, 32, 58, 84, 110, 136, 162], [6, 26, 54, 82, 110, 138, 166], [6, 30, 58, 86, 114, 142, 170],
    ]

    /// How a version/level splits its codewords into Reed–Solomon blocks.
    struct BlockLayout: Sendable, Equatable {
        /// Codewords (data + EC) in the whole symbol.
        let totalCodewords: Int
        let blockCount: Int
        let ecPerBlock: Int

        var dataCodewords: Int { totalCodewords - blockCount * ecPerBlock }
        /// The first `shortBlockCount` blocks hold `shortBlockData` data codewords, the rest one more.
        var shortBlockData: Int { dataCodewords / blockCount }
        var shortBlockCount: Int { blockCount - dataCodewords % blockCount }
    }

    static func layout(version: Int, level: ErrorCorrection) -> BlockLayout {
        BlockLayout(totalCodewords: rawDataModules(version: version) / 8,
                    blockCount: blockCounts[level.tableIndex][version - 1],
                    ecPerBlock: ecCodewordsPerBlock[level.tableIndex][version - 1])
    }

    /// Modules left for codewords once every function pattern is placed; the modules beyond
    /// the last whole codeword are the "remainder bits".
    static func rawDataModules(version: Int) -> Int {
        let size = size(version: version)
        var count = size * size
        count -= 3 * 64                      // finder patterns with their separators
        count -= 2 * 15 + 1                  // two copies of the format information + dark module
        count -= 2 * (size - 16)             // timing patterns between the separators
        let centres = alignmentCentres[version - 1].count
        if centres > 0 {
            let patterns = centres * centres - 3
            count -= patterns * 25
            // Alignment patterns on row/column 6 overlap the timing pattern by 5 modules each.
            count += 2 * (centres - 2) * 5
        }
        if version >= 7 { count -= 2 * 18 }  // two copies of the version information
        return count
    }
}

extension QRCode.ErrorCorrection {
    /// Row in the block tables (L, M, Q, H order).
    var tableIndex: Int {
        switch self {
        case .low: return 0
        case .medium: return 1
        case .quartile: return 2
        case .high: return 3
        }
    }

    /// The two-bit indicator in the format information (Table 12): L=01, M=00, Q=11, H=10.
    var formatBits: Int {
        switch self {
        case .low: return 1
        case .medium: return 0
        case .quartile: return 3
        case .high: return 2
        }
    }
}
