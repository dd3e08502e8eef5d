import FluentKit
import Foundation

// Database rows of the programme. Every table carries the county code (for partitioning and
// for scoping checks in queries) and the programme id; unique keys include them.

/// 示范项目 (one county, one batch year).
public final class ProgrammeRecord: Model, @unchecked Sendable {
    public static let schema = "programmes"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "batch_year") public var batchYear: Int
    @Field(key: "title") public var title: String
    @OptionalField(key: "approval_date") public var approvalDate: String?
    @Field(key: "central_allocated_fen") public var centralAllocatedFen: Int64
    @Field(key: "local_matching_fen") public var localMatchingFen: Int64
    @Field(key: "enterprise_fen") public var enterpriseFen: Int64
    @Field(key: "status") public var status: String
    @Field(key: "leadership_group") public var leadershipGroup: String
    @Field(key: "office") public var office: String
    @Field(key: "supervision") public var supervision: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

/// 体系
public final class SubsystemRecord: Model, @unchecked Sendable {
    public static let schema = "programme_subsystems"
    @ID(key: .id) public var id: UUID?
    @Field(key: "programme_id") public var programmeID: UUID
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "code") public var code: String
    @Field(key: "name") public var name: String
    @Field(key: "sort_order") public var sortOrder: Int
    public init() {}
}

/// 建设任务
public final class TaskRecord: Model, @unchecked Sendable {
    public static let schema = "programme_tasks"
    @ID(key: .id) public var id: UUID?
    @Field(key: "programme_id") public var programmeID: UUID
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "subsystem_code") public var subsystemCode: String
    @Field(key: "code") public var code: String
    @Field(key: "name") public var name: String
    @Field(key: "description") public var description: String
    @OptionalField(key: "hardware_deadline") public var hardwareDeadline: String?
    @OptionalField(key: "operation_deadline") public var operationDeadline: String?
    @Field(key: "deadline_note") public var deadlineNote: String
    /// 责任单位, joined with "、".
    @Field(key: "responsible_units") public var responsibleUnits: String
    /// Contractor names, joined with "、".
    @Field(key: "contractors") public var contractors: String
    public init() {}
}

/// 目标 / 指标
public final class TargetRecord: Model, @unchecked Sendable {
    public static let schema = "programme_targets"
    @ID(key: .id) public var id: UUID?
    @Field(key: "programme_id") public var programmeID: UUID
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "task_code") public var taskCode: String
    @Field(key: "code") public var code: String
    @Field(key: "metric") public var metric: String
    @Field(key: "unit") public var unit: String
    @Field(key: "comparator") public var comparator: String
    /// Exact decimal as text.
    @Field(key: "value") public var value: String
    @Field(key: "source") public var source: String
    /// The county's judged completion (fraction as text) overriding the computed one.
    @OptionalField(key: "judged_rate") public var judgedRate: String?
    @Field(key: "judged_reason") public var judgedReason: String
    public init() {}
}

/// 承办企业
public final class ContractorRecord: Model, @unchecked Sendable {
    public static let schema = "programme_contractors"
    @ID(key: .id) public var id: UUID?
    @Field(key: "programme_id") public var programmeID: UUID
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "name") public var name: String
    @Field(key: "credit_code") public var creditCode: String
    @Field(key: "selection") public var selection: String
    @OptionalField(key: "agreement_date") public var agreementDate: String?
    @Field(key: "consortium") public var consortium: String
    public init() {}
}

/// Which users act for which contractor (承办企业人员).
public final class ContractorMember: Model, @unchecked Sendable {
    public static let schema = "programme_contractor_members"
    @ID(key: .id) public var id: UUID?
    @Field(key: "contractor_id") public var contractorID: UUID
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "county_code") public var countyCode: String
    public init() {}
}

/// 资金计划 row: planned central funds for a contractor's construction content.
public final class FundRowRecord: Model, @unchecked Sendable {
    public static let schema = "programme_fund_rows"
    @ID(key: .id) public var id: UUID?
    @Field(key: "programme_id") public var programmeID: UUID
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "contractor_id") public var contractorID: UUID
    @Field(key: "content") public var content: String
    @Field(key: "subsystem_code") public var subsystemCode: String
    @Field(key: "planned_fen") public var plannedFen: Int64
    @Field(key: "category") public var category: String
    @Field(key: "sort_order") public var sortOrder: Int
    public init() {}
}

/// 拨付
public final class DisbursementRecord: Model, @unchecked Sendable {
    public static let schema = "programme_disbursements"
    @ID(key: .id) public var id: UUID?
    @Field(key: "programme_id") public var programmeID: UUID
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "fund_row_id") public var fundRowID: UUID
    @Field(key: "date") public var date: String
    @Field(key: "amount_fen") public var amountFen: Int64
    @Field(key: "tranche") public var tranche: String
    @Field(key: "basis") public var basis: String
    @Field(key: "category") public var category: String
    @Field(key: "status") public var status: String
    @OptionalField(key: "created_by") public var createdBy: String?
    @OptionalField(key: "approved_by") public var approvedBy: String?
    @OptionalField(key: "approved_at") public var approvedAt: Date?
    @Field(key: "review_comment") public var reviewComment: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

/// 进度 report of one target.
public final class ProgressRecord: Model, @unchecked Sendable {
    public static let schema = "programme_progress"
    @ID(key: .id) public var id: UUID?
    @Field(key: "programme_id") public var programmeID: UUID
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "target_code") public var targetCode: String
    @Field(key: "as_of") public var asOf: String
    @Field(key: "actual") public var actual: String
    @Field(key: "narrative") public var narrative: String
    @Field(key: "status") public var status: String
    @Field(key: "review_comment") public var reviewComment: String
    @OptionalField(key: "submitted_by") public var submittedBy: String?
    @OptionalField(key: "reviewed_by") public var reviewedBy: String?
    @OptionalField(key: "reviewed_at") public var reviewedAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

/// A file supporting a progress report or a disbursement (佐证材料), stored by content hash.
public final class EvidenceRecord: Model, @unchecked Sendable {
    public static let schema = "programme_evidence"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "owner_kind") public var ownerKind: String
    @Field(key: "owner_id") public var ownerID: UUID
    @Field(key: "filename") public var filename: String
    @Field(key: "content_type") public var contentType: String
    @Field(key: "size") public var size: Int
    @Field(key: "sha256") public var sha256: String
    /// Shown on the public disclosure pages only when marked public.
    @Field(key: "public") public var isPublic: Bool
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

/// Narrative text of the self-assessment report, keyed by `NarrativeKey`.
public final class NarrativeRecord: Model, @unchecked Sendable {
    public static let schema = "programme_narratives"
    @ID(key: .id) public var id: UUID?
    @Field(key: "programme_id") public var programmeID: UUID
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "key") public var key: String
    @Field(key: "text") public var text: String
    public init() {}
}
