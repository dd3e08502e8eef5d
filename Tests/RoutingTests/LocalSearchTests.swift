import Testing
@testable import Routing

@Suite struct LocalSearchTests {
    func penalized(_ routes: [[Int]], _ inst: CVRPInstance, _ penalty: Double) -> Double {
        var total = 0.0
        for r in routes where !r.isEmpty {
            var load = 0
            for c in r { load += inst.demands[c] }
            total += Double(CVRPSolution.cost(of: [r], in: inst)) + Double(max(0, load - inst.capacity)) * penalty
        }
        return total
    }

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
        let routes = indiv.routes + [[]]
        let base = penalized(routes, inst, penalty)
        #expect(abs(base - indiv.penalizedCost) < 1e-6)
        // RELOCATE
        for (ra, r) in routes.enumerated() {
            for (i, u) in r.enumerated() {
                var without = routes
                without[ra].remove(at: i)
                for rb in 0..<routes.count {
                    for p in 0...without[rb].count {
                        var cand = without
                        cand[rb].insert(u, at: p)
                        #expect(penalized(cand, inst, penalty) > base - 1e-6, "relocate \(u) improves")
                    }
                }
            }
        }
        // SWAP and intra-route 2-OPT
        for ra in 0..<routes.count {
            for i in 0..<routes[ra].count {
                for rb in ra..<routes.count {
                    for j in 0..<routes[rb].count where rb != ra || j > i {
                        var cand = routes
                        let t = cand[ra][i]; cand[ra][i] = cand[rb][j]; cand[rb][j] = t
                        #expect(penalized(cand, inst, penalty) > base - 1e-6, "swap improves")
                    }
                }
                for j in (i + 1)..<max(i + 1, routes[ra].count) {
                    var cand = routes
                    cand[ra][i...j].reverse()
                    #expect(penalized(cand, inst, penalty) > base - 1e-6, "2-opt improves")
                }
            }
        }
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
