import Testing
@testable import Routing

@Suite struct LocalSearchTests {
    /// With a full neighbourhood, no RELOCATE, SWAP or 2-OPT move may improve the local optimum.
    @Test(arguments: [UInt64(1), 2, 3])
    func reachesALocalOptimum(seed: UInt64) {
        let inst = Fixtures.randomInstance(customers: 30, seed: seed, capacity: 20)
        let data = HGSData(instance: inst, granularity: 29)
        var ls = LocalSearch(data: data, useSwapStar: true)
        defer { ls.deallocate() }
        var rng = RandomSource(seed: seed)
        var splitter = Splitter(n: data.n)
        let indiv = Individual(data: data)
        rng.shuffle(&indiv.giantTour)
        let penalty = 50.0
        splitter.split(indiv, data: data, penalty: penalty)
        ls.run(indiv, penalty: penalty, rng: &rng)
        LocalOptimum.expect(indiv.routes, reported: indiv.penalizedCost, inst, penalty: penalty)
    }

    @Test func splitMatchesBellmanOnUncapacitatedOrder() {
        let inst = Fixtures.randomInstance(customers: 20, seed: 9, capacity: 12)
        let data = HGSData(instance: inst, granularity: 10)
        var splitter = Splitter(n: data.n)
        let indiv = Individual(data: data)
        splitter.split(indiv, data: data, penalty: 1000)
        // exact Bellman split of the same tour with hard capacity
        let tour = indiv.giantTour
        var best = [Int](repeating: Int.max / 2, count: tour.count + 1)
        best[0] = 0
        for i in 0..<tour.count {
            var load = 0, dist = 0
            for j in (i + 1)...tour.count {
                let c = tour[j - 1]
                load += inst.demands[c]
                if load > inst.capacity { break }
                dist += j == i + 1 ? inst.distance(0, c) : inst.distance(tour[j - 2], c)
                best[j] = min(best[j], best[i] + dist + inst.distance(c, 0))
            }
        }
        #expect(indiv.isFeasible)
        #expect(indiv.distance == best[tour.count])
    }
}
