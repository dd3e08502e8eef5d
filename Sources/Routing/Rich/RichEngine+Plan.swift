import Foundation

/// Turning the engine's routes into a `RoutePlan` with times and loads, and the baseline.
extension RichEngine {
    func makePlan(_ s: RichState) -> RoutePlan {
        var routes: [RoutePlan.Route] = []
        for day in 0..<D {
            for r in s.days[day] where !r.nodes.isEmpty {
                let whole = wholeSegment(r)
                var bestRoute: RoutePlan.Route?
                for departure in [whole.early, whole.late] {
                    let pr = simulate(r, departure: departure)
                    if bestRoute.map({ pr.duration < $0.duration }) ?? true { bestRoute = pr }
                }
                if let br = bestRoute { routes.append(br) }
            }
        }
        var stopDays: [[Int]] = []
        var unserved: [Int] = []
        for i in 0..<problem.stops.count {
            if s.pattern[i] >= 0 { stopDays.append(patterns[i][s.pattern[i]].map { $0 + 1 }) } else {
                stopDays.append([]); unserved.append(i)
            }
        }
        return RoutePlan(routes: routes, stopDays: stopDays, unserved: unserved,
                         cost: routes.reduce(0) { $0 + $1.cost }, distance: routes.reduce(0) { $0 + $1.distance },
                         duration: routes.reduce(0) { $0 + $1.duration })
    }

    /// Latest release time of the stops of the trip starting at position `from`.
    func tripRelease(_ nodes: [Int], from: Int) -> Int {
        var r = 0
        var k = from
        while k < nodes.count && nodes[k] >= K { r = max(r, problem.stops[nodes[k] - K].releaseTime); k += 1 }
        return r
    }

    /// Total delivery of the trip starting at position `from` (its load when leaving the depot).
    func tripDelivery(_ nodes: [Int], from: Int) -> Int {
        var q = 0
        var k = from
        while k < nodes.count && nodes[k] >= K { q += problem.stops[nodes[k] - K].delivery; k += 1 }
        return q
    }

    /// Times and loads of a route leaving at `departure`; after a reload the vehicle leaves
    /// again as soon as the depot is open and the next trip's parcels are released.
    func simulate(_ r: RichRoute, departure: Int) -> RoutePlan.Route {
        let dep = depotOf[r.type]
        var timeNow = departure
        var prev = dep
        var load = tripDelivery(r.nodes, from: 0)
        let startLoad = load
        var distance = 0
        var trip = 0
        var visits: [RoutePlan.Visit] = []
        for (k, v) in r.nodes.enumerated() {
            distance += d(prev, v)
            if v < K {
                let back = timeNow + t(prev, v)
                timeNow = max(back, nodeSeg[dep].early, tripRelease(r.nodes, from: k + 1))
                load = tripDelivery(r.nodes, from: k + 1)
                trip += 1
                prev = dep
                continue
            }
            let st = problem.stops[v - K]
            let arrival = timeNow + t(prev, v)
            let start = max(arrival, nodeSeg[v].early)
            timeNow = start + st.serviceTime
            load += st.pickup - st.delivery
            visits.append(RoutePlan.Visit(stop: v - K, arrival: arrival, serviceStart: start, departure: timeNow,
                                          loadAfter: load, trip: trip))
            prev = v
        }
        let back = timeNow + t(prev, dep)
        distance += d(prev, dep)
        let duration = back - departure
        let c = fixed[r.type] + distCost[r.type] * distance + wt * duration
        return RoutePlan.Route(day: r.day + 1, vehicleType: r.type, departure: departure, returnTime: back,
                               startLoad: startLoad, visits: visits, distance: distance, duration: duration, cost: c)
    }

    /// Baseline: fixed balanced patterns (stop i takes pattern i mod #patterns), then per day a
    /// nearest-neighbour construction that closes a route when no feasible stop can be appended.
    mutating func nearestNeighbourPlan() -> RichState {
        let S = problem.stops.count
        var state = RichState(days: [[RichRoute]](repeating: [], count: D), routeOf: [Int](repeating: -1, count: D * N),
                              pattern: [Int](repeating: -1, count: S))
        var dayStops = [[Int]](repeating: [], count: D)
        for i in 0..<S where !patterns[i].isEmpty {
            let pi = i % patterns[i].count
            state.pattern[i] = pi
            for day in patterns[i][pi] { dayStops[day].append(K + i) }
        }
        var failed = Set<Int>()
        for day in 0..<D {
            var remaining = dayStops[day].sorted()
            var usedTypes = [Int](repeating: 0, count: capacity.count)
            while !remaining.isEmpty {
                // choose the largest type with a spare vehicle
                var type = -1
                for tp in 0..<capacity.count where usedTypes[tp] < limit[tp] {
                    if type < 0 || capacity[tp] > capacity[type] { type = tp }
                }
                if type < 0 { break }
                usedTypes[type] += 1
                let route = nearestNeighbourRoute(day: day, type: type, remaining: &remaining)
                if route.nodes.isEmpty {
                    // nothing fits even alone in the largest free vehicle: give up on these stops
                    failed.formUnion(remaining)
                    break
                }
                state.routeCost += route.cost
                for w in route.nodes { state.routeOf[day * N + w] = state.days[day].count }
                state.days[day].append(route)
            }
            failed.formUnion(remaining)
        }
        // stops missing on any of their days are unserved: drop all their visits
        for v in failed.sorted() {
            let i = v - K
            if state.pattern[i] < 0 { continue }
            remove(&state, stop: i)
            state.pattern[i] = -1
            state.unservedCount += problem.stops[i].frequency
        }
        return state
    }

    /// One nearest-neighbour route: append the nearest stop that keeps the route feasible.
    func nearestNeighbourRoute(day: Int, type: Int, remaining: inout [Int]) -> RichRoute {
        let dep = depotOf[type]
        var route = RichRoute(day: day, type: type, nodes: [])
        rebuild(&route)
        var last = dep
        while true {
            var bestV = -1, bestD = Int.max
            let c = route.nodes.count
            for v in remaining where d(last, v) < bestD {  // ties: lowest node id
                let s = link(link(route.fwd[c].open, nodeSeg[v], last, v), nodeSeg[dep], v, dep).closingTrip()
                if feasible(s, type) { bestD = d(last, v); bestV = v }
            }
            if bestV < 0 { break }
            route.nodes.append(bestV)
            rebuild(&route)
            if let k = remaining.firstIndex(of: bestV) { remaining.remove(at: k) }
            last = bestV
        }
        return route
    }
}
