/// Figures of the network that programme targets can use (e.g. the task "120 village stations"
/// takes its actual value from `villageStationsOperating`). Documented in docs/network.md.
public enum NetworkIndicator: String, Sendable, CaseIterable, Codable {
    /// Village stations operating at the date.
    case villageStationsOperating
    /// Village stations in the plan at the date (planned, under construction, operating, suspended).
    case villageStationsPlanned
    case townshipStationsOperating
    case townshipHubsOperating
    case commerceCentresOperating
    case countyServiceCentresOperating
    case coDeliveryCentresOperating
    case warehousesOperating
    case o2oStoresOperating
    case liveRoomsOperating
    case ecommerceParksOperating
    /// Townships served by an operating township-level station.
    case townshipsWithStation
    /// Active townships of the county.
    case townships
    /// Administrative villages served by an operating village station.
    case coveredVillages
    /// Administrative villages of the county (the coverage denominator).
    case villages
    /// Operating facilities flagged as demonstration stations (示范站点; current flag).
    case demonstrationStationsOperating
    /// Operating facilities with uniform signage (统一标识; current flag).
    case signageOperating

    public var messageKey: String { "network.indicator.\(rawValue)" }

    public func value(in report: CoverageReport) -> Int {
        switch self {
        case .villageStationsOperating: return report.count(.villageStation, .operating)
        case .villageStationsPlanned: return report.planned(.villageStation)
        case .townshipStationsOperating: return report.count(.townshipStation, .operating)
        case .townshipHubsOperating: return report.count(.townshipHub, .operating)
        case .commerceCentresOperating: return report.count(.commerceCentre, .operating)
        case .countyServiceCentresOperating: return report.count(.countyServiceCentre, .operating)
        case .coDeliveryCentresOperating: return report.count(.coDeliveryCentre, .operating)
        case .warehousesOperating: return report.count(.warehouse, .operating)
        case .o2oStoresOperating: return report.count(.o2oStore, .operating)
        case .liveRoomsOperating: return report.count(.liveRoom, .operating)
        case .ecommerceParksOperating: return report.count(.ecommercePark, .operating)
        case .townshipsWithStation: return report.townshipsWithStation
        case .townships: return report.townshipCount
        case .coveredVillages: return report.coveredVillages
        case .villages: return report.villages
        case .demonstrationStationsOperating: return report.demonstrationOperating
        case .signageOperating: return report.signageOperating
        }
    }
}
