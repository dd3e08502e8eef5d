import Documents
import Foundation
import XiangcunKit

/// The money and reporting sheets of the plan workbook: fund plan, disbursements, progress and
/// report texts (the structure sheets are in PlanParser.swift).
extension PlanParser {
    // MARK: 资金计划

    struct FundRowAt { var row: FundPlanRow; var line: Int }

    mutating func parseFundPlan(subsystems: Set<String>, contractors: Set<String>) -> [FundRowAt] {
        guard let rows = rows(of: .fundPlan) else { return [] }
        var out: [FundRowAt] = []
        var seen: [String: Int] = [:]
        for r in rows {
            let contractor = required(r, "承办企业"), content = required(r, "主要建设内容")
            if let contractor, !contractors.contains(contractor) {
                error(r.sheet, r.row.number, r.letter("承办企业"), "承办企业“\(contractor)”在“承办企业”表中不存在")
            }
            let subsystem = r.text("体系编号")
            if !subsystem.isEmpty, !subsystems.contains(subsystem) {
                error(r.sheet, r.row.number, r.letter("体系编号"), "体系编号“\(subsystem)”在“体系”表中不存在")
            }
            let planned = requiredMoney(r, "计划拨付资金(万元)", positive: false)
            var category = SpendingCategory.other
            let word = r.text("支出类别")
            if !word.isEmpty {
                if let c = SpendingCategory.parse(word) {
                    category = c
                    if let reason = c.negativeListReason {
                        error(r.sheet, r.row.number, r.letter("支出类别"), reason)
                    }
                } else {
                    let allowed = SpendingCategory.allCases.filter { !$0.isNegativeList }.map(\.chineseName).joined(separator: "、")
                    error(r.sheet, r.row.number, r.letter("支出类别"), "支出类别“\(word)”无效，可用：\(allowed)")
                }
            }
            guard let contractor, let content, let planned else { continue }
            let key = contractor + "\u{1F}" + content
            if let first = seen[key] {
                error(r.sheet, r.row.number, r.letter("主要建设内容"), "资金计划“\(contractor) / \(content)”重复（第\(first)行已有）")
                continue
            }
            seen[key] = r.row.number
            out.append(FundRowAt(row: FundPlanRow(contractor: contractor, content: content, subsystemCode: subsystem, planned: planned, category: category),
                                 line: r.row.number))
        }
        return out
    }

    mutating func requiredMoney(_ r: SheetRow, _ header: String, positive: Bool) -> Money? {
        guard r.column(header) != nil else { return nil }
        guard let cell = r.value(header), !cell.text.isEmpty else {
            error(r.sheet, r.row.number, r.letter(header), "“\(header)”不能为空")
            return nil
        }
        switch CellParse.money(cell) {
        case .success(let m):
            if m.fen < 0 || (positive && m.fen == 0) {
                error(r.sheet, r.row.number, r.letter(header), positive ? "金额必须大于 0" : "金额不能为负")
                return nil
            }
            return m
        case .failure(let m):
            error(r.sheet, r.row.number, r.letter(header), m.message)
            return nil
        }
    }

    // MARK: 拨付

    mutating func parseDisbursements(fundRows: [FundRowAt]) -> [DisbursementPlan] {
        guard let rows = rows(of: .disbursements) else { return [] }
        var out: [DisbursementPlan] = []
        var used: [String: Money] = [:]
        for r in rows {
            let contractor = required(r, "承办企业"), content = required(r, "主要建设内容")
            var date: Day?
            if r.column("日期") != nil {
                if r.text("日期").isEmpty { error(r.sheet, r.row.number, r.letter("日期"), "“日期”不能为空") } else { date = factDay(r, "日期") }
            }
            let amount = requiredMoney(r, "金额(万元)", positive: true)
            var status = DisbursementStatus.approved
            let word = r.text("状态")
            if !word.isEmpty {
                if let s = DisbursementStatus.parse(word) { status = s } else {
                    error(r.sheet, r.row.number, r.letter("状态"), "状态“\(word)”无效，可用：已拨付、待审批、已驳回")
                }
            }
            guard let contractor, let content else { continue }
            guard let fund = fundRows.first(where: { $0.row.contractor == contractor && $0.row.content == content }) else {
                error(r.sheet, r.row.number, r.letter("主要建设内容"), "资金计划中没有“\(contractor) / \(content)”这一行")
                continue
            }
            guard let date, let amount else { continue }
            if status != .rejected {
                let key = contractor + "\u{1F}" + content
                let total = used[key, default: .zero] + amount
                used[key] = total
                if total > fund.row.planned {
                    error(r.sheet, r.row.number, r.letter("金额(万元)"),
                          "超计划拨付：资金计划第\(fund.line)行“\(contractor) / \(content)”计划\(fund.row.planned.wanYuanText)万元，累计拨付（未驳回）\(total.wanYuanText)万元")
                }
            }
            out.append(DisbursementPlan(contractor: contractor, content: content, date: date, amount: amount,
                                        tranche: r.text("批次"), basis: r.text("依据"), status: status))
        }
        return out
    }

    // MARK: 进度

    mutating func parseProgress(targets: Set<String>) -> [ProgressEntry] {
        guard let rows = rows(of: .progress) else { return [] }
        var out: [ProgressEntry] = []
        for r in rows {
            let code = required(r, "目标编号")
            if let code, !targets.contains(code) {
                error(r.sheet, r.row.number, r.letter("目标编号"), "目标编号“\(code)”在“目标”表中不存在")
            }
            var date: Day?
            if r.column("截至日期") != nil {
                if r.text("截至日期").isEmpty { error(r.sheet, r.row.number, r.letter("截至日期"), "“截至日期”不能为空") } else { date = factDay(r, "截至日期") }
            }
            var actual: Decimal?
            if r.column("实际值") != nil {
                if let cell = r.value("实际值"), !cell.text.isEmpty {
                    switch CellParse.decimal(cell) {
                    case .success(let d): actual = d
                    case .failure(let m): error(r.sheet, r.row.number, r.letter("实际值"), "实际值：\(m.message)")
                    }
                } else {
                    error(r.sheet, r.row.number, r.letter("实际值"), "“实际值”不能为空")
                }
            }
            var status = ProgressStatus.submitted
            let word = r.text("状态")
            if !word.isEmpty {
                if let s = ProgressStatus.parse(word) { status = s } else {
                    error(r.sheet, r.row.number, r.letter("状态"), "状态“\(word)”无效，可用：待核实、已核实、已退回")
                }
            }
            guard let code, let date, let actual else { continue }
            out.append(ProgressEntry(targetCode: code, asOf: date, actual: actual, narrative: r.text("说明"), status: status,
                                     reviewComment: r.text("审核意见")))
        }
        return out
    }

    // MARK: 报告文字

    mutating func parseNarratives(subsystems: Set<String>) -> [String: String] {
        guard let rows = rows(of: .narratives) else { return [:] }
        var out: [String: String] = [:]
        var seen: [String: Int] = [:]
        for r in rows {
            guard let raw = required(r, "键") else { continue }
            var key: String?
            if NarrativeKey.fixed.contains(raw) {
                key = raw
            } else if let alias = NarrativeAliases.byChinese.first(where: { HeaderText.normalize($0.key) == HeaderText.normalize(raw) }) {
                key = alias.value
            } else if let prefix = NarrativeAliases.progressPrefixes.first(where: { raw.hasPrefix($0) }) {
                let code = String(raw.dropFirst(prefix.count))
                if subsystems.contains(code) {
                    key = NarrativeKey.progress(code)
                } else {
                    error(r.sheet, r.row.number, r.letter("键"), "体系编号“\(code)”在“体系”表中不存在")
                    continue
                }
            }
            guard let key else {
                error(r.sheet, r.row.number, r.letter("键"), "报告文字键“\(raw)”无效，可用：\(NarrativeKey.fixed.joined(separator: "、"))、progress.<体系编号>")
                continue
            }
            if let first = seen[key] {
                error(r.sheet, r.row.number, r.letter("键"), "报告文字键“\(raw)”重复（第\(first)行已有）")
                continue
            }
            seen[key] = r.row.number
            let content = (r.value("内容").map { value -> String in
                if case .text(let t) = value { return t } else { return value.text }
            } ?? "").replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            out[key] = content
        }
        return out
    }
}
