import Foundation
import Testing
@testable import Documents

/// Known answers from ISO/IEC 18004 and structural checks. Decoding by an independent reader
/// is in QRCodeDecodingTests.
@Suite struct QRCodeTests {
    static let allLevels: [QRCode.ErrorCorrection] = [.low, .medium, .quartile, .high]

    // MARK: Known answers from the standard

    /// Format information for every level and mask, as listed in the standard's Annex C table
    /// (15 bits after the 101010000010010 XOR mask).
    @Test func formatInformationMatchesTheStandardTable() {
        let expected: [QRCode.ErrorCorrection: [Int]] = [
            .low: [0x77C4, 0x72F3, 0x7DAA, 0x789D, 0x662F, 0x6318, 0x6C41, 0x6976],
            .medium: [0x5412, 0x5125, 0x5E7C, 0x5B4B, 0x45F9, 0x40CE, 0x4F97, 0x4AA0],
            .quartile: [0x355F, 0x3068, 0x3F31, 0x3A06, 0x24B4, 0x2183, 0x2EDA, 0x2BED],
            .high: [0x1689, 0x13BE, 0x1CE7, 0x19D0, 0x0762, 0x0255, 0x0D0C, 0x083B],
        ]
        for level in Self.allLevels {
            #expect((0..<8).map { QRCode.formatInformation(level: level, mask: $0) } == expected[level])
        }
    }

    /// Version information (Annex D): version 7 is 000111 110010010100, version 40 is 101000 110001101001.
    @Test func versionInformationMatchesAnnexD() {
        #expect(QRCode.versionInformation(7) == 0b000111_110010010100)
        #expect(QRCode.versionInformation(8) == 0b001000_010110111100)
        #expect(QRCode.versionInformation(40) == 0b101000_110001101001)
    }

    /// The standard's worked example (Annex I): "01234567" as 1-M, numeric mode.
    @Test func workedExampleNumeric1M() {
        let segment = QRCode.Segment("01234567")
        #expect(segment.mode == .numeric)
        let layout = QRCode.layout(version: 1, level: .medium)
        #expect(layout.dataCodewords == 16)
        let data = QRCode.dataCodewords(segment, version: 1, dataCodewords: layout.dataCodewords)
        #expect(data == [0b0001_0000, 0b0010_0000, 0b0000_1100, 0b0101_0110, 0b0110_0001, 0b1000_0000,
                         0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11])
        #expect(GaloisField.remainder(data, degree: 10) ==
                [0b1010_0101, 0b0010_0100, 0b1101_0100, 0b1100_0001, 0b1110_1101,
                 0b0011_0110, 0b1100_0111, 0b1000_0111, 0b0010_1100, 0b0101_0101])
    }

    /// "HELLO WORLD" as 1-Q in alphanumeric mode: 13 data and 13 EC codewords.
    @Test func alphanumericHelloWorld1Q() {
        let segment = QRCode.Segment("HELLO WORLD")
        #expect(segment.mode == .alphanumeric)
        let data = QRCode.dataCodewords(segment, version: 1, dataCodewords: 13)
        #expect(data == [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236])
        #expect(GaloisField.remainder(data, degree: 13) == [168, 72, 22, 82, 217, 54, 156, 0, 46, 15, 180, 122, 16])
    }

    /// The generator polynomial of degree 7 (Annex A): α-exponents 87, 229, 146, 149, 238, 102, 21.
    @Test func generatorPolynomialDegree7() {
        let exponents = GaloisField.generator(degree: 7).map { GaloisField.tables.log[Int($0)] }
        #expect(exponents == [87, 229, 146, 149, 238, 102, 21])
    }

    // MARK: Sizes and capacities

    @Test func symbolSizes() throws {
        #expect(QRCode.size(version: 1) == 21)
        #expect(QRCode.size(version: 40) == 177)
        #expect(try QRCode.encode("1").size == 21)
    }

    /// Total codewords per version (Table 1) and the remainder bits left over.
    @Test func codewordCapacityPerVersion() {
        let totals = [26, 44, 70, 100, 134, 172, 196, 242, 292, 346, 404, 466, 532, 581, 655, 733, 815, 901,
                      991, 1085, 1156, 1258, 1364, 1474, 1588, 1706, 1828, 1921, 2051, 2185, 2323, 2465,
                      2611, 2761, 2876, 3034, 3196, 3362, 3532, 3706]
        #expect((1...40).map { QRCode.rawDataModules(version: $0) / 8 } == totals)
        let remainders = (1...40).map { QRCode.rawDataModules(version: $0) % 8 }
        #expect(remainders == [0] + Array(repeating: 7, count: 5) + Array(repeating: 0, count: 7)
                + Array(repeating: 3, count: 7) + Array(repeating: 4, count: 7)
                + Array(repeating: 3, count: 7) + Array(repeating: 0, count: 6))
    }

    /// The counting formula agrees with the modules the placement code actually leaves free.
    @Test func freeModulesMatchTheGeometry() {
        for version in 1...40 {
            let grid = QRCode.Grid(version: version)
            let free = grid.modules.indices.filter { !grid.isFunction(x: $0 % grid.size, y: $0 / grid.size) }.count
            #expect(free == QRCode.rawDataModules(version: version), "version \(version)")
        }
    }

    /// Block structure examples from Table 9 and consistency of every row.
    @Test func blockLayouts() {
        let fiveQ = QRCode.layout(version: 5, level: .quartile)
        #expect((fiveQ.blockCount, fiveQ.shortBlockCount, fiveQ.shortBlockData, fiveQ.ecPerBlock) == (4, 2, 15, 18))
        let fortyH = QRCode.layout(version: 40, level: .high)
        #expect((fortyH.blockCount, fortyH.shortBlockCount, fortyH.shortBlockData, fortyH.ecPerBlock) == (81, 20, 15, 30))
        // Data codewords (Table 7) for versions 1, 10 and 40 at L, M, Q, H.
        let data = [1: [19, 16, 13, 9], 10: [274, 216, 154, 122], 40: [2956, 2334, 1666, 1276]]
        for (version, expected) in data {
            #expect(Self.allLevels.map { QRCode.layout(version: version, level: $0).dataCodewords } == expected)
        }
    }

    /// Version-40 capacities (Table 7): numeric, alphanumeric and byte for L, M, Q, H.
    @Test func maximumCapacities() {
        let levels = Self.allLevels
        #expect(levels.map { QRCode.capacity(mode: .numeric, level: $0) } == [7089, 5596, 3993, 3057])
        #expect(levels.map { QRCode.capacity(mode: .alphanumeric, level: $0) } == [4296, 3391, 2420, 1852])
        #expect(levels.map { QRCode.capacity(mode: .byte, level: $0) } == [2953, 2331, 1663, 1273])
    }

    /// Annex E's rule: version/7 + 2 centres from 6 to size − 7, equally spaced by an even step
    /// except the first gap.
    @Test func alignmentCentresFollowTheRule() {
        for version in 2...40 {
            let centres = QRCode.alignmentCentres[version - 1]
            #expect(centres.count == version / 7 + 2, "version \(version)")
            #expect(centres.first == 6 && centres.last == QRCode.size(version: version) - 7, "version \(version)")
            let gaps = zip(centres.dropFirst(), centres).map { $0 - $1 }
            #expect(Set(gaps.dropFirst()).count <= 1 && gaps.allSatisfy { $0 % 2 == 0 }, "version \(version): \(gaps)")
        }
    }

    // MARK: Modes, versions, errors

    @Test func modeSelection() {
        #expect(QRCode.Segment("0123456789").mode == .numeric)
        #expect(QRCode.Segment("HTTPS://TRACE.EXAMPLE.CN/01/09506000134352").mode == .alphanumeric)
        #expect(QRCode.Segment("https://trace.example.cn/01/09506000134352").mode == .byte)
        #expect(QRCode.Segment("溯源").values == [0xE6, 0xBA, 0xAF, 0xE6, 0xBA, 0x90])
        #expect(QRCode.Segment("").mode == .byte)
    }

    /// 41 digits fill 1-L exactly; one more needs version 2. 17 bytes fill 1-L in byte mode.
    @Test func smallestVersionIsChosen() throws {
        #expect(try QRCode.encode(String(repeating: "7", count: 41), level: .low).version == 1)
        #expect(try QRCode.encode(String(repeating: "7", count: 42), level: .low).version == 2)
        #expect(try QRCode.encode(String(repeating: "a", count: 17), level: .low).version == 1)
        #expect(try QRCode.encode(String(repeating: "a", count: 18), level: .low).version == 2)
        #expect(try QRCode.encode(String(repeating: "a", count: 7), level: .high).version == 1)
        #expect(try QRCode.encode(String(repeating: "a", count: 2953), level: .low).version == 40)
    }

    @Test func tooLongTextThrows() {
        #expect(throws: DocumentsError.tooLongForQRCode(length: 2954, capacity: 2953)) {
            try QRCode.encode(String(repeating: "a", count: 2954), level: .low)
        }
        #expect(throws: DocumentsError.tooLongForQRCode(length: 3058, capacity: 3057)) {
            try QRCode.encode(String(repeating: "1", count: 3058), level: .high)
        }
        #expect(DocumentsError.tooLongForQRCode(length: 3058, capacity: 3057).description.contains("3057"))
    }

    // MARK: Structure and masking

    /// Finder patterns in three corners, timing patterns, the dark module, and the format
    /// information identical in both copies and naming the requested level.
    @Test(arguments: allLevels)
    func functionPatterns(level: QRCode.ErrorCorrection) throws {
        let matrix = try QRCode.encode("https://trace.example.cn/01/09506000134352/10/ABC123", level: level)
        let size = matrix.size
        for (cx, cy) in [(3, 3), (size - 4, 3), (3, size - 4)] {
            for dy in -3...3 {
                for dx in -3...3 {
                    let ring = max(abs(dx), abs(dy))
                    #expect(matrix.isDark(x: cx + dx, y: cy + dy) == (ring != 2))
                }
            }
        }
        for index in 8..<(size - 8) {
            #expect(matrix.isDark(x: index, y: 6) == (index % 2 == 0))
            #expect(matrix.isDark(x: 6, y: index) == (index % 2 == 0))
        }
        #expect(matrix.isDark(x: 8, y: size - 8))
        let first = (0...5).map { (8, $0) } + [(8, 7), (8, 8), (7, 8)] + (9...14).map { (14 - $0, 8) }
        let second = (0...7).map { (size - 1 - $0, 8) } + (8...14).map { (8, size - 15 + $0) }
        func read(_ places: [(Int, Int)]) -> Int {
            places.enumerated().reduce(0) { $0 | (matrix.isDark(x: $1.element.0, y: $1.element.1) ? 1 << $1.offset : 0) }
        }
        #expect(read(first) == read(second))
        let masks = (0..<8).filter { QRCode.formatInformation(level: level, mask: $0) == read(first) }
        #expect(masks.count == 1)
    }

    /// The chosen mask has the lowest penalty of the eight.
    @Test func chosenMaskHasLowestPenalty() throws {
        let text = "https://trace.example.cn/01/09506000134352/10/ABC123"
        let layout = QRCode.layout(version: 4, level: .medium)
        var grid = QRCode.Grid(version: 4)
        grid.placeCodewords(QRCode.interleave(data: QRCode.dataCodewords(QRCode.Segment(text), version: 4,
                                                                         dataCodewords: layout.dataCodewords),
                                              layout: layout))
        let penalties = (0..<8).map { QRCode.penalty(QRCode.masked(grid, pattern: $0, level: .medium)) }
        let chosen = QRCode.bestMasked(grid, level: .medium)
        #expect(QRCode.penalty(chosen) == penalties.min())
        let encoded = try QRCode.encode(text)
        #expect(QRCode.Matrix(chosen) == encoded)
        #expect(Set(penalties).count > 1)
    }

    @Test func penaltyRules() {
        #expect(QRCode.runPenalty(Array(repeating: true, count: 4)) == 0)
        #expect(QRCode.runPenalty(Array(repeating: true, count: 5)) == 3)
        #expect(QRCode.runPenalty(Array(repeating: false, count: 7) + [true] + Array(repeating: true, count: 5)) == 5 + 4)
        let finder = [true, false, true, true, true, false, true]
        #expect(QRCode.finderLikePenalty([true, true] + finder + [false, false, false, false, true]) == 40)
        #expect(QRCode.finderLikePenalty(finder + [false, false, false, true]) == 40)  // edge = light before
        #expect(QRCode.finderLikePenalty([true] + finder + [false, false, false, true]) == 0)
    }

    @Test func outsideTheSymbolIsLight() throws {
        let matrix = try QRCode.encode("A")
        #expect(!matrix.isDark(x: -1, y: 0) && !matrix.isDark(x: 0, y: matrix.size) && matrix.isDark(x: 0, y: 0))
    }
}
