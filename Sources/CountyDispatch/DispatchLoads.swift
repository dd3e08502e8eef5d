import DispatchCore
import FluentKit
import Foundation
import ServiceNetwork
import XiangcunKit

/// The parcels per station per day that dispatch carries (站点日货量). This is the one place
/// loads enter dispatch: when the parcels side (`Logistics`) is merged, this function reads its
/// daily loads instead. Until then it derives them from the network's monthly operating
/// records of the month before (parcels in / out ÷ days of that month) and, for a station with
/// no record, a documented default (docs/dispatch.md).
public enum DispatchLoads {
    /// A village station without a record: 15 parcels in and 3 farm-product parcels out a day.
    public static let villageDefault = (deliver: 15, collect: 3)
    /// A hub's own counter without a record.
    public static let hubDefault = (deliver: 40, collect: 8)
    /// Average weights: inbound e-commerce parcels and outbound farm products.
    public static let inboundGrams = 1_500
    public static let outboundGrams = 4_000

    public static func stationLoads(county: DivisionCode, day: Day, network: DispatchNetwork, on db: any Database) async throws -> [UUID: StationLoad] {
        let month = day.monthKey.previous
        let records = try await NetworkQueries.records(county: county, month: month, on: db)
        let byFacility = Dictionary(records.map { ($0.facilityID, $0) }, uniquingKeysWith: { a, _ in a })
        var loads: [UUID: StationLoad] = [:]
        for place in network.hubs + network.villages {
            let fallback = place.kind == .hub ? hubDefault : villageDefault
            var deliver = fallback.deliver, collect = fallback.collect
            if let r = byFacility[place.id] {
                deliver = (r.parcelsIn + month.length - 1) / month.length
                collect = (r.parcelsOut + month.length - 1) / month.length
            }
            loads[place.id] = StationLoad(stationID: place.id, deliverParcels: deliver, deliverGrams: deliver * inboundGrams,
                                          collectParcels: collect, collectGrams: collect * outboundGrams)
        }
        return loads
    }
}
