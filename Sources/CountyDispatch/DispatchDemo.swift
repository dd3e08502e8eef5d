import Accounts
import Audit
import DispatchCore
import FluentKit
import Foundation
import XiangcunKit

/// The demo county's fleet, its current fixed routes and a plan for today. Vehicles and routes go
/// through the same service and importer users use; every vehicle and route is flagged sample
/// and named （示例）. Loading twice changes nothing (today's plan is made once).
public enum DispatchDemo {
    public static let driverUsername = "driver"

    public static func load(county: DivisionCode, day: Day = .today(), on db: any Database) async throws {
        let actor = AuditActor.cli("demo")
        let network = try await DispatchQueries.network(county: county, on: db)
        guard let centre = network.centre, !network.hubs.isEmpty else { return }
        let hubs = network.hubs.sorted { $0.name < $1.name }
        if try await VehicleRecord.query(on: db).filter(\.$countyCode == county.value).filter(\.$sample == true).count() == 0 {
            for k in 1...3 {
                _ = try await DispatchService.addVehicle(vehicle("县级干线货车\(k)号（示例）", parcels: 1500, kg: 5000, fixed: "400", perKm: "3.00",
                                                                 shift: ("06:00", "18:00"), depot: centre.id), county: county, actor: actor, sample: true, on: db)
            }
            for hub in hubs {
                let input = vehicle("\(hub.name.replacingOccurrences(of: "物流中转站（示例）", with: ""))配送车（示例）", parcels: 300, kg: 1200, fixed: "200",
                                    perKm: "1.20", shift: ("08:00", "18:00"), depot: hub.id)
                _ = try await DispatchService.addVehicle(input, county: county, actor: actor, sample: true, on: db)
            }
            try await importDistances(network, county: county, actor: actor, on: db)
            _ = try await DispatchService.importFixedRoutes(Data(fixedRoutesCSV(network, hubs: hubs, vehicles: try await DispatchQueries.vehicles(county: county, on: db)).utf8),
                                                            county: county, actor: actor, sample: true, on: db)
        }
        if try await DispatchQueries.plan(county: county, day: day, on: db) == nil {
            let stored = try await DispatchPlanning.plan(county: county, day: day, budget: SearchBudget(seconds: 0.1, iterations: 200), actor: actor, on: db)
            try await linkDriver(to: stored.plan, county: county, actor: actor, on: db)
        }
    }

    /// Some demo stations have no coordinates, as in real ledgers: the county then imports
    /// distances for them (here made up from a point near their hub, as its OSRM would give).
    static func importDistances(_ network: DispatchNetwork, county: DivisionCode, actor: AuditActor, on db: any Database) async throws {
        var lines = ["起点,终点,距离（公里）"]
        let table = DistanceTable()
        var guessed: [UUID: DispatchPlace] = [:]
        for (k, village) in network.villages.enumerated() where village.location == nil {
            guard let h = network.hubs.first(where: { $0.id == village.hubID })?.location else { continue }
            var guess = village
            guess.location = GeoPoint(latitude: h.latitude + 0.015 + 0.004 * Double(k % 5), longitude: h.longitude - 0.02 + 0.006 * Double(k % 7))
            guessed[village.id] = guess
        }
        for village in guessed.values.sorted(by: { $0.name < $1.name }) {
            guard let hub = network.hubs.first(where: { $0.id == village.hubID }) else { continue }
            for other in [hub] + network.villages.filter({ $0.hubID == hub.id && $0.id != village.id }) {
                guard let metres = table.metres(village, guessed[other.id] ?? other) else { continue }
                let km = String(format: "%.2f", Double(metres) / 1000)
                lines += ["\(village.name),\(other.name),\(km)", "\(other.name),\(village.name),\(km)"]
            }
        }
        if lines.count > 1 { _ = try await DispatchService.importDistances(Data(lines.joined(separator: "\n").utf8), county: county, actor: actor, on: db) }
    }

    /// The demo driver drives the village route with the most stops today (villages are served
    /// every 2 days, so a given van may have no stops on a given day).
    static func linkDriver(to plan: DispatchPlan, county: DivisionCode, actor: AuditActor, on db: any Database) async throws {
        guard let driver = try await AccountService.findByUsername(driverUsername, on: db), let driverID = driver.id,
              try await DispatchQueries.vehicle(driver: driverID, county: county, on: db) == nil,
              let busiest = plan.routes.max(by: { ($0.tier, $0.stops.count) < ($1.tier, $1.stops.count) }),
              let vehicle = try await DispatchQueries.vehicle(busiest.vehicleID, county: county, on: db) else { return }
        try await DispatchService.linkDriver(driverID, to: vehicle, actor: actor, on: db)
    }

    static func vehicle(_ name: String, parcels: Int, kg: Int, fixed: String, perKm: String, shift: (String, String), depot: UUID) -> VehicleInput {
        var v = VehicleInput()
        v.name = name; v.capacityParcels = "\(parcels)"; v.capacityKg = "\(kg)"; v.fixedCost = fixed; v.costPerKm = perKm
        v.shiftStart = shift.0; v.shiftEnd = shift.1; v.depotID = depot.uuidString
        return v
    }

    /// The county's practice before planning, as the seeds describe it: three trunk lines from the
    /// centre to the hubs, and every hub's van round all of its villages every day in ledger order.
    static func fixedRoutesCSV(_ network: DispatchNetwork, hubs: [DispatchPlace], vehicles: [VehicleRecord]) -> String {
        var lines = ["线路名称,车辆,站点顺序,每日成本（元）"]
        let trucks = vehicles.filter { $0.depotID == network.centre?.id }.sorted { $0.name < $1.name }
        for (k, truck) in trucks.enumerated() {
            let share = hubs.enumerated().filter { $0.offset % trucks.count == k }.map(\.element.name)
            if !share.isEmpty { lines.append("干线\(k + 1)号线（示例）,\(truck.name),\(share.joined(separator: "、")),") }
        }
        for hub in hubs {
            guard let van = vehicles.first(where: { $0.depotID == hub.id }) else { continue }
            let villages = network.villages.filter { $0.hubID == hub.id }.map(\.name).sorted()
            if !villages.isEmpty { lines.append("\(hub.name.replacingOccurrences(of: "（示例）", with: ""))村线（示例）,\(van.name),\(villages.joined(separator: "、")),") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
