import Accounts
import DispatchCore
import FluentKit
import Foundation
import NetworkCore
import ServiceNetwork
import XiangcunKit

/// The county's dispatch network read from the service network: the co-delivery centre, the
/// operating township hubs and village stations, each village with its hub and frequency.
public struct DispatchNetwork: Sendable {
    public var centre: DispatchPlace?
    public var hubs: [DispatchPlace]
    public var villages: [DispatchPlace]
    public var places: [UUID: DispatchPlace] {
        Dictionary(([centre].compactMap { $0 } + hubs + villages).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }
    /// Name → id, for imports (names are unique in a county).
    public var idsByName: [String: UUID] { Dictionary(places.values.map { ($0.name, $0.id) }, uniquingKeysWith: { a, _ in a }) }
}

public enum DispatchQueries {
    public static func network(county: DivisionCode, on db: any Database) async throws -> DispatchNetwork {
        let all = try await NetworkQueries.facilities(county: county, filter: FacilityFilter(status: .operating), on: db)
        let served = try await NetworkQueries.servedByFacility(county: county, on: db)
        let frequencies = try await FrequencyRecord.query(on: db).filter(\.$countyCode == county.value).all()
        let frequencyOf = Dictionary(frequencies.map { ($0.facilityID, ServiceFrequency(rawValue: $0.frequency) ?? .villageDefault) }, uniquingKeysWith: { a, _ in a })
        func place(_ f: Facility, _ kind: DispatchPlace.Kind) -> DispatchPlace? {
            guard let id = f.id else { return nil }
            let location = f.latitude.flatMap { lat in f.longitude.map { GeoPoint(latitude: lat, longitude: $0) } }
            return DispatchPlace(id: id, name: f.name, kind: kind, location: location, frequency: kind == .village ? (frequencyOf[id] ?? .villageDefault) : .daily)
        }
        let centre = all.first { $0.facilityType == .coDeliveryCentre }.flatMap { place($0, .centre) }
        let hubFacilities = all.filter { $0.facilityType == .townshipHub }
        let hubs = hubFacilities.compactMap { place($0, .hub) }
        // A hub serves its own township and the townships it lists.
        var hubOfTownship: [String: UUID] = [:]
        for f in hubFacilities {
            guard let id = f.id else { continue }
            for code in [DivisionCode.townshipOf(f.divisionCode)].compactMap({ $0 }) + (served[id] ?? []) { hubOfTownship[code] = hubOfTownship[code] ?? id }
        }
        let villages = all.filter { $0.facilityType == .villageStation }.compactMap { f -> DispatchPlace? in
            guard var v = place(f, .village) else { return nil }
            v.hubID = DivisionCode.townshipOf(f.divisionCode).flatMap { hubOfTownship[$0] } ?? nearest(v, hubs)
            return v.hubID == nil ? nil : v
        }
        return DispatchNetwork(centre: centre, hubs: hubs, villages: villages)
    }

    /// The closest hub by straight line, for a village whose township no hub lists.
    static func nearest(_ v: DispatchPlace, _ hubs: [DispatchPlace]) -> UUID? {
        guard let p = v.location else { return hubs.first?.id }
        return hubs.compactMap { h in h.location.map { (h.id, DistanceTable.haversineKm(p, $0)) } }.min { $0.1 < $1.1 }?.0
    }

    public static func vehicles(county: DivisionCode, on db: any Database) async throws -> [VehicleRecord] {
        try await VehicleRecord.query(on: db).filter(\.$countyCode == county.value).sort(\.$name).all()
    }

    public static func vehicle(_ id: UUID, county: DivisionCode, on db: any Database) async throws -> VehicleRecord? {
        try await VehicleRecord.query(on: db).filter(\.$id == id).filter(\.$countyCode == county.value).first()
    }

    /// The vehicle a driver account is linked to.
    public static func vehicle(driver userID: UUID, county: DivisionCode, on db: any Database) async throws -> VehicleRecord? {
        try await VehicleRecord.query(on: db).filter(\.$driverID == userID).filter(\.$countyCode == county.value).first()
    }

    /// The county's active driver accounts (to link to vehicles).
    public static func drivers(county: DivisionCode, on db: any Database) async throws -> [User] {
        try await User.query(on: db).filter(\.$countyCode == county.value).filter(\.$role == Role.driver.rawValue)
            .filter(\.$disabled == false).sort(\.$displayName).all()
    }

    public static func fixedRoutes(county: DivisionCode, on db: any Database) async throws -> [FixedRouteRecord] {
        try await FixedRouteRecord.query(on: db).filter(\.$countyCode == county.value).sort(\.$name).all()
    }

    public static func settings(county: DivisionCode, on db: any Database) async throws -> DispatchSettings? {
        try await DispatchSettings.query(on: db).filter(\.$countyCode == county.value).first()
    }

    public static func distances(county: DivisionCode, on db: any Database) async throws -> DistanceTable {
        let s = try await settings(county: county, on: db)
        var imported: [DistanceTable.Pair: Int] = [:]
        for d in try await DistanceRecord.query(on: db).filter(\.$countyCode == county.value).all() { imported[.init(d.fromID, d.toID)] = d.metres }
        return DistanceTable(roadFactor: s?.roadFactor ?? DistanceTable.defaultRoadFactor, imported: imported)
    }

    public static func importedDistanceCount(county: DivisionCode, on db: any Database) async throws -> Int {
        try await DistanceRecord.query(on: db).filter(\.$countyCode == county.value).count()
    }

    public static func plan(county: DivisionCode, day: Day, on db: any Database) async throws -> PlanRecord? {
        try await PlanRecord.query(on: db).filter(\.$countyCode == county.value).filter(\.$day == day.iso).first()
    }

    /// A plan by id, only inside the county (nil otherwise, so callers answer 404).
    public static func plan(_ id: UUID, county: DivisionCode, on db: any Database) async throws -> PlanRecord? {
        try await PlanRecord.query(on: db).filter(\.$id == id).filter(\.$countyCode == county.value).first()
    }

    /// Recent plans of the county, newest day first (a page of them).
    public static func plans(county: DivisionCode, page: Int, per: Int, on db: any Database) async throws -> (items: [PlanRecord], total: Int) {
        let q = PlanRecord.query(on: db).filter(\.$countyCode == county.value)
        let total = try await q.count()
        let items = try await q.sort(\.$day, .descending).range(((page - 1) * per)..<(page * per)).all()
        return (items, total)
    }

    public static func routes(of planID: UUID, on db: any Database) async throws -> [PlanRouteRecord] {
        try await PlanRouteRecord.query(on: db).filter(\.$planID == planID).sort(\.$seq).all()
    }

    public static func stops(of planID: UUID, on db: any Database) async throws -> [PlanStopRecord] {
        try await PlanStopRecord.query(on: db).filter(\.$planID == planID).sort(\.$seq).all()
    }

    public static func stops(ofRoute routeID: UUID, on db: any Database) async throws -> [PlanStopRecord] {
        try await PlanStopRecord.query(on: db).filter(\.$routeID == routeID).sort(\.$seq).all()
    }

    public static func marks(county: DivisionCode, day: Day, vehicle: UUID, on db: any Database) async throws -> [StopMarkRecord] {
        try await StopMarkRecord.query(on: db).filter(\.$countyCode == county.value).filter(\.$day == day.iso)
            .filter(\.$vehicleID == vehicle).sort(\.$markedAt).all()
    }

    /// The stored visit days of the cycle that contains `day`.
    public static func cycleDays(county: DivisionCode, day: Day, on db: any Database) async throws -> [UUID: [Int]] {
        let rows = try await CycleDaysRecord.query(on: db).filter(\.$countyCode == county.value)
            .filter(\.$cycleStart == DispatchCycle.start(of: day).iso).all()
        return Dictionary(rows.map { ($0.facilityID, $0.days.split(separator: ",").compactMap { Int($0) }) }, uniquingKeysWith: { a, _ in a })
    }
}

extension VehicleRecord {
    /// The vehicle as the planner sees it.
    public var value: DispatchVehicle? {
        guard let id else { return nil }
        return DispatchVehicle(id: id, name: name, capacityParcels: capacityParcels, capacityKg: capacityKg, fixedCost: Money(fen: fixedCostFen),
                               costPerKm: Money(fen: costPerKmFen), shiftStart: shiftStart, shiftEnd: shiftEnd, depotID: depotID)
    }
}

extension FixedRouteRecord {
    public var value: FixedRoute { FixedRoute(name: name, vehicleID: vehicleID, stops: stopIDs, dailyCost: dailyCostFen.map { Money(fen: $0) }) }
}
