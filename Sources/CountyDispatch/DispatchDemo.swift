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
            let driver = try await AccountService.findByUsername(driverUsername, on: db)
            for k in 1...3 {
                _ = try await DispatchService.addVehicle(vehicle("县级干线货车\(k)号（示例）", parcels: 1500, kg: 5000, fixed: "400", perKm: "3.00",
                                                                 shift: ("06:00", "18:00"), depot: centre.id), county: county, actor: actor, sample: true, on: db)
            }
            for (i, hub) in hubs.enumerated() {
                var input = vehicle("\(hub.name.replacingOccurrences(of: "物流中转站（示例）", with: ""))配送车（示例）", parcels: 300, kg: 1200, fixed: "200",
                                    perKm: "1.20", shift: ("08:00", "18:00"), depot: hub.id)
                // The demo driver drives the first hub's van.
                if i == 0, let id = driver?.id { input.driverID = id.uuidString }
                _ = try await DispatchService.addVehicle(input, county: county, actor: actor, sample: true, on: db)
            }
            _ = try await DispatchService.importFixedRoutes(Data(fixedRoutesCSV(network, hubs: hubs, vehicles: try await DispatchQueries.vehicles(county: county, on: db)).utf8),
                                                            county: county, actor: actor, sample: true, on: db)
        }
        if try await DispatchQueries.plan(county: county, day: day, on: db) == nil {
            _ = try await DispatchPlanning.plan(county: county, day: day, budget: SearchBudget(seconds: 0.1), actor: actor, on: db)
        }
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
