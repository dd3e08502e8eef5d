import Foundation
import XiangcunKit

public enum ProgressStatus: String, Sendable, Codable, CaseIterable {
    /// Reported by the contractor, not yet checked.
    case submitted
    /// Checked by the auditor or the county: counts toward completion.
    case verified
    /// Sent back with a comment.
    case returned
}

/// A reported actual value of a target as of a date (进度), with its review state.
public struct ProgressEntry: Sendable, Codable, Equatable {
    public var targetCode: String
    public var asOf: Day
    public var actual: Decimal
    public var narrative: String
    public var status: ProgressStatus
    public var reviewComment: String

    public init(targetCode: String, asOf: Day, actual: Decimal, narrative: String = "", status: ProgressStatus = .submitted, reviewComment: String = "") {
        self.targetCode = targetCode
        self.asOf = asOf
        self.actual = actual
        self.narrative = narrative
        self.status = status
        self.reviewComment = reviewComment
    }
}

extension ProgressEntry: Hashable {}

/// The county's own judgement of a target's completion, overriding the computed rate.
public struct JudgedRate: Sendable, Codable, Equatable {
    public var targetCode: String
    /// A fraction: 0.5 = 50%.
    public var rate: Decimal
    public var reason: String

    public init(targetCode: String, rate: Decimal, reason: String) {
        self.targetCode = targetCode
        self.rate = rate
        self.reason = reason
    }
}

/// Keys of the narrative sections the county writes for the self-assessment report.
/// Per-subsystem progress text uses `progress.<subsystem code>`.
public enum NarrativeKey {
    public static let introduction = "introduction"                   // 报告开头（引言）
    public static let coordination = "organisation.coordination"      // 组织协调机制
    public static let contractors = "organisation.contractors"        // 承办企业及确定方式
    public static let rules = "organisation.rules"                    // 制度建设
    public static let disclosure = "organisation.disclosure"          // 公开公示
    public static let supervision = "organisation.supervision"        // 监督检查
    public static let problems = "problems"                           // 存在问题
    public static let nextSteps = "nextSteps"                         // 下步工作计划
    public static let signature = "signature"                         // 落款单位
    public static func progress(_ subsystemCode: String) -> String { "progress.\(subsystemCode)" }

    public static let fixed = [introduction, coordination, contractors, rules, disclosure, supervision, problems, nextSteps, signature]
}

/// Everything reports and dashboards read: the plan, what was achieved, and the county's texts.
public struct ProgrammeSnapshot: Sendable, Codable, Equatable {
    public var plan: ProgrammePlan
    public var progress: [ProgressEntry]
    public var judged: [JudgedRate]
    public var narratives: [String: String]
    /// "遂昌县"
    public var countyName: String
    /// The report date.
    public var asOf: Day

    public init(plan: ProgrammePlan, progress: [ProgressEntry] = [], judged: [JudgedRate] = [], narratives: [String: String] = [:],
                countyName: String, asOf: Day) {
        self.plan = plan
        self.progress = progress
        self.judged = judged
        self.narratives = narratives
        self.countyName = countyName
        self.asOf = asOf
    }
}
