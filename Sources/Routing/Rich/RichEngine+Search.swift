import Foundation

/// Ruin and recreate with simulated annealing (SISR, Christiaens & Vanden Berghe 2020).
extension RichEngine {
    func amount(_ i: Int) -> Int {
        let s = problem.stops[i]
        return (s.delivery + s.pickup) * s.frequency
    }

    mutating func recreate(_ state: inout RichState, _ removed: [Int]) {
        var order = removed
        let mode = rng.int(below: 11)
        if mode < 4 {
            rng.shuffle(&order)
        } else if mode < 8 {
            rng.shuffle(&order)
            order.sort { amount($0) > amount($1) }
        } else if mode < 10 {
            order.sort { depotDistance($0) > depotDistance($1) }
        } else {
            order.sort { depotDistance($0) < depotDistance($1) }
        }
        for i in order { insert(&state, stop: i, blink: true) }
    }

    /// Distance from the nearest depot to stop i (the "farthest first" recreate order).
    func depotDistance(_ i: Int) -> Int {
        var best = Int.max
        for k in 0..<K { best = min(best, d(k, K + i)) }
        return best
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
        for c in [K + seed] + neighbours[K + seed] {
            if ruinedRoutes.count >= ks { break }
            let ri = state.routeOf[day * N + c]
            guard ri >= 0, !ruinedRoutes.contains(ri), let k = routes[ri].nodes.firstIndex(of: c) else { continue }
            let r = routes[ri]
            let ltMax = min(Double(r.nodes.count), lsMax)
            let lt = min(r.nodes.count, Int(rng.unit() * ltMax) + 1)
            // string of length lt containing position k (reload marks in it are skipped)
            let lo = max(0, k - lt + 1), hi = min(k, r.nodes.count - lt)
            let start = lo + rng.int(below: max(1, hi - lo + 1))
            for p in start..<(start + lt) where r.nodes[p] >= K { toRemove.append(r.nodes[p] - K) }
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

    /// First solution: stops by decreasing frequency, then in one of three orders — largest
    /// amount first (the hardest to fit in a limited fleet), farthest from a depot first, or
    /// earliest closing time first (tight windows) — each at its cheapest feasible position and
    /// pattern. The next order is tried only while stops stay unserved, so a limited fleet with
    /// time windows still gets a complete solution without waiting for the search.
    mutating func construct() -> RichState {
        var best: RichState?
        for key in 0..<3 {
            let state = construct(orderedBy: key)
            if best.map({ objective(state) < objective($0) }) ?? true { best = state }
            if state.unservedCount == 0 { break }
        }
        return best ?? construct(orderedBy: 0)
    }

    mutating func construct(orderedBy key: Int) -> RichState {
        let S = problem.stops.count
        var state = RichState(days: [[RichRoute]](repeating: [], count: D), routeOf: [Int](repeating: -1, count: D * N),
                              pattern: [Int](repeating: -2, count: S))
        var order = Array(0..<S)
        rng.shuffle(&order)
        let closing = problem.stops.map { $0.timeWindow?.end ?? Int.max }
        order.sort { a, b in
            let fa = problem.stops[a].frequency, fb = problem.stops[b].frequency
            if fa != fb { return fa > fb }
            switch key {
            case 0: return amount(a) > amount(b)
            case 1: return depotDistance(a) > depotDistance(b)
            default: return closing[a] < closing[b]
            }
        }
        for i in order { insert(&state, stop: i, blink: false) }
        return state
    }

    /// Simulated-annealing temperatures scaled by the typical nearest-neighbour edge cost.
    func temperatures() -> (Double, Double) {
        var avgNN = 0.0
        let wd = Double(distCost.reduce(0, +)) / Double(max(1, distCost.count))
        for v in K..<N { if let f = neighbours[v].first { avgNN += wd * Double(d(v, f)) + Double(wt * t(v, f)) } }
        avgNN = max(1, avgNN / Double(max(1, N - K)))
        return (params.initialTemperature * avgNN, params.finalTemperature * avgNN)
    }

    mutating func run() -> RichSolveResult {
        var current = construct()
        if params.localSearch { improve(&current, stops: Array(0..<problem.stops.count)) }
        var trace: [ImprovementPoint] = []
        if current.unservedCount == 0 {
            firstFeasible = clock.elapsed
            trace.record(clock.elapsed, current.routeCost)
        }
        var best = current
        let (t0, tf) = temperatures()
        var iter = 0
        if !problem.stops.isEmpty {
            while !timeUp(iter) {
                iter += 1
                var progress = 0.0
                if let mi = params.maxIterations ?? (params.timeLimit == nil ? RichParameters.defaultIterations : nil) { progress = Double(iter) / Double(mi) }
                if let tl = params.timeLimit { progress = max(progress, clock.elapsed / tl) }
                let temp = t0 * pow(tf / t0, min(1, progress))
                var cand = current
                let removed = ruin(&cand)
                recreate(&cand, removed)
                if params.localSearch { improve(&cand, stops: removed) }
                let cObj = objective(cand)
                if cObj < objective(current) - temp * log(max(1e-12, rng.unit())) {
                    current = cand
                    if cObj < objective(best) {
                        best = cand
                        if best.unservedCount == 0 {
                            if firstFeasible == nil { firstFeasible = clock.elapsed }
                            trace.record(clock.elapsed, best.routeCost)
                        }
                    }
                }
            }
        }
        return RichSolveResult(plan: makePlan(best), iterations: iter, timeToFirstFeasible: firstFeasible, totalTime: clock.elapsed,
                               trace: trace)
    }
}
