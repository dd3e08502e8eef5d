import Documents
import Foundation
import XiangcunKit

extension PlanWorkbook {
    /// The downloadable template: a 说明 sheet explaining every column, then one sheet per
    /// `PlanSheet` with its header row and one example row (the example rows parse as a valid plan;
    /// replace them with the county's own data).
    public static func template() -> XLSX.Workbook {
        var sheets: [XLSX.Sheet] = [instructionsSheet()]
        for sheet in PlanSheet.allCases {
            let rows: [[XLSX.Cell]]
            switch sheet {
            case .programme:
                let examples: [ProgrammeKey: XLSX.Cell] = [
                    .countyCode: "331123", .batchYear: 2020, .title: "遂昌县电子商务进农村综合示范项目",
                    .approvalDate: .date(year: 2021, month: 4, day: 4), .centralFundsAllocated: .decimal("2000"),
                    .localMatchingFunds: .decimal("0"), .enterpriseFunds: .decimal("502.5"), .status: "实施中",
                    .leadershipGroup: "县长任组长，分管副县长任副组长，相关职能部门为成员单位", .office: "设在县经济商务局",
                    .supervision: "与第三方全过程造价监理机构签订协议",
                ]
                rows = ProgrammeKey.allCases.map { [.text($0.rawValue), examples[$0] ?? .empty, .text($0.note)] }
            case .subsystems:
                rows = [["1", "构建县乡村三级物流体系", 1]]
            case .tasks:
                rows = [["1.1", "1", "建设县级快递统仓共配中心", "建设1个面积不少于2000平方米的物流统仓共配中心",
                         .date(year: 2021, month: 6, day: 30), .date(year: 2022, month: 12, day: 31), "",
                         "县邮政公司、县经济商务局", "示例快递物流有限公司"]]
            case .targets:
                rows = [["1.1", "1.1.a", "统仓共配中心面积", "m²", "≥", .decimal("2000"), ""]]
            case .contractors:
                rows = [["示例快递物流有限公司", "", "公开招标", .date(year: 2021, month: 1, day: 20), ""]]
            case .fundPlan:
                rows = [["示例快递物流有限公司", "构建县乡村三级物流体系", "1", .decimal("300"), "三级物流体系"]]
            case .disbursements:
                rows = [["示例快递物流有限公司", "构建县乡村三级物流体系", .date(year: 2021, month: 3, day: 31), .decimal("150"),
                         "首期50%", "合同约定首期拨付", "已拨付"]]
            case .progress:
                rows = [["1.1.a", .date(year: 2021, month: 12, day: 2), .decimal("2000"), "已建成县级处理中心", "已核实", ""]]
            case .narratives:
                rows = [[.text(NarrativeKey.coordination), "成立了以县长为组长的工作领导小组……"]]
            }
            sheets.append(XLSX.Sheet(name: sheet.name, header: sheet.columns.map(\.header), rows: rows))
        }
        return XLSX.Workbook(sheets: sheets, title: "电子商务进农村综合示范项目实施方案导入模板", author: "乡村 Xiangcun")
    }

    /// The template as .xlsx bytes.
    public static func templateData() throws -> Data {
        try XLSX.write(template())
    }

    static func instructionsSheet() -> XLSX.Sheet {
        var rows: [[XLSX.Cell]] = []
        rows.append(["（总则）", "", "", "方案、体系、任务三张表必需，其余可省略。每张表第一行为表头（列顺序可调整），其下每行一条；示例行请替换为本县数据。任何错误都会列出工作表、行号和列号，有错误时不导入任何内容。"])
        for key in ProgrammeKey.allCases {
            rows.append([.text(PlanSheet.programme.name), .text(key.rawValue), key.isRequired ? "是" : "否", .text(key.note)])
        }
        for sheet in PlanSheet.allCases where sheet != .programme {
            for column in sheet.columns {
                rows.append([.text(sheet.name), .text(column.header), column.required ? "是" : "否", .text(column.note)])
            }
        }
        let allowed = SpendingCategory.allCases.filter { !$0.isNegativeList }.map(\.chineseName).joined(separator: "、")
        let negative = SpendingCategory.allCases.filter(\.isNegativeList).map(\.chineseName).joined(separator: "、")
        rows.append(["（取值）", "支出类别", "", .text("可用：\(allowed)。负面清单（中央财政资金不得支出，导入时拒绝）：\(negative)")])
        rows.append(["（取值）", "比较", "", "≥ / >= / 不少于 / 不低于；≤ / <= / 不超过；= / 等于"])
        rows.append(["（取值）", "方案·状态", "", .text(ProgrammeStatus.allCases.map(\.chineseName).joined(separator: "、"))])
        rows.append(["（取值）", "拨付·状态", "", .text(DisbursementStatus.allCases.map(\.chineseName).joined(separator: "、") + "；只有“已拨付”计入实际拨付")])
        rows.append(["（取值）", "进度·状态", "", .text(ProgressStatus.allCases.map(\.chineseName).joined(separator: "、") + "；只有“已核实”计入完成率")])
        let keys = NarrativeKey.fixed.map { "\($0)（\(NarrativeAliases.titles[$0] ?? "")）" }.joined(separator: "、")
        rows.append(["（取值）", "报告文字·键", "", .text("\(keys)、progress.<体系编号>（该体系的实施进展）")])
        rows.append(["（格式）", "金额", "", "万元，可带千分位（1,910），最多 6 位小数；Excel 数字或文字均可"])
        rows.append(["（格式）", "日期", "", "Excel 日期，或文字 2021-06-30、2021/6/30、2021年6月30日"])
        rows.append(["（格式）", "统一社会信用代码", "", "18 位；格式不符为错误，校验位不符仅警告（部分早期代码不符合校验规则）"])
        rows.append(["（格式）", "CSV", "", "也可每张表存为一个 CSV 文件（文件名为表名，如 任务.csv），UTF-8（带 BOM）或 GB18030 编码"])
        return XLSX.Sheet(name: "说明", title: "实施方案导入模板说明", header: ["工作表", "列 / 项目", "必填", "格式与说明"], rows: rows,
                          columnWidths: [3: 80])
    }
}
