import DispatchCore
import Foundation
import Testing
import XiangcunKit

/// A small county: one centre, two hubs, eight villages per hub, one truck at the centre and
/// one van per hub.
struct SmallCounty {
    var centre = DispatchPlace(id: UUID(), name: "中心", kind: .centre, location: GeoPoint(latitude: 28.60, longitude: 119.30))
    var hubs: [DispatchPlace] = []
    var villages: [DispatchPlace] = []
    var vehicles: [DispatchVehicle] = []
    var loads: [UUID: StationLoad] = [:]

    init(vanParcels: Int = 120, villageParcels: Int = 12, shiftHours: Int = 9) {
        for h in 0..<2 {
            let hub = DispatchPlace(id: UUID(), name: "中转站\(h)", kind: .hub, location: GeoPoint(latitude: 28.50 + 0.2 * Double(h), longitude: 119.1))
            hubs.append(hub)
            vehicles.append(DispatchVehicle(id: UUID(), name: "面包车\(h)", capacityParcels: vanParcels, capacityKg: 2000, fixedCost: Money(fen: 15_000),
                                            costPerKm: Money(fen: 120), shiftStart: 8 * 60, shiftEnd: (8 + shiftHours) * 60, depotID: hub.id))
            for v in 0..<8 {
                let frequency: ServiceFrequency = v % 3 == 0 ? .daily : (v % 3 == 1 ? .everyTwoDays : .threePerWeek)
                let village = DispatchPlace(id: UUID(), name: "村\(h)-\(v)", kind: .village,
                                            location: GeoPoint(latitude: hub.location!.latitude + 0.01 * Double(v % 4) - 0.015, longitude: 119.1 + 0.012 * Double(v / 2) - 0.02),
                                            hubID: hub.id, frequency: frequency)
                villages.append(village)
                loads[village.id] = StationLoad(stationID: village.id, deliverParcels: villageParcels, deliverGrams: villageParcels * 1200,
                                                collectParcels: 3, collectGrams: 6000)
            }
        }
        vehicles.append(DispatchVehicle(id: UUID(), name: "厢式货车", capacityParcels: 800, capacityKg: 3000, fixedCost: Money(fen: 30_000),
                                        costPerKm: Money(fen: 250), shiftStart: 6 * 60, shiftEnd: 16 * 60, depotID: centre.id))
    }

    func input(_ day: Day, schedule: [UUID: [Int]] = [:]) -> DispatchInput {
        DispatchInput(day: day, centre: centre, hubs: hubs, villages: villages, vehicles: vehicles, loads: loads,
                      schedule: schedule, budget: SearchBudget(seconds: nil, iterations: 800))
    }
}

@Suite struct PlannerTests {
    @Test func dayPlanRespectsCapacityShiftAndServesTheDueVillages() throws {
        let county = SmallCounty()
        let day = Day.of(2026, 12, 1)
        let plan = try DispatchPlanner.plan(county.input(day))
        #expect(plan.unserved.isEmpty)
        let position = DispatchCycle.position(of: day)
        let due = Set(county.villages.filter { plan.schedule[$0.id]?.contains(position) == true }.map(\.id))
        let visited = Set(plan.routes.filter { $0.tier == 2 }.flatMap { $0.stops.map(\.placeID) })
        #expect(visited == due)
        #expect(Set(plan.routes.filter { $0.tier == 1 }.flatMap { $0.stops.map(\.placeID) }) == Set(county.hubs.map(\.id)))
        for route in plan.routes {
            let vehicle = try #require(county.vehicles.first { $0.id == route.vehicleID })
            for trip in 0..<route.trips {
                let stops = route.stops.filter { $0.trip == trip }
                #expect(stops.reduce(0) { $0 + $1.deliverParcels } <= vehicle.capacityParcels)
                #expect(stops.reduce(0) { $0 + $1.collectParcels } <= vehicle.capacityParcels)
            }
            #expect(route.returnTime - route.departure <= (vehicle.shiftEnd - vehicle.shiftStart) * 60)
            #expect(route.departure >= vehicle.shiftStart * 60)
            #expect(route.cost == vehicle.cost(metres: route.metres))
        }
        // Tier-2 vans leave only once the truck has unloaded at their hub.
        let hubReady = Dictionary(plan.routes.filter { $0.tier == 1 }.flatMap { $0.stops.map { ($0.placeID, $0.departure) } }, uniquingKeysWith: max)
        for route in plan.routes where route.tier == 2 {
            let hub = try #require(county.vehicles.first { $0.id == route.vehicleID }?.depotID)
            #expect(route.departure >= (hubReady[hub] ?? 0))
        }
    }

    /// Two vans at one hub on different shifts (班次): each leaves and returns within its own
    /// shift, not within the hub's widest opening. The morning van's half hour ends before the
    /// truck from the centre arrives, so the afternoon van does the villages — after 13:00.
    @Test func everyVehicleKeepsItsOwnShift() throws {
        var county = SmallCounty(villageParcels: 30)
        let hub = county.hubs[0]
        county.vehicles.removeAll { $0.depotID == hub.id }
        let morning = DispatchVehicle(id: UUID(), name: "早班车", capacityParcels: 60, capacityKg: 2000, fixedCost: Money(fen: 15_000),
                                      costPerKm: Money(fen: 120), shiftStart: 8 * 60, shiftEnd: 8 * 60 + 30, depotID: hub.id)
        let afternoon = DispatchVehicle(id: UUID(), name: "午班车", capacityParcels: 60, capacityKg: 2000, fixedCost: Money(fen: 15_000),
                                        costPerKm: Money(fen: 120), shiftStart: 13 * 60, shiftEnd: 18 * 60, depotID: hub.id)
        county.vehicles += [morning, afternoon]
        var used = Set<UUID>()
        for offset in 0..<2 {
            let plan = try DispatchPlanner.plan(county.input(Day.of(2026, 12, 1 + offset)))
            #expect(plan.unserved.isEmpty)
            for route in plan.routes {
                let vehicle = try #require(county.vehicles.first { $0.id == route.vehicleID })
                #expect(route.departure >= vehicle.shiftStart * 60, "\(vehicle.name) leaves before its shift")
                #expect(route.returnTime <= vehicle.shiftEnd * 60, "\(vehicle.name) returns after its shift")
                used.insert(vehicle.id)
            }
        }
        #expect(used.contains(afternoon.id))
    }

    @Test func everyVillageIsServedAtItsFrequencyOverTheCycle() throws {
        let county = SmallCounty()
        let start = DispatchCycle.start(of: Day.of(2026, 12, 1))
        var schedule: [UUID: [Int]] = [:]
        var visits: [UUID: [Int]] = [:]
        for offset in 0..<DispatchCycle.length {
            let plan = try DispatchPlanner.plan(county.input(start.adding(days: offset), schedule: schedule))
            #expect(plan.unserved.isEmpty)
            schedule = plan.schedule
            for id in plan.routes.filter({ $0.tier == 2 }).flatMap({ $0.stops.map(\.placeID) }) { visits[id, default: []].append(offset + 1) }
        }
        for village in county.villages {
            let days = Array(Set(visits[village.id] ?? [])).sorted()
            #expect(days.count >= village.frequency.visitsPerCycle, "\(village.name) \(days)")
            if village.frequency == .everyTwoDays {
                // Repeated cycle after cycle, no gap exceeds 2 days (wrap-around included).
                let gaps = zip(days, days.dropFirst() + [days[0] + DispatchCycle.length]).map { $1 - $0 }
                #expect(gaps.allSatisfy { $0 <= 2 }, "\(village.name) \(days)")
            }
        }
    }

    @Test func loadWaitingSinceThePreviousVisitComesOnTheVisit() throws {
        #expect(DispatchCycle.gap(before: 3, in: [1, 3, 5]) == 2)
        #expect(DispatchCycle.gap(before: 1, in: [1, 3, 5]) == 2)
        #expect(DispatchCycle.gap(before: 1, in: [1, 3, 6]) == 1)
        #expect(DispatchCycle.gap(before: 4, in: Array(1...6)) == 1)
        // Cycles are fixed on the calendar: consecutive days advance the position by one.
        let d = Day.of(2026, 12, 1)
        #expect(DispatchCycle.position(of: d.adding(days: 1)) == DispatchCycle.position(of: d) % 6 + 1)
        #expect(DispatchCycle.start(of: d.adding(days: 6)) == DispatchCycle.start(of: d).adding(days: 6))
    }

    @Test func aVisitLargerThanEveryVanIsRefusedNamingTheStation() throws {
        var county = SmallCounty(vanParcels: 30, villageParcels: 12)
        let big = county.villages[1]
        county.loads[big.id]?.deliverParcels = 100
        #expect(throws: DispatchError.tooLarge(big.name)) { try DispatchPlanner.plan(county.input(Day.of(2026, 12, 1))) }
    }

    @Test func aHubWithoutVehiclesIsRefusedNamingTheHub() throws {
        var county = SmallCounty()
        county.vehicles.removeAll { $0.depotID == county.hubs[1].id }
        #expect(throws: DispatchError.noVehicle(county.hubs[1].name)) { try DispatchPlanner.plan(county.input(Day.of(2026, 12, 1))) }
    }

    @Test func fixedRouteArithmetic() throws {
        let depot = DispatchPlace(id: UUID(), name: "站", kind: .hub, location: nil)
        let a = DispatchPlace(id: UUID(), name: "甲村", kind: .village, location: nil)
        let b = DispatchPlace(id: UUID(), name: "乙村", kind: .village, location: nil)
        let van = DispatchVehicle(id: UUID(), name: "车", capacityParcels: 100, capacityKg: 1000, fixedCost: Money(fen: 10_000),
                                  costPerKm: Money(fen: 250), shiftStart: 480, shiftEnd: 1020, depotID: depot.id)
        let table = DistanceTable(imported: [.init(depot.id, a.id): 10_000, .init(a.id, b.id): 5_000, .init(b.id, depot.id): 12_000, .init(a.id, depot.id): 8_000])
        let places = Dictionary(uniqueKeysWithValues: [depot, a, b].map { ($0.id, $0) })
        let costs = try FixedRoute.costings([FixedRoute(name: "一号线", vehicleID: van.id, stops: [a.id, b.id]),
                                             FixedRoute(name: "二号线", vehicleID: van.id, stops: [a.id], dailyCost: Money(fen: 9_999))],
                                            vehicles: [van], places: places, distances: table)
        #expect(costs[0].metres == 27_000)
        #expect(costs[0].cost == Money(fen: 10_000 + 6_750))
        #expect(costs[1].cost == Money(fen: 9_999))
        // b → a is not imported and there are no coordinates: named.
        #expect(throws: DispatchError.noDistance("站")) {
            try FixedRoute.costings([FixedRoute(name: "三号线", vehicleID: van.id, stops: [b.id, a.id])], vehicles: [van], places: places, distances: table)
        }
        let plan = DispatchPlan(day: Day.of(2026, 12, 1), routes: [
            DispatchPlan.Route(vehicleID: van.id, tier: 2, departure: 0, returnTime: 0, metres: 20_000, cost: Money(fen: 15_000), stops: []),
        ], schedule: [:], unserved: [])
        let comparison = FixedRoute.compare(plan, with: costs)
        #expect(comparison.fixedMetres == 27_000 + 18_000)
        #expect(costs[1].metres == 18_000)
        #expect(comparison.savingMetres == 25_000)
        #expect(comparison.savingCost == Money(fen: 16_750 + 9_999 - 15_000))
        #expect(comparison.savingRate?.percentText != nil)
    }

    @Test func haversineTimesTheRoadFactor() {
        let p = GeoPoint(latitude: 28.0, longitude: 119.0), q = GeoPoint(latitude: 28.1, longitude: 119.0)
        let km = DistanceTable.haversineKm(p, q)
        #expect(abs(km - 11.12) < 0.01)
        let a = DispatchPlace(id: UUID(), name: "a", kind: .hub, location: p), b = DispatchPlace(id: UUID(), name: "b", kind: .village, location: q)
        #expect(DistanceTable(roadFactor: 1.5).metres(a, b) == Int((km * 1.5 * 1000).rounded()))
        #expect(DistanceTable(roadFactor: 1.5, imported: [.init(a.id, b.id): 20_000]).metres(a, b) == 20_000)
    }
}
