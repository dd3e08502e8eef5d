import Accounts
import Commerce
import Vapor
import XiangcunKit

/// Who is looking at the people-and-commerce ledgers and what they may do (rules: `CommerceAccess`).
struct CommerceViewer: Sendable {
    let user: User
    let county: DivisionCode

    var role: Role { user.userRole }
    var canRecordTraining: Bool { CommerceAccess.canRecordTraining(role) }
    var canManage: Bool { CommerceAccess.canManage(role) }
    var canUnmask: Bool { CommerceAccess.canUnmask(role) }

    /// An ID number as this viewer sees it in lists: always masked (unmasking is one audited view).
    func idNumber(_ value: String) -> String { Identifiers.maskIDNumber(value) }
    func phone(_ value: String?) -> String { CommerceAccess.phone(value, role: role) ?? "—" }

    func requireRecordTraining() throws { if !canRecordTraining { throw Abort(.forbidden) } }
    func requireManage() throws { if !canManage { throw Abort(.forbidden) } }
}

extension Request {
    /// The viewer of the county in view; field roles without a use for these ledgers get 403.
    func commerceViewer() throws -> CommerceViewer {
        let user = try requireUser()
        guard CommerceAccess.canRead(user.userRole) else { throw Abort(.forbidden) }
        return CommerceViewer(user: user, county: try requireCounty())
    }
}
