import Documents
import Foundation
import Testing
@testable import ProgrammeCore

/// Runs `scripts/check_office.py <command> <file>` (openpyxl, python-docx) and returns its JSON.
/// A missing python3 or package is a test FAILURE with instructions, never a skip.
enum Python {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/check_office.py")

    static func dump(_ command: String, data: Data, ext: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any]? {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("programme-test-\(UUID().uuidString).\(ext)")
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, command, url.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            Issue.record("python3 is required for this test (install Python 3, then `pip install openpyxl python-docx`): \(error)", sourceLocation: sourceLocation)
            return nil
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errData, as: UTF8.self)
            switch process.terminationStatus {
            case 3: Issue.record("Python packages missing — run `pip install openpyxl python-docx`: \(message)", sourceLocation: sourceLocation)
            case 127: Issue.record("python3 not found on PATH — install Python 3 and `pip install openpyxl python-docx`", sourceLocation: sourceLocation)
            default: Issue.record("check_office.py \(command) failed (\(process.terminationStatus)): \(message)", sourceLocation: sourceLocation)
            }
            return nil
        }
        let json = try JSONSerialization.jsonObject(with: outData)
        guard let object = json as? [String: Any] else {
            Issue.record("check_office.py \(command) returned no JSON object", sourceLocation: sourceLocation)
            return nil
        }
        return object
    }
}

/// A small valid plan workbook as CSV text per sheet; tests change cells to provoke each error.
struct Fixture {
    var sheets: [String: [[String]]] = [
        "方案": [["项目", "内容"], ["县代码", "331123"], ["批次年度", "2020"], ["项目名称", "测试县电子商务进农村综合示范项目"],
                ["中央财政资金下达(万元)", "2000"], ["企业自筹资金(万元)", "502.5"], ["状态", "实施中"]],
        "体系": [["编号", "名称"], ["1", "物流体系"], ["2", "培训体系"]],
        "任务": [["编号", "体系编号", "任务名称", "硬件完成时限", "运营时限", "责任单位", "承办企业"],
                ["1.1", "1", "共配中心", "2021-06-30", "2022-12-31", "县邮政公司、县经济商务局", "甲公司"],
                ["2.1", "2", "电商培训", "2021年12月31日", "", "县人力社保局，团县委", "乙公司"]],
        "目标": [["任务编号", "目标编号", "指标", "单位", "比较", "目标值"],
                ["1.1", "1.1.a", "面积", "m²", "≥", "2000"],
                ["2.1", "2.1.a", "培训", "人次", "不少于", "1,000"]],
        "承办企业": [["名称", "统一社会信用代码", "确定方式", "协议日期", "联合体"],
                  ["甲公司", "", "公开招标", "2021-01-20", ""],
                  ["乙公司", "", "公开招标", "2021-01-20", ""]],
        "资金计划": [["承办企业", "主要建设内容", "体系编号", "计划拨付资金(万元)", "支出类别"],
                  ["甲公司", "物流体系建设", "1", "300", "物流"],
                  ["乙公司", "培训体系建设", "2", "1,610", "培训体系"]],
        "拨付": [["承办企业", "主要建设内容", "日期", "金额(万元)", "批次", "依据", "状态"],
                ["甲公司", "物流体系建设", "2021-03-31", "150", "首期50%", "合同约定", "已拨付"]],
        "进度": [["目标编号", "截至日期", "实际值", "说明", "状态"],
                ["1.1.a", "2021-12-02", "2000", "已建成", "已核实"]],
    ]

    subscript(sheet: String, row: Int, column: Int) -> String {
        get { sheets[sheet]?[row - 1][column - 1] ?? "" }
        set {
            // A change to a sheet the fixture lacks would leave the workbook valid and the test hollow.
            guard var rows = sheets[sheet] else { Issue.record("the fixture has no sheet \(sheet)"); return }
            while rows.count < row { rows.append([]) }
            while rows[row - 1].count < column { rows[row - 1].append("") }
            rows[row - 1][column - 1] = newValue
            sheets[sheet] = rows
        }
    }

    mutating func append(_ sheet: String, _ row: [String]) { sheets[sheet, default: []].append(row) }

    func csv() throws -> [String: Data] { try sheets.mapValues { try CSV.write($0) } }
    func parse() throws -> PlanParseResult { PlanWorkbook.parse(csvSheets: try csv()) }
}

/// Asserts there is exactly an error at (sheet, row, column) whose message contains `text`, and no plan.
func expectError(_ result: PlanParseResult, _ sheet: String, _ row: Int, _ column: String, _ text: String = "",
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(result.plan == nil, "a plan was returned despite errors", sourceLocation: sourceLocation)
    let hit = result.errors.contains { $0.sheet == sheet && $0.row == row && $0.column == column && (text.isEmpty || $0.message.contains(text)) }
    #expect(hit, "expected error at \(sheet) row \(row) column \(column) containing “\(text)”; got \(result.errors.map(\.description))",
            sourceLocation: sourceLocation)
}
