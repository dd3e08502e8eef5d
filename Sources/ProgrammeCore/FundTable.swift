import Foundation
import XiangcunKit

/// One row of the 中央财政资金拨付情况表.
public struct FundTableRow: Sendable, Equatable {
    public var contractor: String
    public var content: String
    public var subsystemCode: String
    public var category: SpendingCategory
    public var planned: Money
    /// Sum of APPROVED disbursements of the row.
    public var disbursed: Money
    /// Sum of PENDING disbursements (entered, not yet approved).
    public var pending: Money
    /// disbursed ÷ planned; nil for a zero plan (shown "—").
    public var rate: Rate?
}

/// A contractor's rows in the table (contiguous), with its subtotal.
public struct FundTableGroup: Sendable, Equatable {
    public var contractor: String
    /// Indices into `FundTable.rows` (0-based, contiguous) — the range to merge the contractor cell over.
    public var rows: ClosedRange<Int>
    public var planned: Money
    public var disbursed: Money
    public var rate: Rate?
}

/// The fund disbursement table (中央财政资金拨付情况表) computed from a plan.
public struct FundTable: Sendable, Equatable {
    /// Rows grouped by contractor (contractors in order of first appearance, rows in plan order).
    public var rows: [FundTableRow]
    public var groups: [FundTableGroup]
    /// 计划拨付合计 = 中标金额 (contracted)
    public var totalPlanned: Money
    public var totalDisbursed: Money
    public var totalPending: Money
    public var totalRate: Rate?
    /// 中央财政资金下达 (allocated to the county) — kept apart from the contracted total.
    public var allocated: Money

    public var contracted: Money { totalPlanned }

    public init(plan: ProgrammePlan) {
        var order: [String] = []
        var byContractor: [String: [FundPlanRow]] = [:]
        for row in plan.fundRows {
            if byContractor[row.contractor] == nil { order.append(row.contractor) }
            byContractor[row.contractor, default: []].append(row)
        }
        var rows: [FundTableRow] = []
        var groups: [FundTableGroup] = []
        for contractor in order {
            let start = rows.count
            var planned = Money.zero, disbursed = Money.zero
            for fund in byContractor[contractor] ?? [] {
                let matching = plan.disbursements.filter { $0.contractor == fund.contractor && $0.content == fund.content }
                let paid = matching.filter { $0.status == .approved }.reduce(Money.zero) { $0 + $1.amount }
                let pending = matching.filter { $0.status == .pending }.reduce(Money.zero) { $0 + $1.amount }
                rows.append(FundTableRow(contractor: fund.contractor, content: fund.content, subsystemCode: fund.subsystemCode,
                                         category: fund.category, planned: fund.planned, disbursed: paid, pending: pending,
                                         rate: Rate(paid.fen, of: fund.planned.fen)))
                planned += fund.planned
                disbursed += paid
            }
            groups.append(FundTableGroup(contractor: contractor, rows: start...(rows.count - 1), planned: planned,
                                         disbursed: disbursed, rate: Rate(disbursed.fen, of: planned.fen)))
        }
        self.rows = rows
        self.groups = groups
        totalPlanned = rows.reduce(Money.zero) { $0 + $1.planned }
        totalDisbursed = rows.reduce(Money.zero) { $0 + $1.disbursed }
        totalPending = rows.reduce(Money.zero) { $0 + $1.pending }
        totalRate = Rate(totalDisbursed.fen, of: totalPlanned.fen)
        allocated = plan.info.centralFundsAllocated
    }

    /// The group a contractor's rows form, if any.
    public func group(of contractor: String) -> FundTableGroup? { groups.first { $0.contractor == contractor } }
}

/// Rules a new or edited disbursement must pass (the importer applies the same rules).
public enum FundRules {
    /// Reasons to refuse `disbursement` given the plan's fund rows and other disbursements
    /// (`plan.disbursements` should not contain it yet; pass `replacing:` the index of the row
    /// being edited). Empty = allowed.
    /// - no fund-plan row for (contractor, content);
    /// - the row's category is on the negative list;
    /// - a non-positive amount;
    /// - non-rejected disbursements of the row would exceed its planned amount.
    public static func problems(with disbursement: DisbursementPlan, in plan: ProgrammePlan, replacing index: Int? = nil) -> [String] {
        var problems: [String] = []
        if disbursement.amount.fen <= 0 { problems.append("拨付金额必须大于0") }
        guard let row = plan.fundRows.first(where: { $0.contractor == disbursement.contractor && $0.content == disbursement.content }) else {
            problems.append("资金计划中没有“\(disbursement.contractor) / \(disbursement.content)”这一行")
            return problems
        }
        if let reason = row.category.negativeListReason { problems.append(reason) }
        guard disbursement.status != .rejected else { return problems }
        var others = Money.zero
        for (i, other) in plan.disbursements.enumerated() where i != index {
            if other.contractor == row.contractor && other.content == row.content && other.status != .rejected { others += other.amount }
        }
        let total = others + disbursement.amount
        if total > row.planned {
            problems.append("超计划拨付：“\(row.contractor) / \(row.content)”计划\(row.planned.wanYuanText)万元，累计拨付（含待审批）将达\(total.wanYuanText)万元")
        }
        return problems
    }

    /// Reason a fund-plan row is refused (negative-list category), nil when allowed.
    public static func problem(with row: FundPlanRow) -> String? { row.category.negativeListReason }
}
