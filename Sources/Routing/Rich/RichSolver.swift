import Foundation

/// Parameters of the general (rich-constraint, periodic) solver.
public struct RichParameters: Sendable, Equatable {
    public var seed: UInt64 = 1
    /// Wall-clock limit in seconds (nil = none).
    public var timeLimit: Double? = 10
    /// Ruin-and-recreate iterations (nil = none). Use for reproducible runs. When neither this
    /// nor `timeLimit` is set, `defaultIterations` are run.
    public var maxIterations: Int? = nil
    public static let defaultIterations = 50_000
    /// Average number of stops removed per ruin (SISR c̄) and maximum string length (L_max).
    public var averageRemoved = 10
    public var maxStringLength = 10
    /// Probability of skipping an insertion position ("blink").
    public var blinkRate = 0.01
    /// Simulated-annealing temperatures as multiples of the average nearest-neighbour edge cost.
    /// (5 and 0.05 measured better than 1 and 0.01 on the county and X instances in fixed-iteration runs.)
    public var initialTemperature = 5.0
    public var finalTemperature = 0.05
    public init() {}
    public init(seed: UInt64, timeLimit: Double?, maxIterations: Int? = nil) {
        self.seed = seed; self.timeLimit = timeLimit; self.maxIterations = maxIterations
    }
}

public struct RichSolveResult: Sendable {
    public var plan: RoutePlan
    public var iterations: Int
    public var timeToFirstFeasible: Double?
    public var totalTime: Double
}

/// General solver for pick-up & delivery, durations, time windows, heterogeneous limited fleet and
/// periodic (multi-day) planning. Method: slack-induced string removals (Christiaens & Vanden Berghe
/// 2020) with simulated annealing; the recreate step inserts every removed stop with its best
/// visit-day pattern (sum of cheapest feasible insertions over the pattern's days), which makes the
/// pattern-change move of Vidal et al. (2012) part of every iteration. Constraints are hard in
/// insertion; O(1) insertion checks by segment concatenation.
public struct RichSolver: Sendable {
    public var problem: RoutingProblem
    public var parameters: RichParameters

    public init(problem: RoutingProblem, parameters: RichParameters = RichParameters()) {
        self.problem = problem
        self.parameters = parameters
    }

    public func solve() throws(RoutingError) -> RichSolveResult {
        try RoutingProblemValidator.validate(problem)
        var engine = RichEngine(problem: problem, params: parameters)
        return engine.run()
    }
}

struct RichRoute {
    var day: Int
    var type: Int
    var nodes: [Int]          // node ids (1...stops.count)
    var fwd: [Segment] = []   // fwd[k] = depot, nodes[0..<k]   (k = 0...count)
    var bwd: [Segment] = []   // bwd[k] = nodes[k...], depot     (k = 0...count)
    var cost = 0
}

struct RichState {
    var days: [[RichRoute]]
    /// routeOf[day * N + node] = index of the route visiting node on day, or -1.
    var routeOf: [Int]
    var pattern: [Int]        // per stop (0-based), -1 = unserved
    var routeCost = 0
    var unservedCount = 0     // counted in visits
}

struct RichEngine {
    let problem: RoutingProblem
    let params: RichParameters
    let N: Int                // nodes incl. depot
    let D: Int
    let dist: [Int]
    let time: [Int]
    let nodeSeg: [Segment]
    let depotSeg: Segment
    let patterns: [[[Int]]]   // per stop, 0-based days
    let capacity: [Int]
    let limit: [Int]
    let fixed: [Int]
    let maxDur: [Int]
    let maxDist: [Int]
    let wd: Int
    let wt: Int
    let neighbours: [[Int]]   // per node, nearest stop nodes
    let unservedPenalty: Int
    /// Number of nearest neighbours whose routes are scanned when inserting a stop.
    let granularRoutes = 40
    var rng: RandomSource
    let clock = Clock()
    var firstFeasible: Double?

    init(problem: RoutingProblem, params: RichParameters) {
        self.problem = problem
        self.params = params
        N = problem.stops.count + 1
        D = max(1, problem.horizon)
        let m = problem.matrices()
        dist = m.distance
        time = m.duration
        let e0 = problem.depot.timeWindow?.start ?? 0
        let l0 = problem.depot.timeWindow?.end ?? Int(Int32.max)
        depotSeg = Segment.node(service: 0, early: e0, late: l0, delivery: 0, pickup: 0)
        var segs = [depotSeg]
        for s in problem.stops {
            segs.append(.node(service: s.serviceTime, early: s.timeWindow?.start ?? e0,
                              late: s.timeWindow?.end ?? l0, delivery: s.delivery, pickup: s.pickup))
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
        capacity = problem.vehicleTypes.map(\.capacity)
        limit = problem.vehicleTypes.map { $0.count ?? max(1, problem.stops.count) }
        fixed = problem.vehicleTypes.map(\.fixedCost)
        maxDur = problem.vehicleTypes.map { $0.maxDuration ?? Int.max / 4 }
        maxDist = problem.vehicleTypes.map { $0.maxDistance ?? Int.max / 4 }
        wd = problem.objective.distanceWeight
        wt = problem.objective.durationWeight
        let n = N
        var nb: [[Int]] = []
        let k = min(n - 2, 60)
        for i in 0..<n {
            if i == 0 || k <= 0 { nb.append([]); continue }
            var c: [(Int, Int)] = []
            for j in 1..<n where j != i { c.append((dist[i * n + j] + dist[j * n + i], j)) }
            c.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            nb.append(c.prefix(k).map(\.1))
        }
        neighbours = nb
        let maxD = dist.max() ?? 0, maxT = time.max() ?? 0
        unservedPenalty = 10 * (2 * maxD * max(1, wd) + 2 * maxT * wt + (fixed.max() ?? 0)) + 1_000_000
        rng = RandomSource(seed: params.seed)
    }

    @inline(__always) func d(_ i: Int, _ j: Int) -> Int { dist[i * N + j] }
    @inline(__always) func t(_ i: Int, _ j: Int) -> Int { time[i * N + j] }

    @inline(__always) func feasible(_ s: Segment, _ type: Int) -> Bool {
        s.timeWarp == 0 && s.maxLoad <= capacity[type] && s.duration <= maxDur[type] && s.distance <= maxDist[type]
    }

    @inline(__always) func cost(_ s: Segment, _ type: Int) -> Int {
        fixed[type] + wd * s.distance + wt * s.duration
    }

    func rebuild(_ r: inout RichRoute) {
        let c = r.nodes.count
        var fwd = [Segment](repeating: depotSeg, count: c + 1)
        var prev = 0
        for k in 0..<c {
            let v = r.nodes[k]
            fwd[k + 1] = Segment.merge(fwd[k], nodeSeg[v], travelDistance: d(prev, v), travelTime: t(prev, v))
            prev = v
        }
        var bwd = [Segment](repeating: depotSeg, count: c + 1)
        var next = 0
        var k = c - 1
        while k >= 0 {
            let v = r.nodes[k]
            bwd[k] = Segment.merge(nodeSeg[v], bwd[k + 1], travelDistance: d(v, next), travelTime: t(v, next))
            next = v
            k -= 1
        }
        r.fwd = fwd
        r.bwd = bwd
        // whole route: depot + nodes + depot
        let last = c > 0 ? r.nodes[c - 1] : 0
        let whole = Segment.merge(fwd[c], depotSeg, travelDistance: d(last, 0), travelTime: t(last, 0))
        r.cost = c > 0 ? cost(whole, r.type) : 0
    }

    func wholeSegment(_ r: RichRoute) -> Segment {
        let c = r.nodes.count
        let last = c > 0 ? r.nodes[c - 1] : 0
        return Segment.merge(r.fwd[c], depotSeg, travelDistance: d(last, 0), travelTime: t(last, 0))
    }

    /// Cheapest feasible insertion of stop node v on day `day`: (delta cost, route index or
    /// -1-type for a new route, position). Only routes visiting one of v's nearest neighbours
    /// that day are scanned (granular restriction), plus a new route of each type.
    mutating func bestInsertion(_ state: RichState, node v: Int, day: Int, blink: Bool) -> (Int, Int, Int)? {
        var best = Int.max
        var bestRoute = 0, bestPos = 0
        let seg = nodeSeg[v]
        let routes = state.days[day]
        let blinkRate = params.blinkRate
        let base0 = day * N
        var candidates: [Int] = []
        candidates.reserveCapacity(8)
        for nb in neighbours[v].prefix(granularRoutes) {
            let r = state.routeOf[base0 + nb]
            if r >= 0 && !candidates.contains(r) { candidates.append(r) }
        }
        for ri in candidates {
            let r = routes[ri]
            let type = r.type
            let c = r.nodes.count
            let base = r.cost
            r.nodes.withUnsafeBufferPointer { nodes in
                r.fwd.withUnsafeBufferPointer { fwd in
                    r.bwd.withUnsafeBufferPointer { bwd in
                        var a = 0
                        for k in 0...c {
                            let b = k == c ? 0 : nodes[k]
                            defer { a = b }
                            let dav = d(a, v), dvb = d(v, b)
                            let dd = dav + dvb - d(a, b)
                            if wt == 0 && wd * dd >= best { continue }
                            if blink && rng.unit() < blinkRate { continue }
                            let s1 = Segment.merge(fwd[k], seg, travelDistance: dav, travelTime: t(a, v))
                            let s2 = Segment.merge(s1, bwd[k], travelDistance: dvb, travelTime: t(v, b))
                            if !feasible(s2, type) { continue }
                            let delta = cost(s2, type) - base
                            if delta < best { best = delta; bestRoute = ri; bestPos = k }
                        }
                    }
                }
            }
        }
        // a new route of each type with spare vehicles
        var used = [Int](repeating: 0, count: capacity.count)
        for r in routes { used[r.type] += 1 }
        for type in 0..<capacity.count where used[type] < limit[type] {
            let s1 = Segment.merge(depotSeg, seg, travelDistance: d(0, v), travelTime: t(0, v))
            let s2 = Segment.merge(s1, depotSeg, travelDistance: d(v, 0), travelTime: t(v, 0))
            if !feasible(s2, type) { continue }
            let delta = cost(s2, type)
            if delta < best { best = delta; bestRoute = -1 - type; bestPos = 0 }
        }
        return best == Int.max ? nil : (best, bestRoute, bestPos)
    }

    mutating func insert(_ state: inout RichState, stop i: Int, blink: Bool) {
        let v = i + 1
        var bestCost = Int.max
        var bestPattern = -1
        var bestMoves: [(Int, Int, Int)] = []
        let pats = patterns[i]
        for (pi, pat) in pats.enumerated() {
            var total = 0
            var moves: [(Int, Int, Int)] = []
            var ok = true
            for day in pat {
                guard let (c, r, p) = bestInsertion(state, node: v, day: day, blink: blink) else { ok = false; break }
                total += c
                moves.append((day, r, p))
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
        for (day, r, p) in bestMoves {
            if r < 0 {
                var route = RichRoute(day: day, type: -1 - r, nodes: [v])
                rebuild(&route)
                state.routeCost += route.cost
                state.routeOf[day * N + v] = state.days[day].count
                state.days[day].append(route)
            } else {
                state.routeOf[day * N + v] = r
                state.routeCost -= state.days[day][r].cost
                state.days[day][r].nodes.insert(v, at: p)
                rebuild(&state.days[day][r])
                state.routeCost += state.days[day][r].cost
            }
        }
    }

    /// Removes stop i from all its days.
    func remove(_ state: inout RichState, stop i: Int) {
        let v = i + 1
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
            if state.days[day][ri].nodes.isEmpty {
                state.days[day].remove(at: ri)
                for rj in ri..<state.days[day].count {
                    for w in state.days[day][rj].nodes { state.routeOf[day * N + w] = rj }
                }
            } else {
                rebuild(&state.days[day][ri])
                state.routeCost += state.days[day][ri].cost
            }
        }
        state.pattern[i] = -2  // removed, pending reinsertion
    }

    /// Route cost plus a large penalty per unserved visit (in Double: no overflow for any input).
    func objective(_ s: RichState) -> Double { Double(s.routeCost) + Double(s.unservedCount) * Double(unservedPenalty) }

    mutating func recreate(_ state: inout RichState, _ removed: [Int]) {
        var order = removed
        let mode = rng.int(below: 11)
        if mode < 4 {
            rng.shuffle(&order)
        } else if mode < 8 {
            rng.shuffle(&order)
            order.sort { a, b in
                let qa = (problem.stops[a].delivery + problem.stops[a].pickup) * problem.stops[a].frequency
                let qb = (problem.stops[b].delivery + problem.stops[b].pickup) * problem.stops[b].frequency
                return qa > qb
            }
        } else if mode < 10 {
            order.sort { d(0, $0 + 1) > d(0, $1 + 1) }
        } else {
            order.sort { d(0, $0 + 1) < d(0, $1 + 1) }
        }
        for i in order { insert(&state, stop: i, blink: true) }
    }

    /// SISR string removal around a random seed stop on one of its days.
    mutating func ruin(_ state: inout RichState) -> [Int] {
        let S = problem.stops.count
        var removed: [Int] = []
        var isRemoved = [Bool](repeating: false, count: S)
        // unserved stops are always retried
        for i in 0..<S where state.pattern[i] == -1 {
            state.unservedCount -= problem.stops[i].frequency
            state.pattern[i] = -2
            removed.append(i)
            isRemoved[i] = true
        }
        let served = (0..<S).filter { state.pattern[$0] >= 0 }
        if served.isEmpty { return removed }
        let seed = served[rng.int(below: served.count)]
        let seedDays = patterns[seed][state.pattern[seed]]
        let day = seedDays[rng.int(below: seedDays.count)]
        let routes = state.days[day]
        if routes.isEmpty { return removed }
        let avgLen = Double(routes.reduce(0) { $0 + $1.nodes.count }) / Double(routes.count)
        let lsMax = min(Double(params.maxStringLength), avgLen)
        let ksMax = 4.0 * Double(params.averageRemoved) / (1 + lsMax) - 1
        let ks = Int(rng.unit() * ksMax) + 1
        var ruinedRoutes = Set<Int>()
        var toRemove: [Int] = []
        for c in [seed + 1] + neighbours[seed + 1] {
            if ruinedRoutes.count >= ks { break }
            let ri = state.routeOf[day * N + c]
            guard ri >= 0, !ruinedRoutes.contains(ri), let k = routes[ri].nodes.firstIndex(of: c) else { continue }
            let r = routes[ri]
            let ltMax = min(Double(r.nodes.count), lsMax)
            let lt = min(r.nodes.count, Int(rng.unit() * ltMax) + 1)
            // string of length lt containing position k
            let lo = max(0, k - lt + 1), hi = min(k, r.nodes.count - lt)
            let start = lo + rng.int(below: max(1, hi - lo + 1))
            for p in start..<(start + lt) { toRemove.append(r.nodes[p] - 1) }
            ruinedRoutes.insert(ri)
        }
        for i in toRemove where !isRemoved[i] {
            remove(&state, stop: i)
            isRemoved[i] = true
            removed.append(i)
        }
        return removed
    }

    func timeUp(_ iter: Int) -> Bool {
        if let mi = params.maxIterations, iter >= mi { return true }
        if params.maxIterations == nil && params.timeLimit == nil && iter >= RichParameters.defaultIterations { return true }
        if let tl = params.timeLimit, clock.elapsed >= tl { return true }
        return false
    }

    mutating func run() -> RichSolveResult {
        let S = problem.stops.count
        var current = RichState(days: [[RichRoute]](repeating: [], count: D), routeOf: [Int](repeating: -1, count: D * N),
                                pattern: [Int](repeating: -2, count: S))
        // initial: highest frequency, then largest amounts first
        var order = Array(0..<S)
        rng.shuffle(&order)
        order.sort { problem.stops[$0].frequency > problem.stops[$1].frequency }
        for i in order { insert(&current, stop: i, blink: false) }
        if current.unservedCount == 0 { firstFeasible = clock.elapsed }
        var best = current
        // temperatures scaled by the typical nearest-neighbour edge cost
        var avgNN = 0.0
        for v in 1..<N { if let f = neighbours[v].first { avgNN += Double(wd * d(v, f) + wt * t(v, f)) } }
        avgNN = max(1, avgNN / Double(max(1, N - 1)))
        let t0 = params.initialTemperature * avgNN, tf = params.finalTemperature * avgNN
        var iter = 0
        if S > 0 {
            while !timeUp(iter) {
                iter += 1
                var progress = 0.0
                if let mi = params.maxIterations ?? (params.timeLimit == nil ? RichParameters.defaultIterations : nil) { progress = Double(iter) / Double(mi) }
                if let tl = params.timeLimit { progress = max(progress, clock.elapsed / tl) }
                let temp = t0 * pow(tf / t0, min(1, progress))
                var cand = current
                let removed = ruin(&cand)
                recreate(&cand, removed)
                let cObj = objective(cand)
                if cObj < objective(current) - temp * log(max(1e-12, rng.unit())) {
                    current = cand
                    if cObj < objective(best) {
                        best = cand
                        if best.unservedCount == 0 && firstFeasible == nil { firstFeasible = clock.elapsed }
                    }
                }
            }
        }
        let plan = makePlan(best)
        return RichSolveResult(plan: plan, iterations: iter, timeToFirstFeasible: firstFeasible, totalTime: clock.elapsed)
    }

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

    func simulate(_ r: RichRoute, departure: Int) -> RoutePlan.Route {
        var timeNow = departure
        var prev = 0
        var load = r.nodes.reduce(0) { $0 + problem.stops[$1 - 1].delivery }
        let startLoad = load
        var distance = 0
        var visits: [RoutePlan.Visit] = []
        for v in r.nodes {
            let st = problem.stops[v - 1]
            let arrival = timeNow + t(prev, v)
            distance += d(prev, v)
            let start = max(arrival, nodeSeg[v].early)
            timeNow = start + st.serviceTime
            load += st.pickup - st.delivery
            visits.append(RoutePlan.Visit(stop: v - 1, arrival: arrival, serviceStart: start, departure: timeNow, loadAfter: load))
            prev = v
        }
        let back = timeNow + t(prev, 0)
        distance += d(prev, 0)
        let duration = back - departure
        let c = fixed[r.type] + wd * distance + wt * duration
        return RoutePlan.Route(day: r.day + 1, vehicleType: r.type, departure: departure, returnTime: back,
                               startLoad: startLoad, visits: visits, distance: distance, duration: duration, cost: c)
    }
}

extension RichEngine {
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
            for day in patterns[i][pi] { dayStops[day].append(i + 1) }
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
                var route = RichRoute(day: day, type: type, nodes: [])
                rebuild(&route)
                var last = 0
                while true {
                    var bestV = -1, bestD = Int.max
                    let c = route.nodes.count
                    for v in remaining where d(last, v) < bestD {  // ties: lowest node id
                        let s1 = Segment.merge(route.fwd[c], nodeSeg[v], travelDistance: d(last, v), travelTime: t(last, v))
                        let s2 = Segment.merge(s1, depotSeg, travelDistance: d(v, 0), travelTime: t(v, 0))
                        if feasible(s2, type) { bestD = d(last, v); bestV = v }
                    }
                    if bestV < 0 { break }
                    route.nodes.append(bestV)
                    rebuild(&route)
                    if let k = remaining.firstIndex(of: bestV) { remaining.remove(at: k) }
                    last = bestV
                }
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
            let i = v - 1
            if state.pattern[i] < 0 { continue }
            remove(&state, stop: i)
            state.pattern[i] = -1
            state.unservedCount += problem.stops[i].frequency
        }
        return state
    }
}

/// Entry points that pick the right engine for a `RoutingProblem`.
public enum RoutingEngine {
    /// True when the problem is a plain single-day CVRP (then the HGS core solves it).
    public static func isPlainCVRP(_ p: RoutingProblem) -> Bool {
        p.horizon == 1 && p.vehicleTypes.count == 1 && p.vehicleTypes[0].count == nil
            && p.vehicleTypes[0].fixedCost == 0 && p.vehicleTypes[0].maxDuration == nil && p.vehicleTypes[0].maxDistance == nil
            && p.objective.durationWeight == 0 && p.depot.timeWindow == nil
            && p.stops.allSatisfy { $0.pickup == 0 && $0.timeWindow == nil && $0.frequency == 1 && $0.patterns == nil }
    }

    /// Solves a domain problem; uses the HGS core for plain CVRPs and the rich engine otherwise.
    /// `threads` > 1 runs independent searches with consecutive seeds and keeps the best.
    public static func solve(_ problem: RoutingProblem, parameters: RichParameters, threads: Int = 1) throws(RoutingError) -> RichSolveResult {
        try RoutingProblemValidator.validate(problem)
        if isPlainCVRP(problem) && problem.stops.count >= 2 && problem.objective.distanceWeight > 0 {
            let (dist, _) = problem.matrices()
            let inst = CVRPInstance(name: problem.name, capacity: problem.vehicleTypes[0].capacity,
                                    demands: [0] + problem.stops.map(\.delivery), distances: dist.map { Int32(clamping: $0) })
            if inst.demands.allSatisfy({ $0 <= inst.capacity }) {
                var hp = HGSParameters()
                hp.seed = parameters.seed
                hp.timeLimit = parameters.timeLimit
                hp.maxIterations = parameters.maxIterations
                let res = ParallelHGS.solve(instance: inst, parameters: hp, threads: threads)
                if let sol = res.solution {
                    let engine = RichEngine(problem: problem, params: parameters)
                    var state = RichState(days: [[]], routeOf: [], pattern: [Int](repeating: 0, count: problem.stops.count))
                    for r in sol.routes where !r.isEmpty {
                        var route = RichRoute(day: 0, type: 0, nodes: r)
                        engine.rebuild(&route)
                        state.routeCost += route.cost
                        state.days[0].append(route)
                    }
                    return RichSolveResult(plan: engine.makePlan(state), iterations: res.iterations,
                                           timeToFirstFeasible: res.timeToFirstFeasible, totalTime: res.totalTime)
                }
            }
        }
        if threads <= 1 {
            var engine = RichEngine(problem: problem, params: parameters) // validated above
            return engine.run()
        }
        final class Box: @unchecked Sendable {
            let lock = NSLock()
            var items: [(Int, RichSolveResult)] = []
        }
        let box = Box()
        DispatchQueue.concurrentPerform(iterations: threads) { i in
            var p = parameters
            p.seed = parameters.seed &+ UInt64(i)
            var engine = RichEngine(problem: problem, params: p)
            let r = engine.run()
            box.lock.lock(); box.items.append((i, r)); box.lock.unlock()
        }
        let all = box.items.sorted { $0.0 < $1.0 }.map(\.1)
        var best = all[0]
        for r in all.dropFirst() {
            if (r.plan.unserved.count, r.plan.cost) < (best.plan.unserved.count, best.plan.cost) { best = r }
        }
        best.iterations = all.reduce(0) { $0 + $1.iterations }
        return best
    }

    /// The simple baseline (balanced fixed patterns + nearest neighbour per day).
    public static func baseline(_ problem: RoutingProblem) throws(RoutingError) -> RoutePlan {
        try RoutingProblemValidator.validate(problem)
        var engine = RichEngine(problem: problem, params: RichParameters())
        let state = engine.nearestNeighbourPlan()
        return engine.makePlan(state)
    }
}
