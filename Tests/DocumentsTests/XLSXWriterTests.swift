import XiangcunKit
import Foundation
import Testing
@testable import Documents

@Suite struct XLSXWriterTests {
    static func sampleWorkbook() -> XLSX.Workbook {
        let funds = XLSX.Sheet(
            name: "资金拨付",
            title: "中央财政资金拨付情况表",
            header: ["承办企业", "建设内容", "计划金额（万元）", "已拨付（万元）", "拨付率", "拨付日期"],
            rows: [
                ["遂昌县邮政分公司", "县乡村三级物流体系", .decimal("1910.00"), .decimal("955.00"), .percent(Decimal(string: "0.5") ?? 0), .date(year: 2021, month: 6, day: 30)],
                ["", "公共服务体系", .decimal("300.10"), .decimal("0.10"), .percent(Decimal(string: "0.00033") ?? 0), .empty],
                ["浙江某某电子商务有限公司", "培训体系", 230000, .decimal(Decimal(string: "12.5") ?? 0, places: 1), .bool(true), .date(year: 2024, month: 2, day: 29)],
            ],
            totalRow: ["合计", "", .decimal("2210.10"), .decimal("955.10"), .percent(Decimal(string: "0.4321") ?? 0), .empty],
            merges: [.column(0, rows: 0...1)])
        let second = XLSX.Sheet(name: "Notes & <tags>", header: ["说明"], rows: [["含有\"引号\"与 & 符号"], [" 前后空格 "], ["_x0041_ literal"]])
        return XLSX.Workbook(sheets: [funds, second], title: "遂昌县报表", author: "Xiangcun")
    }

    @Test func readsBackOwnOutput() throws {
        let data = try XLSX.write(Self.sampleWorkbook())
        let book = try XLSX.read(data)
        #expect(book.sheets.map(\.name) == ["资金拨付", "Notes & <tags>"])
        let sheet = try #require(book.sheet(named: "资金拨付"))
        #expect(sheet.value(at: "A1") == .text("中央财政资金拨付情况表"))
        #expect(sheet.value(at: "C2") == .text("计划金额（万元）"))
        #expect(sheet.value(at: "C3") == .number("1910"))
        #expect(sheet.value(at: "D4") == .number("0.1"))
        #expect(sheet.value(at: "E3") == .number("0.5"))
        #expect(sheet.value(at: "F3") == .date(serial: "44377"))
        #expect(sheet.value(at: "F3")?.day == Day(year: 2021, month: 6, day: 30))
        #expect(sheet.value(at: "C5") == .number("230000"))
        #expect(sheet.value(at: "E5") == .bool(true))
        #expect(sheet.value(at: "A6") == .text("合计"))
        #expect(sheet.merges.map(\.description).sorted() == ["A1:F1", "A3:A4"])
        let notes = try #require(book.sheet(named: "Notes & <tags>"))
        #expect(notes.value(at: "A2") == .text("含有\"引号\"与 & 符号"))
        #expect(notes.value(at: "A3") == .text(" 前后空格 "))
        #expect(notes.value(at: "A4") == .text("_x0041_ literal"))
    }

    @Test func openpyxlReadsOutput() throws {
        let file = try TemporaryFile(extension: "xlsx", data: XLSX.write(Self.sampleWorkbook()))
        let json = try #require(try Python.run(["xlsx-dump", file.path]) as? [String: Any])
        #expect(json["title"] as? String == "遂昌县报表")
        let sheets = try #require(json["sheets"] as? [[String: Any]])
        #expect(sheets.compactMap { $0["name"] as? String } == ["资金拨付", "Notes & <tags>"])
        let funds = sheets[0]
        let cells = try #require(funds["cells"] as? [String: [String: Any]])
        #expect(cells["A1"]?["value"] as? String == "中央财政资金拨付情况表")
        #expect(cells["A1"]?["bold"] as? Bool == true)
        #expect(cells["A2"]?["bold"] as? Bool == true)
        #expect(cells["A3"]?["bold"] as? Bool == false)
        #expect(cells["A6"]?["bold"] as? Bool == true)
        // integers stay integers; decimals are numbers with a 0.00 format
        #expect(cells["C5"]?["type"] as? String == "int")
        #expect(cells["C5"]?["value"] as? Int == 230000)
        #expect(cells["C3"]?["type"] as? String == "int")
        #expect(cells["C3"]?["format"] as? String == "0.00")
        #expect(cells["D4"]?["type"] as? String == "float")
        #expect((cells["D4"]?["value"] as? Double) == 0.1)
        #expect(cells["D5"]?["format"] as? String == "0.0")
        #expect(cells["E3"]?["format"] as? String == "0.00%")
        #expect(cells["F3"]?["type"] as? String == "datetime")
        #expect(cells["F3"]?["value"] as? String == "2021-06-30T00:00:00")
        #expect(cells["F3"]?["format"] as? String == "yyyy-mm-dd")
        #expect(cells["F5"]?["value"] as? String == "2024-02-29T00:00:00")
        #expect(cells["E5"]?["type"] as? String == "bool")
        #expect(funds["merges"] as? [String] == ["A1:F1", "A3:A4"])
        #expect(funds["freeze"] as? String == "A3")
        let widths = try #require(funds["widths"] as? [String: Double])
        // "浙江某某电子商务有限公司" is 12 CJK characters: at least 24 units wide
        #expect((widths["A"] ?? 0) >= 24)
        let notes = try #require(sheets[1]["cells"] as? [String: [String: Any]])
        #expect(notes["A3"]?["value"] as? String == " 前后空格 ")
        #expect(notes["A4"]?["value"] as? String == "_x0041_ literal")
    }

    @Test func rowsWithWrappedTextAreTallEnoughToShowIt() throws {
        let long = Array(repeating: "示例村", count: 30).joined(separator: "、") // 119 CJK characters: 238 units
        let sheet = XLSX.Sheet(name: "未覆盖", header: ["乡镇", "未覆盖行政村"],
                               rows: [[.text("妙高街道"), .text(long)], [.text("新路湾镇"), .text("甲村")], [.text("北界镇"), .text("第一行\n第二行")]],
                               columnWidths: [1: 60])
        let file = try TemporaryFile(extension: "xlsx", data: XLSX.write(XLSX.Workbook(sheets: [sheet])))
        let json = try #require(try Python.run(["xlsx-dump", file.path]) as? [String: Any])
        let dumped = try #require((json["sheets"] as? [[String: Any]])?.first)
        let heights = try #require(dumped["heights"] as? [String: Double])
        #expect(heights["2"] == 75)    // 238 units over 58.5 usable per line: 5 lines of 15 points
        #expect(heights["3"] == nil)   // one line: the default height
        #expect(heights["4"] == 30)    // two explicit lines
        #expect(XLSXSheetWriter.lineCount(long, width: 60) == 5)
    }

    @Test func deterministicOutput() throws {
        #expect(try XLSX.write(Self.sampleWorkbook()) == XLSX.write(Self.sampleWorkbook()))
    }

    @Test func rejectsBadSheetNames() {
        for name in ["", "a/b", "有[括号]", String(repeating: "长", count: 32)] {
            #expect(throws: DocumentsError.invalidSheetName(name)) {
                try XLSX.write(XLSX.Workbook(sheets: [XLSX.Sheet(name: name)]))
            }
        }
        #expect(throws: DocumentsError.invalidSheetName("表")) {
            try XLSX.write(XLSX.Workbook(sheets: [XLSX.Sheet(name: "表"), XLSX.Sheet(name: "表")]))
        }
    }

    @Test func rejectsOverlappingMerges() {
        let sheet = XLSX.Sheet(name: "s", rows: [["a", "b"], ["c", "d"]],
                               merges: [.column(0, rows: 0...1), .row(1, columns: 0...1)])
        #expect(throws: DocumentsError.self) { try XLSX.write(XLSX.Workbook(sheets: [sheet])) }
    }

    @Test func excelSerialDates() {
        #expect(Day(year: 1900, month: 3, day: 1)?.excelSerial == 61)
        #expect(Day(year: 2021, month: 6, day: 30)?.excelSerial == 44377)
        #expect(Day(excelSerial: 44377) == Day(year: 2021, month: 6, day: 30))
        for serial in stride(from: 61, to: 80_000, by: 37) {
            #expect(Day(excelSerial: serial).excelSerial == serial)
        }
        #expect(XLSX.columnName(1) == "A" && XLSX.columnName(27) == "AA" && XLSX.columnName(16384) == "XFD")
        #expect(XLSX.columnNumber("XFD") == 16384 && XLSX.columnNumber("c") == 3 && XLSX.columnNumber("1") == nil)
    }
}
