import FluentKit
import Foundation
import LogisticsCore
import XiangcunKit

/// What one station has to move on one day: for dispatch (线路规划) to load its trips.
public struct StationLoad: Sendable, Equatable {
    /// The station (a `ServiceNetwork` Facility id).
    public var stationID: UUID
    /// Inbound parcels sorted to the station that day, to deliver, and their weight.
    public var inboundParcels: Int
    public var inboundGrams: Int
    /// Outbound farm-product parcels collected at the station that day, to carry back.
    public var outboundParcels: Int
    public var outboundGrams: Int

    public var inboundKg: Double { Double(inboundGrams) / 1000 }
    public var outboundKg: Double { Double(outboundGrams) / 1000 }
}

/// The loads per station of a county on a day, read from the daily rollup (one small query).
public enum LogisticsLoads {
    public static func stationLoads(county: DivisionCode, day: Day, on db: any Database) async throws -> [UUID: StationLoad] {
        var loads: [UUID: StationLoad] = [:]
        for row in try await DailyRollup.rows(county: county.value, from: day.iso, to: day.iso, on: db) {
            guard let station = row.station else { continue }
            var load = loads[station] ?? StationLoad(stationID: station, inboundParcels: 0, inboundGrams: 0, outboundParcels: 0, outboundGrams: 0)
            load.inboundParcels += Int(row["sorted"])
            load.inboundGrams += Int(row["sorted_g"])
            load.outboundParcels += Int(row["collected"])
            load.outboundGrams += Int(row["collected_g"])
            loads[station] = load
        }
        return loads.filter { $0.value.inboundParcels > 0 || $0.value.outboundParcels > 0 }
    }
}
