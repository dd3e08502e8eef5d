import Foundation

/// Parameters of the hybrid genetic search (defaults follow Vidal 2022 except the population size).
public struct HGSParameters: Sendable, Equatable {
    /// Number of granular neighbours per customer.
    public var granularity = 20
    /// Minimum sub-population size (μ) and generation size (λ). Vidal (2022) uses 25 and 40 for
    /// long runs; 12 and 20 measured better for 10-second budgets (see docs/routing.md).
    public var mu = 12
    public var lambda = 20
    /// Above this many customers μ and λ are halved (nil: never). At 10 s, μ = 6, λ = 10 measured
    /// better on X-n536 … X-n1001 (e.g. X-n1001-k43 2.97 % instead of 4.11 %, X-n916-k207 0.82 %
    /// instead of 1.34 %; mixed on X-n411/X-n491, hence the threshold): a large instance gets
    /// through its initial population and into the genetic phase sooner.
    public var largeInstanceSize: Int? = 500
    /// Above this many customers (nil: never), the genetic loop alternates each crossover with
    /// `perturbationsPerCrossover` perturbations of a parent (ruin `perturbationSize` nearby
    /// customers, reinsert them, localised local search): many cheap steps instead of few full
    /// local searches when one costs milliseconds.
    public var perturbationInstanceSize: Int? = 400
    public var perturbationsPerCrossover = 8
    public var perturbationSize = 15
    /// The perturbation's local search uses the population's capacity penalty times this, so
    /// that a feasible parent (chosen by a tournament among the feasible) stays mostly feasible:
    /// at the plain penalty three out of four outcomes were infeasible on X-n766-k71 and their
    /// repairs cost more than the perturbations.
    public var perturbationPenaltyFactor = 3.0
    /// Individuals of the initial population (nil: 4μ as in Vidal 2022).
    public var initialPopulationSize: Int? = nil
    /// Number of elite individuals protected by the biased fitness.
    public var nbElite = 4
    /// Number of closest individuals used in the diversity contribution.
    public var nbClose = 5
    /// Target fraction of load-feasible individuals after local search.
    public var targetFeasible = 0.2
    /// Iterations without improvement before the population is restarted (or, when neither
    /// `timeLimit` nor `maxIterations` is set, before the search stops).
    public var iterationsWithoutImprovement = 20_000
    /// Wall-clock limit in seconds (nil = none).
    public var timeLimit: Double? = 10
    /// Count `timeLimit` (and every reported time) in this process's CPU seconds instead of
    /// wall-clock seconds: tuning experiments on a shared, loaded machine (never the product).
    public var measureCPUTime = false
    /// Hard cap on genetic iterations (nil = none). Use for reproducible runs.
    public var maxIterations: Int? = nil
    /// Use the SWAP* neighbourhood (needs coordinates for the sector filter).
    public var useSwapStar = true
    public var seed: UInt64 = 1
    /// Stop as soon as a solution with cost ≤ this value is found.
    public var targetCost: Int? = nil

    public init() {}

    public init(seed: UInt64, timeLimit: Double?, maxIterations: Int? = nil) {
        self.seed = seed
        self.timeLimit = timeLimit
        self.maxIterations = maxIterations
    }
}

/// Result of a solver run with timing statistics.
public struct SolveResult: Sendable {
    public var solution: CVRPSolution?
    public var iterations: Int
    /// Seconds from start until the first capacity-feasible solution was known.
    public var timeToFirstFeasible: Double?
    public var totalTime: Double
    /// Seconds until the returned solution was found.
    public var timeToBest: Double?
    /// Every improvement of the best feasible solution (time, cost), in order.
    public var trace: [ImprovementPoint] = []
}

@usableFromInline
struct Clock {
    @usableFromInline let start: UInt64
    /// Process CPU seconds at the start when the clock counts CPU time, else nil.
    @usableFromInline let cpuStart: Double?
    @usableFromInline init(cpu: Bool = false) {
        start = DispatchTime.now().uptimeNanoseconds
        cpuStart = cpu ? processCPUSeconds() : nil
    }
    @usableFromInline var elapsed: Double {
        if let c = cpuStart { return processCPUSeconds() - c }
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}

/// CPU time consumed by this process (user + system), in seconds. Benchmarks print it next to
/// wall-clock time so that results on a busy machine can be judged.
public func processCPUSeconds() -> Double {
    var ru = rusage()
    #if os(Linux)
    let who = __rusage_who_t(RUSAGE_SELF.rawValue)
    #else
    let who = RUSAGE_SELF
    #endif
    guard getrusage(who, &ru) == 0 else { return 0 }
    return Double(ru.ru_utime.tv_sec) + Double(ru.ru_utime.tv_usec) / 1e6
        + Double(ru.ru_stime.tv_sec) + Double(ru.ru_stime.tv_usec) / 1e6
}
