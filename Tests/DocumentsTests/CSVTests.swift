import Foundation
import Testing
@testable import Documents

@Suite struct CSVTests {
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    @Test func parsesQuotesCommasNewlinesAndLineNumbers() throws {
        let text = "姓名,地址,备注\r\n张三,\"浙江省丽水市, 遂昌县\",\"他说\"\"好\"\"\"\r\n\r\n李四,\"第一行\r\n第二行\",\n王五,,末尾"
        let records = try CSV.parse(text)
        #expect(records.map(\.line) == [1, 2, 4, 6])
        #expect(records[1].fields == ["张三", "浙江省丽水市, 遂昌县", "他说\"好\""])
        #expect(records[2].fields == ["李四", "第一行\r\n第二行", ""])
        #expect(records[3].fields == ["王五", "", "末尾"])
        #expect(records[3][safe: 5] == nil)
    }

    @Test func keepsBlankLinesWhenAsked() throws {
        let records = try CSV.parse("a\n\nb\n", skipBlankLines: false)
        #expect(records.map(\.fields) == [["a"], [""], ["b"]])
        #expect(records.map(\.line) == [1, 2, 3])
    }

    @Test func lineEndingsCRLFAndLF() throws {
        #expect(try CSV.parse("a,b\r\nc,d\r\n").map(\.fields) == [["a", "b"], ["c", "d"]])
        #expect(try CSV.parse("a,b\nc,d").map(\.fields) == [["a", "b"], ["c", "d"]])
        #expect(try CSV.parse("a,b\rc,d").map(\.line) == [1, 2])
    }

    @Test func unterminatedQuoteIsAnError() {
        #expect(throws: DocumentsError.unterminatedQuote(line: 2)) {
            try CSV.parse("a,b\nc,\"never\nclosed")
        }
    }

    @Test func roundTripUTF8WithBOM() throws {
        let rows = [["承办企业", "金额", "备注"], ["遂昌县\"邮政\"", "1910.00", "多行\n文本"], ["a,b", " 空格 ", ""]]
        let data = try CSV.write(rows)
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: data.dropFirst(3), as: UTF8.self).hasSuffix("\r\n"))
        let table = try CSV.read(data)
        #expect(table.encoding == .utf8)
        #expect(table.records.map(\.fields) == rows)
        #expect(table.records.map(\.line) == [1, 2, 4])
    }

    @Test func roundTripGB18030() throws {
        let rows = [["乡镇", "村", "人数"], ["妙高街道", "上江村", "120"], ["𠀀扩展字", "€", "1"]]
        let data = try CSV.write(rows, encoding: .gb18030)
        #expect(String(data: data, encoding: .utf8) == nil)
        #expect(String(data: data, encoding: Self.gb18030)?.hasPrefix("乡镇,村") == true)
        let table = try CSV.read(data)
        #expect(table.encoding == .gb18030)
        #expect(table.records.map(\.fields) == rows)
        let explicit = try CSV.read(data, encoding: .encoding(.gb18030))
        #expect(explicit.records.map(\.fields) == rows)
    }

    @Test func readsBytesMadeByFoundationsGB18030Encoder() throws {
        let text = "县名,金额\n遂昌县,955\n松阳县,\"1,000\"\n"
        let data = try #require(text.data(using: Self.gb18030))
        let table = try CSV.read(data)
        #expect(table.encoding == .gb18030)
        #expect(table.records.map(\.fields) == [["县名", "金额"], ["遂昌县", "955"], ["松阳县", "1,000"]])
    }

    @Test func invalidUTF8WhenUTF8IsChosen() {
        var bytes = Array("a,b\nc,d\n".utf8)
        bytes += [0xE4, 0xB8]   // truncated sequence on line 3
        #expect(throws: DocumentsError.invalidText(encoding: .utf8, line: 3, byteOffset: 8)) {
            try CSV.read(Data(bytes), encoding: .encoding(.utf8))
        }
    }

    @Test func invalidGB18030Bytes() {
        let bytes: [UInt8] = Array("名称\n".utf8).isEmpty ? [] : [0x61, 0x0A, 0x62, 0x0A, 0x81, 0x20]
        #expect(throws: DocumentsError.invalidText(encoding: .gb18030, line: 3, byteOffset: 4)) {
            try CSV.read(Data(bytes))
        }
        #expect(throws: DocumentsError.invalidText(encoding: .gb18030, line: 1, byteOffset: 0)) {
            try CSV.read(Data([0xFF, 0x41]), encoding: .encoding(.gb18030))
        }
    }

    @Test func utf8BOMIsDroppedAndUTF16IsDetected() throws {
        let bom = Data([0xEF, 0xBB, 0xBF]) + Data("列1,列2\n".utf8)
        #expect(try CSV.read(bom).records.first?.fields == ["列1", "列2"])
        let utf16 = Data([0xFF, 0xFE]) + (try #require("甲\t乙\r\n".data(using: .utf16LittleEndian)))
        let table = try CSV.read(utf16, separator: "\t")
        #expect(table.encoding == .utf16LittleEndian)
        #expect(table.records.first?.fields == ["甲", "乙"])
    }

    @Test func formulaProtectionAndQuoting() throws {
        let data = try CSV.write([["=HYPERLINK(\"x\")", "-12.5", "+86 138", "@sum", "普通"]], encoding: .utf8)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text == "\"'=HYPERLINK(\"\"x\"\")\",-12.5,'+86 138,'@sum,普通\r\n")
        let raw = try CSV.write([["=1+1"]], encoding: .utf8, protectFormulas: false)
        #expect(String(decoding: raw, as: UTF8.self) == "=1+1\r\n")
    }
}
