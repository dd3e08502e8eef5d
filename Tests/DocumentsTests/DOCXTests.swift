import Foundation
import Testing
@testable import Documents

@Suite struct DOCXTests {
    static func report() -> DOCX.Document {
        var rows: [[DOCX.Cell]] = []
        for index in 1...6 {
            let name = index == 1 ? "遂昌县邮政分公司" : ""
            rows.append([DOCX.Cell(name), DOCX.Cell("任务 \(index)"), DOCX.Cell("\(index * 10).00"), DOCX.Cell("\(index * 5).00")])
        }
        rows.append([DOCX.Cell("合计"), "", "210.00", "105.00"])
        let table = DOCX.Table(
            columns: ["承办企业", DOCX.Column("建设内容", weight: 30, alignment: .left), "计划（万元）", "已拨付（万元）"],
            rows: rows,
            merges: [.column(0, rows: 0...5), .row(6, columns: 0...1)],
            boldRows: [6])
        return DOCX.Document(blocks: [
            .title("遂昌县电子商务进农村综合示范项目自评报告"),
            .heading("一、组织管理情况", level: 1),
            .text("县政府成立了领导小组，统筹推进示范县建设。"),
            .heading("（一）资金管理", level: 2),
            .paragraph(DOCX.Paragraph(runs: [.bold("重点："), "中央财政资金 1,910 万元 & <专款专用>。"])),
            .heading("1. 拨付进度", level: 3),
            .table(table),
            .pageBreak,
            .paragraph(DOCX.Paragraph("遂昌县经济商务局\n2021年6月30日", alignment: .right, firstLineIndent: false)),
        ], title: "自评报告", author: "Xiangcun")
    }

    @Test func pythonDocxReadsIt() throws {
        let file = try TemporaryFile(extension: "docx", data: DOCX.write(Self.report()))
        let json = try #require(try Python.run(["docx-dump", file.path]) as? [String: Any])
        #expect(json["title"] as? String == "自评报告")
        let paragraphs = try #require(json["paragraphs"] as? [[String: Any]])
        let texts = paragraphs.compactMap { $0["text"] as? String }
        let styles = paragraphs.map { $0["style"] as? String ?? "" }
        #expect(texts.first == "遂昌县电子商务进农村综合示范项目自评报告")
        #expect(styles.first == "Title")
        #expect(zip(texts, styles).contains { $0 == ("一、组织管理情况", "Heading 1") })
        #expect(zip(texts, styles).contains { $0 == ("（一）资金管理", "Heading 2") })
        #expect(zip(texts, styles).contains { $0 == ("1. 拨付进度", "Heading 3") })
        #expect(texts.contains("重点：中央财政资金 1,910 万元 & <专款专用>。"))
        #expect(texts.contains("遂昌县经济商务局\n2021年6月30日"))
        let tables = try #require(json["tables"] as? [[String: Any]])
        #expect(tables.count == 1)
        let rows = try #require(tables[0]["rows"] as? [[String]])
        #expect(rows.count == 8)
        #expect(rows[0] == ["承办企业", "建设内容", "计划（万元）", "已拨付（万元）"])
        // vertically merged: python-docx reports the anchor's text for every covered row
        for row in 1...6 { #expect(rows[row][0] == "遂昌县邮政分公司") }
        #expect(rows[3][1] == "任务 3")
        // horizontally merged total label
        #expect(rows[7][0] == "合计" && rows[7][1] == "合计" && rows[7][3] == "105.00")
        let same = try #require(tables[0]["same_as_above"] as? [[Bool]])
        #expect(same[2][0] && same[6][0] && !same[2][1])
        let page = try #require(json["page"] as? [String: Int])
        #expect(page["width"] == 11906 * 635 && page["height"] == 16838 * 635)
    }

    @Test func xmlCarriesFontsStylesAndMerges() throws {
        let package = try ZipPackage(DOCX.write(Self.report()))
        let styles = String(decoding: try package.requiredPart("word/styles.xml"), as: UTF8.self)
        #expect(styles.contains(#"w:eastAsia="宋体""#))
        #expect(styles.contains(#"w:eastAsia="仿宋""#))
        #expect(styles.contains(#"w:eastAsia="黑体""#))
        #expect(styles.contains(#"w:ascii="Times New Roman""#))
        #expect(styles.contains(#"<w:outlineLvl w:val="0"/>"#))
        let document = String(decoding: try package.requiredPart("word/document.xml"), as: UTF8.self)
        #expect(document.contains(#"<w:vMerge w:val="restart"/>"#))
        #expect(document.components(separatedBy: "<w:vMerge/>").count - 1 == 5)
        #expect(document.contains(#"<w:gridSpan w:val="2"/>"#))
        #expect(document.contains("<w:tblHeader/>"))
        #expect(document.contains(#"<w:br w:type="page"/>"#))
        #expect(document.contains(#"w:firstLineChars="200""#))
        #expect(document.contains("&amp; &lt;专款专用&gt;"))
        for part in ["word/document.xml", "word/styles.xml", "word/settings.xml", "word/footer1.xml", "[Content_Types].xml"] {
            try XMLEvents.parse(try package.requiredPart(part), part: part, into: NullHandler())
        }
    }

    @Test func landscapeAndDeterminism() throws {
        var document = Self.report()
        document.landscape = true
        document.pageNumbers = false
        let data = try DOCX.write(document)
        #expect(data == (try DOCX.write(document)))
        let package = try ZipPackage(data)
        let xml = String(decoding: try package.requiredPart("word/document.xml"), as: UTF8.self)
        #expect(xml.contains(#"w:orient="landscape""#))
        #expect(try package.part("word/footer1.xml") == nil)
    }

    @Test func badMergeThrows() {
        let table = DOCX.Table(columns: ["a", "b"], rows: [["1", "2"]], merges: [.column(0, rows: 0...3)])
        #expect(throws: DocumentsError.self) { try DOCX.write(DOCX.Document(blocks: [.table(table)])) }
    }
}

final class NullHandler: XMLEventHandler {
    var names: [String] = []
    var texts = ""
    func start(_ name: String, _ attributes: [String: String]) { names.append(name) }
    func end(_ name: String) {}
    func text(_ string: String) { texts += string }
}
