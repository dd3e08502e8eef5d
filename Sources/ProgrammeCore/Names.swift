import Foundation
import XiangcunKit

/// Chinese display names of the programme's enumerations (the web, reports and exports show
/// these), and the words the plan workbook accepts for them (Chinese or English).
public enum Names {
    /// Parses a user's word for an enumeration: the raw value, the English case name, the Chinese
    /// display name or one of its aliases. Case-insensitive, spaces ignored.
    static func match<T: CaseIterable & RawRepresentable>(_ text: String, _ words: (T) -> [String]) -> T? where T.RawValue == String {
        let key = normalizedWord(text)
        guard !key.isEmpty else { return nil }
        for value in T.allCases {
            let candidates = [value.rawValue, String(describing: value)] + words(value)
            if candidates.contains(where: { normalizedWord($0) == key }) { return value }
        }
        return nil
    }

    static func normalizedWord(_ text: String) -> String {
        String(text.lowercased().filter { !$0.isWhitespace })
            .replacingOccurrences(of: "（", with: "(").replacingOccurrences(of: "）", with: ")")
    }
}

extension SpendingCategory {
    /// 物流体系, 公共服务体系 … 网络交易平台, 楼堂馆所 …
    public var chineseName: String {
        switch self {
        case .logistics: return "三级物流体系"
        case .publicService: return "公共服务体系"
        case .circulation: return "双向流通体系"
        case .training: return "培训体系"
        case .marketOperation: return "市场运营体系"
        case .industryCluster: return "产业集聚体系"
        case .assistance: return "电商帮扶体系"
        case .other: return "其他"
        case .tradingPlatform: return "网络交易平台"
        case .buildings: return "楼堂馆所"
        case .landAcquisition: return "征地拆迁"
        case .buyingTraffic: return "购买流量"
        case .staffCosts: return "人员经费"
        case .workingExpenses: return "工作经费"
        }
    }

    var aliases: [String] {
        switch self {
        case .logistics: return ["物流体系", "物流", "县乡村三级物流体系", "物流配送"]
        case .publicService: return ["公共服务", "公共服务体系建设"]
        case .circulation: return ["双向流通", "流通体系", "上行下行"]
        case .training: return ["培训", "电商培训"]
        case .marketOperation: return ["市场运营", "运营体系"]
        case .industryCluster: return ["产业集聚", "集聚体系"]
        case .assistance: return ["扶贫", "电商扶贫", "帮扶", "电商帮扶", "扶贫体系"]
        case .other: return ["其它"]
        case .tradingPlatform: return ["网络交易平台建设", "交易平台"]
        case .buildings: return ["楼堂馆所建设"]
        case .landAcquisition: return ["征地", "拆迁"]
        case .buyingTraffic: return ["流量"]
        case .staffCosts: return ["人员费用"]
        case .workingExpenses: return ["提取工作经费"]
        }
    }

    /// Parses 支出类别 (Chinese name, alias or English case name).
    public static func parse(_ text: String) -> SpendingCategory? {
        Names.match(text) { [$0.chineseName] + $0.aliases }
    }

    /// Why central funds may not pay for this category; nil when it is allowed.
    public var negativeListReason: String? {
        guard isNegativeList else { return nil }
        return "中央财政资金不得用于\(chineseName)（负面清单：网络交易平台、楼堂馆所、征地拆迁、购买流量、人员经费、工作经费）"
    }
}

extension ProgrammeStatus {
    public var chineseName: String {
        switch self {
        case .planning: return "筹备中"
        case .implementing: return "实施中"
        case .evaluating: return "绩效评价中"
        case .completed: return "已完成"
        }
    }

    public static func parse(_ text: String) -> ProgrammeStatus? {
        Names.match(text) { status in
            switch status {
            case .planning: return [status.chineseName, "筹备", "规划", "规划中", "申报"]
            case .implementing: return [status.chineseName, "实施", "建设中", "进行中"]
            case .evaluating: return [status.chineseName, "评价中", "绩效评价", "验收中", "评估中"]
            case .completed: return [status.chineseName, "完成", "已验收", "结项"]
            }
        }
    }
}

extension DisbursementStatus {
    public var chineseName: String {
        switch self {
        case .pending: return "待审批"
        case .approved: return "已拨付"
        case .rejected: return "已驳回"
        }
    }

    public static func parse(_ text: String) -> DisbursementStatus? {
        Names.match(text) { status in
            switch status {
            case .pending: return [status.chineseName, "待审核", "待拨付", "审批中"]
            case .approved: return [status.chineseName, "已批准", "已审批", "批准", "拨付"]
            case .rejected: return [status.chineseName, "驳回", "不予拨付", "已拒绝"]
            }
        }
    }
}

extension ProgressStatus {
    public var chineseName: String {
        switch self {
        case .submitted: return "待核实"
        case .verified: return "已核实"
        case .returned: return "已退回"
        }
    }

    public static func parse(_ text: String) -> ProgressStatus? {
        Names.match(text) { status in
            switch status {
            case .submitted: return [status.chineseName, "已提交", "提交", "已填报"]
            case .verified: return [status.chineseName, "核实", "已审核", "已确认"]
            case .returned: return [status.chineseName, "退回", "已驳回"]
            }
        }
    }
}

extension Comparator {
    /// 不少于 / 不超过 / 等于
    public var chineseName: String {
        switch self {
        case .atLeast: return "不少于"
        case .atMost: return "不超过"
        case .equal: return "等于"
        }
    }

    /// Parses 比较: ≥ >= 不少于 不低于 至少 …, ≤ <= 不超过 不高于 至多 …, = == 等于.
    public static func parse(_ text: String) -> Comparator? {
        Names.match(text) { comparator in
            switch comparator {
            case .atLeast: return ["≥", "＞＝", "≧", "不少于", "不低于", "至少", "大于等于", "不小于", "以上", "atleast", "min"]
            case .atMost: return ["≤", "＜＝", "≦", "不超过", "不高于", "至多", "小于等于", "不大于", "以内", "atmost", "max"]
            case .equal: return ["＝", "==", "等于", "eq", "exactly"]
            }
        }
    }
}

extension DeadlineStatus {
    public var chineseName: String {
        switch self {
        case .done: return "已完成"
        case .overdue: return "已逾期"
        case .dueSoon: return "即将到期"
        case .onTrack: return "正常推进"
        case .noDeadline: return "无时限"
        }
    }
}
