import Foundation
import XiangcunKit

/// How often a village station is served (服务频次). The dispatch cycle is 6 days long and
/// repeats, so a visit pattern chosen for a cycle keeps its spacing across cycles.
public enum ServiceFrequency: String, Sendable, CaseIterable, Codable {
    /// 每日
    case daily
    /// 隔日（每 2 天一次）— the seeds' rule for administrative villages.
    case everyTwoDays
    /// 每周 3 次 — the seeds' rule for outbound pick-up (揽收).
    case threePerWeek

    /// The default for a village: at least every 2 days.
    public static let villageDefault = ServiceFrequency.everyTwoDays

    public var messageKey: String { "dispatch.frequency.\(rawValue)" }

    /// Visit-day patterns allowed over one cycle (days 1…`DispatchCycle.length`). A pattern
    /// repeated cycle after cycle keeps the frequency: {1,3,5} gives every 2 days forever.
    public var patterns: [[Int]] {
        switch self {
        case .daily: return [Array(1...DispatchCycle.length)]
        case .everyTwoDays: return [[1, 3, 5], [2, 4, 6]]
        case .threePerWeek: return [[1, 3, 5], [2, 4, 6], [1, 3, 6], [1, 4, 6], [2, 4, 6]].uniqued()
        }
    }

    public var visitsPerCycle: Int { patterns[0].count }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}

/// The repeating dispatch cycle: 6 days anchored on a fixed day, so every day of the calendar
/// has one cycle and one position in it, whichever day is planned first.
public enum DispatchCycle {
    public static let length = 6
    /// 2024-01-01: any fixed day would do; it only has to never change.
    static let anchor = Day.of(2024, 1, 1)

    /// The first day of the cycle that contains `day`.
    public static func start(of day: Day) -> Day {
        let offset = ((anchor.days(until: day) % length) + length) % length
        return day.adding(days: -offset)
    }

    /// Position of `day` in its cycle, 1…6.
    public static func position(of day: Day) -> Int { start(of: day).days(until: day) + 1 }

    /// Days since the previous visit of a cyclic pattern when visiting on `position`: the load
    /// that waited at the hub since then comes on this visit.
    public static func gap(before position: Int, in pattern: [Int]) -> Int {
        let sorted = pattern.sorted()
        guard let index = sorted.firstIndex(of: position) else { return 0 }
        if index > 0 { return position - sorted[index - 1] }
        guard let last = sorted.last else { return length }
        return position + length - last
    }
}

/// A point on the map (WGS-84).
public struct GeoPoint: Sendable, Equatable, Codable {
    public var latitude: Double
    public var longitude: Double
    public init(latitude: Double, longitude: Double) { self.latitude = latitude; self.longitude = longitude }
}

/// A place vehicles leave from or stop at: the county co-delivery centre (县级统仓共配中心), a
/// township hub (乡镇物流中转站) or a village station (村级服务站).
public struct DispatchPlace: Sendable, Equatable, Identifiable {
    public enum Kind: String, Sendable, Codable { case centre, hub, village }
    public var id: UUID
    public var name: String
    public var kind: Kind
    public var location: GeoPoint?
    /// For a village: the hub whose vehicles serve it.
    public var hubID: UUID?
    public var frequency: ServiceFrequency

    public init(id: UUID, name: String, kind: Kind, location: GeoPoint?, hubID: UUID? = nil, frequency: ServiceFrequency = .daily) {
        self.id = id; self.name = name; self.kind = kind; self.location = location; self.hubID = hubID; self.frequency = frequency
    }
}

/// A vehicle of the county's fleet (车辆) with its home depot and shift.
public struct DispatchVehicle: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var name: String
    public var capacityParcels: Int
    public var capacityKg: Int
    /// Cost of using the vehicle for a day (driver, depreciation …).
    public var fixedCost: Money
    /// Cost per kilometre driven (fuel, wear).
    public var costPerKm: Money
    /// Shift, minutes after midnight (Beijing time).
    public var shiftStart: Int
    public var shiftEnd: Int
    /// The centre or a hub (a `DispatchPlace` id).
    public var depotID: UUID

    public init(id: UUID, name: String, capacityParcels: Int, capacityKg: Int, fixedCost: Money, costPerKm: Money,
                shiftStart: Int, shiftEnd: Int, depotID: UUID) {
        self.id = id; self.name = name; self.capacityParcels = capacityParcels; self.capacityKg = capacityKg
        self.fixedCost = fixedCost; self.costPerKm = costPerKm; self.shiftStart = shiftStart; self.shiftEnd = shiftEnd; self.depotID = depotID
    }

    /// Cost of a day's route of `metres`: fixed cost + per-km cost, rounded to the fen.
    public func cost(metres: Int) -> Money {
        Money(fen: fixedCost.fen + (costPerKm.fen * Int64(metres) + 500) / 1000)
    }
}

/// The parcels one station sends and receives on one day (站点日货量): inbound parcels to
/// deliver to it and outbound farm products to collect from it. The parcels side supplies these
/// (`StationLoadSource`); until it does, they come from the monthly operating records.
public struct StationLoad: Sendable, Equatable {
    public var stationID: UUID
    public var deliverParcels: Int
    public var deliverGrams: Int
    public var collectParcels: Int
    public var collectGrams: Int

    public init(stationID: UUID, deliverParcels: Int, deliverGrams: Int, collectParcels: Int, collectGrams: Int) {
        self.stationID = stationID; self.deliverParcels = deliverParcels; self.deliverGrams = deliverGrams
        self.collectParcels = collectParcels; self.collectGrams = collectGrams
    }

    public static func + (l: StationLoad, r: StationLoad) -> StationLoad {
        StationLoad(stationID: l.stationID, deliverParcels: l.deliverParcels + r.deliverParcels, deliverGrams: l.deliverGrams + r.deliverGrams,
                    collectParcels: l.collectParcels + r.collectParcels, collectGrams: l.collectGrams + r.collectGrams)
    }

    /// The load of `days` days (what waited at the hub between two visits).
    public func times(_ days: Int) -> StationLoad {
        StationLoad(stationID: stationID, deliverParcels: deliverParcels * days, deliverGrams: deliverGrams * days,
                    collectParcels: collectParcels * days, collectGrams: collectGrams * days)
    }
}

/// One of the county's current fixed routes (现行固定线路), run every day: the comparison the
/// plan has to beat.
public struct FixedRoute: Sendable, Equatable {
    public var name: String
    public var vehicleID: UUID
    /// Stops in driving order (place ids), starting and ending at the vehicle's depot.
    public var stops: [UUID]
    /// The daily cost the county pays for it, when known; else computed from the vehicle's costs.
    public var dailyCost: Money?

    public init(name: String, vehicleID: UUID, stops: [UUID], dailyCost: Money? = nil) {
        self.name = name; self.vehicleID = vehicleID; self.stops = stops; self.dailyCost = dailyCost
    }
}
