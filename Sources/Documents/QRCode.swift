/// QR Code (二维码) encoder following ISO/IEC 18004: versions 1–40, error-correction levels
/// L/M/Q/H, numeric/alphanumeric/byte (UTF-8) mode, automatic mask choice. Used for GS1
/// Digital Link traceability labels (溯源码).
///
/// ```swift
/// let matrix = try QRCode.encode("https://trace.example.cn/01/09506000134352/10/ABC123")
/// let svg = QRCode.svg(matrix)          // standalone <svg>, 4 px modules, 4-module quiet zone
/// ```
public enum QRCode {
    /// How much of the symbol may be damaged and still read (纠错等级):
    /// low ≈ 7 %, medium ≈ 15 %, quartile ≈ 25 %, high ≈ 30 % of codewords.
    public enum ErrorCorrection: Sendable, CaseIterable {
        case low, medium, quartile, high
    }

    /// The symbol's modules, without quiet zone. (0, 0) is the top-left module.
    public struct Matrix: Sendable, Equatable {
        /// Modules per side: 21 for version 1, up to 177 for version 40.
        public let size: Int
        /// The version (1–40) the encoder chose.
        public let version: Int
        /// Row-major, index y * size + x.
        private let modules: [Bool]

        init(_ grid: Grid) {
            size = grid.size
            version = grid.version
            modules = grid.modules
        }

        /// Whether the module in column `x`, row `y` is dark. Outside the symbol is the light
        /// quiet zone, so out-of-range coordinates answer false.
        public func isDark(x: Int, y: Int) -> Bool {
            guard (0..<size).contains(x), (0..<size).contains(y) else { return false }
            return modules[y * size + x]
        }
    }

    /// Encodes `text` in the smallest version that holds it at `level`. Digits only use numeric
    /// mode; text made only of 0–9, A–Z, space and `$%*+-./:` uses alphanumeric mode; anything
    /// else is UTF-8 in byte mode (without an ECI header, which phone readers assume anyway).
    /// Throws `DocumentsError.tooLongForQRCode` when even version 40 cannot hold it.
    public static func encode(_ text: String, level: ErrorCorrection = .medium) throws(DocumentsError) -> Matrix {
        let segment = Segment(text)
        guard let version = smallestVersion(for: segment, level: level) else {
            throw .tooLongForQRCode(length: segment.values.count,
                                    capacity: capacity(mode: segment.mode, level: level))
        }
        let layout = layout(version: version, level: level)
        let data = dataCodewords(segment, version: version, dataCodewords: layout.dataCodewords)
        var grid = Grid(version: version)
        grid.placeCodewords(interleave(data: data, layout: layout))
        return Matrix(bestMasked(grid, level: level))
    }

    /// A standalone SVG image of `matrix`: a white background and all dark modules as one
    /// `<path>` drawn with crisp edges, `moduleSize` pixels per module and a light margin of
    /// `quietZone` modules (the standard asks for at least 4).
    public static func svg(_ matrix: Matrix, moduleSize: Int = 4, quietZone: Int = 4) -> String {
        let margin = max(0, quietZone)
        let side = matrix.size + 2 * margin
        let pixels = side * max(1, moduleSize)
        var path = ""
        for y in 0..<matrix.size {
            // One rectangle per horizontal run of dark modules keeps the path short.
            var x = 0
            while x < matrix.size {
                guard matrix.isDark(x: x, y: y) else { x += 1; continue }
                let start = x
                while x < matrix.size && matrix.isDark(x: x, y: y) { x += 1 }
                path += "M\(start + margin) \(y + margin)h\(x - start)v1h-\(x - start)z"
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(pixels)\" height=\"\(pixels)\" "
            + "viewBox=\"0 0 \(side) \(side)\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"二维码 QR code\">"
            // stroke="none" spelled out: ImageMagick's SVG renderer otherwise outlines every
            // shape, fattening the modules until the code no longer reads.
            + "<rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\" stroke=\"none\"/>"
            + "<path fill=\"#000\" stroke=\"none\" d=\"\(path)\"/></svg>"
    }
}
