/// Independent feasibility checker for `RoutePlan`s. It shares nothing with the solvers'
/// evaluation code: it re-simulates every route from its departure time using only the problem
/// data (and the problem's own matrix/pattern definitions).
public enum PlanChecker {
    public static func check(_ plan: RoutePlan, for problem: RoutingProblem, checkCost: Bool = true) -> CheckReport {
        var violations: [Violation] = []
        let (dist, dur) = problem.matrices()
        let n = problem.stops.count + 1
        let depotOpen = problem.depot.timeWindow?.start ?? Int.min / 4
        let depotClose = problem.depot.timeWindow?.end ?? Int.max / 4
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
            let vt = problem.vehicleTypes[route.vehicleType]
            used["\(route.day)/\(route.vehicleType)", default: 0] += 1
            if route.departure < depotOpen {
                violations.append(.timeWindow(route: label, stop: "depot (departure)", arrival: route.departure, latest: depotOpen))
            }
            var clock = route.departure
            var prev = 0
            var distance = 0
            var load = 0
            for v in route.visits {
                guard v.stop >= 0 && v.stop < problem.stops.count else { violations.append(.unknownStop("\(v.stop)")); continue }
                load += problem.stops[v.stop].delivery
            }
            var maxLoad = load
            for v in route.visits where v.stop >= 0 && v.stop < problem.stops.count {
                let s = problem.stops[v.stop]
                let node = v.stop + 1
                daysOfStop[v.stop].append(route.day)
                distance += dist[prev * n + node]
                let arrival = clock + dur[prev * n + node]
                let start = max(arrival, s.timeWindow?.start ?? depotOpen)
                let latest = s.timeWindow?.end ?? depotClose
                if start > latest {
                    violations.append(.timeWindow(route: label, stop: s.id, arrival: arrival, latest: latest))
                }
                clock = start + s.serviceTime
                load += s.pickup - s.delivery
                maxLoad = max(maxLoad, load)
                prev = node
            }
            distance += dist[prev * n + 0]
            let back = clock + dur[prev * n + 0]
            if back > depotClose {
                violations.append(.timeWindow(route: label, stop: "depot (return)", arrival: back, latest: depotClose))
            }
            if maxLoad > vt.capacity {
                violations.append(.capacity(route: label, load: maxLoad, capacity: vt.capacity))
            }
            let duration = back - route.departure
            if let md = vt.maxDuration, duration > md {
                violations.append(.duration(route: label, duration: duration, maximum: md))
            }
            if let md = vt.maxDistance, distance > md {
                violations.append(.duration(route: label + " length", duration: distance, maximum: md))
            }
            total += vt.fixedCost + problem.objective.distanceWeight * distance + problem.objective.durationWeight * duration
        }
        for (key, count) in used.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "/")
            guard parts.count == 2, let t = Int(parts[1]) else { continue }
            if let limit = problem.vehicleTypes[t].count, count > limit {
                violations.append(.fleetSize(detail: "day \(parts[0]): \(count) routes of type '\(problem.vehicleTypes[t].id)' for \(limit) vehicles"))
            }
        }
        for (i, s) in problem.stops.enumerated() {
            let days = daysOfStop[i].sorted()
            if days.isEmpty { violations.append(.missingStop(s.id)); continue }
            if Set(days).count != days.count { violations.append(.duplicateStop(s.id)); continue }
            if days.count < s.frequency { violations.append(.missingStop(s.id)); continue }
            if days.count > s.frequency { violations.append(.duplicateStop(s.id)); continue }
            if !problem.allowedPatterns(for: s).contains(days) { violations.append(.pattern(stop: s.id, days: days)) }
        }
        if checkCost && total != plan.cost {
            violations.append(.costMismatch(reported: plan.cost, actual: total))
        }
        return CheckReport(cost: total, violations: violations)
    }
}
