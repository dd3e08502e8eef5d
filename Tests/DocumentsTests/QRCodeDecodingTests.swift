import Foundation
import Testing
@testable import Documents

/// Every symbol here is read back by an independent decoder (zbarimg) and must give the exact
/// text: that checks the tables, Reed–Solomon, interleaving, placement, masks and format bits
/// together.
@Suite struct QRCodeDecodingTests {
    static let allLevels: [QRCode.ErrorCorrection] = [.low, .medium, .quartile, .high]

    static let texts = [
        "https://trace.example.cn/01/09506000134352/10/ABC123",
        "https://trace.example.cn/01/09506000134352/10/ABC123/21/SERIAL0001?17=261231&3103=000250",
        "https://trace.example.cn/01/06901234567892/10/2026-11-30-SC-0017/21/000123456789?linkType=gs1:traceability",
        "HTTPS://TRACE.EXAMPLE.CN/01/09506000134352/10/ABC123",   // alphanumeric mode
        "09506000134352261231",                                    // numeric mode
        "遂昌县高坪乡 菜干 批次 2026-11-30 溯源码",                      // Chinese, UTF-8 in byte mode
        "https://trace.example.cn/p/遂昌土蜂蜜?批次=A17",
        "A",
        "0",
        "",
    ]

    @Test(arguments: texts, allLevels)
    func decodesTextAtEveryLevel(text: String, level: QRCode.ErrorCorrection) throws {
        let matrix = try QRCode.encode(text, level: level)
        #expect(try Zbar.decode(matrix) == text)
    }

    /// Byte-mode text that fills `version` exactly at `level`, so the symbol must be that version.
    static func filling(version: Int, level: QRCode.ErrorCorrection) -> String {
        let bits = QRCode.layout(version: version, level: level).dataCodewords * 8
            - 4 - QRCode.Mode.byte.countBits(version: version)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789/.-_?=&")
        // Deterministic but irregular, so no long runs make the symbol unrepresentative.
        return String((0..<bits / 8).map { alphabet[($0 * 7 + $0 / 5 + version) % alphabet.count] })
    }

    /// Every version 1–40 at level M, filled to capacity.
    @Test(arguments: 1...40)
    func everyVersionAtLevelM(version: Int) throws {
        let text = Self.filling(version: version, level: .medium)
        let matrix = try QRCode.encode(text, level: .medium)
        #expect(matrix.version == version)
        #expect(try Zbar.decode(matrix) == text)
    }

    /// Versions at the character-count and block-structure boundaries, at L, Q and H.
    @Test(arguments: [1, 2, 6, 7, 9, 10, 14, 21, 26, 27, 35, 40], [QRCode.ErrorCorrection.low, .quartile, .high])
    func boundaryVersionsAtOtherLevels(version: Int, level: QRCode.ErrorCorrection) throws {
        let text = Self.filling(version: version, level: level)
        let matrix = try QRCode.encode(text, level: level)
        #expect(matrix.version == version)
        #expect(try Zbar.decode(matrix) == text)
    }

    /// Numeric and alphanumeric text long enough for mid-size versions (count fields of 12/11 bits).
    @Test(arguments: allLevels)
    func longNumericAndAlphanumeric(level: QRCode.ErrorCorrection) throws {
        let digits = String((0..<700).map { Character(String($0 * 37 % 10)) })
        let numeric = try QRCode.encode(digits, level: level)
        #expect(numeric.version >= 10)
        #expect(try Zbar.decode(numeric) == digits)
        let upper = String(repeating: "GS1 DIGITAL LINK: HTTPS://ID.EXAMPLE.CN/01/09506000134352 $%*+-./ ", count: 6)
        let alphanumeric = try QRCode.encode(upper, level: level)
        #expect(try Zbar.decode(alphanumeric) == upper)
    }

    /// Numeric mode needs a smaller symbol than the same digits would in byte mode.
    @Test func numericModeIsSmaller() throws {
        let digits = String(repeating: "0950600013435", count: 10)
        let numeric = try QRCode.encode(digits)
        let byteVersion = QRCode.smallestVersion(for: QRCode.Segment(digits + "x"), level: .medium) ?? 0
        #expect(numeric.version < byteVersion)
        #expect(try Zbar.decode(numeric) == digits)
    }

    /// Each of the eight masks, forced, gives a readable symbol: checks every mask formula
    /// against its format information.
    @Test(arguments: 0..<8)
    func everyMaskDecodes(pattern: Int) throws {
        let text = "https://trace.example.cn/01/09506000134352/10/MASK\(pattern)"
        let smallest = try #require(QRCode.smallestVersion(for: QRCode.Segment(text), level: .quartile))
        for version in [smallest, 7] {
            let layout = QRCode.layout(version: version, level: .quartile)
            var grid = QRCode.Grid(version: version)
            let data = QRCode.dataCodewords(QRCode.Segment(text), version: version, dataCodewords: layout.dataCodewords)
            grid.placeCodewords(QRCode.interleave(data: data, layout: layout))
            let matrix = QRCode.Matrix(QRCode.masked(grid, pattern: pattern, level: .quartile))
            #expect(try Zbar.decode(matrix) == text, "mask \(pattern), version \(version)")
        }
    }

    /// Reed–Solomon really corrects: inverting an 8×8 square of data modules (about a dozen
    /// codewords) at level H still reads.
    @Test func damagedSymbolStillDecodesAtHigh() throws {
        let text = "https://trace.example.cn/01/09506000134352/10/ABC123"
        let matrix = try QRCode.encode(text, level: .high)
        var grid = QRCode.Grid(version: matrix.version)
        for y in 0..<matrix.size {
            for x in 0..<matrix.size { grid[x, y] = matrix.isDark(x: x, y: y) }
        }
        // Right edge below the top-right format information: data modules only.
        for y in 9..<17 {
            for x in (matrix.size - 8)..<matrix.size {
                #expect(!grid.isFunction(x: x, y: y))
                grid[x, y].toggle()
            }
        }
        let damaged = QRCode.Matrix(grid)
        #expect(damaged != matrix)
        #expect(try Zbar.decode(damaged) == text)
    }

    // MARK: SVG

    /// The SVG is one path of unit rectangles, exactly the dark modules shifted by the quiet zone.
    @Test func svgPathIsTheMatrix() throws {
        let matrix = try QRCode.encode("https://trace.example.cn/01/09506000134352/10/ABC123")
        let svg = QRCode.svg(matrix, moduleSize: 5, quietZone: 4)
        let side = matrix.size + 8
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(side * 5)\" height=\"\(side * 5)\""))
        #expect(svg.contains("viewBox=\"0 0 \(side) \(side)\"") && svg.contains("shape-rendering=\"crispEdges\""))
        #expect(svg.components(separatedBy: "<path").count == 2)
        try XMLEvents.parse(Data(svg.utf8), part: "qr.svg", into: NullHandler())

        let path = try #require(svg.split(separator: "d=\"").last?.split(separator: "\"").first)
        var dark = Set<Int>()
        let pattern = try Regex(#"M(\d+) (\d+)h(\d+)v1h-(\d+)z"#)
        var covered = 0
        for match in path.matches(of: pattern) {
            let numbers = (1...4).compactMap { match.output[$0].substring.flatMap { Int($0) } }
            try #require(numbers.count == 4 && numbers[2] == numbers[3])
            for x in numbers[0]..<(numbers[0] + numbers[2]) { dark.insert((numbers[1] - 4) * matrix.size + x - 4) }
            covered += match.output[0].substring?.count ?? 0
        }
        #expect(covered == path.count)
        let expected = Set((0..<(matrix.size * matrix.size)).filter {
            matrix.isDark(x: $0 % matrix.size, y: $0 / matrix.size)
        })
        #expect(dark == expected)
    }

    /// The SVG itself, rendered by ImageMagick inside zbarimg, reads back.
    @Test func svgDecodes() throws {
        let text = "https://trace.example.cn/01/09506000134352/10/ABC123"
        let svg = QRCode.svg(try QRCode.encode(text, level: .high))
        #expect(try Zbar.decode(image: Data(svg.utf8), extension: "svg") == text)
    }
}
