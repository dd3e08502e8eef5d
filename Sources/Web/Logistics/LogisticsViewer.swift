import Accounts
import Logistics
import ServiceNetwork
import Vapor
import XiangcunKit

/// Who is looking at logistics and what they may do: sorters and the county handle parcels;
/// a station operator works only their own station's parcels; drivers scan loads and
/// arrivals; the county edits carriers and settings; auditors and province viewers read.
struct LogisticsViewer: Sendable {
    let user: User
    let county: DivisionCode
    /// The station linked to an operator's account.
    let ownStation: UUID?

    var role: Role { user.userRole }
    var handles: Bool { role.can(.handleParcels) }
    var manages: Bool { role.can(.manageLogistics) }
    var isOperator: Bool { role == .stationOperator }
    var isDriver: Bool { role == .driver }
    /// County-wide reading (lists, statistics): everyone but operators, drivers and producers.
    var readsCounty: Bool { !isOperator && !isDriver && role != .producer && role != .inspector }

    func requireHandle() throws { if !handles { throw Abort(.forbidden) } }
    func requireManage() throws { if !manages { throw Abort(.forbidden) } }
    func requireCountyWide() throws { if !readsCounty { throw Abort(.forbidden) } }

    /// Scan kinds this viewer records on the scan page.
    var scanKinds: [String] {
        if handles { return ["received", "sorted", "loaded", "arrivedHub", "arrivedStation", "returned", "lost", "handedOver"] }
        if isDriver { return ["loaded", "arrivedHub", "arrivedStation"] }
        if isOperator { return ["arrivedStation", "returned"] }
        return []
    }

    /// A parcel this viewer may open: the county's for readers, the own station's for operators.
    func canSee(_ p: Parcel) -> Bool { readsCounty || handles || (isOperator && p.stationID != nil && p.stationID == ownStation) }
}

extension Request {
    func logisticsViewer() async throws -> LogisticsViewer {
        let user = try requireUser()
        let county = try requireCounty()
        var own: UUID? = nil
        if user.userRole == .stationOperator, let id = user.id {
            own = try await NetworkQueries.operatorFacility(userID: id, county: county, on: db)?.id
        }
        return LogisticsViewer(user: user, county: county, ownStation: own)
    }

    /// A parcel of the county in view that the viewer may see, or 404.
    func visibleParcel(_ viewer: LogisticsViewer) async throws -> Parcel {
        guard let id = parameters.get("id", as: UUID.self), let p = try await ParcelQueries.parcel(id, county: viewer.county, on: db),
              viewer.canSee(p) else { throw Abort(.notFound) }
        return p
    }
}
