import XiangcunKit
import Foundation
import Testing
@testable import Documents

@Suite struct XLSXReaderTests {
    @Test func readsWorkbookMadeByOpenpyxl() throws {
        let file = TemporaryFile(extension: "xlsx")
        _ = try Python.run(["xlsx-make", file.path])
        let data = try Data(contentsOf: file.url)
        let book = try XLSX.read(data)
        #expect(book.sheets.map(\.name) == ["资金计划", "第二页"])
        let sheet = try #require(book.sheet(named: "资金计划"))
        #expect(sheet.row(1)?.texts == ["承办企业", "计划金额（万元）", "已拨付", "日期", "完成"])
        #expect(sheet.value(at: "B2") == .number("1910"))
        #expect(sheet.value(at: "C2") == .number("955.5"))
        #expect(sheet.value(at: "D2")?.day == Day(year: 2021, month: 6, day: 30))
        if case .date = sheet.value(at: "D2") {} else { Issue.record("D2 should be a date: \(String(describing: sheet.value(at: "D2")))") }
        #expect(sheet.value(at: "E2") == .bool(true))
        #expect(sheet.row(3) == nil)
        #expect(sheet.value(at: "C4") == .number("0.1"))
        #expect(sheet.value(at: "B5") == .number("230000"))
        #expect(sheet.value(at: "D5")?.day == Day(year: 2022, month: 1, day: 15))
        #expect(sheet.value(at: "D5")?.decimal == Decimal(string: "44576.5"))
        let sparse = try #require(sheet.row(7)?.cells.first)
        #expect(sparse.reference == "E7" && sparse.columnName == "E" && sparse.value == .text("稀疏"))
        #expect(sheet.row(7)?.texts == ["", "", "", "", "稀疏"])
        #expect(sheet.merges.map(\.description) == ["A8:C8"])
        #expect(sheet.value(at: "A9") == .text("普通加粗"))
        let second = try #require(book.sheet(named: "第二页"))
        #expect(second.rows.map(\.number) == [2, 3])
        #expect(second.value(at: "C3")?.decimal == Decimal(string: "-12.25"))
    }

    /// Hand-made package in the style of other producers: inline strings, rich text with a
    /// phonetic run, no `r` attributes, prefixed namespace, CJK built-in date format, escapes.
    @Test func readsUnusualButValidParts() throws {
        let sheet = """
        <?xml version="1.0" encoding="UTF-8"?>
        <x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
        <x:row><x:c t="inlineStr"><x:is><x:r><x:t>富</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve"> 文本</x:t></x:r><x:rPh sb="0" eb="1"><x:t>fu</x:t></x:rPh></x:is></x:c><x:c><x:v>42</x:v></x:c><x:c s="1"><x:v>44377</x:v></x:c></x:row>
        <x:row><x:c t="s"><x:v>0</x:v></x:c><x:c/><x:c t="str"><x:f>A1</x:f><x:v>公式结果</x:v></x:c><x:c t="e"><x:v>#DIV/0!</x:v></x:c></x:row>
        <x:row r="10"><x:c r="AB10" t="b"><x:v>0</x:v></x:c></x:row>
        </x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A1:B1"/></x:mergeCells></x:worksheet>
        """
        let strings = """
        <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><r><t>共享</t></r><r><t>_x000D_串</t></r><rPh><t>x</t></rPh></si></sst>
        """
        let styles = """
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="57"/></cellXfs></styleSheet>
        """
        let workbook = """
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="台账" sheetId="1" r:id="rId9"/></sheets></workbook>
        """
        let rels = """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
        """
        let data = try ZipPackage.build([
            ("_rels/.rels", OOXML.packageRelationships(main: "xl/workbook.xml")),
            ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", rels),
            ("xl/worksheets/data.xml", sheet), ("xl/sharedStrings.xml", strings), ("xl/styles.xml", styles),
        ])
        let book = try XLSX.read(data)
        let s = try #require(book.sheet(named: "台账"))
        #expect(s.value(at: "A1") == .text("富 文本"))
        #expect(s.value(at: "B1") == .number("42"))
        #expect(s.value(at: "C1") == .date(serial: "44377"))
        #expect(s.value(at: "A2") == .text("共享\r串"))
        #expect(s.value(at: "B2") == nil)
        #expect(s.value(at: "C2") == .text("公式结果"))
        #expect(s.value(at: "D2") == .error("#DIV/0!"))
        #expect(s.row(10)?.cells.first?.reference == "AB10")
        #expect(s.value(at: "AB10") == .bool(false))
        #expect(s.merges == [XLSX.CellRange(firstRow: 1, firstColumn: 1, lastRow: 1, lastColumn: 2)])
    }

    @Test func errorsAreTyped() {
        #expect(throws: DocumentsError.self) { try XLSX.read(Data("not a zip".utf8)) }
        #expect(throws: DocumentsError.missingPart("xl/workbook.xml")) {
            try XLSX.read(ZipPackage.build([("hello.txt", "hi")]))
        }
        #expect(throws: DocumentsError.self) {
            try XLSX.read(ZipPackage.build([("xl/workbook.xml", "<workbook><sheets>")]))
        }
    }
}
