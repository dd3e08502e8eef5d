import Foundation

/// Hybrid genetic search for the CVRP (Vidal 2022), single-threaded, deterministic per seed.
public struct HGSSolver: Sendable {
    public var instance: CVRPInstance
    public var parameters: HGSParameters

    public init(instance: CVRPInstance, parameters: HGSParameters = HGSParameters()) {
        self.instance = instance
        self.parameters = parameters
    }

    /// Runs the search. `progress` is called with (elapsed seconds, best cost) on each improvement.
    public func solve(progress: ((Double, Int) -> Void)? = nil) -> SolveResult {
        let clock = Clock(cpu: parameters.measureCPUTime)
        var params = parameters
        if let large = params.largeInstanceSize, instance.dimension - 1 > large {
            params.mu = max(2, params.mu / 2)
            params.lambda = max(2, params.lambda / 2)
        }
        if instance.dimension <= 1 {
            return SolveResult(solution: CVRPSolution(routes: [], cost: 0), iterations: 0,
                               timeToFirstFeasible: 0, totalTime: clock.elapsed, timeToBest: 0)
        }
        let data = HGSData(instance: instance, granularity: params.granularity)
        var rng = RandomSource(seed: params.seed)
        var penalty = max(0.1, min(1000.0, Double(data.maxDist) / Double(max(1, data.maxDemand))))
        var ls = LocalSearch(data: data, useSwapStar: params.useSwapStar)
        defer { ls.deallocate() }
        var splitter = Splitter(n: data.n)
        let population = Population(data: data, params: params)
        var timeToBest: Double?
        var trace: [ImprovementPoint] = []
        var iterations = 0

        func timeUp() -> Bool {
            if let t = params.timeLimit, clock.elapsed >= t { return true }
            if let mi = params.maxIterations, iterations >= mi { return true }
            if let target = params.targetCost, let b = population.bestSolution, b.distance <= target { return true }
            return false
        }

        /// Local search of `indiv` (or, with `parent`, a perturbation of `parent` written to
        /// `indiv`), a repair attempt with a tenfold penalty for half the infeasible outcomes, and
        /// insertion into the population.
        func educateAndAdd(_ indiv: Individual, perturbing parent: Individual? = nil) -> Bool {
            if let parent {
                // A stiffer penalty keeps a feasible parent's perturbation mostly feasible; the
                // outcome is priced at the population's penalty and does not steer it.
                ls.perturbAndImprove(parent, into: indiv, penalty: penalty * params.perturbationPenaltyFactor,
                                     removals: params.perturbationSize, rng: &rng)
                indiv.evaluate(data: data, penalty: penalty)
            } else {
                ls.run(indiv, penalty: penalty, rng: &rng)
            }
            var improved = population.add(indiv, updateFeasibility: parent == nil, elapsed: clock.elapsed)
            if !indiv.isFeasible && rng.int(below: 2) == 0 {
                if parent != nil {
                    ls.repair(indiv, penalty: penalty * 10)
                } else {
                    ls.run(indiv, penalty: penalty * 10, rng: &rng)
                }
                indiv.evaluate(data: data, penalty: penalty)
                if indiv.isFeasible {
                    improved = population.add(indiv, updateFeasibility: false, elapsed: clock.elapsed) || improved
                }
            }
            if improved, let b = population.bestSolution {
                timeToBest = clock.elapsed
                trace.record(clock.elapsed, b.distance)
                progress?(clock.elapsed, b.distance)
            }
            return improved
        }

        /// A feasible solution before anything else: the search then always has an answer.
        func seedWithConstruction() {
            guard let routes = Construction.routes(data, maxRoutes: data.nbVehicles) else { return }
            let indiv = Individual(data: data)
            indiv.routes = routes + [[Int]](repeating: [], count: data.nbVehicles - routes.count)
            indiv.giantTour = routes.flatMap { $0 }
            indiv.evaluate(data: data, penalty: penalty)
            if population.add(indiv, updateFeasibility: false, elapsed: clock.elapsed) {
                timeToBest = clock.elapsed
                trace.record(clock.elapsed, indiv.distance)
            }
            if !timeUp() { _ = educateAndAdd(indiv) }
        }

        func initialPopulation() {
            let count = params.initialPopulationSize ?? 4 * params.mu
            for _ in 0..<count {
                if timeUp() { break }
                let indiv = Individual(data: data)
                rng.shuffle(&indiv.giantTour)
                splitter.split(indiv, data: data, penalty: penalty)
                _ = educateAndAdd(indiv)
            }
        }

        seedWithConstruction()
        initialPopulation()
        var noImprovement = 1
        let child = Individual(data: data)
        let nC = data.nC
        var used = [Bool](repeating: false, count: data.n)
        let perturbations = params.perturbationInstanceSize.map { nC > $0 } == true ? params.perturbationsPerCrossover : 0
        while !timeUp() {
            iterations += 1
            if population.size < 2 {
                let indiv = Individual(data: data)
                rng.shuffle(&indiv.giantTour)
                splitter.split(indiv, data: data, penalty: penalty)
                _ = educateAndAdd(indiv)
                continue
            }
            if perturbations > 0 && iterations % (perturbations + 1) != 0 {
                if educateAndAdd(child, perturbing: population.binaryTournamentFeasible(&rng)) { noImprovement = 1 }
                // Every 100 iterations, perturbations included: adapting only every 100
                // crossovers measured worse (X-n670-k130 2.44 % against 1.40 %).
                if iterations % 100 == 0 { penalty = population.managePenalty(penalty) }
                continue
            }
            let p1 = population.binaryTournament(&rng)
            let p2 = population.binaryTournament(&rng)
            child.orderCrossover(p1, p2, used: &used, rng: &rng)
            splitter.split(child, data: data, penalty: penalty)
            if educateAndAdd(child) { noImprovement = 1 } else { noImprovement += 1 }
            if iterations % 100 == 0 { penalty = population.managePenalty(penalty) }
            if noImprovement >= params.iterationsWithoutImprovement {
                // Without any time or iteration limit this is the stopping criterion (as in Vidal 2022);
                // otherwise the population restarts and the search continues until the limit.
                if params.timeLimit == nil && params.maxIterations == nil { break }
                population.restart()
                noImprovement = 1
                initialPopulation()
            }
        }
        let best = population.bestSolution
        return SolveResult(solution: best?.solution(), iterations: iterations,
                           timeToFirstFeasible: population.firstFeasibleTime, totalTime: clock.elapsed,
                           timeToBest: timeToBest, trace: trace)
    }
}
