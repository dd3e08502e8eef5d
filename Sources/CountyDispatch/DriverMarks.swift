import Accounts
import Audit
import DispatchCore
import FluentKit
import Foundation
import XiangcunKit

/// One mark sent by the driver's phone. `id` is made on the phone when the driver taps, so a
/// mark queued offline and sent again is the same mark.
public struct StopMarkInput: Sendable, Codable {
    public var id: UUID
    public var stop: UUID
    public var kind: String
    public var at: Date
    public init(id: UUID, stop: UUID, kind: String, at: Date) { self.id = id; self.stop = stop; self.kind = kind; self.at = at }
}

/// What happened to each mark: stored, already stored (a resend), or refused with the reason.
public struct StopMarkOutcome: Sendable, Codable, Equatable {
    public enum Result: String, Sendable, Codable { case created, duplicate, rejected }
    public var id: UUID
    public var result: Result
    public var reason: String?
    public init(id: UUID, result: Result, reason: String? = nil) { self.id = id; self.result = result; self.reason = reason }
}

/// The driver's day: the stops of the plan's route(s) of the vehicle linked to the driver, and
/// the marks. A driver sees and marks only his own vehicle's stops.
public enum DriverMarks {
    public struct Stop: Sendable {
        public var id: UUID
        public var facilityID: UUID
        public var name: String
        public var seq: Int
        public var trip: Int
        public var arrival: Int
        public var deliverParcels: Int
        public var collectParcels: Int
        public var marks: [StopMarkKind: Date]
    }

    public struct DriverDay: Sendable {
        public var vehicle: VehicleRecord?
        public var stops: [Stop]
    }

    public static func today(driver: User, county: DivisionCode, day: Day, on db: any Database) async throws -> DriverDay {
        guard let userID = driver.id, let vehicle = try await DispatchQueries.vehicle(driver: userID, county: county, on: db),
              let vehicleID = vehicle.id else { return DriverDay(vehicle: nil, stops: []) }
        guard let plan = try await DispatchQueries.plan(county: county, day: day, on: db), let planID = plan.id else { return DriverDay(vehicle: vehicle, stops: []) }
        let routes = try await PlanRouteRecord.query(on: db).filter(\.$planID == planID).filter(\.$vehicleID == vehicleID).sort(\.$seq).all()
        let names = try await DispatchQueries.network(county: county, on: db).places.mapValues(\.name)
        let marks = try await DispatchQueries.marks(county: county, day: day, vehicle: vehicleID, on: db)
        var stops: [Stop] = []
        for route in routes {
            guard let routeID = route.id else { continue }
            for s in try await DispatchQueries.stops(ofRoute: routeID, on: db) {
                guard let id = s.id else { continue }
                var done: [StopMarkKind: Date] = [:]
                for m in marks where m.facilityID == s.facilityID { if let k = StopMarkKind(rawValue: m.kind) { done[k] = done[k] ?? m.markedAt } }
                stops.append(Stop(id: id, facilityID: s.facilityID, name: names[s.facilityID] ?? "—", seq: stops.count + 1, trip: s.trip,
                                  arrival: s.arrival, deliverParcels: s.deliverParcels, collectParcels: s.collectParcels, marks: done))
            }
        }
        return DriverDay(vehicle: vehicle, stops: stops)
    }

    /// Stores the marks idempotently: a mark id already stored is a duplicate and changes
    /// nothing; a stop that is not on the driver's vehicle today is refused.
    public static func record(_ inputs: [StopMarkInput], driver: User, county: DivisionCode, day: Day, actor: AuditActor,
                              on db: any Database) async throws -> [StopMarkOutcome] {
        let today = try await today(driver: driver, county: county, day: day, on: db)
        let own = Dictionary(today.stops.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        guard let vehicleID = today.vehicle?.id, let userID = driver.id else {
            return inputs.map { StopMarkOutcome(id: $0.id, result: .rejected, reason: "dispatch.mark.noVehicle") }
        }
        return try await db.writeTransaction { tx in
            var outcomes: [StopMarkOutcome] = []
            for input in inputs {
                if try await StopMarkRecord.find(input.id, on: tx) != nil {
                    outcomes.append(StopMarkOutcome(id: input.id, result: .duplicate)); continue
                }
                guard let kind = StopMarkKind(rawValue: input.kind) else {
                    outcomes.append(StopMarkOutcome(id: input.id, result: .rejected, reason: "dispatch.mark.badKind")); continue
                }
                guard let stop = own[input.stop] else {
                    outcomes.append(StopMarkOutcome(id: input.id, result: .rejected, reason: "dispatch.mark.notYourStop")); continue
                }
                let m = StopMarkRecord()
                m.id = input.id; m.countyCode = county.value; m.day = day.iso; m.vehicleID = vehicleID; m.facilityID = stop.facilityID
                m.kind = kind.rawValue; m.markedAt = input.at; m.userID = userID
                try await m.create(on: tx)
                try await AuditLog.record(on: tx, actor: actor, action: .create, entity: StopMarkRecord.schema, entityID: input.id.uuidString,
                                          county: county.value, new: ["kind": kind.rawValue, "facility": stop.facilityID.uuidString, "day": day.iso,
                                                                      "markedAt": ISO8601DateFormatter().string(from: input.at)])
                outcomes.append(StopMarkOutcome(id: input.id, result: .created))
            }
            return outcomes
        }
    }
}
