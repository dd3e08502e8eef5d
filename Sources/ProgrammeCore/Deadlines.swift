import Foundation
import XiangcunKit

/// A task's deadline status (时限状态).
public enum DeadlineStatus: String, Sendable, Codable, CaseIterable {
    case done, overdue, dueSoon, onTrack, noDeadline
}

public struct TaskDeadline: Sendable, Equatable {
    public var task: TaskPlan
    public var status: DeadlineStatus
    /// The deadline the status is judged against: the hardware deadline, else the operation deadline.
    public var deadline: Day?
    /// Days from `today` to the deadline (negative = past); nil without a deadline.
    public var daysLeft: Int?
}

/// Deadline status per task.
///
/// Rule: the deadline is the hardware deadline (硬件完成时限), or the operation deadline (运营时限) when
/// the task has no hardware date. A task is **done** when it has targets and every one is met
/// (effective completion ≥ 100%, a judged rate counting); otherwise, with no deadline it is
/// **noDeadline**; after the deadline (today > deadline) it is **overdue**; within `dueSoonDays`
/// days up to and including the deadline day it is **dueSoon**; else **onTrack**.
public enum Deadlines {
    public static let defaultDueSoonDays = 30

    public static func status(of task: TaskCompletion, today: Day, dueSoonDays: Int = defaultDueSoonDays) -> TaskDeadline {
        let deadline = task.task.hardwareDeadline ?? task.task.operationDeadline
        let daysLeft = deadline.map { today.days(until: $0) }
        let status: DeadlineStatus
        if task.isDone {
            status = .done
        } else if let daysLeft {
            status = daysLeft < 0 ? .overdue : (daysLeft <= dueSoonDays ? .dueSoon : .onTrack)
        } else {
            status = .noDeadline
        }
        return TaskDeadline(task: task.task, status: status, deadline: deadline, daysLeft: daysLeft)
    }

    public static func statuses(_ completion: Completion, today: Day, dueSoonDays: Int = defaultDueSoonDays) -> [TaskDeadline] {
        completion.tasks.map { status(of: $0, today: today, dueSoonDays: dueSoonDays) }
    }

    /// Counts by status (every status present, zero when none).
    public static func counts(_ statuses: [TaskDeadline]) -> [DeadlineStatus: Int] {
        var counts = Dictionary(uniqueKeysWithValues: DeadlineStatus.allCases.map { ($0, 0) })
        for s in statuses { counts[s.status, default: 0] += 1 }
        return counts
    }
}

/// A contractor's disbursed share against the verified completion of its tasks.
public struct ContractorAlignment: Sendable, Equatable {
    public var contractor: String
    public var planned: Money
    public var disbursed: Money
    /// Approved disbursed ÷ planned; nil for a zero plan.
    public var disbursedShare: Rate?
    /// Mean completion of the tasks assigned to the contractor (tasks without targets left out); nil when none.
    public var completion: Decimal?
    /// Codes of the tasks assigned to it.
    public var taskCodes: [String]
    /// Set when the disbursed share runs ahead of completion by more than the threshold.
    public var warning: String?

    public var isWarning: Bool { warning != nil }
}

/// Alignment warnings (拨付进度与建设进度不匹配).
///
/// Rule: for each contractor in the fund plan, disbursed share = approved disbursements ÷ planned;
/// completion = mean effective completion of the tasks whose 承办企业 include it. Warn when the
/// share exceeds completion by more than `threshold` (default 0.10 = 10 percentage points), and
/// when money was disbursed to a contractor that has no task with targets.
public enum Alignment {
    public static let defaultThreshold: Decimal = Decimal(string: "0.10") ?? 0

    public static func check(funds: FundTable, completion: Completion, threshold: Decimal = defaultThreshold) -> [ContractorAlignment] {
        funds.groups.map { group in
            let tasks = completion.tasks.filter { $0.task.contractors.contains(group.contractor) }
            let rates = tasks.compactMap(\.rate)
            let done: Decimal? = rates.isEmpty ? nil : Completion.mean(rates)
            var warning: String? = nil
            if let share = group.rate {
                let shareFraction = Decimal(share.numerator) / Decimal(share.denominator)
                if let done {
                    if shareFraction - done > threshold {
                        warning = "\(group.contractor)：资金拨付率\(share.percentText)，超过其承担任务的核实完成率\(Percent.text(done))逾\(Percent.plain(threshold * 100))个百分点"
                    }
                } else if group.disbursed.fen > 0 {
                    warning = "\(group.contractor)：已拨付\(group.disbursed.wanYuanText)万元，但没有可核实完成率的承担任务"
                }
            }
            return ContractorAlignment(contractor: group.contractor, planned: group.planned, disbursed: group.disbursed,
                                       disbursedShare: group.rate, completion: done, taskCodes: tasks.map(\.task.code), warning: warning)
        }
    }
}
