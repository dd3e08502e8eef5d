import Accounts
import Divisions
import ServiceNetwork
import Vapor
import XiangcunKit

/// Who is looking at the network and what they may do: county administrators manage the
/// county's facilities; station operators see and edit only the station linked to their
/// account; contractors, auditors and province viewers read. Pages and the API ask here.
struct NetworkViewer: Sendable {
    let user: User
    let county: DivisionCode
    /// The station linked to an operator's account.
    let ownFacilityID: UUID?

    var role: Role { user.userRole }
    var canManage: Bool { NetworkAccess.canManage(role) }
    var isOperator: Bool { NetworkAccess.isOperator(role) }

    /// Operators see only their own station (others are "not found").
    func canSee(_ f: Facility) -> Bool { !isOperator || (f.id != nil && f.id == ownFacilityID) }
    /// Operators edit their own station's operational fields and records; administrators everything.
    func canOperate(_ f: Facility) -> Bool { canManage || (isOperator && f.id != nil && f.id == ownFacilityID) }

    /// The operator's phone as this viewer may see it: whole, masked, or nil when there is none.
    func operatorPhone(_ f: Facility) -> String? {
        NetworkAccess.phone(f.operatorPhone, role: role, ownStation: isOperator && f.id == ownFacilityID)
    }

    /// The operator's phone for a page ("—" when there is none).
    func phone(_ f: Facility) -> String { operatorPhone(f) ?? "—" }

    /// County-wide pages (coverage, map, reporting, ledger) are not for station operators.
    func requireCountyWide() throws {
        if isOperator { throw Abort(.forbidden) }
    }

    func requireManage() throws {
        if !canManage { throw Abort(.forbidden) }
    }

    /// Operators may change only their own station; administrators any.
    func requireOperate(_ f: Facility) throws {
        guard canOperate(f) else { throw Abort(.forbidden) }
    }
}

extension Request {
    func networkViewer() async throws -> NetworkViewer {
        let user = try require(.readNetwork)
        let county = try requireCounty()
        var own: UUID? = nil
        if user.userRole == .stationOperator, let id = user.id {
            own = try await NetworkQueries.operatorFacility(userID: id, county: county, on: db)?.id
        }
        return NetworkViewer(user: user, county: county, ownFacilityID: own)
    }

    /// A facility of the county in view that the viewer may see, or 404.
    func visibleFacility(_ viewer: NetworkViewer, parameter: String = "id") async throws -> Facility {
        guard let id = parameters.get(parameter, as: UUID.self),
              let f = try await NetworkQueries.facility(id, county: viewer.county, on: db), viewer.canSee(f) else { throw Abort(.notFound) }
        return f
    }
}
