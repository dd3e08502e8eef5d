import Foundation

/// The plan workbook's sheets and columns (实施方案导入模板). Documented in docs/programme-workbook.md.
public enum PlanSheet: String, Sendable, CaseIterable {
    case programme = "方案"
    case subsystems = "体系"
    case tasks = "任务"
    case targets = "目标"
    case contractors = "承办企业"
    case fundPlan = "资金计划"
    case disbursements = "拨付"
    case progress = "进度"
    case narratives = "报告文字"

    /// 方案, 体系, 任务 must be present; the others may be left out.
    public var isRequired: Bool { [.programme, .subsystems, .tasks].contains(self) }
    public var name: String { rawValue }

    public var columns: [PlanColumn] {
        switch self {
        case .programme:
            return [PlanColumn("项目", required: true, note: "键，见下列各项"), PlanColumn("内容", required: false, note: "值"),
                    PlanColumn("说明", required: false, note: "可留空，导入时忽略")]
        case .subsystems:
            return [PlanColumn("编号", required: true, note: "体系编号，方案内唯一，如 1、2"),
                    PlanColumn("名称", required: true, note: "如 构建县乡村三级物流体系"),
                    PlanColumn("顺序", required: false, note: "整数；留空按行序")]
        case .tasks:
            return [PlanColumn("编号", required: true, note: "任务编号，方案内唯一，如 1.1"),
                    PlanColumn("体系编号", required: true, note: "须为“体系”表中的编号"),
                    PlanColumn("任务名称", required: true, note: ""),
                    PlanColumn("建设内容", required: false, note: "文字"),
                    PlanColumn("硬件完成时限", required: false, note: "日期：Excel 日期、2021-06-30 或 2021年6月30日"),
                    PlanColumn("运营时限", required: false, note: "日期"),
                    PlanColumn("时限说明", required: false, note: "日期无法表达的时限文字，如 团队组建时限：实施主体确认后一个月内"),
                    PlanColumn("责任单位", required: false, note: "多个单位以 、 或 ， 分隔"),
                    PlanColumn("承办企业", required: false, note: "须为“承办企业”表中的名称；多个以 、 或 ， 分隔")]
        case .targets:
            return [PlanColumn("任务编号", required: true, note: "须为“任务”表中的编号"),
                    PlanColumn("目标编号", required: true, note: "方案内唯一，如 1.2.a"),
                    PlanColumn("指标", required: true, note: "如 村级综合服务站"),
                    PlanColumn("单位", required: false, note: "个、人次、场、m²、% 等"),
                    PlanColumn("比较", required: false, note: "≥（不少于）、≤（不超过）、=（等于）；留空为 ≥"),
                    PlanColumn("目标值", required: true, note: "数字（精确小数）"),
                    PlanColumn("数据来源", required: false, note: "自动取数的指标键，如 network.villageStationsOperating；留空为填报")]
        case .contractors:
            return [PlanColumn("名称", required: true, note: "企业全称，唯一"),
                    PlanColumn("统一社会信用代码", required: false, note: "18 位；校验位不符仅警告"),
                    PlanColumn("确定方式", required: false, note: "如 公开招标"),
                    PlanColumn("协议日期", required: false, note: "日期"),
                    PlanColumn("联合体", required: false, note: "所属联合体名称；单独中标留空")]
        case .fundPlan:
            return [PlanColumn("承办企业", required: true, note: "须为“承办企业”表中的名称"),
                    PlanColumn("主要建设内容", required: true, note: "承办企业＋建设内容唯一"),
                    PlanColumn("体系编号", required: false, note: "对应的体系编号"),
                    PlanColumn("计划拨付资金(万元)", required: true, note: "万元，最多 6 位小数"),
                    PlanColumn("支出类别", required: false, note: "见下方类别；负面清单类别将被拒绝；留空为 其他")]
        case .disbursements:
            return [PlanColumn("承办企业", required: true, note: "须与“资金计划”中的一行对应"),
                    PlanColumn("主要建设内容", required: true, note: "须与“资金计划”中的一行对应"),
                    PlanColumn("日期", required: true, note: "日期"),
                    PlanColumn("金额(万元)", required: true, note: "万元，大于 0"),
                    PlanColumn("批次", required: false, note: "如 首期30%"),
                    PlanColumn("依据", required: false, note: "如 合同约定首期拨付、中期审计报告"),
                    PlanColumn("状态", required: false, note: "已拨付 / 待审批 / 已驳回；留空为 已拨付")]
        case .progress:
            return [PlanColumn("目标编号", required: true, note: "须为“目标”表中的编号"),
                    PlanColumn("截至日期", required: true, note: "日期"),
                    PlanColumn("实际值", required: true, note: "数字"),
                    PlanColumn("说明", required: false, note: "文字"),
                    PlanColumn("状态", required: false, note: "待核实 / 已核实 / 已退回；留空为 待核实"),
                    PlanColumn("审核意见", required: false, note: "文字")]
        case .narratives:
            return [PlanColumn("键", required: true, note: "见下方报告文字键"),
                    PlanColumn("内容", required: false, note: "多段以换行分隔；以（一）开头的短行作小标题")]
        }
    }
}

public struct PlanColumn: Sendable, Equatable {
    public var header: String
    public var required: Bool
    public var note: String

    public init(_ header: String, required: Bool, note: String) {
        self.header = header
        self.required = required
        self.note = note
    }
}

/// Keys of the 方案 sheet.
public enum ProgrammeKey: String, Sendable, CaseIterable {
    case countyCode = "县代码"
    case batchYear = "批次年度"
    case title = "项目名称"
    case approvalDate = "批复日期"
    case centralFundsAllocated = "中央财政资金下达(万元)"
    case localMatchingFunds = "地方配套资金(万元)"
    case enterpriseFunds = "企业自筹资金(万元)"
    case status = "状态"
    case leadershipGroup = "领导小组"
    case office = "办公室"
    case supervision = "第三方监理"

    public var isRequired: Bool { [.countyCode, .batchYear, .title].contains(self) }

    public var note: String {
        switch self {
        case .countyCode: return "必填。6 位或 12 位统计用区划代码，县级，如 331123"
        case .batchYear: return "必填。示范县批次年度，如 2020"
        case .title: return "必填。如 遂昌县电子商务进农村综合示范项目"
        case .approvalDate: return "实施方案批复（印发）日期"
        case .centralFundsAllocated: return "中央财政资金下达金额，万元；中标金额由“资金计划”合计得出"
        case .localMatchingFunds: return "万元，留空为 0"
        case .enterpriseFunds: return "企业自筹 / 社会资本，万元，留空为 0"
        case .status: return "筹备中 / 实施中 / 绩效评价中 / 已完成；留空为 实施中"
        case .leadershipGroup: return "领导小组组成（文字）"
        case .office: return "领导小组办公室（文字）"
        case .supervision: return "第三方监理 / 审计协议（文字）"
        }
    }
}

/// Chinese aliases of the narrative keys accepted in 报告文字.
enum NarrativeAliases {
    static let byChinese: [String: String] = [
        "组织协调机制": NarrativeKey.coordination, "承办企业及确定方式": NarrativeKey.contractors,
        "制度建设": NarrativeKey.rules, "公开公示": NarrativeKey.disclosure, "监督检查": NarrativeKey.supervision,
        "存在问题": NarrativeKey.problems, "下步工作计划": NarrativeKey.nextSteps, "落款单位": NarrativeKey.signature,
        "落款": NarrativeKey.signature, "引言": NarrativeKey.introduction, "开头": NarrativeKey.introduction,
    ]
    static let progressPrefixes = ["progress.", "实施进展.", "进展."]

    static let titles: [String: String] = [
        NarrativeKey.coordination: "组织协调机制", NarrativeKey.contractors: "承办企业及确定方式",
        NarrativeKey.rules: "制度建设", NarrativeKey.disclosure: "公开公示", NarrativeKey.supervision: "监督检查",
        NarrativeKey.problems: "存在问题", NarrativeKey.nextSteps: "下步工作计划", NarrativeKey.signature: "落款单位",
        NarrativeKey.introduction: "引言",
    ]
}
