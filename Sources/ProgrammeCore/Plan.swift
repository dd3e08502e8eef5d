import Foundation
import XiangcunKit

// The programme as plain values: what the plan workbook holds, what the database stores,
// and what reports and computations read. No database, no web.

/// 示范项目的状态
public enum ProgrammeStatus: String, Sendable, Codable, CaseIterable {
    case planning, implementing, evaluating, completed
}

/// The county's programme of one batch year (电子商务进农村综合示范项目).
public struct ProgrammeInfo: Sendable, Codable, Equatable {
    public var countyCode: String
    public var batchYear: Int
    public var title: String
    public var approvalDate: Day?
    /// 中央财政资金下达 (allocated to the county), e.g. 2000 万元.
    public var centralFundsAllocated: Money
    /// 地方配套资金
    public var localMatchingFunds: Money
    /// 企业自筹 / 社会资本
    public var enterpriseFunds: Money
    public var status: ProgrammeStatus
    /// 领导小组 (free text)
    public var leadershipGroup: String
    /// 领导小组办公室 (free text)
    public var office: String
    /// 第三方监理 / 审计 agreement (free text)
    public var supervision: String

    public init(countyCode: String, batchYear: Int, title: String, approvalDate: Day? = nil, centralFundsAllocated: Money = .zero,
                localMatchingFunds: Money = .zero, enterpriseFunds: Money = .zero, status: ProgrammeStatus = .implementing,
                leadershipGroup: String = "", office: String = "", supervision: String = "") {
        self.countyCode = countyCode
        self.batchYear = batchYear
        self.title = title
        self.approvalDate = approvalDate
        self.centralFundsAllocated = centralFundsAllocated
        self.localMatchingFunds = localMatchingFunds
        self.enterpriseFunds = enterpriseFunds
        self.status = status
        self.leadershipGroup = leadershipGroup
        self.office = office
        self.supervision = supervision
    }
}

/// A section of the plan (体系), e.g. 构建县乡村三级物流体系.
public struct SubsystemPlan: Sendable, Codable, Equatable {
    /// Stable code within the programme: "1", "2" …
    public var code: String
    public var name: String
    public var order: Int

    public init(code: String, name: String, order: Int) {
        self.code = code
        self.name = name
        self.order = order
    }
}

/// A unit of work (建设任务) under a subsystem.
public struct TaskPlan: Sendable, Codable, Equatable {
    /// "1.1", "1.2" …
    public var code: String
    public var subsystemCode: String
    public var name: String
    public var description: String
    /// 硬件完成时限
    public var hardwareDeadline: Day?
    /// 运营时限
    public var operationDeadline: Day?
    /// Deadline wording the dates cannot carry, e.g. "团队组建时限：实施主体确认后一个月内".
    public var deadlineNote: String
    /// 责任单位
    public var responsibleUnits: [String]
    /// Names of the contractors assigned to the task.
    public var contractors: [String]

    public init(code: String, subsystemCode: String, name: String, description: String = "", hardwareDeadline: Day? = nil,
                operationDeadline: Day? = nil, deadlineNote: String = "", responsibleUnits: [String] = [], contractors: [String] = []) {
        self.code = code
        self.subsystemCode = subsystemCode
        self.name = name
        self.description = description
        self.hardwareDeadline = hardwareDeadline
        self.operationDeadline = operationDeadline
        self.deadlineNote = deadlineNote
        self.responsibleUnits = responsibleUnits
        self.contractors = contractors
    }
}

public enum Comparator: String, Sendable, Codable, CaseIterable {
    /// ≥ (不少于 / 不低于)
    case atLeast = ">="
    /// ≤ (不超过)
    case atMost = "<="
    /// = (exactly)
    case equal = "="

    public var symbol: String {
        switch self {
        case .atLeast: return "≥"
        case .atMost: return "≤"
        case .equal: return "="
        }
    }
}

/// A measurable goal of a task (目标 / 指标): metric, unit, comparator, value.
public struct TargetPlan: Sendable, Codable, Equatable {
    public var taskCode: String
    /// "1.2.a" — unique within the programme.
    public var code: String
    /// 村级综合服务站
    public var metric: String
    /// 个 / 人次 / 场 / m² / %
    public var unit: String
    public var comparator: Comparator
    /// Exact decimal, e.g. 120, 2000, 60.
    public var value: Decimal
    /// Where the actual comes from automatically (e.g. a service-network indicator key); empty = reported.
    public var source: String

    public init(taskCode: String, code: String, metric: String, unit: String, comparator: Comparator = .atLeast, value: Decimal, source: String = "") {
        self.taskCode = taskCode
        self.code = code
        self.metric = metric
        self.unit = unit
        self.comparator = comparator
        self.value = value
        self.source = source
    }
}

/// 承办企业
public struct ContractorPlan: Sendable, Codable, Equatable {
    public var name: String
    /// 统一社会信用代码 (GB 32100); a failing checksum is a warning, not an error.
    public var creditCode: String
    /// How it was chosen, e.g. 公开招标.
    public var selection: String
    public var agreementDate: Day?
    /// The consortium (联合体) it bid in, e.g. "浙江赶街电子商务有限公司联合体"; empty if alone.
    public var consortium: String

    public init(name: String, creditCode: String = "", selection: String = "", agreementDate: Day? = nil, consortium: String = "") {
        self.name = name
        self.creditCode = creditCode
        self.selection = selection
        self.agreementDate = agreementDate
        self.consortium = consortium
    }
}

/// Spending categories of central funds. The last six are the negative list (负面清单):
/// central funds may never pay for them.
public enum SpendingCategory: String, Sendable, Codable, CaseIterable {
    case logistics, publicService, circulation, training, marketOperation, industryCluster, assistance, other
    /// 网络交易平台
    case tradingPlatform
    /// 楼堂馆所
    case buildings
    /// 征地拆迁
    case landAcquisition
    /// 购买流量
    case buyingTraffic
    /// 人员经费
    case staffCosts
    /// 工作经费
    case workingExpenses

    public var isNegativeList: Bool {
        [.tradingPlatform, .buildings, .landAcquisition, .buyingTraffic, .staffCosts, .workingExpenses].contains(self)
    }
}

/// One row of the fund plan (资金计划): planned central funds for a contractor's construction content.
public struct FundPlanRow: Sendable, Codable, Equatable {
    public var contractor: String
    /// 主要建设内容
    public var content: String
    /// The subsystem the content builds, when it maps to one.
    public var subsystemCode: String
    public var planned: Money
    public var category: SpendingCategory

    public init(contractor: String, content: String, subsystemCode: String = "", planned: Money, category: SpendingCategory = .other) {
        self.contractor = contractor
        self.content = content
        self.subsystemCode = subsystemCode
        self.planned = planned
        self.category = category
    }
}

public enum DisbursementStatus: String, Sendable, Codable, CaseIterable {
    /// Entered, waiting for a county administrator's approval.
    case pending
    /// Approved and paid: counts as disbursed.
    case approved
    /// Refused by the approver.
    case rejected
}

/// A payment of central funds (拨付) against a fund-plan row.
public struct DisbursementPlan: Sendable, Codable, Equatable {
    public var contractor: String
    public var content: String
    public var date: Day
    public var amount: Money
    /// e.g. 首期30%
    public var tranche: String
    /// e.g. 进度 / 审计报告
    public var basis: String
    public var status: DisbursementStatus

    public init(contractor: String, content: String, date: Day, amount: Money, tranche: String = "", basis: String = "", status: DisbursementStatus = .approved) {
        self.contractor = contractor
        self.content = content
        self.date = date
        self.amount = amount
        self.tranche = tranche
        self.basis = basis
        self.status = status
    }
}

/// Everything a plan workbook holds, validated and ready to store.
public struct ProgrammePlan: Sendable, Codable, Equatable {
    public var info: ProgrammeInfo
    public var subsystems: [SubsystemPlan]
    public var tasks: [TaskPlan]
    public var targets: [TargetPlan]
    public var contractors: [ContractorPlan]
    public var fundRows: [FundPlanRow]
    public var disbursements: [DisbursementPlan]
    /// Optional in a user's workbook; the demo data carries the self-assessment's figures.
    public var progress: [ProgressEntry]
    /// Optional narrative texts keyed by `NarrativeKey`.
    public var narratives: [String: String]

    public init(info: ProgrammeInfo, subsystems: [SubsystemPlan] = [], tasks: [TaskPlan] = [], targets: [TargetPlan] = [],
                contractors: [ContractorPlan] = [], fundRows: [FundPlanRow] = [], disbursements: [DisbursementPlan] = [],
                progress: [ProgressEntry] = [], narratives: [String: String] = [:]) {
        self.progress = progress
        self.narratives = narratives
        self.info = info
        self.subsystems = subsystems
        self.tasks = tasks
        self.targets = targets
        self.contractors = contractors
        self.fundRows = fundRows
        self.disbursements = disbursements
    }

    /// 中标金额: the contracted total is the sum of the fund plan.
    public var contractedTotal: Money { fundRows.reduce(Money.zero) { $0 + $1.planned } }
}

/// A rejected cell or row of an imported workbook: where, and why.
public struct SheetError: Error, Sendable, Equatable, CustomStringConvertible {
    public var sheet: String
    /// Excel row number (1-based); 0 for a whole-sheet problem.
    public var row: Int
    /// Column letter ("C"), empty for a whole-row problem.
    public var column: String
    public var message: String

    public init(sheet: String, row: Int, column: String, message: String) {
        self.sheet = sheet
        self.row = row
        self.column = column
        self.message = message
    }

    public var description: String {
        row == 0 ? "\(sheet): \(message)" : "\(sheet) 第\(row)行\(column.isEmpty ? "" : " \(column)列"): \(message)"
    }
}
