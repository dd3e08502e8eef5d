import Foundation
import XiangcunKit

/// Where a target's actual value came from.
public enum ActualSource: String, Sendable, Codable, Equatable {
    /// A live indicator supplied by the caller (`sources[target.source]`).
    case indicator
    /// The latest verified progress entry.
    case progress
    /// Nothing: no verified progress and no indicator value.
    case none
}

/// The completion of one target.
public struct TargetCompletion: Sendable, Equatable {
    public var target: TargetPlan
    /// The actual value used (nil when nothing is known).
    public var actual: Decimal?
    public var actualSource: ActualSource
    /// The date of the progress entry used.
    public var asOf: Day?
    /// The computed rate without the cap (1.5 = 150%); nil when no actual.
    public var uncapped: Decimal?
    /// The effective rate: judged rate if any, else the computed rate capped at 1; nil when unknown.
    public var rate: Decimal?
    /// The county's reason when a judged rate overrides.
    public var judgedReason: String?

    public var isJudged: Bool { judgedReason != nil }
    /// Whether the target counts as met (effective rate ≥ 100%).
    public var isMet: Bool { (rate ?? 0) >= 1 }
    /// "33.33%" or "—".
    public var rateText: String { Percent.text(rate) }
}

public struct TaskCompletion: Sendable, Equatable {
    public var task: TaskPlan
    public var targets: [TargetCompletion]
    /// Mean of the targets' effective rates, a target without data counting as 0; nil when the task has no targets.
    public var rate: Decimal?
    /// Targets with a known rate.
    public var reportedCount: Int { targets.filter { $0.rate != nil }.count }
    /// Every target met (effective rate ≥ 100%); false for a task without targets.
    public var isDone: Bool { !targets.isEmpty && targets.allSatisfy(\.isMet) }
}

public struct SubsystemCompletion: Sendable, Equatable {
    public var subsystem: SubsystemPlan
    public var tasks: [TaskCompletion]
    /// Mean of its tasks' rates (tasks without targets left out); nil when none has a rate.
    public var rate: Decimal?
}

/// Target, task and subsystem completion (完成率).
///
/// Rules (exact `Decimal` arithmetic; rounding only for display):
/// * actual = `sources[target.source]` when the target has a source key and the caller supplies it,
///   else the latest VERIFIED progress entry (latest `asOf`; on a tie the later entry);
/// * ≥: actual ÷ target (target 0 → 100%); ≤: 100% if actual ≤ target else target ÷ actual;
///   =: 100% if equal else min ÷ max; negative results count as 0;
/// * the effective rate is capped at 100% (the uncapped value is kept); a judged rate overrides it;
/// * task = mean of its targets' effective rates (no data = 0); subsystem = mean of its tasks'.
public struct Completion: Sendable, Equatable {
    public var subsystems: [SubsystemCompletion]
    /// Mean of the subsystems' rates; nil when none has one.
    public var overall: Decimal?

    public init(plan: ProgrammePlan, progress: [ProgressEntry]? = nil, judged: [JudgedRate] = [], sources: [String: Decimal] = [:]) {
        let entries = progress ?? plan.progress
        var latest: [String: ProgressEntry] = [:]
        for entry in entries where entry.status == .verified {
            if let current = latest[entry.targetCode], current.asOf > entry.asOf { continue }
            latest[entry.targetCode] = entry
        }
        var judgedByCode: [String: JudgedRate] = [:]
        for j in judged { judgedByCode[j.targetCode] = j }

        var subsystems: [SubsystemCompletion] = []
        for subsystem in plan.subsystems.sorted(by: { ($0.order, $0.code) < ($1.order, $1.code) }) {
            var tasks: [TaskCompletion] = []
            for task in plan.tasks where task.subsystemCode == subsystem.code {
                let targets = plan.targets.filter { $0.taskCode == task.code }.map { target in
                    Completion.target(target, entry: latest[target.code], judged: judgedByCode[target.code], sources: sources)
                }
                let rate: Decimal? = targets.isEmpty ? nil : Completion.mean(targets.map { $0.rate ?? 0 })
                tasks.append(TaskCompletion(task: task, targets: targets, rate: rate))
            }
            let rates = tasks.compactMap(\.rate)
            subsystems.append(SubsystemCompletion(subsystem: subsystem, tasks: tasks, rate: rates.isEmpty ? nil : Completion.mean(rates)))
        }
        self.subsystems = subsystems
        let rates = subsystems.compactMap(\.rate)
        overall = rates.isEmpty ? nil : Completion.mean(rates)
    }

    public init(snapshot: ProgrammeSnapshot, sources: [String: Decimal] = [:]) {
        self.init(plan: snapshot.plan, progress: snapshot.allProgress, judged: snapshot.judged, sources: sources)
    }

    public var tasks: [TaskCompletion] { subsystems.flatMap(\.tasks) }
    public var targets: [TargetCompletion] { tasks.flatMap(\.targets) }
    public func task(_ code: String) -> TaskCompletion? { tasks.first { $0.task.code == code } }
    public func target(_ code: String) -> TargetCompletion? { targets.first { $0.target.code == code } }

    /// The completion of one target from an actual value (nil = unknown) and an optional judgement.
    public static func target(_ target: TargetPlan, entry: ProgressEntry?, judged: JudgedRate?, sources: [String: Decimal]) -> TargetCompletion {
        var actual: Decimal? = nil
        var origin = ActualSource.none
        var asOf: Day? = nil
        if !target.source.isEmpty, let live = sources[target.source] {
            actual = live
            origin = .indicator
        } else if let entry {
            actual = entry.actual
            origin = .progress
            asOf = entry.asOf
        }
        let uncapped = actual.map { rate(actual: $0, target: target.value, comparator: target.comparator) }
        var effective = uncapped.map { min($0, 1) }
        var reason: String? = nil
        if let judged {
            effective = judged.rate
            reason = judged.reason
        }
        return TargetCompletion(target: target, actual: actual, actualSource: origin, asOf: asOf, uncapped: uncapped,
                                rate: effective, judgedReason: reason)
    }

    /// The uncapped completion rate of `actual` against `target` (a fraction, ≥ 0).
    public static func rate(actual: Decimal, target: Decimal, comparator: Comparator) -> Decimal {
        let value: Decimal
        switch comparator {
        case .atLeast:
            if target <= 0 { return 1 }
            value = actual / target
        case .atMost:
            if actual <= target { return 1 }
            value = actual > 0 ? target / actual : 0
        case .equal:
            if actual == target { return 1 }
            let low = min(actual, target), high = max(actual, target)
            value = high > 0 ? low / high : 0
        }
        return max(value, 0)
    }

    static func mean(_ values: [Decimal]) -> Decimal {
        guard !values.isEmpty else { return 0 }
        return values.reduce(Decimal(0), +) / Decimal(values.count)
    }
}

extension ProgrammeSnapshot {
    /// The plan's progress entries followed by the snapshot's own (the database's), each distinct
    /// entry once — a snapshot built with `progress: plan.progress` does not count entries twice.
    public var allProgress: [ProgressEntry] {
        var seen = Set<ProgressEntry>()
        return (plan.progress + progress).filter { seen.insert($0).inserted }
    }
    /// The plan's narratives overridden by the snapshot's own.
    public var allNarratives: [String: String] { plan.narratives.merging(narratives) { _, new in new } }
}
