import Foundation
import Routing
import XiangcunKit

extension DispatchPlanner {
    struct TierResult {
        var routes: [DispatchPlan.Route] = []
        var unserved: [UUID] = []
        /// When each hub's parcels from the centre are there (last unloading), seconds.
        var hubReady: [UUID: Int] = [:]
    }

    /// One stop of a routing problem: a place and what it gets and gives on this visit.
    struct Piece {
        var place: DispatchPlace
        var load: StationLoad
    }

    /// Tier 1: centre → every hub, daily, with the whole area's parcels (hub + its villages); a
    /// hub whose flow exceeds the largest vehicle is split into several stops (several drops).
    static func tierOne(_ input: DispatchInput, gramsPerParcel: Int) throws(DispatchError) -> TierResult {
        guard !input.hubs.isEmpty else { return TierResult() }
        let vehicles = input.vehicles.filter { $0.depotID == input.centre.id }
        guard !vehicles.isEmpty else { throw DispatchError.noVehicle(input.centre.name) }
        let largest = vehicles.map { capacity($0, gramsPerParcel: gramsPerParcel) }.max() ?? 1
        var pieces: [Piece] = []
        for hub in input.hubs {
            var area = input.loads[hub.id] ?? StationLoad(stationID: hub.id, deliverParcels: 0, deliverGrams: 0, collectParcels: 0, collectGrams: 0)
            for village in input.villages where village.hubID == hub.id {
                if let load = input.loads[village.id] { area = area + load }
            }
            pieces += split(Piece(place: hub, load: area), largest: largest)
        }
        return try solveDay(pieces, depot: input.centre, vehicles: vehicles, tier: 1, service: hubServiceSeconds,
                            release: 0, window: .init(0, input.hubDeadline), input: input, gramsPerParcel: gramsPerParcel)
    }

    static func split(_ piece: Piece, largest: Int) -> [Piece] {
        let l = piece.load
        let count = max(1, (max(l.deliverParcels, l.collectParcels) + largest - 1) / largest)
        guard count > 1 else { return [piece] }
        return (0..<count).map { k in
            func part(_ total: Int) -> Int { total / count + (k < total % count ? 1 : 0) }
            return Piece(place: piece.place, load: StationLoad(stationID: l.stationID, deliverParcels: part(l.deliverParcels), deliverGrams: part(l.deliverGrams),
                                                               collectParcels: part(l.collectParcels), collectGrams: part(l.collectGrams)))
        }
    }

    /// Tier 2: one hub's vehicles to the villages due today; each village gets what waited at the
    /// hub since its previous visit, and its vehicles leave once the tier-1 truck has unloaded.
    static func tierTwo(_ due: [DispatchPlace], hub: DispatchPlace, vehicles: [DispatchVehicle], days: [UUID: [Int]], position: Int,
                        release: Int, input: DispatchInput, gramsPerParcel: Int) throws(DispatchError) -> TierResult {
        guard !due.isEmpty else { return TierResult() }
        let pieces = due.map { v in
            let daily = input.loads[v.id] ?? StationLoad(stationID: v.id, deliverParcels: 0, deliverGrams: 0, collectParcels: 0, collectGrams: 0)
            return Piece(place: v, load: daily.times(max(1, DispatchCycle.gap(before: position, in: days[v.id] ?? []))))
        }
        return try solveDay(pieces, depot: hub, vehicles: vehicles, tier: 2, service: villageServiceSeconds,
                            release: release, window: nil, input: input, gramsPerParcel: gramsPerParcel)
    }

    /// Solves one day from one depot and turns the engine's routes into plan routes.
    static func solveDay(_ pieces: [Piece], depot: DispatchPlace, vehicles: [DispatchVehicle], tier: Int, service: Int, release: Int,
                         window: RoutingProblem.TimeWindow?, input: DispatchInput, gramsPerParcel: Int) throws(DispatchError) -> TierResult {
        let matrix = try input.distances.matrix([depot] + pieces.map(\.place))
        let stops = pieces.enumerated().map { i, p in
            RoutingProblem.Stop(id: "\(p.place.id.uuidString)#\(i)", delivery: p.load.deliverParcels, pickup: p.load.collectParcels,
                                serviceTime: service, timeWindow: window, releaseTime: release)
        }
        let shifts = ShiftDepots(depot, vehicles: vehicles)
        let types = vehicles.enumerated().map { i, v in vehicleType(v, depot: shifts.index[i], gramsPerParcel: gramsPerParcel) }
        let problem = shifts.problem(name: "tier\(tier)-\(depot.name)", stops: stops, types: types, speedKmh: input.speedKmh, matrix: matrix)
        let solved = try solve(problem, budget: input.budget, names: pieces.map(\.place.name))
        var result = TierResult()
        for r in solved.routes where !r.visits.isEmpty {
            let vehicle = vehicles[r.vehicleType]
            let stops = r.visits.map { v in
                let p = pieces[v.stop]
                return DispatchPlan.Stop(placeID: p.place.id, arrival: v.arrival, departure: v.departure, trip: v.trip,
                                         deliverParcels: p.load.deliverParcels, deliverGrams: p.load.deliverGrams,
                                         collectParcels: p.load.collectParcels, collectGrams: p.load.collectGrams)
            }
            for s in stops { result.hubReady[s.placeID] = max(result.hubReady[s.placeID] ?? 0, s.departure) }
            result.routes.append(DispatchPlan.Route(vehicleID: vehicle.id, tier: tier, departure: r.departure, returnTime: r.returnTime,
                                                    metres: r.distance, cost: vehicle.cost(metres: r.distance), stops: stops))
        }
        result.unserved = Array(Set(solved.unserved.map { pieces[$0].place.id })).sorted { $0.uuidString < $1.uuidString }
        return result
    }

    /// The visit days of a hub's villages this cycle: those already chosen stay; the others are
    /// chosen by the periodic engine (all of a hub's villages at once on a new cycle) or, when
    /// only a few are new, put on the pattern whose days have the fewest villages so far.
    static func chooseDays(_ villages: [DispatchPlace], hub: DispatchPlace, vehicles: [DispatchVehicle], input: DispatchInput,
                           gramsPerParcel: Int) throws(DispatchError) -> [UUID: [Int]] {
        var days: [UUID: [Int]] = [:]
        for v in villages {
            if let kept = input.schedule[v.id], v.frequency.patterns.contains(kept.sorted()) { days[v.id] = kept.sorted() }
        }
        let missing = villages.filter { days[$0.id] == nil }
        if missing.isEmpty { return days }
        if days.isEmpty {
            let chosen = try periodicDays(missing, hub: hub, vehicles: vehicles, input: input, gramsPerParcel: gramsPerParcel)
            days.merge(chosen) { a, _ in a }
        }
        for v in missing where days[v.id] == nil {
            var perDay = [Int](repeating: 0, count: DispatchCycle.length + 1)
            for d in days.values.flatMap({ $0 }) { perDay[d] += 1 }
            let best = v.frequency.patterns.min { a, b in
                (a.map { perDay[$0] }.max() ?? 0, a.reduce(0) { $0 + perDay[$1] }) < (b.map { perDay[$0] }.max() ?? 0, b.reduce(0) { $0 + perDay[$1] })
            }
            days[v.id] = best ?? v.frequency.patterns[0]
        }
        return days
    }

    /// The periodic engine over one cycle: each village's frequency as its allowed patterns, the
    /// average load per visit, the hub's vehicles each day.
    static func periodicDays(_ villages: [DispatchPlace], hub: DispatchPlace, vehicles: [DispatchVehicle], input: DispatchInput,
                             gramsPerParcel: Int) throws(DispatchError) -> [UUID: [Int]] {
        let matrix = try input.distances.matrix([hub] + villages)
        let stops = villages.map { v in
            let daily = input.loads[v.id] ?? StationLoad(stationID: v.id, deliverParcels: 0, deliverGrams: 0, collectParcels: 0, collectGrams: 0)
            let visits = v.frequency.visitsPerCycle
            return RoutingProblem.Stop(id: v.id.uuidString, delivery: daily.deliverParcels * DispatchCycle.length / visits,
                                       pickup: daily.collectParcels * DispatchCycle.length / visits, serviceTime: villageServiceSeconds,
                                       frequency: visits, patterns: v.frequency.patterns)
        }
        let shifts = ShiftDepots(hub, vehicles: vehicles)
        let types = vehicles.enumerated().map { i, v in vehicleType(v, depot: shifts.index[i], gramsPerParcel: gramsPerParcel) }
        let problem = shifts.problem(name: "cycle-\(hub.name)", stops: stops, types: types, horizon: DispatchCycle.length,
                                     speedKmh: input.speedKmh, matrix: matrix)
        let solved = try solve(problem, budget: input.budget, names: villages.map(\.name))
        var days: [UUID: [Int]] = [:]
        for (i, v) in villages.enumerated() where solved.stopDays.indices.contains(i) && !solved.stopDays[i].isEmpty {
            days[v.id] = solved.stopDays[i].sorted()
        }
        return days
    }
}
