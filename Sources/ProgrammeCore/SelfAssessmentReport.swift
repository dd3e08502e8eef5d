import Documents
import Foundation
import XiangcunKit

/// The self-assessment report (自评报告) in the structure of the Suichang seed report. Every
/// number and table is computed from the snapshot; narrative sections come from the snapshot's
/// texts (`NarrativeKey`), with a visible placeholder when one is missing.
public enum SelfAssessmentReport {
    public static let placeholder = "（尚未填写）"
    public static let fundTableCaption = "中央财政资金拨付情况表"
    public static let completionTableCaption = "项目建设完成情况表"
    public static let fundTableHeader = ["承办企业名单", "主要建设内容", "计划拨付资金(万元)", "实际拨付资金(万元)", "拨付率(%)"]

    public static func document(_ snapshot: ProgrammeSnapshot, sources: [String: Decimal] = [:]) -> DOCX.Document {
        document(ProgrammeIndicators(snapshot: snapshot, sources: sources))
    }

    public static func data(_ snapshot: ProgrammeSnapshot, sources: [String: Decimal] = [:]) throws -> Data {
        try DOCX.write(document(snapshot, sources: sources))
    }

    public static func title(_ snapshot: ProgrammeSnapshot) -> String {
        "\(snapshot.countyName)电子商务进农村综合示范项目自评报告"
    }

    public static func document(_ ind: ProgrammeIndicators) -> DOCX.Document {
        let snapshot = ind.snapshot
        let plan = snapshot.plan
        let texts = snapshot.allNarratives
        let programmeName = plan.info.title.isEmpty ? "\(snapshot.countyName)电子商务进农村综合示范项目" : plan.info.title
        var blocks: [DOCX.Block] = [.title(title(snapshot))]

        if let intro = texts[NarrativeKey.introduction], !intro.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            blocks += narrative(intro)
        } else {
            blocks.append(.text("根据电子商务进农村综合示范工作有关要求，\(snapshot.countyName)结合项目实际开展情况，认真开展电子商务进农村综合示范项目自评工作，现将有关情况报告如下："))
        }

        // 一、组织实施与管理
        blocks.append(.heading("一、组织实施与管理", level: 1))
        let organisation = [NarrativeKey.coordination, NarrativeKey.contractors, NarrativeKey.rules, NarrativeKey.disclosure, NarrativeKey.supervision]
        for (i, key) in organisation.enumerated() {
            blocks.append(.heading("（\(ChineseNumber.of(i + 1))）\(NarrativeAliases.titles[key] ?? key)", level: 2))
            blocks += narrative(texts[key])
        }

        // 二、项目资金管理和使用
        blocks.append(.heading("二、项目资金管理和使用", level: 1))
        blocks.append(.heading("（一）项目投资情况", level: 2))
        blocks.append(.text(investmentSentence(ind, programmeName: programmeName)))
        blocks.append(.heading("（二）中央财政资金拨付情况", level: 2))
        blocks.append(.text(disbursementSentence(ind, programmeName: programmeName)))
        blocks.append(.paragraph(DOCX.Paragraph(fundTableCaption, bold: true, alignment: .center, firstLineIndent: false)))
        blocks.append(.table(fundTable(ind.funds)))

        // 三、项目实施进展
        blocks.append(.heading("三、项目实施进展", level: 1))
        blocks.append(.text(progressSentence(ind)))
        for (i, sub) in ind.completion.subsystems.enumerated() {
            blocks.append(.heading("（\(ChineseNumber.of(i + 1))）\(sub.subsystem.name)", level: 2))
            blocks += narrative(texts[NarrativeKey.progress(sub.subsystem.code)])
            let targets = sub.tasks.flatMap(\.targets)
            if !targets.isEmpty {
                let met = targets.filter(\.isMet).count
                blocks.append(.text("本体系共\(sub.tasks.count)项建设任务、\(targets.count)项量化指标，已完成\(met)项，体系完成率\(Percent.text(sub.rate))。"))
            }
        }
        let completionTable = CompletionTable(completion: ind.completion)
        blocks.append(.paragraph(DOCX.Paragraph(completionTableCaption, bold: true, alignment: .center, firstLineIndent: false)))
        blocks.append(.table(table(completionTable)))

        // 四、存在问题  五、下步工作计划
        blocks.append(.heading("四、存在问题", level: 1))
        blocks += narrative(texts[NarrativeKey.problems])
        blocks.append(.heading("五、下步工作计划", level: 1))
        blocks += narrative(texts[NarrativeKey.nextSteps])

        let signature = texts[NarrativeKey.signature]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        blocks.append(.paragraph(DOCX.Paragraph("\(signature.isEmpty ? "（尚未填写落款单位）" : signature)\n\(snapshot.asOf.chinese)",
                                                alignment: .right, firstLineIndent: false)))
        return DOCX.Document(blocks: blocks, title: title(snapshot), author: signature.isEmpty ? nil : signature)
    }

    // MARK: computed sentences

    /// "…总投资2412.50万元，其中，中央财政资金1910.00万元，企业自筹资金502.50万元。"
    public static func investmentSentence(_ ind: ProgrammeIndicators, programmeName: String) -> String {
        let info = ind.plan.info
        var parts = ["中央财政资金\(ind.funds.contracted.wanYuanText)万元"]
        if info.localMatchingFunds.fen != 0 { parts.append("地方配套资金\(info.localMatchingFunds.wanYuanText)万元") }
        parts.append("企业自筹资金\(info.enterpriseFunds.wanYuanText)万元")
        return "\(programmeName)总投资\(ind.totalInvestment.wanYuanText)万元，其中，\(parts.joined(separator: "，"))。"
    }

    /// "…中央财政资金下达2000.00万元，企业中标金额1910.00万元，目前已拨付资金955.00万元，总体资金拨付率50.00%。"
    public static func disbursementSentence(_ ind: ProgrammeIndicators, programmeName: String) -> String {
        let f = ind.funds
        var text = "\(programmeName)中央财政资金下达\(f.allocated.wanYuanText)万元，企业中标金额\(f.contracted.wanYuanText)万元，目前已拨付资金\(f.totalDisbursed.wanYuanText)万元，总体资金拨付率\(f.totalRate?.percentText ?? "—")。"
        if f.totalPending.fen > 0 { text += "另有待审批拨付\(f.totalPending.wanYuanText)万元。" }
        return text
    }

    public static func progressSentence(_ ind: ProgrammeIndicators) -> String {
        let targets = ind.completion.targets
        let reported = targets.filter { $0.rate != nil }.count
        let met = targets.filter(\.isMet).count
        return "截至\(ind.snapshot.asOf.chinese)，项目共设\(ind.completion.subsystems.count)个建设体系、\(ind.completion.tasks.count)项建设任务、\(targets.count)项量化指标，其中\(reported)项已有核实数据，\(met)项已完成，项目总体完成率\(Percent.text(ind.completion.overall))（各指标完成率超过100%的按100%计，未有核实数据的按0计）。"
    }

    // MARK: tables

    /// The fund table: contractor cell vertically merged over its rows, bold 合计 row.
    public static func fundTable(_ f: FundTable) -> DOCX.Table {
        var rows: [[DOCX.Cell]] = []
        var merges: [GridRange] = []
        for group in f.groups {
            for i in group.rows {
                let r = f.rows[i]
                rows.append([DOCX.Cell(i == group.rows.lowerBound ? r.contractor : ""), DOCX.Cell(r.content, alignment: .left),
                             DOCX.Cell(r.planned.wanYuanText), DOCX.Cell(r.disbursed.wanYuanText), DOCX.Cell(rateCell(r.rate))])
            }
            if group.rows.count > 1 { merges.append(.column(0, rows: group.rows)) }
        }
        rows.append([DOCX.Cell("合计", bold: true), DOCX.Cell("", bold: true), DOCX.Cell(f.totalPlanned.wanYuanText, bold: true),
                     DOCX.Cell(f.totalDisbursed.wanYuanText, bold: true), DOCX.Cell(rateCell(f.totalRate), bold: true)])
        merges.append(.row(rows.count - 1, columns: 0...1))
        let columns = [DOCX.Column(fundTableHeader[0], weight: 30), DOCX.Column(fundTableHeader[1], weight: 30, alignment: .left),
                       DOCX.Column(fundTableHeader[2], weight: 14), DOCX.Column(fundTableHeader[3], weight: 14), DOCX.Column(fundTableHeader[4], weight: 12)]
        return DOCX.Table(columns: columns, rows: rows, merges: merges, boldRows: [rows.count - 1])
    }

    /// "50.00" for the 拨付率(%) column; "—" for a zero plan.
    static func rateCell(_ rate: Rate?) -> String {
        rate.map { Percent.plainText($0.displayFraction) } ?? "—"
    }

    public static func table(_ t: CompletionTable) -> DOCX.Table {
        let rows: [[DOCX.Cell]] = t.rows.enumerated().map { i, r in
            let first = t.taskGroups.first { $0.contains(i) }.map { $0.lowerBound == i } ?? true
            return [DOCX.Cell(String(r.number)), DOCX.Cell(first ? r.project : "", alignment: .left), DOCX.Cell(r.target, alignment: .left),
                    DOCX.Cell(r.achieved, alignment: .left), DOCX.Cell(r.rateText)]
        }
        let columns = [DOCX.Column("序号", weight: 7), DOCX.Column("项目", weight: 26, alignment: .left), DOCX.Column("目标", weight: 30, alignment: .left),
                       DOCX.Column("完成情况", weight: 22, alignment: .left), DOCX.Column("完成率(%)", weight: 12)]
        return DOCX.Table(columns: columns, rows: rows, merges: t.taskGroups.map { .column(1, rows: $0) })
    }

    // MARK: narratives

    /// Paragraphs of a narrative; a short line opening with （一）/(一) and without 。 becomes a level-2
    /// heading. Missing or blank text gives the placeholder paragraph.
    static func narrative(_ text: String?) -> [DOCX.Block] {
        let lines = (text ?? "").replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !lines.isEmpty else { return [.text(placeholder)] }
        return lines.map { line in
            if let heading = subheading(line) { return .heading(heading, level: 2) }
            return .text(line)
        }
    }

    static func subheading(_ line: String) -> String? {
        guard line.count <= 40, !line.contains("。") else { return nil }
        let normalized = line.replacingOccurrences(of: "(", with: "（").replacingOccurrences(of: ")", with: "）")
        guard normalized.hasPrefix("（"), let close = normalized.firstIndex(of: "）") else { return nil }
        let inner = normalized[normalized.index(after: normalized.startIndex)..<close]
        guard !inner.isEmpty, inner.allSatisfy({ "一二三四五六七八九十".contains($0) }) else { return nil }
        return normalized
    }
}

/// 一, 二 … 九十九
enum ChineseNumber {
    static func of(_ n: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        guard n > 0 && n < 100 else { return String(n) }
        if n < 10 { return digits[n] }
        let tens = n / 10, ones = n % 10
        return (tens == 1 ? "" : digits[tens]) + "十" + (ones == 0 ? "" : digits[ones])
    }
}
