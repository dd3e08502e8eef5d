import Foundation

/// A route's summary up to (or from) a position: the trips already closed by a reload, and the
/// trip still open. Keeping them apart is what makes insertion into a multi-trip route O(1):
/// only the open trip changes, the closed ones are merged as they are.
struct TripPrefix {
    var closed: Segment
    var open: Segment
}

struct RichRoute {
    var day: Int
    var type: Int
    /// Stop nodes in visiting order. A depot node (< depot count) between two stops is a return
    /// to the vehicle's depot to reload (multi-trip types only); never first, last or doubled.
    var nodes: [Int]
    var fwd: [TripPrefix] = []   // fwd[k] = depot, nodes[0..<k]   (k = 0...count)
    var bwd: [TripPrefix] = []   // bwd[k] = nodes[k...], depot     (k = 0...count)
    var cost = 0
    var trips = 1
}

struct RichState {
    var days: [[RichRoute]]
    /// routeOf[day * N + node] = index of the route visiting node on day, or -1.
    var routeOf: [Int]
    var pattern: [Int]        // per stop (0-based), -1 = unserved, -2 = removed (pending)
    var routeCost = 0
    var unservedCount = 0     // counted in visits
}

/// Where a stop goes: route index (or -1 - type for a new route), position in `nodes`, and
/// whether it opens a new trip of that route (after a reload).
struct Insertion {
    var delta: Int
    var route: Int
    var position: Int
    var newTrip: Bool
    /// Vehicle type of the route after the insertion (a larger vehicle when the load needs it).
    var type: Int = -1
}

/// The rich engine's state and moves. Node ids: 0..<K are the depots, K + i is stop i.
struct RichEngine {
    let problem: RoutingProblem
    let params: RichParameters
    let K: Int                // depots
    let N: Int                // nodes incl. depots
    let D: Int
    let dist: [Int]
    let time: [Int]
    let nodeSeg: [Segment]    // per node (depots: their opening hours)
    let patterns: [[[Int]]]   // per stop, 0-based days
    let capacity: [Int]
    let limit: [Int]
    let fixed: [Int]
    let distCost: [Int]
    let maxDur: [Int]
    let maxDist: [Int]
    let depotOf: [Int]        // per type: depot node
    let multiTrip: [Bool]
    let wt: Int
    let neighbours: [[Int]]   // per node, nearest stop nodes
    let unservedPenalty: Int
    /// Number of nearest neighbours whose routes are scanned when inserting a stop.
    let granularRoutes = 40
    var rng: RandomSource
    let clock: Clock
    var firstFeasible: Double?

    init(problem: RoutingProblem, params: RichParameters) {
        self.problem = problem
        self.params = params
        clock = Clock(cpu: params.measureCPUTime)
        K = problem.depots.count
        N = problem.nodeCount
        D = max(1, problem.horizon)
        let m = problem.matrices()
        dist = m.distance
        time = m.duration
        var segs: [Segment] = problem.depots.map { d in
            .node(service: 0, early: d.timeWindow?.start ?? 0, late: d.timeWindow?.end ?? Int(Int32.max), delivery: 0, pickup: 0)
        }
        // A stop without a window may be visited while any depot is open (the union of their
        // windows), not only the first depot's: depots at one place with different opening
        // hours (a vehicle's shift each) would otherwise all be held to the first one's.
        let e0 = problem.depots.map { $0.timeWindow?.start ?? 0 }.min() ?? 0
        let l0 = problem.depots.map { $0.timeWindow?.end ?? Int(Int32.max) }.max() ?? Int(Int32.max)
        for s in problem.stops {
            segs.append(.node(service: s.serviceTime, early: s.timeWindow?.start ?? e0, late: s.timeWindow?.end ?? l0,
                              delivery: s.delivery, pickup: s.pickup, release: s.releaseTime))
        }
        nodeSeg = segs
        // default patterns are shared between stops of equal frequency (one array each)
        var shared: [Int: [[Int]]] = [:]
        patterns = problem.stops.map { s in
            if let p = s.patterns { return p.map { $0.sorted().map { $0 - 1 } } }
            if let p = shared[s.frequency] { return p }
            let p = RoutingProblem.defaultPatterns(frequency: s.frequency, horizon: problem.horizon).map { $0.map { $0 - 1 } }
            shared[s.frequency] = p
            return p
        }
        let types = problem.vehicleTypes
        capacity = types.map(\.capacity)
        limit = types.map { $0.count ?? max(1, problem.stops.count) }
        fixed = types.map(\.fixedCost)
        distCost = types.map { problem.distanceCost(of: $0) }
        maxDur = types.map { $0.maxDuration ?? Int.max / 4 }
        maxDist = types.map { $0.maxDistance ?? Int.max / 4 }
        depotOf = types.map(\.depot)
        multiTrip = types.map(\.multiTrip)
        wt = problem.objective.durationWeight
        neighbours = RichEngine.nearestStops(dist: m.distance, nodes: N, depots: K, count: 60)
        let maxD = dist.max() ?? 0, maxT = time.max() ?? 0
        unservedPenalty = 10 * (2 * maxD * max(1, distCost.max() ?? 1) + 2 * maxT * wt + (fixed.max() ?? 0)) + 1_000_000
        rng = RandomSource(seed: params.seed)
    }

    /// The `count` nearest stop nodes of every stop node (by d(i,j) + d(j,i)).
    static func nearestStops(dist: [Int], nodes n: Int, depots k: Int, count: Int) -> [[Int]] {
        let c = min(n - k - 1, count)
        var nb: [[Int]] = []
        for i in 0..<n {
            if i < k || c <= 0 { nb.append([]); continue }
            var pairs: [(Int, Int)] = []
            pairs.reserveCapacity(n - k)
            for j in k..<n where j != i { pairs.append((dist[i * n + j] + dist[j * n + i], j)) }
            pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            nb.append(pairs.prefix(c).map(\.1))
        }
        return nb
    }

    @inline(__always) func d(_ i: Int, _ j: Int) -> Int { dist[i * N + j] }
    @inline(__always) func t(_ i: Int, _ j: Int) -> Int { time[i * N + j] }
    @inline(__always) func link(_ a: Segment, _ b: Segment, _ i: Int, _ j: Int) -> Segment {
        Segment.merge(a, b, travelDistance: dist[i * N + j], travelTime: time[i * N + j])
    }
    @inline(__always) func join(_ a: Segment, _ b: Segment) -> Segment {
        Segment.merge(a, b, travelDistance: 0, travelTime: 0)
    }

    @inline(__always) func feasible(_ s: Segment, _ type: Int) -> Bool {
        s.timeWarp == 0 && s.maxLoad <= capacity[type] && s.duration <= maxDur[type] && s.distance <= maxDist[type]
    }

    @inline(__always) func cost(_ s: Segment, _ type: Int) -> Int {
        fixed[type] + distCost[type] * s.distance + wt * s.duration
    }

    /// A whole route from its prefixes: closed trips, the open trip closed at the depot.
    @inline(__always) func whole(closed: Segment, open: Segment, trips: Int) -> Segment {
        trips == 1 ? open.closingTrip() : join(closed, open.closingTrip())
    }

    func rebuild(_ r: inout RichRoute) {
        let c = r.nodes.count
        let dep = depotOf[r.type]
        let ds = nodeSeg[dep]
        var fwd = [TripPrefix](repeating: TripPrefix(closed: .empty, open: ds), count: c + 1)
        var prev = dep
        var trips = 1
        for k in 0..<c {
            let v = r.nodes[k]
            if v < K {
                let end = link(fwd[k].open, ds, prev, dep)
                fwd[k + 1] = TripPrefix(closed: join(fwd[k].closed, end.closingTrip()), open: ds)
                prev = dep
                trips += 1
            } else {
                fwd[k + 1] = TripPrefix(closed: fwd[k].closed, open: link(fwd[k].open, nodeSeg[v], prev, v))
                prev = v
            }
        }
        var bwd = [TripPrefix](repeating: TripPrefix(closed: .empty, open: ds), count: c + 1)
        var next = dep
        var k = c - 1
        while k >= 0 {
            let v = r.nodes[k]
            if v < K {
                let start = link(ds, bwd[k + 1].open, dep, next)
                bwd[k] = TripPrefix(closed: join(start.closingTrip(), bwd[k + 1].closed), open: ds)
                next = dep
            } else {
                bwd[k] = TripPrefix(closed: bwd[k + 1].closed, open: link(nodeSeg[v], bwd[k + 1].open, v, next))
                next = v
            }
            k -= 1
        }
        r.fwd = fwd
        r.bwd = bwd
        r.trips = trips
        r.cost = c > 0 ? cost(wholeSegment(r), r.type) : 0
    }

    func wholeSegment(_ r: RichRoute) -> Segment {
        let c = r.nodes.count
        let dep = depotOf[r.type]
        let last = c > 0 ? r.nodes[c - 1] : dep
        let open = link(r.fwd[c].open, nodeSeg[dep], last, dep)
        return whole(closed: r.fwd[c].closed, open: open, trips: r.trips)
    }

    /// Cheapest feasible insertion of stop node v on day `day`. Only routes visiting one of v's
    /// nearest neighbours that day are scanned (granular restriction), plus a new route of each
    /// type with a free vehicle; multi-trip routes also offer v as a trip of its own.
    mutating func bestInsertion(_ state: RichState, node v: Int, day: Int, blink: Bool) -> Insertion? {
        var best = Insertion(delta: Int.max, route: 0, position: 0, newTrip: false)
        let routes = state.days[day]
        var used = [Int](repeating: 0, count: capacity.count)
        for r in routes { used[r.type] += 1 }
        var candidates: [Int] = []
        candidates.reserveCapacity(8)
        let base0 = day * N
        for nb in neighbours[v].prefix(granularRoutes) {
            let r = state.routeOf[base0 + nb]
            if r >= 0 && !candidates.contains(r) { candidates.append(r) }
        }
        for ri in candidates {
            let others = otherTypes(for: routes[ri], used: used)
            scanRoute(routes[ri], index: ri, node: v, blink: blink, others: others, best: &best)
            if multiTrip[routes[ri].type] { scanNewTrips(routes[ri], index: ri, node: v, best: &best) }
        }
        for type in 0..<capacity.count where used[type] < limit[type] {
            let dep = depotOf[type]
            let s = link(link(nodeSeg[dep], nodeSeg[v], dep, v), nodeSeg[dep], v, dep).closingTrip()
            if !feasible(s, type) { continue }
            let delta = cost(s, type)
            if delta < best.delta { best = Insertion(delta: delta, route: -1 - type, position: 0, newTrip: false) }
        }
        return best.delta == Int.max ? nil : best
    }

    /// Types route r could switch to: same depot, a free vehicle that day, reloads if it has
    /// several trips. Lets an insertion move a route to a larger vehicle (heterogeneous fleets).
    func otherTypes(for r: RichRoute, used: [Int]) -> [Int] {
        guard capacity.count > 1 else { return [] }
        var out: [Int] = []
        for t in 0..<capacity.count where t != r.type && used[t] < limit[t] && depotOf[t] == depotOf[r.type] && (r.trips == 1 || multiTrip[t]) {
            out.append(t)
        }
        return out
    }

    /// After removals a route may fit a cheaper vehicle with one free that day.
    func retype(_ state: inout RichState, day: Int, route ri: Int) {
        var used = [Int](repeating: 0, count: capacity.count)
        for r in state.days[day] { used[r.type] += 1 }
        let r = state.days[day][ri]
        let whole = wholeSegment(r)
        var bestType = r.type, bestCost = r.cost
        for t in otherTypes(for: r, used: used) where feasible(whole, t) && cost(whole, t) < bestCost {
            bestType = t
            bestCost = cost(whole, t)
        }
        if bestType != r.type {
            state.routeCost += bestCost - r.cost
            state.days[day][ri].type = bestType
            state.days[day][ri].cost = bestCost
        }
    }

    /// Every position of route r for stop node v, in O(1) each.
    mutating func scanRoute(_ r: RichRoute, index ri: Int, node v: Int, blink: Bool, others: [Int], best: inout Insertion) {
        let type = r.type, c = r.nodes.count, base = r.cost, trips = r.trips
        let seg = nodeSeg[v]
        let dep = depotOf[type]
        let blinkRate = params.blinkRate
        let wd = distCost[type]
        r.nodes.withUnsafeBufferPointer { nodes in
            r.fwd.withUnsafeBufferPointer { fwd in
                r.bwd.withUnsafeBufferPointer { bwd in
                    var a = dep
                    for k in 0...c {
                        let b = k == c ? dep : nodes[k]
                        defer { a = b }
                        let dav = d(a, v), dvb = d(v, b)
                        let dd = dav + dvb - d(a, b)
                        if wt == 0 && others.isEmpty && wd * dd >= best.delta { continue }
                        if blink && rng.unit() < blinkRate { continue }
                        let open = link(link(fwd[k].open, seg, a, v), bwd[k].open, v, b)
                        let s = trips == 1 ? open.closingTrip() : join(join(fwd[k].closed, open.closingTrip()), bwd[k].closed)
                        if feasible(s, type) {
                            let delta = cost(s, type) - base
                            if delta < best.delta { best = Insertion(delta: delta, route: ri, position: k, newTrip: false, type: type) }
                        }
                        for t in others where feasible(s, t) {
                            let delta = cost(s, t) - base
                            if delta < best.delta { best = Insertion(delta: delta, route: ri, position: k, newTrip: false, type: t) }
                        }
                    }
                }
            }
        }
    }

    /// v as a trip of its own in multi-trip route r: before each trip, or after the last.
    func scanNewTrips(_ r: RichRoute, index ri: Int, node v: Int, best: inout Insertion) {
        let type = r.type, c = r.nodes.count
        guard c > 0 else { return }
        let dep = depotOf[type]
        let ds = nodeSeg[dep]
        let solo = link(link(ds, nodeSeg[v], dep, v), ds, v, dep).closingTrip()
        for k in 0..<c where k == 0 || r.nodes[k - 1] < K {
            // fwd[k].open is the bare depot here: the next trip is fwd[k].open + bwd[k].open
            let next = link(r.fwd[k].open, r.bwd[k].open, dep, r.nodes[k]).closingTrip()
            let s = join(join(join(r.fwd[k].closed, solo), next), r.bwd[k].closed)
            if !feasible(s, type) { continue }
            let delta = cost(s, type) - r.cost
            if delta < best.delta { best = Insertion(delta: delta, route: ri, position: k, newTrip: true) }
        }
        let last = link(r.fwd[c].open, ds, r.nodes[c - 1], dep).closingTrip()
        let s = join(join(r.fwd[c].closed, last), solo)
        if feasible(s, type) {
            let delta = cost(s, type) - r.cost
            if delta < best.delta { best = Insertion(delta: delta, route: ri, position: c, newTrip: true) }
        }
    }

    /// Applies an insertion of stop node v on day `day`.
    func apply(_ m: Insertion, node v: Int, day: Int, state: inout RichState) {
        if m.route < 0 {
            var route = RichRoute(day: day, type: -1 - m.route, nodes: [v])
            rebuild(&route)
            state.routeCost += route.cost
            state.routeOf[day * N + v] = state.days[day].count
            state.days[day].append(route)
            return
        }
        state.routeOf[day * N + v] = m.route
        state.routeCost -= state.days[day][m.route].cost
        if m.type >= 0 { state.days[day][m.route].type = m.type }
        let dep = depotOf[state.days[day][m.route].type]
        if !m.newTrip {
            state.days[day][m.route].nodes.insert(v, at: m.position)
        } else if m.position == state.days[day][m.route].nodes.count {
            state.days[day][m.route].nodes.append(contentsOf: [dep, v])
        } else {
            state.days[day][m.route].nodes.insert(contentsOf: [v, dep], at: m.position)
        }
        rebuild(&state.days[day][m.route])
        state.routeCost += state.days[day][m.route].cost
    }

    mutating func insert(_ state: inout RichState, stop i: Int, blink: Bool) {
        let v = K + i
        var bestCost = Int.max
        var bestPattern = -1
        var bestMoves: [(Int, Insertion)] = []
        for (pi, pat) in patterns[i].enumerated() {
            var total = 0
            var moves: [(Int, Insertion)] = []
            var ok = true
            for day in pat {
                guard let m = bestInsertion(state, node: v, day: day, blink: blink) else { ok = false; break }
                total += m.delta
                moves.append((day, m))
                if total >= bestCost { ok = false; break }
            }
            if ok && total < bestCost { bestCost = total; bestPattern = pi; bestMoves = moves }
        }
        if bestPattern < 0 {
            state.pattern[i] = -1
            state.unservedCount += problem.stops[i].frequency
            return
        }
        state.pattern[i] = bestPattern
        for (day, m) in bestMoves { apply(m, node: v, day: day, state: &state) }
    }

    /// Drops reload marks that no longer separate two trips (first, last, or doubled).
    func tidyReloads(_ nodes: inout [Int]) {
        guard nodes.contains(where: { $0 < K }) else { return }
        var out: [Int] = []
        out.reserveCapacity(nodes.count)
        for v in nodes {
            if v < K && (out.isEmpty || (out.last ?? 0) < K) { continue }
            out.append(v)
        }
        while let l = out.last, l < K { out.removeLast() }
        nodes = out
    }

    /// Removes stop i from all its days.
    func remove(_ state: inout RichState, stop i: Int) {
        let v = K + i
        let pi = state.pattern[i]
        if pi < 0 {
            state.unservedCount -= problem.stops[i].frequency
            return
        }
        for day in patterns[i][pi] {
            let ri = state.routeOf[day * N + v]
            guard ri >= 0, let k = state.days[day][ri].nodes.firstIndex(of: v) else { continue }
            state.routeOf[day * N + v] = -1
            state.routeCost -= state.days[day][ri].cost
            state.days[day][ri].nodes.remove(at: k)
            tidyReloads(&state.days[day][ri].nodes)
            if state.days[day][ri].nodes.isEmpty {
                state.days[day].remove(at: ri)
                for rj in ri..<state.days[day].count {
                    for w in state.days[day][rj].nodes where w >= K { state.routeOf[day * N + w] = rj }
                }
            } else {
                rebuild(&state.days[day][ri])
                state.routeCost += state.days[day][ri].cost
                if capacity.count > 1 { retype(&state, day: day, route: ri) }
            }
        }
        state.pattern[i] = -2  // removed, pending reinsertion
    }

    /// Route cost plus a large penalty per unserved visit (in Double: no overflow for any input).
    func objective(_ s: RichState) -> Double { Double(s.routeCost) + Double(s.unservedCount) * Double(unservedPenalty) }
}
