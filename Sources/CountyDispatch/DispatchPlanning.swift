import Audit
import DispatchCore
import FluentKit
import Foundation
import XiangcunKit

/// A stored plan with its comparison, as pages, the API and the CLI read it.
public struct StoredPlan: Sendable {
    public var record: PlanRecord
    public var plan: DispatchPlan
    public var comparison: PlanComparison
}

/// Making and storing a county's plan for a day: everything read, the planner run off the
/// request's thread, then the old plan of that day replaced by the new one in one transaction
/// with its audit entry.
public enum DispatchPlanning {
    public static func plan(county: DivisionCode, day: Day, budget: SearchBudget = SearchBudget(), actor: AuditActor,
                            on db: any Database) async throws -> StoredPlan {
        let network = try await DispatchQueries.network(county: county, on: db)
        guard let centre = network.centre else { throw DispatchError.noCentre }
        let vehicles = try await DispatchQueries.vehicles(county: county, on: db).compactMap(\.value)
        let distances = try await DispatchQueries.distances(county: county, on: db)
        let speed = try await DispatchQueries.settings(county: county, on: db)?.speedKmh ?? 40
        let loads = try await DispatchLoads.stationLoads(county: county, day: day, network: network, on: db)
        let schedule = try await DispatchQueries.cycleDays(county: county, day: day, on: db)
        let input = DispatchInput(day: day, centre: centre, hubs: network.hubs, villages: network.villages, vehicles: vehicles, loads: loads,
                                  distances: distances, speedKmh: speed, schedule: schedule, budget: budget)
        // The search is seconds of CPU: run it on the global executor, not on the event loop.
        let plan = try await Task.detached(priority: .userInitiated) { try DispatchPlanner.plan(input) }.value
        let fixed = try FixedRoute.costings(try await DispatchQueries.fixedRoutes(county: county, on: db).map(\.value),
                                            vehicles: vehicles, places: network.places, distances: distances)
        let comparison = FixedRoute.compare(plan, with: fixed)
        let record = try await store(plan, comparison: comparison, county: county, known: schedule, actor: actor, on: db)
        return StoredPlan(record: record, plan: plan, comparison: comparison)
    }

    static func store(_ plan: DispatchPlan, comparison: PlanComparison, county: DivisionCode, known: [UUID: [Int]], actor: AuditActor,
                      on db: any Database) async throws -> PlanRecord {
        let c = county.value
        let cycle = DispatchCycle.start(of: plan.day).iso
        return try await db.writeTransaction { tx in
            let old = try await DispatchQueries.plan(county: county, day: plan.day, on: tx)
            var oldValues: AuditValues? = nil
            if let old {
                oldValues = ["metres": "\(old.metres)", "costFen": "\(old.costFen)", "vehicles": "\(old.vehicles)"]
                try await PlanStopRecord.query(on: tx).filter(\.$planID == (try old.requireID())).delete()
                try await PlanRouteRecord.query(on: tx).filter(\.$planID == (try old.requireID())).delete()
                try await old.delete(on: tx)
            }
            let record = PlanRecord()
            record.id = UUID()
            record.countyCode = c; record.day = plan.day.iso
            record.metres = plan.metres; record.costFen = plan.cost.fen
            record.fixedMetres = comparison.fixedMetres; record.fixedCostFen = comparison.fixedCost.fen
            record.vehicles = plan.vehiclesUsed
            record.unserved = plan.unserved.map(\.uuidString).joined(separator: ",")
            record.plannedBy = actor.name
            try await record.create(on: tx)
            let planID = try record.requireID()
            for (i, route) in plan.routes.enumerated() {
                let r = PlanRouteRecord()
                r.id = UUID(); r.planID = planID; r.countyCode = c; r.seq = i; r.vehicleID = route.vehicleID; r.tier = route.tier
                r.departure = route.departure; r.returnTime = route.returnTime; r.metres = route.metres; r.costFen = route.cost.fen
                try await r.create(on: tx)
                let routeID = try r.requireID()
                let rows = route.stops.enumerated().map { k, s in
                    let row = PlanStopRecord()
                    row.id = UUID(); row.routeID = routeID; row.planID = planID; row.countyCode = c; row.seq = k; row.facilityID = s.placeID
                    row.arrival = s.arrival; row.departure = s.departure; row.trip = s.trip
                    row.deliverParcels = s.deliverParcels; row.deliverGrams = s.deliverGrams
                    row.collectParcels = s.collectParcels; row.collectGrams = s.collectGrams
                    return row
                }
                for chunk in stride(from: 0, to: rows.count, by: 100) { try await Array(rows[chunk..<min(rows.count, chunk + 100)]).create(on: tx) }
            }
            // Visit days chosen for this cycle stay for its other days.
            for (facility, days) in plan.schedule where known[facility] != days {
                try await CycleDaysRecord.query(on: tx).filter(\.$countyCode == c).filter(\.$cycleStart == cycle).filter(\.$facilityID == facility).delete()
                let row = CycleDaysRecord()
                row.countyCode = c; row.cycleStart = cycle; row.facilityID = facility; row.days = days.map(String.init).joined(separator: ",")
                try await row.create(on: tx)
            }
            try await AuditLog.record(on: tx, actor: actor, action: old == nil ? .create : .update, entity: PlanRecord.schema,
                                      entityID: plan.day.iso, county: c, old: oldValues,
                                      new: ["metres": "\(plan.metres)", "costFen": "\(plan.cost.fen)", "vehicles": "\(plan.vehiclesUsed)",
                                            "fixedCostFen": "\(comparison.fixedCost.fen)", "unserved": "\(plan.unserved.count)"])
            return record
        }
    }

    /// A stored plan read back as the planner's values.
    public static func load(county: DivisionCode, day: Day, on db: any Database) async throws -> StoredPlan? {
        guard let record = try await DispatchQueries.plan(county: county, day: day, on: db) else { return nil }
        let planID = try record.requireID()
        let stops = Dictionary(grouping: try await DispatchQueries.stops(of: planID, on: db), by: \.routeID)
        let routes = try await DispatchQueries.routes(of: planID, on: db).map { r in
            DispatchPlan.Route(vehicleID: r.vehicleID, tier: r.tier, departure: r.departure, returnTime: r.returnTime, metres: r.metres,
                               cost: Money(fen: r.costFen), stops: (r.id.flatMap { stops[$0] } ?? []).sorted { $0.seq < $1.seq }.map { s in
                DispatchPlan.Stop(placeID: s.facilityID, arrival: s.arrival, departure: s.departure, trip: s.trip, deliverParcels: s.deliverParcels,
                                  deliverGrams: s.deliverGrams, collectParcels: s.collectParcels, collectGrams: s.collectGrams)
            })
        }
        let plan = DispatchPlan(day: day, routes: routes, schedule: try await DispatchQueries.cycleDays(county: county, day: day, on: db),
                                unserved: record.unserved.split(separator: ",").compactMap { UUID(uuidString: String($0)) })
        let comparison = PlanComparison(planMetres: record.metres, planCost: Money(fen: record.costFen),
                                        fixedMetres: record.fixedMetres, fixedCost: Money(fen: record.fixedCostFen))
        return StoredPlan(record: record, plan: plan, comparison: comparison)
    }
}
