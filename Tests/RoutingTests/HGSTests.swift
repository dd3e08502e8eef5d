import Testing
@testable import Routing

@Suite struct HGSTests {
    func params(seed: UInt64, iterations: Int) -> HGSParameters {
        var p = HGSParameters(seed: seed, timeLimit: nil, maxIterations: iterations)
        p.mu = 10
        p.lambda = 15
        return p
    }

    @Test(arguments: [(1, 7), (2, 8), (3, 9), (5, 1), (6, 2), (7, 3), (7, 4), (8, 5), (8, 6)])
    func optimalOnTinyInstances(customers: Int, seed: UInt64) throws {
        let inst = Fixtures.randomInstance(customers: customers, seed: seed, capacity: 9)
        let opt = Fixtures.bruteForceOptimum(inst)
        let res = HGSSolver(instance: inst, parameters: params(seed: seed, iterations: 300)).solve()
        let sol = try #require(res.solution)
        #expect(CVRPChecker.check(sol, on: inst).isFeasible)
        #expect(sol.cost == opt)
    }

    @Test func deterministicForASeed() throws {
        let inst = Fixtures.randomInstance(customers: 60, seed: 42, capacity: 25)
        let a = HGSSolver(instance: inst, parameters: params(seed: 9, iterations: 150)).solve()
        let b = HGSSolver(instance: inst, parameters: params(seed: 9, iterations: 150)).solve()
        let sa = try #require(a.solution), sb = try #require(b.solution)
        #expect(sa == sb)
        #expect(a.iterations == b.iterations)
        #expect(CVRPChecker.check(sa, on: inst).isFeasible)
    }

    @Test func explicitAsymmetricMatrixWithoutCoordinates() throws {
        var rng = RandomSource(seed: 5)
        let n = 8
        var d = [Int32](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n where i != j { d[i * n + j] = Int32(10 + rng.int(below: 90)) } }
        let inst = CVRPInstance(name: "asym", capacity: 8, demands: [0, 2, 3, 1, 4, 2, 3, 2], distances: d)
        let opt = Fixtures.bruteForceOptimum(inst)
        let res = HGSSolver(instance: inst, parameters: params(seed: 1, iterations: 300)).solve()
        let sol = try #require(res.solution)
        #expect(CVRPChecker.check(sol, on: inst).isFeasible)
        #expect(sol.cost == opt)
    }

    @Test func limitedFleetIsRespected() throws {
        var inst = Fixtures.randomInstance(customers: 30, seed: 8, capacity: 20)
        let need = (inst.totalDemand + 19) / 20
        inst.maxVehicles = need + 1
        let res = HGSSolver(instance: inst, parameters: params(seed: 3, iterations: 200)).solve()
        let sol = try #require(res.solution)
        #expect(CVRPChecker.check(sol, on: inst).isFeasible)
        #expect(sol.routes.count <= need + 1)
    }

    @Test func parallelRunsKeepTheBest() throws {
        let inst = Fixtures.randomInstance(customers: 25, seed: 4, capacity: 15)
        let res = ParallelHGS.solve(instance: inst, parameters: params(seed: 1, iterations: 50), threads: 2)
        let sol = try #require(res.solution)
        #expect(CVRPChecker.check(sol, on: inst).isFeasible)
        let single = try #require(HGSSolver(instance: inst, parameters: params(seed: 1, iterations: 50)).solve().solution)
        #expect(sol.cost <= single.cost)
    }

    @Test func randomSourceIsReproducible() {
        var a = RandomSource(seed: 123), b = RandomSource(seed: 123)
        for _ in 0..<100 { #expect(a.next() == b.next()) }
        var c = RandomSource(seed: 1)
        for _ in 0..<1000 { let v = c.int(below: 7); #expect(v >= 0 && v < 7) }
    }
}
