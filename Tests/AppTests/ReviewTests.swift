import Audit
import Composition
import FluentKit
import Foundation
import Programme
import ProgrammeCore
import TestDatabases
import Testing
@testable import Web
import XiangcunKit

/// Disbursement approval and progress verification are one review: the same refusals, the
/// reviewer and time stored, and one audit entry of the change.
@Suite("Programme: the shared review")
struct ReviewTests {
    static let reviewer = AuditActor(userID: nil, name: "reviewer", address: "test")

    @Test(arguments: Engine.all)
    func bothReviewsRefuseTheSameWayAndAuditTheDecision(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            let other = try await OtherProgramme.load(app)
            let d = try #require(try await DisbursementRecord.find(other.disbursementID, on: app.db))
            let r = try #require(try await ProgressRecord.find(other.progressID, on: app.db))
            // Refusing needs a comment; nothing changes.
            await #expect(throws: ValidationFailure(["comment": "error.required"])) {
                try await Disbursements.review(d, approve: false, comment: " ", actor: Self.reviewer, on: app.db)
            }
            await #expect(throws: ValidationFailure(["comment": "error.required"])) {
                try await ProgressReports.review(r, verify: false, comment: "", actor: Self.reviewer, on: app.db)
            }
            #expect(try await DisbursementRecord.find(d.id, on: app.db)?.status == "pending")
            #expect(try await ProgressRecord.find(r.id, on: app.db)?.status == "submitted")

            try await Disbursements.review(d, approve: false, comment: "缺少验收单", actor: Self.reviewer, on: app.db)
            try await ProgressReports.review(r, verify: true, comment: "", actor: Self.reviewer, on: app.db)
            let rejected = try #require(try await DisbursementRecord.find(d.id, on: app.db))
            #expect(rejected.status == "rejected" && rejected.approvedBy == "reviewer" && rejected.approvedAt != nil && rejected.reviewComment == "缺少验收单")
            let verified = try #require(try await ProgressRecord.find(r.id, on: app.db))
            #expect(verified.status == "verified" && verified.reviewedBy == "reviewer" && verified.reviewedAt != nil)

            // A record already reviewed is not reviewed again.
            await #expect(throws: ValidationFailure(["status": "error.notPending"])) {
                try await Disbursements.review(rejected, approve: true, comment: "", actor: Self.reviewer, on: app.db)
            }
            await #expect(throws: ValidationFailure(["status": "error.notPending"])) {
                try await ProgressReports.review(verified, verify: false, comment: "重复", actor: Self.reviewer, on: app.db)
            }

            let entries = try await AuditEntry.query(on: app.db).filter(\.$actorName == "reviewer").all()
            #expect(entries.count == 2, "one entry per decision, none for refusals")
            let disbursement = try #require(entries.first { $0.entity == DisbursementRecord.schema })
            #expect(AuditLog.decode(disbursement.oldValues) == ["status": "pending", "comment": ""])
            #expect(AuditLog.decode(disbursement.newValues) == ["status": "rejected", "comment": "缺少验收单"])
            let progress = try #require(entries.first { $0.entity == ProgressRecord.schema })
            #expect(progress.action == "update" && progress.entityID == other.progressID.uuidString)
            #expect(AuditLog.decode(progress.oldValues) == ["status": "submitted"])
            #expect(AuditLog.decode(progress.newValues) == ["status": "verified"])
        }
    }
}
