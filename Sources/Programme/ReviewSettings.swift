import Audit
import FluentKit
import Foundation
import XiangcunKit

/// A county's choice about separation of duties (职责分离). By default the one who records a
/// disbursement cannot approve it, and the one who submits a progress report cannot verify it.
/// A one-person office may allow it; the choice, and every change of it, is in the audit trail.
public final class ReviewSettingRecord: Model, @unchecked Sendable {
    public static let schema = "programme_review_settings"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "self_review_allowed") public var selfReviewAllowed: Bool
    @Field(key: "reason") public var reason: String
    @OptionalField(key: "changed_by") public var changedBy: String?
    @Timestamp(key: "changed_at", on: .update) public var changedAt: Date?
    public init() {}
}

public struct CreateReviewSettings: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(ReviewSettingRecord.schema).id()
            .field("county_code", .string, .required)
            .field("self_review_allowed", .bool, .required)
            .field("reason", .string, .required)
            .field("changed_by", .string)
            .field("changed_at", .datetime)
            .unique(on: "county_code")
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(ReviewSettingRecord.schema).delete()
    }
}

public enum ReviewSettings {
    /// Whether the county lets one person both record and review (default: no).
    public static func selfReviewAllowed(county: String, on db: any Database) async throws -> Bool {
        try await ReviewSettingRecord.query(on: db).filter(\.$countyCode == county).first()?.selfReviewAllowed ?? false
    }

    /// Changes the county's choice; allowing it needs a reason, and both go to the audit trail.
    public static func set(county: String, allowed: Bool, reason: String, actor: AuditActor, on db: any Database) async throws {
        var failure = ValidationFailure()
        let reason = FieldRules.text(reason, field: "reason", limit: 500, into: &failure)
        if allowed && reason.isEmpty { failure.add("reason", "error.required") }
        try failure.throwIfAny()
        try await db.writeTransaction { tx in
            let record = try await ReviewSettingRecord.query(on: tx).filter(\.$countyCode == county).first() ?? ReviewSettingRecord()
            let old: AuditValues = record.id == nil ? [:] : ["selfReviewAllowed": "\(record.selfReviewAllowed)", "reason": record.reason]
            record.countyCode = county; record.selfReviewAllowed = allowed; record.reason = reason; record.changedBy = actor.name
            try await record.save(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .update, entity: ReviewSettingRecord.schema, entityID: county, county: county,
                                      old: old, new: ["selfReviewAllowed": "\(allowed)", "reason": reason])
        }
    }
}
