import Testing
@testable import Routing

/// The large-instance steps of the genetic search: the perturbation with its localised local
/// search, and the fleet-limited split with its load cut-off.
@Suite struct PerturbationTests {
    /// A perturbation of a local optimum keeps every customer exactly once, reports its true
    /// cost, and — searching only around the routes it changed — still ends in a local optimum:
    /// a move between two unchanged routes was already tested in the parent.
    @Test(arguments: [UInt64(1), 2])
    func perturbationEndsInALocalOptimum(seed: UInt64) {
        let inst = Fixtures.randomInstance(customers: 30, seed: seed, capacity: 20)
        let data = HGSData(instance: inst, granularity: 29)
        var ls = LocalSearch(data: data, useSwapStar: true)
        defer { ls.deallocate() }
        var rng = RandomSource(seed: seed)
        var splitter = Splitter(n: data.n)
        let parent = Individual(data: data)
        rng.shuffle(&parent.giantTour)
        let penalty = 50.0
        splitter.split(parent, data: data, penalty: penalty)
        ls.run(parent, penalty: penalty, rng: &rng)
        let child = Individual(data: data)
        for _ in 0..<20 {
            ls.perturbAndImprove(parent, into: child, penalty: penalty, removals: 6, rng: &rng)
            #expect(child.routes.flatMap { $0 }.sorted() == Array(1..<data.n))
            LocalOptimum.expect(child.routes, reported: child.penalizedCost, inst, penalty: penalty)
            // the next perturbation starts from this one when it is no worse
            if child.penalizedCost <= parent.penalizedCost + 1e-6 {
                parent.routes = child.routes
                parent.evaluate(data: data, penalty: penalty)
            }
        }
    }

    /// The solver's perturbation phase (enabled here from zero customers) stays feasible and
    /// deterministic per seed.
    @Test func perturbationPhaseIsDeterministicAndFeasible() throws {
        let inst = Fixtures.randomInstance(customers: 60, seed: 42, capacity: 25)
        var p = HGSParameters(seed: 4, timeLimit: nil, maxIterations: 400)
        p.mu = 6
        p.lambda = 10
        p.perturbationInstanceSize = 0
        let a = HGSSolver(instance: inst, parameters: p).solve()
        let b = HGSSolver(instance: inst, parameters: p).solve()
        let sa = try #require(a.solution), sb = try #require(b.solution)
        #expect(sa == sb)
        #expect(CVRPChecker.check(sa, on: inst).isFeasible)
        #expect(a.iterations == 400)
    }

    /// With the fleet limited to the fewest routes this tour allows, the split equals the exact
    /// fleet-limited Bellman split (capacity made hard by a large penalty).
    @Test(arguments: [UInt64(3), 9, 11])
    func limitedSplitIsExact(seed: UInt64) {
        var inst = Fixtures.randomInstance(customers: 24, seed: seed, capacity: 12)
        var rng = RandomSource(seed: seed)
        var tour = Array(1..<inst.dimension)
        rng.shuffle(&tour)
        // exact[k][j]: best cost of the first j customers of the tour in k capacity-feasible routes
        let inf = Int.max / 2
        let nC = tour.count
        var exact = [[Int]](repeating: [Int](repeating: inf, count: nC + 1), count: nC + 1)
        exact[0][0] = 0
        for k in 0..<nC {
            for i in 0..<nC where exact[k][i] < inf {
                var load = 0, dist = 0
                for j in (i + 1)...nC {
                    let c = tour[j - 1]
                    load += inst.demands[c]
                    if load > inst.capacity { break }
                    dist += j == i + 1 ? inst.distance(0, c) : inst.distance(tour[j - 2], c)
                    exact[k + 1][j] = min(exact[k + 1][j], exact[k][i] + dist + inst.distance(c, 0))
                }
            }
        }
        let fewest = (1...nC).first { exact[$0][nC] < inf } ?? nC
        inst.maxVehicles = fewest
        let data = HGSData(instance: inst, granularity: 10)
        var splitter = Splitter(n: data.n)
        let indiv = Individual(data: data)
        indiv.giantTour = tour
        splitter.split(indiv, data: data, penalty: 10_000)
        #expect(indiv.isFeasible)
        #expect(indiv.nbRoutes <= fewest)
        #expect(indiv.distance == exact[fewest][nC])
    }

    /// A fleet too short for routes under the load cut-off still gets a split (the fallback).
    @Test func limitedSplitFallsBackBeyondTheCutOff() {
        var inst = Fixtures.randomInstance(customers: 12, seed: 5, capacity: 5)
        inst.maxVehicles = 1
        let data = HGSData(instance: inst, granularity: 5)
        #expect(inst.totalDemand > 2 * inst.capacity)
        var splitter = Splitter(n: data.n)
        let indiv = Individual(data: data)
        splitter.split(indiv, data: data, penalty: 1)
        #expect(indiv.nbRoutes == 1)
        #expect(indiv.routes.flatMap { $0 }.sorted() == Array(1..<data.n))
        #expect(indiv.capacityExcess == inst.totalDemand - inst.capacity)
    }
}
