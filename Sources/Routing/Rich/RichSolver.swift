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
    /// Count `timeLimit` (and every reported time) in this process's CPU seconds instead of
    /// wall-clock seconds: benchmarks on a shared, loaded machine (never the product).
    public var measureCPUTime = false
    /// Inter-route local search (relocate, swap, 2-opt*) around the reinserted stops.
    public var localSearch = true
    /// Nearest stops examined around each stop by the local search.
    public var localSearchNeighbours = 20
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
    /// Every improvement of the best solution serving every stop (time, cost), in order.
    public var trace: [ImprovementPoint] = []
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

/// Entry points that pick the right engine for a `RoutingProblem`.
public enum RoutingEngine {
    /// True when the problem is a plain single-day CVRP (then the HGS core solves it).
    public static func isPlainCVRP(_ p: RoutingProblem) -> Bool {
        p.horizon == 1 && p.depots.count == 1 && p.vehicleTypes.count == 1 && p.vehicleTypes[0].count == nil
            && p.vehicleTypes[0].fixedCost == 0 && p.vehicleTypes[0].maxDuration == nil && p.vehicleTypes[0].maxDistance == nil
            && !p.vehicleTypes[0].multiTrip && p.distanceCost(of: p.vehicleTypes[0]) > 0
            && p.objective.durationWeight == 0 && p.depot.timeWindow == nil
            && p.stops.allSatisfy { $0.pickup == 0 && $0.timeWindow == nil && $0.frequency == 1 && $0.patterns == nil && $0.releaseTime == 0 }
    }

    /// Solves a domain problem; uses the HGS core for plain CVRPs and the rich engine otherwise.
    /// `threads` > 1 runs independent searches with consecutive seeds and keeps the best.
    public static func solve(_ problem: RoutingProblem, parameters: RichParameters, threads: Int = 1) throws(RoutingError) -> RichSolveResult {
        try RoutingProblemValidator.validate(problem)
        if isPlainCVRP(problem) && problem.stops.count >= 2 {
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
                    let unit = problem.distanceCost(of: problem.vehicleTypes[0]) // HGS costs are plain distances
                    let engine = RichEngine(problem: problem, params: parameters)
                    var state = RichState(days: [[]], routeOf: [], pattern: [Int](repeating: 0, count: problem.stops.count))
                    // HGS customers 1...n are the rich engine's nodes (one depot: node 0)
                    for r in sol.routes where !r.isEmpty {
                        var route = RichRoute(day: 0, type: 0, nodes: r)
                        engine.rebuild(&route)
                        state.routeCost += route.cost
                        state.days[0].append(route)
                    }
                    return RichSolveResult(plan: engine.makePlan(state), iterations: res.iterations,
                                           timeToFirstFeasible: res.timeToFirstFeasible, totalTime: res.totalTime,
                                           trace: res.trace.map { ImprovementPoint(seconds: $0.seconds, cost: $0.cost * unit) })
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
