import Foundation
import Testing
@testable import Routing

enum Fixtures {
    /// Random small Euclidean CVRP instance.
    static func randomInstance(customers: Int, seed: UInt64, capacity: Int = 10) -> CVRPInstance {
        var rng = RandomSource(seed: seed)
        var xs: [Double] = [50], ys: [Double] = [50], dem = [0]
        for _ in 0..<customers {
            xs.append(Double(rng.int(below: 100)))
            ys.append(Double(rng.int(below: 100)))
            dem.append(1 + rng.int(below: 5))
        }
        return CVRPInstance(name: "rand\(customers)-\(seed)", capacity: capacity, demands: dem, xs: xs, ys: ys)
    }

    /// Exact optimum by DP over subsets: TSP (Held–Karp) per feasible subset, then set partitioning.
    static func bruteForceOptimum(_ inst: CVRPInstance) -> Int {
        let n = inst.dimension - 1
        let full = (1 << n) - 1
        let inf = Int.max / 4
        // dp[mask][j]: shortest path from depot through mask ending at customer j (bit j)
        var dp = [[Int]](repeating: [Int](repeating: inf, count: n), count: 1 << n)
        for j in 0..<n { dp[1 << j][j] = inst.distance(0, j + 1) }
        for mask in 1...full {
            for j in 0..<n where mask & (1 << j) != 0 && dp[mask][j] < inf {
                for k in 0..<n where mask & (1 << k) == 0 {
                    let nm = mask | (1 << k)
                    let c = dp[mask][j] + inst.distance(j + 1, k + 1)
                    if c < dp[nm][k] { dp[nm][k] = c }
                }
            }
        }
        var route = [Int](repeating: inf, count: 1 << n)
        for mask in 1...full {
            var load = 0
            for j in 0..<n where mask & (1 << j) != 0 { load += inst.demands[j + 1] }
            if load > inst.capacity { continue }
            for j in 0..<n where mask & (1 << j) != 0 && dp[mask][j] < inf {
                route[mask] = min(route[mask], dp[mask][j] + inst.distance(j + 1, 0))
            }
        }
        var part = [Int](repeating: inf, count: 1 << n)
        part[0] = 0
        for mask in 1...full {
            let low = mask & -mask
            var sub = mask
            while sub > 0 {
                if sub & low != 0 && route[sub] < inf && part[mask ^ sub] < inf {
                    part[mask] = min(part[mask], route[sub] + part[mask ^ sub])
                }
                sub = (sub - 1) & mask
            }
        }
        return part[full]
    }

    /// A RoutingProblem with an explicit matrix equal to a CVRP instance.
    static func problem(from inst: CVRPInstance) -> RoutingProblem {
        let n = inst.dimension
        let m = (0..<n).map { i in (0..<n).map { j in inst.distance(i, j) } }
        return RoutingProblem(
            name: inst.name, depot: .init(),
            stops: (1..<n).map { RoutingProblem.Stop(id: "c\($0)", delivery: inst.demands[$0]) },
            vehicleTypes: [.init(id: "v", capacity: inst.capacity)], distanceMatrix: m)
    }

    static func county(villages: Int, seed: UInt64, horizon: Int = 6) -> RoutingProblem {
        var c = CountyGenerator.Config(villages: villages, seed: seed, horizon: horizon)
        c.hubs = 5
        return CountyGenerator.make(c)
    }
}

/// A CVRP local optimum as the HGS local search must leave it, checked by brute force.
enum LocalOptimum {
    /// Distance plus `penalty` per unit of load over capacity, route by route.
    static func penalized(_ routes: [[Int]], _ inst: CVRPInstance, _ penalty: Double) -> Double {
        var total = 0.0
        for r in routes where !r.isEmpty {
            let load = r.reduce(0) { $0 + inst.demands[$1] }
            total += Double(CVRPSolution.cost(of: [r], in: inst)) + Double(max(0, load - inst.capacity)) * penalty
        }
        return total
    }

    /// Records an issue for every RELOCATE, SWAP or intra-route 2-OPT move that would improve
    /// `routes` (plus one empty route, so opening a route counts), whose cost must be `reported`.
    static func expect(_ routes: [[Int]], reported: Double, _ inst: CVRPInstance, penalty: Double) {
        let routes = routes + [[]]
        let base = penalized(routes, inst, penalty)
        #expect(abs(base - reported) < 1e-6)
        func expectNoBetter(_ cand: [[Int]], _ move: String) {
            #expect(penalized(cand, inst, penalty) > base - 1e-6, "\(move) improves")
        }
        for (ra, r) in routes.enumerated() {
            for (i, u) in r.enumerated() {
                var without = routes
                without[ra].remove(at: i)
                for rb in 0..<routes.count {
                    for p in 0...without[rb].count {
                        var cand = without
                        cand[rb].insert(u, at: p)
                        expectNoBetter(cand, "relocate \(u)")
                    }
                }
            }
        }
        for ra in 0..<routes.count {
            for i in 0..<routes[ra].count {
                for rb in ra..<routes.count {
                    for j in 0..<routes[rb].count where rb != ra || j > i {
                        var cand = routes
                        let t = cand[ra][i]; cand[ra][i] = cand[rb][j]; cand[rb][j] = t
                        expectNoBetter(cand, "swap")
                    }
                }
                for j in (i + 1)..<max(i + 1, routes[ra].count) {
                    var cand = routes
                    cand[ra][i...j].reverse()
                    expectNoBetter(cand, "2-opt")
                }
            }
        }
    }
}
