/// Checks a VRPLIB `.sol` against its instance and recomputes its cost in the set's own integer
/// convention: route #k is driven by vehicle k (its type, depot and reload rights), a depot
/// number inside a route is a reload. Each route leaves its depot at the latest time that still
/// gives the earliest return (the shortest duration), and `PlanChecker` then re-simulates it.
public enum VRPLIBChecker {
    public static func check(_ solution: VRPLIBSolution, on instance: VRPLIBInstance) -> CheckReport {
        let problem = instance.problem
        let (dist, dur) = problem.matrices()
        var violations: [Violation] = []
        var routes: [RoutePlan.Route] = []
        for (k, numbers) in solution.routes.enumerated() where !numbers.isEmpty {
            let label = "#\(k + 1)"
            let type: Int
            if instance.vehicleTypeOfVehicle.isEmpty {
                type = 0
            } else if k < instance.vehicleTypeOfVehicle.count {
                type = instance.vehicleTypeOfVehicle[k]
            } else {
                violations.append(.fleetSize(detail: "route \(label) but the instance has \(instance.vehicleTypeOfVehicle.count) vehicles"))
                continue
            }
            let trips = splitTrips(numbers, label: label, type: type, instance: instance, violations: &violations)
            let departure = latestDepartureForEarliestReturn(trips, type: type, problem: problem, dist: dist, dur: dur)
            var visits: [RoutePlan.Visit] = []
            for (t, trip) in trips.enumerated() {
                for s in trip { visits.append(RoutePlan.Visit(stop: s, arrival: 0, serviceStart: 0, departure: 0, loadAfter: 0, trip: t)) }
            }
            routes.append(RoutePlan.Route(day: 1, vehicleType: type, departure: departure, returnTime: 0, startLoad: 0,
                                          visits: visits, distance: 0, duration: 0, cost: 0))
        }
        if instance.vehicleTypeOfVehicle.isEmpty, let count = problem.vehicleTypes.first?.count, routes.count > count {
            violations.append(.fleetSize(detail: "\(routes.count) routes for \(count) vehicles"))
        }
        let plan = RoutePlan(routes: routes, stopDays: [], unserved: [], cost: 0, distance: 0, duration: 0)
        let report = PlanChecker.check(plan, for: problem, checkCost: false)
        return CheckReport(cost: report.cost, violations: violations + report.violations)
    }

    /// Stop indices per trip; depot numbers must be reloads at the vehicle's own depot.
    static func splitTrips(_ numbers: [Int], label: String, type: Int, instance: VRPLIBInstance,
                           violations: inout [Violation]) -> [[Int]] {
        let k = instance.depotCount
        let vt = instance.problem.vehicleTypes[type]
        var trips: [[Int]] = [[]]
        for (p, x) in numbers.enumerated() {
            if x >= k && x < k + instance.problem.stops.count {
                trips[trips.count - 1].append(x - k)
            } else if x >= k + instance.problem.stops.count {
                violations.append(.unknownStop("\(x)"))
            } else if x != vt.depot {
                violations.append(.reload(route: label, detail: "visits depot \(x), but the vehicle belongs to depot \(vt.depot)"))
            } else if !vt.multiTrip {
                violations.append(.reload(route: label, detail: "returns to the depot to reload, which this vehicle cannot"))
            } else if p == 0 || p == numbers.count - 1 || trips[trips.count - 1].isEmpty {
                violations.append(.reload(route: label, detail: "a reload must lie between two trips (position \(p + 1))"))
            } else {
                trips.append([])
            }
        }
        return trips.filter { !$0.isEmpty }
    }

    /// Leaving at the earliest possible time gives the earliest return; leaving later by δ
    /// delays service at stop i by max(0, δ − Wᵢ), where Wᵢ is the waiting accumulated up to
    /// it (reload waits for releases included). The largest δ that neither delays the return
    /// (δ ≤ W_total) nor breaks a window (δ ≤ lateᵢ − startᵢ + Wᵢ) gives the shortest duration.
    static func latestDepartureForEarliestReturn(_ trips: [[Int]], type: Int, problem: RoutingProblem,
                                                 dist: [Int], dur: [Int]) -> Int {
        let n = problem.nodeCount
        let depot = problem.vehicleTypes[type].depot
        let open = problem.depots[depot].timeWindow?.start ?? 0
        let releaseOf = { (trip: [Int]) in trip.map { problem.stops[$0].releaseTime }.max() ?? 0 }
        let earliest = max(open, releaseOf(trips.first ?? []))
        var clock = earliest
        var waited = 0
        var slack = Int.max
        for (t, trip) in trips.enumerated() {
            if t > 0 {
                let leave = max(clock, open, releaseOf(trip))
                waited += leave - clock
                clock = leave
            }
            var prev = depot
            for s in trip {
                let node = problem.depots.count + s
                let arrival = clock + dur[prev * n + node]
                let stop = problem.stops[s]
                let start = max(arrival, stop.timeWindow?.start ?? open)
                waited += start - arrival
                if let late = stop.timeWindow?.end { slack = min(slack, late - start + waited) }
                clock = start + stop.serviceTime
                prev = node
            }
            clock += dur[prev * n + depot]
        }
        return earliest + max(0, min(waited, slack))
    }
}
