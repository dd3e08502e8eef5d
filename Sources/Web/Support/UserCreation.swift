import Accounts
import Audit
import Vapor
import XiangcunKit

extension Request {
    /// Creates an account for the signed-in administrator, the one way the form and the API do it.
    ///
    /// A name already taken is answered the same whether it is taken in the administrator's
    /// county or elsewhere, is written to the audit trail, and after ten such answers in an hour
    /// the administrator is refused (429) for the rest of the hour, so the answer cannot be used
    /// to list the sign-in names of other counties.
    func createUser(_ new: NewUser, by admin: User) async throws -> User {
        let throttle = application.nameProbeThrottle
        if let minutes = try await throttle.blockedMinutes(account: admin.username, address: clientAddress, on: db) {
            throw Abort(.tooManyRequests, reason: "too many names already taken; try again in \(minutes) minutes")
        }
        do {
            return try await AccountService.create(new, hasher: application.passwordHasher, actor: actor, creatorScope: admin.scope, on: db)
        } catch let failure as ValidationFailure where failure.fields["username"] == "error.taken" {
            try await throttle.recordFailure(account: admin.username, address: clientAddress, on: db)
            try await AuditLog.record(on: db, actor: actor, action: .create, entity: User.schema, entityID: "",
                                      county: admin.countyCode, new: ["refused": "username taken", "username": new.username])
            throw failure
        }
    }
}
