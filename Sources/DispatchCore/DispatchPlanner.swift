import Foundation
import Routing
import XiangcunKit

/// Everything a day's plan is made from.
public struct DispatchInput: Sendable {
    public var day: Day
    public var centre: DispatchPlace
    public var hubs: [DispatchPlace]
    public var villages: [DispatchPlace]
    public var vehicles: [DispatchVehicle]
    /// Daily loads per station (hubs and villages); a station without one has no parcels.
    public var loads: [UUID: StationLoad]
    public var distances: DistanceTable
    public var speedKmh: Double
    /// Visit days already chosen for this cycle (kept so re-planning a day keeps the frequency).
    public var schedule: [UUID: [Int]]
    public var budget: SearchBudget
    /// Tier-1 trucks reach every hub by this time (seconds after midnight), so the hubs' vans
    /// have the day for the villages.
    public var hubDeadline: Int = 11 * 3600

    public init(day: Day, centre: DispatchPlace, hubs: [DispatchPlace], villages: [DispatchPlace], vehicles: [DispatchVehicle],
                loads: [UUID: StationLoad], distances: DistanceTable = DistanceTable(), speedKmh: Double = 40,
                schedule: [UUID: [Int]] = [:], budget: SearchBudget = SearchBudget()) {
        self.day = day; self.centre = centre; self.hubs = hubs; self.villages = villages; self.vehicles = vehicles
        self.loads = loads; self.distances = distances; self.speedKmh = speedKmh; self.schedule = schedule; self.budget = budget
    }
}

/// How long the engine searches each problem: seconds (pages, CLI) or iterations (tests,
/// reproducible), and the seed.
public struct SearchBudget: Sendable, Equatable {
    public var seconds: Double?
    public var iterations: Int?
    public var seed: UInt64
    public init(seconds: Double? = 0.5, iterations: Int? = nil, seed: UInt64 = 1) {
        self.seconds = seconds; self.iterations = iterations; self.seed = seed
    }
    var parameters: RichParameters { RichParameters(seed: seed, timeLimit: seconds, maxIterations: iterations ?? (seconds == nil ? 2_000 : nil)) }
}

/// Two-tier daily dispatch (两级配送调度) on the routing engine: tier 1 takes every hub its
/// area's parcels each day from the centre and brings back what the hub collected; tier 2 takes
/// each hub's vehicles to the villages due that day, delivering and collecting on the same trips.
public enum DispatchPlanner {
    /// Minutes spent at a stop.
    static let hubServiceSeconds = 15 * 60
    static let villageServiceSeconds = 5 * 60
    /// Weight of a parcel when no load says (grams).
    static let defaultGramsPerParcel = 1_500

    public static func plan(_ input: DispatchInput) throws(DispatchError) -> DispatchPlan {
        let position = DispatchCycle.position(of: input.day)
        let gramsPerParcel = averageGrams(input.loads.values)
        var schedule: [UUID: [Int]] = [:]
        var routes: [DispatchPlan.Route] = []
        var unserved: [UUID] = []
        let tier1 = try tierOne(input, gramsPerParcel: gramsPerParcel)
        routes += tier1.routes
        unserved += tier1.unserved
        for hub in input.hubs {
            let villages = input.villages.filter { $0.hubID == hub.id }
            guard !villages.isEmpty else { continue }
            let vehicles = input.vehicles.filter { $0.depotID == hub.id }
            guard !vehicles.isEmpty else { throw DispatchError.noVehicle(hub.name) }
            let days = try chooseDays(villages, hub: hub, vehicles: vehicles, input: input, gramsPerParcel: gramsPerParcel)
            schedule.merge(days) { a, _ in a }
            let due = villages.filter { days[$0.id]?.contains(position) == true }
            let release = tier1.hubReady[hub.id] ?? 0
            let tier2 = try tierTwo(due, hub: hub, vehicles: vehicles, days: days, position: position, release: release,
                                    input: input, gramsPerParcel: gramsPerParcel)
            routes += tier2.routes
            unserved += tier2.unserved
        }
        return DispatchPlan(day: input.day, routes: routes, schedule: schedule, unserved: unserved)
    }

    static func averageGrams(_ loads: some Collection<StationLoad>) -> Int {
        let parcels = loads.reduce(0) { $0 + $1.deliverParcels + $1.collectParcels }
        let grams = loads.reduce(0) { $0 + $1.deliverGrams + $1.collectGrams }
        return parcels > 0 && grams > 0 ? max(1, grams / parcels) : defaultGramsPerParcel
    }

    /// Parcels a vehicle takes: its parcel capacity, or fewer when the average parcel's weight
    /// would exceed its kilograms first (the engine plans one capacity dimension).
    static func capacity(_ v: DispatchVehicle, gramsPerParcel: Int) -> Int {
        max(1, min(v.capacityParcels, v.capacityKg * 1000 / max(1, gramsPerParcel)))
    }

    static func vehicleType(_ v: DispatchVehicle, depot: Int, gramsPerParcel: Int) -> RoutingProblem.VehicleType {
        RoutingProblem.VehicleType(id: v.id.uuidString, capacity: capacity(v, gramsPerParcel: gramsPerParcel), count: 1,
                                   fixedCost: Int(v.fixedCost.fen) * 1000, maxDuration: max(0, v.shiftEnd - v.shiftStart) * 60,
                                   depot: depot, distanceCost: Int(v.costPerKm.fen), multiTrip: true)
    }

    /// Each vehicle leaves and returns within its own shift (班次): the engine's depots each have
    /// one opening window, so a place gets one depot per distinct shift of its vehicles (same
    /// place, same distances) and every vehicle starts at its shift's.
    struct ShiftDepots {
        var depots: [RoutingProblem.Depot] = []
        /// Per vehicle (in the order given): its depot.
        var index: [Int] = []

        init(_ place: DispatchPlace, vehicles: [DispatchVehicle]) {
            var shifts: [RoutingProblem.TimeWindow] = []
            for v in vehicles {
                let shift = RoutingProblem.TimeWindow(v.shiftStart * 60, max(v.shiftStart, v.shiftEnd) * 60)
                if let i = shifts.firstIndex(of: shift) { index.append(i); continue }
                shifts.append(shift)
                index.append(shifts.count - 1)
            }
            depots = shifts.map { s in
                RoutingProblem.Depot(id: shifts.count == 1 ? place.id.uuidString : "\(place.id.uuidString)@\(s.start)", timeWindow: s)
            }
        }

        /// `matrix` has the place at index 0 and the stops after it; the answer repeats the
        /// place's row and column once per depot.
        func expand(_ matrix: [[Int]]) -> [[Int]] {
            let k = depots.count
            guard k > 1 else { return matrix }
            let original = (0..<k).map { _ in 0 } + Array(1..<max(1, matrix.count))
            return original.map { i in original.map { j in matrix[i][j] } }
        }

        func problem(name: String, stops: [RoutingProblem.Stop], types: [RoutingProblem.VehicleType], horizon: Int = 1,
                     speedKmh: Double, matrix: [[Int]]) -> RoutingProblem {
            RoutingProblem(name: name, depot: depots[0], stops: stops, vehicleTypes: types, horizon: horizon, speedKmh: speedKmh,
                           distanceMatrix: expand(matrix), otherDepots: Array(depots.dropFirst()))
        }
    }

    static func solve(_ problem: RoutingProblem, budget: SearchBudget, names: [String]) throws(DispatchError) -> RoutePlan {
        do { return try RoutingEngine.solve(problem, parameters: budget.parameters).plan } catch {
            if error.kind == .infeasibleInput, let field = error.field, let i = stopIndex(field), names.indices.contains(i) {
                throw DispatchError.tooLarge(names[i])
            }
            throw DispatchError.engine(error.description)
        }
    }

    /// "stops[12]…" → 12.
    static func stopIndex(_ field: String) -> Int? {
        guard field.hasPrefix("stops["), let close = field.firstIndex(of: "]") else { return nil }
        return Int(field[field.index(field.startIndex, offsetBy: 6)..<close])
    }
}
