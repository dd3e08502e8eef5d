import Documents
import Foundation
import XiangcunKit

/// One data row of a sheet with its header mapping.
struct SheetRow {
    let sheet: String
    let row: GridRow
    /// Header → 1-based column.
    let columns: [String: Int]

    func column(_ header: String) -> Int? { columns[header] }
    func letter(_ header: String) -> String { columns[header].map { XLSX.columnName($0) } ?? "" }
    func value(_ header: String) -> CellValue? { columns[header].flatMap { row.cells[$0] } }
    func text(_ header: String) -> String { value(header)?.text ?? "" }
}

struct PlanParser {
    enum Format { case xlsx, csv }

    let grids: [Grid]
    let format: Format
    var errors: [SheetError] = []
    var warnings: [SheetError] = []
    /// Payments and progress are facts: none may be dated after this day (Beijing time).
    let today: Day

    init(grids: [Grid], format: Format, today: Day = .today()) {
        self.grids = grids
        self.format = format
        self.today = today
    }

    mutating func error(_ sheet: String, _ row: Int, _ column: String, _ message: String) {
        errors.append(SheetError(sheet: sheet, row: row, column: column, message: message))
    }

    mutating func warn(_ sheet: String, _ row: Int, _ column: String, _ message: String) {
        warnings.append(SheetError(sheet: sheet, row: row, column: column, message: message))
    }

    func grid(_ sheet: PlanSheet) -> Grid? {
        grids.first { HeaderText.normalize($0.name) == HeaderText.normalize(sheet.name) }
    }

    // MARK: run

    mutating func run() -> PlanParseResult {
        let known = Set(PlanSheet.allCases.map { HeaderText.normalize($0.name) } + [HeaderText.normalize("说明")])
        for grid in grids where !known.contains(HeaderText.normalize(grid.name)) {
            warn(grid.name, 0, "", "未知工作表，已忽略")
        }
        for sheet in PlanSheet.allCases where sheet.isRequired && grid(sheet) == nil {
            error(sheet.name, 0, "", "缺少必需的工作表“\(sheet.name)”")
        }
        let info = parseProgramme()
        let subsystems = parseSubsystems()
        let contractors = parseContractors()
        let tasks = parseTasks(subsystems: Set(subsystems.map(\.code)), contractors: Set(contractors.map(\.name)))
        let targets = parseTargets(tasks: Set(tasks.map(\.code)))
        let fundRows = parseFundPlan(subsystems: Set(subsystems.map(\.code)), contractors: Set(contractors.map(\.name)))
        let disbursements = parseDisbursements(fundRows: fundRows)
        let progress = parseProgress(targets: Set(targets.map(\.code)))
        let narratives = parseNarratives(subsystems: Set(subsystems.map(\.code)))

        if let info {
            let contracted = fundRows.reduce(Money.zero) { $0 + $1.row.planned }
            if info.centralFundsAllocated.fen > 0 && contracted > info.centralFundsAllocated {
                warn(PlanSheet.fundPlan.name, 0, "", "计划拨付合计\(contracted.wanYuanText)万元超过中央财政资金下达\(info.centralFundsAllocated.wanYuanText)万元")
            }
        }
        guard errors.isEmpty, let info else {
            return PlanParseResult(plan: nil, errors: errors, warnings: warnings)
        }
        let plan = ProgrammePlan(info: info, subsystems: subsystems, tasks: tasks, targets: targets, contractors: contractors,
                                 fundRows: fundRows.map(\.row), disbursements: disbursements, progress: progress, narratives: narratives)
        return PlanParseResult(plan: plan, errors: [], warnings: warnings)
    }

    // MARK: table sheets

    /// The data rows of a table sheet below its header row, or nil when the sheet is absent.
    mutating func rows(of sheet: PlanSheet) -> [SheetRow]? {
        guard let grid = grid(sheet) else { return nil }
        let headers = sheet.columns.map(\.header)
        let content = grid.rows.filter { !$0.isBlank }
        guard let headerIndex = content.prefix(10).firstIndex(where: { row in
            row.cells.values.contains { cell in headers.contains { HeaderText.matches(cell.text, $0) } }
        }) else {
            if !content.isEmpty {
                error(sheet.name, content[0].number, "", "找不到表头行（应包含：\(headers.joined(separator: "、"))）")
            }
            return []
        }
        let headerRow = content[headerIndex]
        var columns: [String: Int] = [:]
        for (column, cell) in headerRow.cells.sorted(by: { $0.key < $1.key }) {
            let text = cell.text
            guard !text.isEmpty else { continue }
            if let header = headers.first(where: { HeaderText.matches(text, $0) }) {
                if columns[header] != nil {
                    error(sheet.name, headerRow.number, XLSX.columnName(column), "表头“\(header)”重复")
                } else {
                    columns[header] = column
                }
            } else {
                warn(sheet.name, headerRow.number, XLSX.columnName(column), "未知列“\(text)”，已忽略")
            }
        }
        for column in sheet.columns where column.required && columns[column.header] == nil {
            error(sheet.name, headerRow.number, "", "缺少必需的列“\(column.header)”")
        }
        return content[(headerIndex + 1)...].map { SheetRow(sheet: sheet.name, row: $0, columns: columns) }
    }

    /// A required text cell; records an error when empty.
    mutating func required(_ r: SheetRow, _ header: String) -> String? {
        guard r.column(header) != nil else { return nil } // missing column already reported
        let text = r.text(header)
        if text.isEmpty {
            error(r.sheet, r.row.number, r.letter(header), "“\(header)”不能为空")
            return nil
        }
        return text
    }

    // MARK: 方案

    mutating func parseProgramme() -> ProgrammeInfo? {
        let sheet = PlanSheet.programme.name
        guard let grid = grid(.programme) else { return nil }
        var values: [ProgrammeKey: (value: CellValue?, row: Int)] = [:]
        for row in grid.rows where !row.isBlank {
            let key = row.cells[1]?.text ?? ""
            guard !key.isEmpty else { continue }
            if HeaderText.matches(key, "项目") || HeaderText.matches(key, "键") { continue }
            guard let k = ProgrammeKey.allCases.first(where: { HeaderText.matches(key, $0.rawValue) }) else {
                warn(sheet, row.number, "A", "未知项目“\(key)”，已忽略")
                continue
            }
            if values[k] != nil {
                error(sheet, row.number, "A", "项目“\(k.rawValue)”重复")
                continue
            }
            values[k] = (row.cells[2], row.number)
        }
        var ok = true
        func text(_ k: ProgrammeKey) -> String { values[k]?.value?.text ?? "" }
        for k in ProgrammeKey.allCases where k.isRequired && text(k).isEmpty {
            error(sheet, values[k]?.row ?? 0, values[k] == nil ? "" : "B", "缺少“\(k.rawValue)”")
            ok = false
        }
        var countyCode = ""
        if !text(.countyCode).isEmpty, let row = values[.countyCode]?.row {
            do {
                let code = try DivisionCode(text(.countyCode))
                if code.level != .county {
                    error(sheet, row, "B", "县代码“\(text(.countyCode))”不是县级区划代码")
                    ok = false
                } else {
                    countyCode = code.value
                }
            } catch {
                self.error(sheet, row, "B", "县代码“\(text(.countyCode))”无效：应为 6 位或 12 位统计用区划代码")
                ok = false
            }
        }
        var batchYear = 0
        if !text(.batchYear).isEmpty, let row = values[.batchYear]?.row {
            if let year = CellParse.integer(values[.batchYear]?.value), (2014...2100).contains(year) {
                batchYear = year
            } else {
                error(sheet, row, "B", "批次年度“\(text(.batchYear))”应为年份，如 2020")
                ok = false
            }
        }
        var approval: Day?
        if let entry = values[.approvalDate], let value = entry.value, !value.text.isEmpty {
            switch CellParse.day(value) {
            case .success(let d): approval = d
            case .failure(let m): error(sheet, entry.row, "B", "批复日期：\(m.message)"); ok = false
            }
        }
        func money(_ k: ProgrammeKey) -> Money {
            guard let entry = values[k], let value = entry.value, !value.text.isEmpty else { return .zero }
            switch CellParse.money(value) {
            case .success(let m):
                if m.fen < 0 { error(sheet, entry.row, "B", "\(k.rawValue)不能为负"); ok = false }
                return m
            case .failure(let m):
                error(sheet, entry.row, "B", "\(k.rawValue)：\(m.message)")
                ok = false
                return .zero
            }
        }
        let allocated = money(.centralFundsAllocated), local = money(.localMatchingFunds), enterprise = money(.enterpriseFunds)
        var status = ProgrammeStatus.implementing
        if let entry = values[.status], !text(.status).isEmpty {
            if let s = ProgrammeStatus.parse(text(.status)) { status = s } else {
                error(sheet, entry.row, "B", "状态“\(text(.status))”无效，可用：筹备中、实施中、绩效评价中、已完成")
                ok = false
            }
        }
        guard ok else { return nil }
        return ProgrammeInfo(countyCode: countyCode, batchYear: batchYear, title: text(.title), approvalDate: approval,
                             centralFundsAllocated: allocated, localMatchingFunds: local, enterpriseFunds: enterprise, status: status,
                             leadershipGroup: text(.leadershipGroup), office: text(.office), supervision: text(.supervision))
    }

    // MARK: 体系

    mutating func parseSubsystems() -> [SubsystemPlan] {
        guard let rows = rows(of: .subsystems) else { return [] }
        var out: [SubsystemPlan] = []
        var seen: [String: Int] = [:]
        for (index, r) in rows.enumerated() {
            let code = required(r, "编号"), name = required(r, "名称")
            var order = index + 1
            if let value = r.value("顺序"), !value.text.isEmpty {
                if let n = CellParse.integer(value) { order = n } else {
                    error(r.sheet, r.row.number, r.letter("顺序"), "顺序“\(value.text)”应为整数")
                }
            }
            guard let code, let name else { continue }
            if let first = seen[code] {
                error(r.sheet, r.row.number, r.letter("编号"), "体系编号“\(code)”重复（第\(first)行已有）")
                continue
            }
            seen[code] = r.row.number
            out.append(SubsystemPlan(code: code, name: name, order: order))
        }
        return out
    }

    // MARK: 承办企业

    mutating func parseContractors() -> [ContractorPlan] {
        guard let rows = rows(of: .contractors) else { return [] }
        var out: [ContractorPlan] = []
        var seen: [String: Int] = [:]
        var codes: [String: Int] = [:]
        for r in rows {
            guard let name = required(r, "名称") else { continue }
            if let first = seen[name] {
                error(r.sheet, r.row.number, r.letter("名称"), "承办企业“\(name)”重复（第\(first)行已有）")
                continue
            }
            seen[name] = r.row.number
            let code = r.text("统一社会信用代码").uppercased()
            if !code.isEmpty {
                if !Identifiers.hasCreditCodeShape(code) {
                    error(r.sheet, r.row.number, r.letter("统一社会信用代码"), "统一社会信用代码“\(code)”格式不正确：应为 18 位数字或大写字母（不含 I、O、Z、S、V）")
                } else if !Identifiers.isValidCreditCode(code) {
                    warn(r.sheet, r.row.number, r.letter("统一社会信用代码"), "统一社会信用代码“\(code)”校验位不符（GB 32100），请核对；已按原样导入")
                }
                if let first = codes[code] {
                    error(r.sheet, r.row.number, r.letter("统一社会信用代码"), "统一社会信用代码“\(code)”重复（第\(first)行已有）")
                }
                codes[code] = r.row.number
            }
            let date = optionalDay(r, "协议日期")
            out.append(ContractorPlan(name: name, creditCode: code, selection: r.text("确定方式"), agreementDate: date, consortium: r.text("联合体")))
        }
        return out
    }

    /// A day a fact happened: like `optionalDay`, and not after today (the rule of every form).
    mutating func factDay(_ r: SheetRow, _ header: String) -> Day? {
        guard let day = optionalDay(r, header) else { return nil }
        guard day <= today else {
            error(r.sheet, r.row.number, r.letter(header), "\(header)：\(day.iso) 不能晚于今天")
            return nil
        }
        return day
    }

    mutating func optionalDay(_ r: SheetRow, _ header: String) -> Day? {
        guard let value = r.value(header), !value.text.isEmpty else { return nil }
        switch CellParse.day(value) {
        case .success(let d): return d
        case .failure(let m):
            error(r.sheet, r.row.number, r.letter(header), "\(header)：\(m.message)")
            return nil
        }
    }

    // MARK: 任务

    mutating func parseTasks(subsystems: Set<String>, contractors: Set<String>) -> [TaskPlan] {
        guard let rows = rows(of: .tasks) else { return [] }
        var out: [TaskPlan] = []
        var seen: [String: Int] = [:]
        for r in rows {
            let code = required(r, "编号"), subsystem = required(r, "体系编号"), name = required(r, "任务名称")
            let hardware = optionalDay(r, "硬件完成时限"), operation = optionalDay(r, "运营时限")
            let units = CellParse.list(r.text("责任单位"))
            let assigned = CellParse.list(r.text("承办企业"))
            if let subsystem, grid(.subsystems) != nil, !subsystems.contains(subsystem) {
                error(r.sheet, r.row.number, r.letter("体系编号"), "体系编号“\(subsystem)”在“体系”表中不存在")
            }
            for name in assigned where !contractors.contains(name) {
                error(r.sheet, r.row.number, r.letter("承办企业"), "承办企业“\(name)”在“承办企业”表中不存在")
            }
            guard let code, let subsystem, let name else { continue }
            if let first = seen[code] {
                error(r.sheet, r.row.number, r.letter("编号"), "任务编号“\(code)”重复（第\(first)行已有）")
                continue
            }
            seen[code] = r.row.number
            out.append(TaskPlan(code: code, subsystemCode: subsystem, name: name, description: r.text("建设内容"),
                                hardwareDeadline: hardware, operationDeadline: operation, deadlineNote: r.text("时限说明"),
                                responsibleUnits: units, contractors: assigned))
        }
        return out
    }

    // MARK: 目标

    mutating func parseTargets(tasks: Set<String>) -> [TargetPlan] {
        guard let rows = rows(of: .targets) else { return [] }
        var out: [TargetPlan] = []
        var seen: [String: Int] = [:]
        for r in rows {
            let task = required(r, "任务编号"), code = required(r, "目标编号"), metric = required(r, "指标")
            if let task, !tasks.contains(task) {
                error(r.sheet, r.row.number, r.letter("任务编号"), "任务编号“\(task)”在“任务”表中不存在")
            }
            var comparator = Comparator.atLeast
            let word = r.text("比较")
            if !word.isEmpty {
                if let c = Comparator.parse(word) { comparator = c } else {
                    error(r.sheet, r.row.number, r.letter("比较"), "比较“\(word)”无效，可用：≥（不少于）、≤（不超过）、=（等于）")
                }
            }
            var value: Decimal?
            if r.column("目标值") != nil {
                if let cell = r.value("目标值"), !cell.text.isEmpty {
                    switch CellParse.decimal(cell) {
                    case .success(let d):
                        if d < 0 { error(r.sheet, r.row.number, r.letter("目标值"), "目标值不能为负") } else { value = d }
                    case .failure(let m): error(r.sheet, r.row.number, r.letter("目标值"), "目标值：\(m.message)")
                    }
                } else {
                    error(r.sheet, r.row.number, r.letter("目标值"), "“目标值”不能为空")
                }
            }
            guard let task, let code, let metric, let value else { continue }
            if let first = seen[code] {
                error(r.sheet, r.row.number, r.letter("目标编号"), "目标编号“\(code)”重复（第\(first)行已有）")
                continue
            }
            seen[code] = r.row.number
            out.append(TargetPlan(taskCode: task, code: code, metric: metric, unit: r.text("单位"), comparator: comparator,
                                  value: value, source: r.text("数据来源")))
        }
        return out
    }

}
