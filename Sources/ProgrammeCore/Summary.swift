import Foundation
import XiangcunKit

/// An amount for JSON: exact fen and the 万元 text reports show.
public struct MoneyFigure: Sendable, Codable, Equatable {
    public var fen: Int64
    /// "1910.00"
    public var wanYuan: String

    public init(_ money: Money) {
        fen = money.fen
        wanYuan = money.wanYuanText
    }
}

/// A rate for JSON: the fraction rounded to two decimals of percent, and its text.
public struct PercentFigure: Sendable, Codable, Equatable {
    /// 0.5 for 50.00%; 0.3333 for 33.33%.
    public var fraction: Decimal
    /// "50.00%"
    public var text: String

    public init(fraction: Decimal) {
        self.fraction = Percent.rounded(fraction)
        text = Percent.text(fraction)
    }

    public init(_ rate: Rate) { self.init(fraction: Decimal(rate.numerator) / Decimal(rate.denominator)) }
}

/// A JSON-friendly summary for dashboards.
public struct ProgrammeSummary: Sendable, Codable, Equatable {
    public struct SubsystemFigure: Sendable, Codable, Equatable {
        public var code: String
        public var name: String
        public var taskCount: Int
        public var targetCount: Int
        public var completion: PercentFigure?
    }

    public struct AlignmentFigure: Sendable, Codable, Equatable {
        public var contractor: String
        public var disbursedShare: PercentFigure?
        public var completion: PercentFigure?
        public var message: String
    }

    public struct DeadlineFigure: Sendable, Codable, Equatable {
        public var taskCode: String
        public var taskName: String
        public var status: DeadlineStatus
        public var statusName: String
        public var deadline: Day?
        public var daysLeft: Int?
    }

    public var countyCode: String
    public var countyName: String
    public var title: String
    public var asOf: Day
    /// 中央财政资金下达
    public var allocated: MoneyFigure
    /// 计划拨付合计 = 中标金额
    public var planned: MoneyFigure
    /// Approved disbursements.
    public var disbursed: MoneyFigure
    /// Disbursements awaiting approval.
    public var pending: MoneyFigure
    public var totalInvestment: MoneyFigure
    /// disbursed ÷ planned; nil for a zero plan.
    public var disbursementRate: PercentFigure?
    public var overallCompletion: PercentFigure?
    public var subsystems: [SubsystemFigure]
    public var taskCount: Int
    public var overdue: Int
    public var dueSoon: Int
    public var done: Int
    public var onTrack: Int
    public var noDeadline: Int
    /// Overdue and due-soon tasks, soonest deadline first.
    public var attention: [DeadlineFigure]
    /// Progress entries awaiting verification.
    public var awaitingVerification: Int
    public var alignmentWarnings: [AlignmentFigure]

    public init(_ ind: ProgrammeIndicators) {
        let plan = ind.plan
        countyCode = plan.info.countyCode
        countyName = ind.snapshot.countyName
        title = plan.info.title
        asOf = ind.snapshot.asOf
        allocated = MoneyFigure(ind.funds.allocated)
        planned = MoneyFigure(ind.funds.totalPlanned)
        disbursed = MoneyFigure(ind.funds.totalDisbursed)
        pending = MoneyFigure(ind.funds.totalPending)
        totalInvestment = MoneyFigure(ind.totalInvestment)
        disbursementRate = ind.funds.totalRate.map(PercentFigure.init)
        overallCompletion = ind.completion.overall.map { PercentFigure(fraction: $0) }
        subsystems = ind.completion.subsystems.map {
            SubsystemFigure(code: $0.subsystem.code, name: $0.subsystem.name, taskCount: $0.tasks.count,
                            targetCount: $0.tasks.reduce(0) { $0 + $1.targets.count }, completion: $0.rate.map { PercentFigure(fraction: $0) })
        }
        let counts = Deadlines.counts(ind.deadlines)
        taskCount = ind.deadlines.count
        overdue = counts[.overdue] ?? 0
        dueSoon = counts[.dueSoon] ?? 0
        done = counts[.done] ?? 0
        onTrack = counts[.onTrack] ?? 0
        noDeadline = counts[.noDeadline] ?? 0
        attention = ind.deadlines.filter { $0.status == .overdue || $0.status == .dueSoon }
            .sorted { ($0.daysLeft ?? 0, $0.task.code) < ($1.daysLeft ?? 0, $1.task.code) }
            .map { DeadlineFigure(taskCode: $0.task.code, taskName: $0.task.name, status: $0.status, statusName: $0.status.chineseName,
                                  deadline: $0.deadline, daysLeft: $0.daysLeft) }
        awaitingVerification = ind.awaitingVerification.count
        alignmentWarnings = ind.alignmentWarnings.map {
            AlignmentFigure(contractor: $0.contractor, disbursedShare: $0.disbursedShare.map(PercentFigure.init),
                            completion: $0.completion.map { PercentFigure(fraction: $0) }, message: $0.warning ?? "")
        }
    }

    public init(snapshot: ProgrammeSnapshot, sources: [String: Decimal] = [:], today: Day? = nil) {
        self.init(ProgrammeIndicators(snapshot: snapshot, sources: sources, today: today))
    }
}
