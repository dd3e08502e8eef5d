import Foundation
import Testing
@testable import Documents

/// The snippets of docs/documents.md, compiled and run, and their output read back.
@Suite struct ExamplesTests {
    @Test func documentedXLSXExample() throws {
        let paid = Decimal(955)
        let rate = Decimal(string: "0.4321") ?? 0
        let sheet = XLSX.Sheet(
            name: "资金拨付",
            title: "中央财政资金拨付情况表",
            header: ["承办企业", "建设内容", "计划（万元）", "已拨付（万元）", "拨付率", "日期"],
            rows: [["邮政分公司", "物流体系", .decimal("1910.00"), .decimal(paid), .percent(rate), .date(year: 2021, month: 6, day: 30)],
                   ["", "公共服务", .decimal("300.00"), .decimal("0.00"), .percent(0), .empty]],
            totalRow: ["合计", "", .decimal("2210.00"), .decimal("955.00"), .percent(rate), .empty],
            merges: [.column(0, rows: 0...1)],
            columnWidths: [1: 30])
        let data = try XLSX.write(XLSX.Workbook(sheets: [sheet], title: "报表", author: "遂昌县经济商务局"))
        let read = try #require(try XLSX.read(data).sheet(named: "资金拨付"))
        #expect(read.row(3)?.texts == ["邮政分公司", "物流体系", "1910", "955", "0.4321", "2021-06-30"])
        #expect(read.value(at: "D4")?.decimal == 0)
    }

    @Test func documentedDOCXExample() throws {
        let doc = DOCX.Document(blocks: [
            .title("遂昌县电子商务进农村综合示范项目自评报告"),
            .heading("一、组织管理情况", level: 1),
            .text("县政府成立了领导小组……"),
            .paragraph(DOCX.Paragraph(runs: [.bold("重点："), "专款专用。"])),
            .table(DOCX.Table(
                columns: ["承办企业", DOCX.Column("建设内容", weight: 30, alignment: .left), "计划（万元）"],
                rows: [[DOCX.Cell("邮政分公司"), "物流", "1910.00"], ["", "培训", "300.00"], ["合计", "", "2210.00"]],
                merges: [.column(0, rows: 0...1), .row(2, columns: 0...1)],
                boldRows: [2])),
            .pageBreak,
        ], title: "自评报告", author: "遂昌县经济商务局")
        // Read back by python-docx: the blocks in order, the merges and the document properties.
        let file = try TemporaryFile(extension: "docx", data: DOCX.write(doc))
        let json = try #require(try Python.run(["docx-dump", file.path]) as? [String: Any])
        #expect(json["title"] as? String == "自评报告")
        let paragraphs = try #require(json["paragraphs"] as? [[String: Any]])
        let texts = paragraphs.compactMap { $0["text"] as? String }.filter { !$0.isEmpty }
        #expect(texts == ["遂昌县电子商务进农村综合示范项目自评报告", "一、组织管理情况", "县政府成立了领导小组……", "重点：专款专用。"])
        let styles = Dictionary(paragraphs.compactMap { p in (p["text"] as? String).map { ($0, p["style"] as? String ?? "") } }, uniquingKeysWith: { a, _ in a })
        #expect(styles["遂昌县电子商务进农村综合示范项目自评报告"] == "Title")
        #expect(styles["一、组织管理情况"] == "Heading 1")
        let tables = try #require(json["tables"] as? [[String: Any]])
        #expect(tables.count == 1)
        let rows = try #require(tables.first?["rows"] as? [[String]])
        #expect(rows == [["承办企业", "建设内容", "计划（万元）"], ["邮政分公司", "物流", "1910.00"],
                         ["邮政分公司", "培训", "300.00"], ["合计", "合计", "2210.00"]])
    }

    @Test func tenThousandRowLedgerRoundTrip() throws {
        let rows: [[XLSX.Cell]] = (0..<10_000).map { index in
            [.integer(index + 1), .text("村级服务站\(index % 300)"), .decimal(Decimal(index) / 100, places: 2),
             .date(year: 2024, month: 1 + index % 12, day: 1 + index % 28)]
        }
        let data = try XLSX.write(XLSX.Workbook(sheets: [XLSX.Sheet(name: "台账", header: ["序号", "站点", "金额", "日期"], rows: rows)]))
        let book = try XLSX.read(data)
        #expect(book.sheets[0].rows.count == 10_001)
        #expect(book.sheets[0].value(at: "C10001") == .number("99.99"))
    }
}
