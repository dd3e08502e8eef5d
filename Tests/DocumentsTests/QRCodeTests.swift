import Foundation
import Testing
@testable import Documents

@Suite struct QRCodeDecodingTests {
    static let urls = [
        "https://trace.example.cn/01/09506000134352/10/ABC123",
        "https://trace.example.cn/01/09506000134352/10/ABC123/21/SERIAL0001?17=261231",
    ]

    @Test(arguments: urls)
    func byteModeLevelMDecodes(text: String) throws {
        let matrix = try QRCode.encode(text)
        #expect(try Zbar.decode(matrix) == text)
    }
}
