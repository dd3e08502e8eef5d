/// Independent feasibility checker for `RoutePlan`s. It shares nothing with the solvers'
/// evaluation code: it re-simulates every route from its departure time using only the problem
/// data (and the problem's own matrix/pattern definitions).
public enum PlanChecker {
    public static func check(_ plan: RoutePlan, for problem: RoutingProblem, checkCost: Bool = true) -> CheckReport {
        var violations: [Violation] = []
        let (dist, dur) = problem.matrices()
        let sim = RouteSimulator(problem: problem, dist: dist, dur: dur)
        var daysOfStop = [[Int]](repeating: [], count: problem.stops.count)
        var used = [String: Int]()  // "day/type" -> routes
        var total = 0
        for (k, route) in plan.routes.enumerated() {
            let label = "#\(k + 1) (day \(route.day))"
            guard route.day >= 1 && route.day <= problem.horizon else {
                violations.append(.unknownStop("route \(label): day \(route.day) outside 1...\(problem.horizon)"))
                continue
            }
            guard route.vehicleType >= 0 && route.vehicleType < problem.vehicleTypes.count else {
                violations.append(.unknownStop("route \(label): vehicle type \(route.vehicleType)"))
                continue
            }
            if route.visits.isEmpty { continue }
            used["\(route.day)/\(route.vehicleType)", default: 0] += 1
            for v in route.visits where v.stop >= 0 && v.stop < problem.stops.count { daysOfStop[v.stop].append(route.day) }
            total += sim.check(route, label: label, violations: &violations)
        }
        violations += fleetViolations(used, problem)
        violations += visitViolations(daysOfStop, problem)
        if checkCost && total != plan.cost {
            violations.append(.costMismatch(reported: plan.cost, actual: total))
        }
        return CheckReport(cost: total, violations: violations)
    }

    static func fleetViolations(_ used: [String: Int], _ problem: RoutingProblem) -> [Violation] {
        var out: [Violation] = []
        for (key, count) in used.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "/")
            guard parts.count == 2, let t = Int(parts[1]) else { continue }
            if let limit = problem.vehicleTypes[t].count, count > limit {
                out.append(.fleetSize(detail: "day \(parts[0]): \(count) routes of type '\(problem.vehicleTypes[t].id)' for \(limit) vehicles"))
            }
        }
        return out
    }

    static func visitViolations(_ daysOfStop: [[Int]], _ problem: RoutingProblem) -> [Violation] {
        var out: [Violation] = []
        for (i, s) in problem.stops.enumerated() {
            let days = daysOfStop[i].sorted()
            if days.isEmpty { out.append(.missingStop(s.id)); continue }
            if Set(days).count != days.count { out.append(.duplicateStop(s.id)); continue }
            if days.count < s.frequency { out.append(.missingStop(s.id)); continue }
            if days.count > s.frequency { out.append(.duplicateStop(s.id)); continue }
            if !problem.allowedPatterns(for: s).contains(days) { out.append(.pattern(stop: s.id, days: days)) }
        }
        return out
    }
}

/// Re-simulates one route: leaves its depot at `departure`, serves each stop as early as its
/// window allows, and between trips returns to the depot and leaves again as soon as the depot
/// is open and the next trip's parcels are released.
struct RouteSimulator {
    let problem: RoutingProblem
    let dist: [Int]
    let dur: [Int]

    /// Appends the route's violations and returns its cost.
    func check(_ route: RoutePlan.Route, label: String, violations: inout [Violation]) -> Int {
        let vt = problem.vehicleTypes[route.vehicleType]
        let n = problem.nodeCount
        let depotNode = vt.depot
        let depotWindow = problem.depots[depotNode].timeWindow
        let open = depotWindow?.start ?? Int.min / 4
        let close = depotWindow?.end ?? Int.max / 4
        let visits = route.visits.filter { $0.stop >= 0 && $0.stop < problem.stops.count }
        for v in route.visits where v.stop < 0 || v.stop >= problem.stops.count { violations.append(.unknownStop("\(v.stop)")) }
        let trips = splitTrips(visits, label: label, multiTrip: vt.multiTrip, violations: &violations)
        if route.departure < open {
            violations.append(.timeWindow(route: label, stop: "depot (departure)", arrival: route.departure, latest: open))
        }
        var clock = route.departure
        var distance = 0
        var maxLoad = 0
        for (t, trip) in trips.enumerated() {
            let release = trip.map { problem.stops[$0.stop].releaseTime }.max() ?? 0
            if t == 0, release > clock, let late = trip.first(where: { problem.stops[$0.stop].releaseTime == release }) {
                violations.append(.release(route: label, stop: problem.stops[late.stop].id, departure: clock, release: release))
            }
            if t > 0 { clock = max(clock, open, release) }
            var load = trip.reduce(0) { $0 + problem.stops[$1.stop].delivery }
            maxLoad = max(maxLoad, load)
            var prev = depotNode
            for v in trip {
                let s = problem.stops[v.stop]
                let node = problem.depots.count + v.stop
                distance += dist[prev * n + node]
                let arrival = clock + dur[prev * n + node]
                let start = max(arrival, s.timeWindow?.start ?? open)
                let latest = s.timeWindow?.end ?? close
                if start > latest { violations.append(.timeWindow(route: label, stop: s.id, arrival: arrival, latest: latest)) }
                clock = start + s.serviceTime
                load += s.pickup - s.delivery
                maxLoad = max(maxLoad, load)
                prev = node
            }
            distance += dist[prev * n + depotNode]
            clock += dur[prev * n + depotNode]
            if clock > close {
                violations.append(.timeWindow(route: label, stop: t == trips.count - 1 ? "depot (return)" : "depot (reload)",
                                              arrival: clock, latest: close))
            }
        }
        if maxLoad > vt.capacity { violations.append(.capacity(route: label, load: maxLoad, capacity: vt.capacity)) }
        let duration = clock - route.departure
        if let md = vt.maxDuration, duration > md { violations.append(.duration(route: label, duration: duration, maximum: md)) }
        if let md = vt.maxDistance, distance > md {
            violations.append(.duration(route: label + " length", duration: distance, maximum: md))
        }
        return vt.fixedCost + problem.distanceCost(of: vt) * distance + problem.objective.durationWeight * duration
    }

    /// Groups visits by trip (trip numbers must not decrease; reloads only on multi-trip vehicles).
    func splitTrips(_ visits: [RoutePlan.Visit], label: String, multiTrip: Bool, violations: inout [Violation]) -> [[RoutePlan.Visit]] {
        var trips: [[RoutePlan.Visit]] = []
        var current = visits.first?.trip ?? 0
        var trip: [RoutePlan.Visit] = []
        for v in visits {
            if v.trip != current {
                if v.trip < current { violations.append(.reload(route: label, detail: "trip numbers go back from \(current) to \(v.trip)")) }
                trips.append(trip)
                trip = []
                current = v.trip
            }
            trip.append(v)
        }
        if !trip.isEmpty { trips.append(trip) }
        if trips.count > 1 && !multiTrip {
            violations.append(.reload(route: label, detail: "\(trips.count) trips on a vehicle that cannot reload"))
        }
        return trips
    }
}
