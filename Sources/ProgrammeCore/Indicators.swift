import Foundation
import XiangcunKit

/// Everything computed from a snapshot once: fund table, completion, deadline statuses and
/// alignment. Reports, exports and the summary read this.
public struct ProgrammeIndicators: Sendable {
    public var snapshot: ProgrammeSnapshot
    public var funds: FundTable
    public var completion: Completion
    public var deadlines: [TaskDeadline]
    public var alignment: [ContractorAlignment]
    /// The day deadlines are judged against (default: the snapshot's `asOf`).
    public var today: Day

    /// - Parameters:
    ///   - sources: live indicator values keyed by a target's `source` (e.g. "network.villageStationsOperating").
    ///   - today: defaults to `snapshot.asOf`.
    public init(snapshot: ProgrammeSnapshot, sources: [String: Decimal] = [:], today: Day? = nil,
                dueSoonDays: Int = Deadlines.defaultDueSoonDays, alignmentThreshold: Decimal = Alignment.defaultThreshold) {
        self.snapshot = snapshot
        self.today = today ?? snapshot.asOf
        funds = FundTable(plan: snapshot.plan)
        completion = Completion(snapshot: snapshot, sources: sources)
        deadlines = Deadlines.statuses(completion, today: self.today, dueSoonDays: dueSoonDays)
        alignment = Alignment.check(funds: funds, completion: completion, threshold: alignmentThreshold)
    }

    public var plan: ProgrammePlan { snapshot.plan }
    public var alignmentWarnings: [ContractorAlignment] { alignment.filter(\.isWarning) }
    public func deadline(of taskCode: String) -> TaskDeadline? { deadlines.first { $0.task.code == taskCode } }

    /// 总投资 = 中标金额 (sum of the fund plan) + 地方配套 + 企业自筹.
    public var totalInvestment: Money { funds.contracted + plan.info.localMatchingFunds + plan.info.enterpriseFunds }

    /// Progress entries waiting for verification.
    public var awaitingVerification: [ProgressEntry] { snapshot.allProgress.filter { $0.status == .submitted } }
}

extension TargetPlan {
    /// "统仓共配中心面积≥2000m²"
    public var displayText: String { "\(metric)\(comparator.symbol)\(Percent.plain(value))\(unit)" }
}

/// The construction completion table (项目建设完成情况): one row per target, the task ("项目")
/// merged over its targets' rows.
public struct CompletionTable: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// 序号 (1-based)
        public var number: Int
        public var subsystemCode: String
        public var taskCode: String
        /// 项目
        public var project: String
        public var targetCode: String
        /// 目标, e.g. "村级综合服务站≥120个"
        public var target: String
        /// 完成情况, e.g. "13个" or "尚无核实数据"
        public var achieved: String
        /// Effective rate (capped or judged); nil when unknown.
        public var rate: Decimal?
        /// "33.33" or "—" (the column is headed 完成率(%)).
        public var rateText: String { Percent.plainText(rate) }
    }

    public var rows: [Row]
    /// Row ranges (0-based) of each task with more than one target — merge 项目 over them.
    public var taskGroups: [ClosedRange<Int>]

    public static let header = ["序号", "项目", "目标", "完成情况", "完成率(%)"]

    public init(completion: Completion, subsystemCode: String? = nil) {
        var rows: [Row] = []
        var groups: [ClosedRange<Int>] = []
        for task in completion.tasks where subsystemCode == nil || task.task.subsystemCode == subsystemCode {
            let start = rows.count
            for t in task.targets {
                var achieved: String
                if let actual = t.actual {
                    achieved = "\(Percent.plain(actual))\(t.target.unit)"
                    if t.actualSource == .indicator { achieved += "（系统实时）" }
                } else {
                    achieved = "尚无核实数据"
                }
                if let reason = t.judgedReason { achieved += "（认定：\(reason)）" }
                rows.append(Row(number: rows.count + 1, subsystemCode: task.task.subsystemCode, taskCode: task.task.code,
                                project: task.task.name, targetCode: t.target.code, target: t.target.displayText, achieved: achieved, rate: t.rate))
            }
            if rows.count - start > 1 { groups.append(start...(rows.count - 1)) }
        }
        self.rows = rows
        taskGroups = groups
    }
}
