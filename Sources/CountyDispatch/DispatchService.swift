import Accounts
import Audit
import DispatchCore
import FluentKit
import Foundation
import NetworkCore
import XiangcunKit

/// A vehicle as typed in the form or the API (text, checked here).
public struct VehicleInput: Sendable {
    public var name = "", capacityParcels = "", capacityKg = "", fixedCost = "", costPerKm = "", shiftStart = "08:00", shiftEnd = "17:00"
    public var depotID = "", driverID = ""
    public init() {}
}

/// Every write of dispatch, each with its audit entry in the same transaction.
public enum DispatchService {
    public static func addVehicle(_ input: VehicleInput, county: DivisionCode, actor: AuditActor, sample: Bool = false, on db: any Database) async throws -> VehicleRecord {
        var failure = ValidationFailure()
        let name = FieldRules.name(input.name, field: "name", into: &failure)
        let parcels = FieldRules.count(input.capacityParcels, field: "capacityParcels", limit: 100_000, into: &failure)
        let kg = FieldRules.count(input.capacityKg, field: "capacityKg", limit: 100_000, into: &failure)
        let fixed = FieldRules.yuan(input.fixedCost, field: "fixedCost", limitYuan: 1_000_000, into: &failure)
        // At most 10 yuan a kilometre: the engine's per-metre cost weight is bounded (docs/routing.md).
        let perKm = FieldRules.yuan(input.costPerKm, field: "costPerKm", limitYuan: 10, into: &failure)
        let start = minutes(input.shiftStart), end = minutes(input.shiftEnd)
        if start == nil { failure.add("shiftStart", "dispatch.error.clock") }
        if end == nil { failure.add("shiftEnd", "dispatch.error.clock") }
        if let start, let end, end <= start { failure.add("shiftEnd", "dispatch.error.shift") }
        if parcels == 0 { failure.add("capacityParcels", "error.amount.positive") }
        if kg == 0 { failure.add("capacityKg", "error.amount.positive") }
        let network = try await DispatchQueries.network(county: county, on: db)
        let depot = UUID(uuidString: input.depotID).flatMap { id in network.places[id].flatMap { $0.kind == .village ? nil : id } }
        if depot == nil { failure.add("depotID", "dispatch.error.depot") }
        var driver: UUID? = nil
        if !input.driverID.isEmpty {
            guard let id = UUID(uuidString: input.driverID), let user = try await User.find(id, on: db), user.userRole == .driver,
                  user.countyCode == county.value else { failure.add("driverID", "dispatch.error.driver"); try failure.throwIfAny(); throw failure }
            driver = id
        }
        if let name, try await VehicleRecord.query(on: db).filter(\.$countyCode == county.value).filter(\.$name == name).count() > 0 {
            failure.add("name", "error.taken")
        }
        try failure.throwIfAny()
        guard let name, let parcels, let kg, let fixed, let perKm, let start, let end, let depot else { throw failure }
        let v = VehicleRecord()
        v.countyCode = county.value; v.name = name; v.capacityParcels = parcels; v.capacityKg = kg
        v.fixedCostFen = fixed.fen; v.costPerKmFen = perKm.fen; v.shiftStart = start; v.shiftEnd = end; v.depotID = depot
        v.driverID = driver; v.sample = sample
        let linked = driver
        try await db.writeTransaction { tx in
            // A driver drives one vehicle.
            if let driver = linked { try await VehicleRecord.query(on: tx).filter(\.$driverID == driver).set(\.$driverID, to: nil).update() }
            try await v.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .create, entity: VehicleRecord.schema, entityID: v.id?.uuidString ?? "",
                                      county: county.value, new: ["name": name, "capacityParcels": "\(parcels)", "capacityKg": "\(kg)",
                                                                  "fixedCostFen": "\(fixed.fen)", "costPerKmFen": "\(perKm.fen)", "depot": depot.uuidString])
        }
        return v
    }

    /// Links a driver account to a vehicle (a driver drives one vehicle: any other link ends).
    public static func linkDriver(_ userID: UUID, to vehicle: VehicleRecord, actor: AuditActor, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            for other in try await VehicleRecord.query(on: tx).filter(\.$driverID == userID).all() where other.id != vehicle.id {
                other.driverID = nil
                try await other.save(on: tx)
            }
            let old = vehicle.driverID?.uuidString ?? ""
            vehicle.driverID = userID
            try await vehicle.save(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .update, entity: VehicleRecord.schema, entityID: vehicle.id?.uuidString ?? "",
                                      county: vehicle.countyCode, old: ["driver": old], new: ["driver": userID.uuidString])
        }
    }

    /// "08:30" → 510.
    public static func minutes(_ text: String) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h), (0..<60).contains(m), h * 60 + m <= 1440 else { return nil }
        return h * 60 + m
    }

    public static func saveSettings(roadFactor: String, speedKmh: String, county: DivisionCode, actor: AuditActor, on db: any Database) async throws {
        var failure = ValidationFailure()
        let factor = Double(roadFactor.trimmingCharacters(in: .whitespaces))
        let speed = Double(speedKmh.trimmingCharacters(in: .whitespaces))
        if factor == nil || !(1...3).contains(factor ?? 0) { failure.add("roadFactor", "dispatch.error.roadFactor") }
        if speed == nil || !(5...120).contains(speed ?? 0) { failure.add("speedKmh", "dispatch.error.speed") }
        try failure.throwIfAny()
        guard let factor, let speed else { return }
        try await db.writeTransaction { tx in
            let s = try await DispatchQueries.settings(county: county, on: tx) ?? DispatchSettings()
            let old: AuditValues? = s.id == nil ? nil : ["roadFactor": "\(s.roadFactor)", "speedKmh": "\(s.speedKmh)"]
            s.countyCode = county.value; s.roadFactor = factor; s.speedKmh = speed
            try await s.save(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: old == nil ? .create : .update, entity: DispatchSettings.schema,
                                      entityID: county.value, county: county.value, old: old, new: ["roadFactor": "\(factor)", "speedKmh": "\(speed)"])
        }
    }

    public static func setFrequency(_ facilityID: UUID, to frequency: ServiceFrequency, county: DivisionCode, actor: AuditActor, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            let row = try await FrequencyRecord.query(on: tx).filter(\.$facilityID == facilityID).filter(\.$countyCode == county.value).first() ?? FrequencyRecord()
            let old = row.id == nil ? ServiceFrequency.villageDefault.rawValue : row.frequency
            row.countyCode = county.value; row.facilityID = facilityID; row.frequency = frequency.rawValue
            try await row.save(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .update, entity: FrequencyRecord.schema, entityID: facilityID.uuidString,
                                      county: county.value, old: ["frequency": old], new: ["frequency": frequency.rawValue])
        }
    }

    /// Replaces the county's fixed routes with the file's, all or nothing.
    public static func importFixedRoutes(_ data: Data, county: DivisionCode, actor: AuditActor, sample: Bool = false, on db: any Database) async throws -> Int {
        let vehicles = try await DispatchQueries.vehicles(county: county, on: db)
        let network = try await DispatchQueries.network(county: county, on: db)
        let routes = try DispatchImports.fixedRoutes(data, vehicles: Dictionary(vehicles.compactMap { v in v.id.map { (v.name, $0) } }, uniquingKeysWith: { a, _ in a }),
                                                     places: network.idsByName)
        let names = routes.map(\.name)
        if let duplicate = names.first(where: { n in names.filter { $0 == n }.count > 1 }) {
            throw ImportFailed([ImportIssue(row: 0, key: "dispatch.import.duplicateRoute", args: [duplicate])])
        }
        try await db.writeTransaction { tx in
            let old = try await FixedRouteRecord.query(on: tx).filter(\.$countyCode == county.value).count()
            try await FixedRouteRecord.query(on: tx).filter(\.$countyCode == county.value).delete()
            for route in routes {
                let r = FixedRouteRecord()
                r.countyCode = county.value; r.name = route.name; r.vehicleID = route.vehicleID
                r.stops = route.stops.map(\.uuidString).joined(separator: ","); r.dailyCostFen = route.dailyCost?.fen; r.sample = sample
                try await r.create(on: tx)
            }
            try await AuditLog.record(on: tx, actor: actor, action: .import, entity: FixedRouteRecord.schema, entityID: county.value,
                                      county: county.value, old: ["routes": "\(old)"], new: ["routes": "\(routes.count)"])
        }
        return routes.count
    }

    /// Adds or replaces the file's distances, all or nothing.
    public static func importDistances(_ data: Data, county: DivisionCode, actor: AuditActor, on db: any Database) async throws -> Int {
        let network = try await DispatchQueries.network(county: county, on: db)
        let pairs = try DispatchImports.distances(data, places: network.idsByName)
        try await db.writeTransaction { tx in
            for (pair, metres) in pairs {
                try await DistanceRecord.query(on: tx).filter(\.$countyCode == county.value).filter(\.$fromID == pair.from).filter(\.$toID == pair.to).delete()
                let d = DistanceRecord()
                d.countyCode = county.value; d.fromID = pair.from; d.toID = pair.to; d.metres = metres
                try await d.create(on: tx)
            }
            try await AuditLog.record(on: tx, actor: actor, action: .import, entity: DistanceRecord.schema, entityID: county.value,
                                      county: county.value, new: ["pairs": "\(pairs.count)"])
        }
        return pairs.count
    }
}
