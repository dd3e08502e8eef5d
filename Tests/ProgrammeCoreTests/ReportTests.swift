import Documents
import Foundation
import Testing
import XiangcunKit
@testable import ProgrammeCore

private let post = "中国邮政集团有限公司浙江省遂昌县分公司"
private let ganjie = "浙江赶街电子商务有限公司"

@Suite struct ReportTests {
    let snapshot: ProgrammeSnapshot

    init() throws { snapshot = try DemoProgramme.suichangSnapshot() }

    @Test func demoCompletionFromTheSelfAssessment() throws {
        let c = Completion(snapshot: snapshot)
        #expect(c.target("4.1.d")?.rateText == "68.30%")      // 1366 / 2000 人次
        #expect(c.target("4.1.a")?.rateText == "63.33%")      // 19 / 30 场
        #expect(c.target("6.2.a")?.rateText == "86.67%")      // 13 / 15 直播间
        #expect(c.target("1.1.a")?.rateText == "100.00%")     // 2000 m²
        #expect(c.target("2.3.a")?.rateText == "100.00%")     // = 12 人
        #expect(c.target("7.2.a")?.uncapped == Decimal(string: "1.29"))
        #expect(c.target("7.2.a")?.rateText == "100.00%")
        #expect(c.target("1.2.b")?.target.source == "network.villageStationsOperating")
        #expect(c.target("1.2.a")?.target.source == "network.townshipHubsOperating")
        #expect(c.target("1.2.b")?.rate == nil)
        let live = Completion(snapshot: snapshot, sources: ["network.villageStationsOperating": 60])
        #expect(live.target("1.2.b")?.rateText == "50.00%")
        #expect(c.task("7.2")?.isDone == true)
        let ind = ProgrammeIndicators(snapshot: snapshot)
        #expect(ind.deadline(of: "7.2")?.status == .done)
        #expect(ind.deadline(of: "1.1")?.status == .overdue)            // 2021-06-30 passed, 入驻企业 unverified
        #expect(ind.deadline(of: "5.3")?.status == .dueSoon)            // 2021-12-31 is 29 days after 2021-12-02
        #expect(ind.deadline(of: "2.3")?.deadline == Day(year: 2022, month: 12, day: 31))
        // 邮政: 50% disbursed, its three logistics tasks average 16.67% verified → warned.
        let alignment = Dictionary(uniqueKeysWithValues: ind.alignment.map { ($0.contractor, $0) })
        #expect(alignment[post]?.isWarning == true)
        #expect(Percent.text(alignment[post]?.completion) == "16.67%")
        // 赶街: 50% disbursed, its 15 tasks average 52.44% → no warning.
        #expect(Percent.text(alignment[ganjie]?.completion) == "52.44%")
        #expect(alignment[ganjie]?.isWarning == false)
        #expect(ind.alignmentWarnings.map(\.contractor) == [post])
        #expect(ind.completion.subsystems.map { Percent.text($0.rate) } == ["16.67%", "73.61%", "70.00%", "46.94%", "33.33%", "26.30%", "83.33%"])
    }

    @Test func summaryIsJSON() throws {
        let summary = ProgrammeSummary(snapshot: snapshot)
        #expect(summary.planned.wanYuan == "1910.00")
        #expect(summary.allocated.wanYuan == "2000.00")
        #expect(summary.disbursed.wanYuan == "955.00")
        #expect(summary.totalInvestment.wanYuan == "2412.50")
        #expect(summary.disbursementRate?.text == "50.00%")
        #expect(summary.subsystems.count == 7)
        #expect(summary.taskCount == 18)
        #expect(summary.overdue + summary.dueSoon + summary.done + summary.onTrack + summary.noDeadline == 18)
        #expect(summary.overdue > 0 && summary.dueSoon > 0 && summary.done > 0)
        #expect(summary.attention.first?.status == .overdue)
        let json = try JSONEncoder().encode(summary)
        let back = try JSONDecoder().decode(ProgrammeSummary.self, from: json)
        #expect(back == summary)
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains("\"asOf\":\"2021-12-02\""))
    }

    @Test func reportSentencesAreComputed() {
        let ind = ProgrammeIndicators(snapshot: snapshot)
        #expect(SelfAssessmentReport.investmentSentence(ind, programmeName: "遂昌县电子商务进农村综合示范项目")
            == "遂昌县电子商务进农村综合示范项目总投资2412.50万元，其中，中央财政资金1910.00万元，企业自筹资金502.50万元。")
        #expect(SelfAssessmentReport.disbursementSentence(ind, programmeName: "遂昌县电子商务进农村综合示范项目")
            == "遂昌县电子商务进农村综合示范项目中央财政资金下达2000.00万元，企业中标金额1910.00万元，目前已拨付资金955.00万元，总体资金拨付率50.00%。")
        var withLocal = snapshot
        withLocal.plan.info.localMatchingFunds = (try? Money(wanYuan: "100")) ?? .zero
        #expect(SelfAssessmentReport.investmentSentence(ProgrammeIndicators(snapshot: withLocal), programmeName: "X")
            == "X总投资2512.50万元，其中，中央财政资金1910.00万元，地方配套资金100.00万元，企业自筹资金502.50万元。")
    }

    @Test func missingNarrativesGivePlaceholders() throws {
        var bare = snapshot
        bare.plan.narratives = [:]
        let doc = SelfAssessmentReport.document(bare)
        let texts = doc.blocks.compactMap { block -> String? in
            if case .paragraph(let p) = block { return p.text }
            return nil
        }
        #expect(texts.filter { $0 == SelfAssessmentReport.placeholder }.count == 5 + 7 + 2)
        #expect(texts.contains { $0.contains("（尚未填写落款单位）") })
        // Snapshot narratives override the plan's.
        var custom = snapshot
        custom.narratives[NarrativeKey.problems] = "新的问题描述。"
        let customTexts = SelfAssessmentReport.document(custom).blocks.compactMap { block -> String? in
            if case .paragraph(let p) = block { return p.text }
            return nil
        }
        #expect(customTexts.contains("新的问题描述。"))
    }

    /// The .docx read back by python-docx: headings in order, the fund table with the merged
    /// contractor cell and the total row.
    @Test func selfAssessmentDocxReadByPythonDocx() throws {
        let data = try SelfAssessmentReport.data(snapshot)
        let dump = try #require(try Python.dump("docx-dump", data: data, ext: "docx"))
        let paragraphs = try #require(dump["paragraphs"] as? [[String: Any]])
        let headings1 = paragraphs.filter { ($0["style"] as? String) == "Heading 1" }.compactMap { $0["text"] as? String }
        #expect(headings1 == ["一、组织实施与管理", "二、项目资金管理和使用", "三、项目实施进展", "四、存在问题", "五、下步工作计划"])
        let headings2 = paragraphs.filter { ($0["style"] as? String) == "Heading 2" }.compactMap { $0["text"] as? String }
        #expect(Array(headings2.prefix(7)) == ["（一）组织协调机制", "（二）承办企业及确定方式", "（三）制度建设", "（四）公开公示", "（五）监督检查",
                                               "（一）项目投资情况", "（二）中央财政资金拨付情况"])
        #expect(headings2.contains("（一）构建县、乡、村三级物流体系"))
        #expect(headings2.contains("（四）农产品标准化建设缺乏"))
        #expect(headings2.contains("（四）进一步完善乡镇、村电商服务网点功能"))
        let texts = paragraphs.compactMap { $0["text"] as? String }
        #expect(texts.first == "遂昌县电子商务进农村综合示范项目自评报告")
        #expect(texts.contains { $0.contains("总投资2412.50万元") })
        #expect(texts.contains { $0.contains("总体资金拨付率50.00%") })
        #expect(texts.contains("中央财政资金拨付情况表"))
        #expect(texts.last?.contains("2021年12月2日") == true)
        #expect(texts.last?.contains("遂昌县电子商务进农村综合示范工作领导小组办公室") == true)

        let tables = try #require(dump["tables"] as? [[String: Any]])
        #expect(tables.count == 2)
        let fund = try #require(tables.first?["rows"] as? [[String]])
        #expect(fund.first == SelfAssessmentReport.fundTableHeader)
        #expect(fund.count == 1 + 7 + 1)
        #expect(fund[1] == [post, "构建县乡村三级物流体系", "300.00", "150.00", "50.00"])
        let expected: [(String, String, String)] = [
            ("构建农村电商公共服务体系", "300.00", "150.00"), ("构建农产品上行和消费品下行双向流通体系", "355.00", "177.50"),
            ("构建电子商务培训体系", "260.00", "130.00"), ("构建农村电子商务市场运营体系", "315.00", "157.50"),
            ("夯实农村电商产业集聚体系", "300.00", "150.00"), ("深化电子扶贫体系", "80.00", "40.00"),
        ]
        for (i, e) in expected.enumerated() {
            #expect(fund[2 + i] == [ganjie, e.0, e.1, e.2, "50.00"], "row \(2 + i)")
        }
        #expect(fund[8] == ["合计", "合计", "1910.00", "955.00", "50.00"])
        let same = try #require(tables.first?["same_as_above"] as? [[Bool]])
        #expect(same[2][0] == false, "赶街's cell starts a new merge below 邮政")
        #expect((3...7).allSatisfy { same[$0][0] }, "赶街's cell is one vertically merged cell over its six rows")

        let completion = try #require(tables.last?["rows"] as? [[String]])
        #expect(completion.first == CompletionTable.header)
        #expect(completion.contains { $0[2] == "累计培训≥2000人次" && $0[3] == "1366人次" && $0[4] == "68.30" })
    }

    /// The fund ledger .xlsx read back by openpyxl: real numbers, percent format, merged ranges, bold total.
    @Test func fundLedgerXlsxReadByOpenpyxl() throws {
        let data = try ProgrammeExports.xlsx(.fundLedger, snapshot: snapshot)
        let dump = try #require(try Python.dump("xlsx-dump", data: data, ext: "xlsx"))
        let sheet = try #require((dump["sheets"] as? [[String: Any]])?.first)
        #expect(sheet["name"] as? String == "资金台账")
        let cells = try #require(sheet["cells"] as? [String: [String: Any]])
        func value(_ ref: String) -> Any? { cells[ref]?["value"] }
        #expect(value("A1") as? String == "中央财政资金拨付情况表")
        #expect(value("A2") as? String == "承办企业名单")
        #expect(value("A3") as? String == post)
        #expect(value("A4") as? String == ganjie)
        #expect(cells["C3"]?["type"] as? String == "int")
        #expect((value("C3") as? NSNumber)?.intValue == 300)
        #expect(cells["D5"]?["type"] as? String == "float")
        #expect((value("D5") as? NSNumber)?.doubleValue == 177.5)
        #expect((value("E3") as? NSNumber)?.doubleValue == 0.5)
        #expect((cells["E3"]?["format"] as? String)?.contains("%") == true)
        #expect(value("A10") as? String == "合计")
        #expect(cells["A10"]?["bold"] as? Bool == true)
        #expect((value("C10") as? NSNumber)?.intValue == 1910)
        #expect((value("D10") as? NSNumber)?.intValue == 955)
        let merges = try #require(sheet["merges"] as? [String])
        #expect(merges.contains("A4:A9"))
        #expect(merges.contains("A10:B10"))
    }

    @Test func completionTableExportsAndLedgers() throws {
        let ind = ProgrammeIndicators(snapshot: snapshot)
        let dump = try #require(try Python.dump("xlsx-dump", data: try ProgrammeExports.xlsx(.completion, ind), ext: "xlsx"))
        let sheet = try #require((dump["sheets"] as? [[String: Any]])?.first)
        #expect(sheet["name"] as? String == "项目建设完成情况")
        let merges = try #require(sheet["merges"] as? [String])
        #expect(merges.contains("B3:C3") == false && merges.contains { $0.hasPrefix("B") }, "项目 merged over a task's targets")

        for kind in ProgrammeExport.allCases {
            let csv = try ProgrammeExports.csv(kind, ind)
            #expect(csv.starts(with: [0xEF, 0xBB, 0xBF]), "\(kind) CSV has a BOM")
            let table = try CSV.read(csv)
            #expect(table.records.count > 1, "\(kind)")
            _ = try XLSX.read(try ProgrammeExports.xlsx(kind, ind))
        }
        let fund = ProgrammeExports.csvRows(.fundLedger, ind)
        #expect(fund[0] == ["承办企业名单", "主要建设内容", "计划拨付资金(万元)", "实际拨付资金(万元)", "拨付率"])
        #expect(fund[3] == [ganjie, "构建农产品上行和消费品下行双向流通体系", "355.00", "177.50", "50.00%"], "merged names repeat in CSV")
        #expect(fund.last == ["合计", "", "1910.00", "955.00", "50.00%"])
        let ledger = ProgrammeExports.csvRows(.targetLedger, ind)
        #expect(ledger.count == 1 + 45)
        let training = try #require(ledger.first { $0[8] == "4.1.d" })
        #expect(training[0] == "构建农村电子商务培训体系")
        #expect(training[3] == "2021-06-30")
        #expect(training[6].contains("县人力社保局"))
        #expect(training[11] == "2000" && training[13] == "1366" && training[14] == "68.30%")
        #expect(training[15] == "已逾期")
        let progress = ProgrammeExports.csvRows(.progressLog, ind)
        #expect(progress.count == 1 + 19)
        let disbursements = ProgrammeExports.csvRows(.disbursements, ind)
        #expect(disbursements.count == 1 + 7 + 1)
        #expect(disbursements.last?[3] == "955.00")
        #expect(ProgrammeExports.workbook(ind).sheets.count == ProgrammeExport.allCases.count)
    }
}
