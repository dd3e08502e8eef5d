import Accounts
import Audit
import FluentKit

/// Creates the programme tables. Child rows cascade with their programme (a replaced plan);
/// the audit trail keeps their history.
public struct CreateProgrammeTables: AsyncMigration {
    public init() {}

    public func prepare(on db: any Database) async throws {
        try await db.schema(ProgrammeRecord.schema).id()
            .field("county_code", .string, .required).field("batch_year", .int, .required).field("title", .string, .required)
            .field("approval_date", .string).field("central_allocated_fen", .int64, .required)
            .field("local_matching_fen", .int64, .required).field("enterprise_fen", .int64, .required)
            .field("status", .string, .required).field("leadership_group", .string, .required).field("office", .string, .required)
            .field("supervision", .string, .required).field("created_at", .datetime)
            .unique(on: "county_code", "batch_year").create()
        try await child(SubsystemRecord.schema, db) {
            $0.field("code", .string, .required).field("name", .string, .required).field("sort_order", .int, .required)
                .unique(on: "programme_id", "county_code", "code")
        }
        try await child(TaskRecord.schema, db) {
            $0.field("subsystem_code", .string, .required).field("code", .string, .required).field("name", .string, .required)
                .field("description", .string, .required).field("hardware_deadline", .string).field("operation_deadline", .string)
                .field("deadline_note", .string, .required).field("responsible_units", .string, .required).field("contractors", .string, .required)
                .unique(on: "programme_id", "county_code", "code")
        }
        try await child(TargetRecord.schema, db) {
            $0.field("task_code", .string, .required).field("code", .string, .required).field("metric", .string, .required)
                .field("unit", .string, .required).field("comparator", .string, .required).field("value", .string, .required)
                .field("source", .string, .required).field("judged_rate", .string).field("judged_reason", .string, .required)
                .unique(on: "programme_id", "county_code", "code")
        }
        try await child(ContractorRecord.schema, db) {
            $0.field("name", .string, .required).field("credit_code", .string, .required).field("selection", .string, .required)
                .field("agreement_date", .string).field("consortium", .string, .required)
                .unique(on: "programme_id", "county_code", "name")
        }
        try await db.schema(ContractorMember.schema).id()
            .field("contractor_id", .uuid, .required, .references(ContractorRecord.schema, .id, onDelete: .cascade))
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .field("county_code", .string, .required)
            .unique(on: "contractor_id", "user_id").create()
        try await child(FundRowRecord.schema, db) {
            $0.field("contractor_id", .uuid, .required, .references(ContractorRecord.schema, .id, onDelete: .cascade))
                .field("content", .string, .required).field("subsystem_code", .string, .required).field("planned_fen", .int64, .required)
                .field("category", .string, .required).field("sort_order", .int, .required)
                .unique(on: "programme_id", "county_code", "contractor_id", "content")
        }
        try await child(DisbursementRecord.schema, db) {
            $0.field("fund_row_id", .uuid, .required, .references(FundRowRecord.schema, .id, onDelete: .cascade))
                .field("date", .string, .required).field("amount_fen", .int64, .required).field("tranche", .string, .required)
                .field("basis", .string, .required).field("category", .string, .required).field("status", .string, .required)
                .field("created_by", .string).field("approved_by", .string).field("approved_at", .datetime)
                .field("review_comment", .string, .required).field("created_at", .datetime)
        }
        try await child(ProgressRecord.schema, db) {
            $0.field("target_code", .string, .required).field("as_of", .string, .required).field("actual", .string, .required)
                .field("narrative", .string, .required).field("status", .string, .required).field("review_comment", .string, .required)
                .field("submitted_by", .string).field("reviewed_by", .string).field("reviewed_at", .datetime).field("created_at", .datetime)
        }
        try await db.schema(EvidenceRecord.schema).id()
            .field("county_code", .string, .required).field("owner_kind", .string, .required).field("owner_id", .uuid, .required)
            .field("filename", .string, .required).field("content_type", .string, .required).field("size", .int, .required)
            .field("sha256", .string, .required).field("public", .bool, .required).field("created_at", .datetime).create()
        try await child(NarrativeRecord.schema, db) {
            $0.field("key", .string, .required).field("text", .string, .required).unique(on: "programme_id", "county_code", "key")
        }
        for table in [SubsystemRecord.schema, TaskRecord.schema, TargetRecord.schema, ContractorRecord.schema, FundRowRecord.schema,
                      DisbursementRecord.schema, ProgressRecord.schema, NarrativeRecord.schema] {
            try await db.createIndex("\(table)_programme", on: table, columns: ["programme_id"])
        }
        try await db.createIndex("programme_evidence_owner", on: EvidenceRecord.schema, columns: ["owner_id"])
    }

    func child(_ table: String, _ db: any Database, _ columns: (SchemaBuilder) -> SchemaBuilder) async throws {
        let builder = db.schema(table).id()
            .field("programme_id", .uuid, .required, .references(ProgrammeRecord.schema, .id, onDelete: .cascade))
            .field("county_code", .string, .required)
        try await columns(builder).create()
    }

    public func revert(on db: any Database) async throws {
        for table in [NarrativeRecord.schema, EvidenceRecord.schema, ProgressRecord.schema, DisbursementRecord.schema, FundRowRecord.schema,
                      ContractorMember.schema, ContractorRecord.schema, TargetRecord.schema, TaskRecord.schema, SubsystemRecord.schema,
                      ProgrammeRecord.schema] {
            try await db.schema(table).delete()
        }
    }
}
