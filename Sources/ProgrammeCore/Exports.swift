import Documents
import Foundation
import XiangcunKit

/// The ledgers the county exports (.xlsx and CSV).
public enum ProgrammeExport: String, Sendable, CaseIterable, Codable {
    /// 资金台账: the 中央财政资金拨付情况表 with merged contractor cells and the total row.
    case fundLedger
    /// 拨付明细
    case disbursements
    /// 任务目标台账: subsystem, task, deadlines, responsible units, target, actual, rate, status.
    case targetLedger
    /// 进度记录
    case progressLog
    /// 项目建设完成情况表
    case completion

    public var sheetName: String {
        switch self {
        case .fundLedger: return "资金台账"
        case .disbursements: return "拨付明细"
        case .targetLedger: return "任务目标台账"
        case .progressLog: return "进度记录"
        case .completion: return "项目建设完成情况"
        }
    }

    public var title: String {
        switch self {
        case .fundLedger: return "中央财政资金拨付情况表"
        case .disbursements: return "中央财政资金拨付明细"
        case .targetLedger: return "建设任务及目标台账"
        case .progressLog: return "项目进度记录"
        case .completion: return "项目建设完成情况表"
        }
    }

    /// A file name without extension, e.g. "遂昌县-资金台账".
    public func fileName(countyName: String) -> String { "\(countyName)-\(sheetName)" }
}

public enum ProgrammeExports {
    public static func sheet(_ kind: ProgrammeExport, _ ind: ProgrammeIndicators) -> XLSX.Sheet {
        switch kind {
        case .fundLedger: return fundLedger(ind.funds)
        case .disbursements: return disbursements(ind)
        case .targetLedger: return targetLedger(ind)
        case .progressLog: return progressLog(ind)
        case .completion: return completionSheet(CompletionTable(completion: ind.completion))
        }
    }

    public static func workbook(_ ind: ProgrammeIndicators, kinds: [ProgrammeExport] = ProgrammeExport.allCases) -> XLSX.Workbook {
        XLSX.Workbook(sheets: kinds.map { sheet($0, ind) }, title: "\(ind.snapshot.countyName)\(kinds.count == 1 ? kinds[0].title : "电子商务进农村综合示范项目台账")",
                      author: ind.snapshot.allNarratives[NarrativeKey.signature])
    }

    public static func xlsx(_ kind: ProgrammeExport, _ ind: ProgrammeIndicators) throws -> Data {
        try XLSX.write(workbook(ind, kinds: [kind]))
    }

    /// Convenience: from a snapshot.
    public static func xlsx(_ kind: ProgrammeExport, snapshot: ProgrammeSnapshot, sources: [String: Decimal] = [:]) throws -> Data {
        try xlsx(kind, ProgrammeIndicators(snapshot: snapshot, sources: sources))
    }

    /// CSV text rows: header, body (vertically merged cells repeated on every row), total row.
    public static func csvRows(_ kind: ProgrammeExport, _ ind: ProgrammeIndicators) -> [[String]] {
        csvRows(sheet(kind, ind))
    }

    /// UTF-8 with BOM (opens correctly in Chinese Excel).
    public static func csv(_ kind: ProgrammeExport, _ ind: ProgrammeIndicators) throws -> Data {
        try CSV.write(csvRows(kind, ind))
    }

    public static func csv(_ kind: ProgrammeExport, snapshot: ProgrammeSnapshot, sources: [String: Decimal] = [:]) throws -> Data {
        try csv(kind, ProgrammeIndicators(snapshot: snapshot, sources: sources))
    }

    // MARK: sheets

    static func money(_ m: Money) -> XLSX.Cell { .decimal(m.wanYuan, places: 2) }
    static func percent(_ rate: Rate?) -> XLSX.Cell { rate.map { .percent($0.displayFraction, places: 2) } ?? "—" }
    static func percent(_ fraction: Decimal?) -> XLSX.Cell { fraction.map { .percent(Percent.rounded($0), places: 2) } ?? "—" }
    static func date(_ day: Day?) -> XLSX.Cell { day.map { .date($0) } ?? .empty }
    static func number(_ d: Decimal?) -> XLSX.Cell {
        guard let d else { return .empty }
        let text = Percent.plain(d)
        let places = text.split(separator: ".").dropFirst().first?.count ?? 0
        return places == 0 && d.magnitude < 1_000_000_000 ? .integer(Int(truncating: NSDecimalNumber(decimal: d))) : .decimal(d, places: places)
    }

    public static func fundLedger(_ f: FundTable) -> XLSX.Sheet {
        var rows: [[XLSX.Cell]] = []
        var merges: [GridRange] = []
        for group in f.groups {
            for i in group.rows {
                let r = f.rows[i]
                rows.append([.text(i == group.rows.lowerBound ? r.contractor : ""), .text(r.content), money(r.planned), money(r.disbursed), percent(r.rate)])
            }
            if group.rows.count > 1 { merges.append(.column(0, rows: group.rows)) }
        }
        merges.append(.row(rows.count, columns: 0...1))
        return XLSX.Sheet(name: ProgrammeExport.fundLedger.sheetName, title: ProgrammeExport.fundLedger.title,
                          header: ["承办企业名单", "主要建设内容", "计划拨付资金(万元)", "实际拨付资金(万元)", "拨付率"], rows: rows,
                          totalRow: ["合计", "", money(f.totalPlanned), money(f.totalDisbursed), percent(f.totalRate)], merges: merges)
    }

    static func disbursements(_ ind: ProgrammeIndicators) -> XLSX.Sheet {
        let list = ind.plan.disbursements.sorted { ($0.date, $0.contractor, $0.content) < ($1.date, $1.contractor, $1.content) }
        let rows: [[XLSX.Cell]] = list.map {
            [.text($0.contractor), .text($0.content), date($0.date), money($0.amount), .text($0.tranche), .text($0.basis), .text($0.status.chineseName)]
        }
        return XLSX.Sheet(name: ProgrammeExport.disbursements.sheetName, title: ProgrammeExport.disbursements.title,
                          header: ["承办企业", "主要建设内容", "日期", "金额(万元)", "批次", "依据", "状态"], rows: rows,
                          totalRow: ["合计（已拨付）", "", .empty, money(ind.funds.totalDisbursed), "", "", ""])
    }

    static func targetLedger(_ ind: ProgrammeIndicators) -> XLSX.Sheet {
        var rows: [[XLSX.Cell]] = []
        for sub in ind.completion.subsystems {
            for task in sub.tasks {
                let deadline = ind.deadline(of: task.task.code)
                let taskCells: [XLSX.Cell] = [.text(sub.subsystem.name), .text(task.task.code), .text(task.task.name),
                                              date(task.task.hardwareDeadline), date(task.task.operationDeadline), .text(task.task.deadlineNote),
                                              .text(task.task.responsibleUnits.joined(separator: "、")), .text(task.task.contractors.joined(separator: "、"))]
                let status: XLSX.Cell = .text(deadline?.status.chineseName ?? "")
                if task.targets.isEmpty {
                    rows.append(taskCells + [.empty, .empty, .empty, .empty, .empty, .empty, "—", status])
                }
                for t in task.targets {
                    rows.append(taskCells + [.text(t.target.code), .text(t.target.metric), .text(t.target.comparator.symbol), number(t.target.value),
                                             .text(t.target.unit), number(t.actual), percent(t.rate), status])
                }
            }
        }
        return XLSX.Sheet(name: ProgrammeExport.targetLedger.sheetName, title: ProgrammeExport.targetLedger.title,
                          header: ["体系", "任务编号", "任务名称", "硬件完成时限", "运营时限", "时限说明", "责任单位", "承办企业",
                                   "目标编号", "指标", "比较", "目标值", "单位", "实际值", "完成率", "时限状态"],
                          rows: rows, columnWidths: [5: 30, 6: 40], landscape: true)
    }

    static func progressLog(_ ind: ProgrammeIndicators) -> XLSX.Sheet {
        let targets = Dictionary(ind.plan.targets.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let tasks = Dictionary(ind.plan.tasks.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let entries = ind.snapshot.allProgress.enumerated().sorted { ($0.element.asOf, $0.offset) < ($1.element.asOf, $1.offset) }.map(\.element)
        let rows: [[XLSX.Cell]] = entries.map { e in
            let target = targets[e.targetCode]
            let task = target.flatMap { tasks[$0.taskCode] }
            return [date(e.asOf), .text(e.targetCode), .text(task?.name ?? ""), .text(target?.metric ?? ""), number(e.actual),
                    .text(target?.unit ?? ""), .text(e.narrative), .text(e.status.chineseName), .text(e.reviewComment)]
        }
        return XLSX.Sheet(name: ProgrammeExport.progressLog.sheetName, title: ProgrammeExport.progressLog.title,
                          header: ["截至日期", "目标编号", "任务", "指标", "实际值", "单位", "说明", "状态", "审核意见"], rows: rows,
                          columnWidths: [6: 50], landscape: true)
    }

    public static func completionSheet(_ t: CompletionTable) -> XLSX.Sheet {
        let rows: [[XLSX.Cell]] = t.rows.enumerated().map { i, r in
            let first = t.taskGroups.first { $0.contains(i) }.map { $0.lowerBound == i } ?? true
            return [.integer(r.number), .text(first ? r.project : ""), .text(r.target), .text(r.achieved), percent(r.rate)]
        }
        return XLSX.Sheet(name: ProgrammeExport.completion.sheetName, title: ProgrammeExport.completion.title,
                          header: ["序号", "项目", "目标", "完成情况", "完成率"], rows: rows, merges: t.taskGroups.map { .column(1, rows: $0) })
    }

    // MARK: CSV

    /// Text of a sheet for CSV: header, body, total row; vertical merges repeated on every row.
    public static func csvRows(_ sheet: XLSX.Sheet) -> [[String]] {
        var body = sheet.rows.map { $0.map(text) }
        for merge in sheet.merges where merge.columns.count == 1 && merge.rows.upperBound < body.count {
            let column = merge.columns.lowerBound
            let value = body[merge.rows.lowerBound][safe: column] ?? ""
            for r in merge.rows where column < body[r].count { body[r][column] = value }
        }
        var out = [sheet.header] + body
        if let total = sheet.totalRow { out.append(total.map(text)) }
        return out
    }

    static func text(_ cell: XLSX.Cell) -> String {
        switch cell {
        case .empty: return ""
        case .text(let t): return t
        case .integer(let i): return String(i)
        case .decimal(let d, let places): return Percent.number(d, places: places)
        case .percent(let f, let places): return Percent.number(f * 100, places: places) + "%"
        case .date(let d): return d.description
        case .bool(let b): return b ? "是" : "否"
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
