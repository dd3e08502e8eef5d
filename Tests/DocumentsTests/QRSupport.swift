import Foundation
import Testing
@testable import Documents

/// Decodes QR Code matrices with an independent reader, `zbarimg` (package zbar-tools), from a
/// binary PGM image. A missing zbarimg is a test failure with instructions, never a skip.
enum Zbar {
    static let executable = "/usr/bin/zbarimg"

    /// An 8-bit greyscale PGM (P5) of `matrix`: `scale` pixels per module, 4-module light margin.
    static func pgm(_ matrix: QRCode.Matrix, scale: Int = 4, quietZone: Int = 4) -> Data {
        let side = (matrix.size + 2 * quietZone) * scale
        var pixels = [UInt8](repeating: 255, count: side * side)
        for y in 0..<matrix.size {
            for x in 0..<matrix.size where matrix.isDark(x: x, y: y) {
                for row in 0..<scale {
                    let start = ((y + quietZone) * scale + row) * side + (x + quietZone) * scale
                    for column in 0..<scale { pixels[start + column] = 0 }
                }
            }
        }
        return Data("P5\n\(side) \(side)\n255\n".utf8) + Data(pixels)
    }

    /// The text zbarimg reads from `matrix`, or nil (with a recorded issue) when it reads nothing.
    static func decode(_ matrix: QRCode.Matrix, sourceLocation: SourceLocation = #_sourceLocation) throws -> String? {
        try decode(image: pgm(matrix), extension: "pgm", sourceLocation: sourceLocation)
    }

    /// The text zbarimg reads from an image file's bytes (PGM, PNG, SVG: whatever ImageMagick reads).
    static func decode(image: Data, extension ext: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String? {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            Issue.record("zbarimg is required for the QR Code decoding tests: apt-get install zbar-tools",
                         sourceLocation: sourceLocation)
            return nil
        }
        let file = try TemporaryFile(extension: ext, data: image)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--raw", "-q", "-Sdisable", "-Sqrcode.enable", file.path]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errData, as: UTF8.self)
            Issue.record("zbarimg found no QR Code (exit \(process.terminationStatus)): \(message)",
                         sourceLocation: sourceLocation)
            return nil
        }
        // --raw prints the payload followed by one newline.
        var text = String(decoding: outData, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
