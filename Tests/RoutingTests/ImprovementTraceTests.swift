import Testing
@testable import Routing

/// The improvement trace both solvers keep (benchmarks read "time to within 1 % of the best-known
/// cost" from it) and the CPU-time clock that benchmarks use on a loaded machine.
@Suite struct ImprovementTraceTests {
    @Test func traceRecordsEveryImprovementInOrder() throws {
        let inst = Fixtures.randomInstance(customers: 60, seed: 42, capacity: 25)
        let hp = HGSParameters(seed: 1, timeLimit: nil, maxIterations: 300)
        let res = HGSSolver(instance: inst, parameters: hp).solve()
        let trace = res.trace
        #expect(!trace.isEmpty)
        #expect(trace.last?.cost == res.solution?.cost)
        #expect(zip(trace, trace.dropFirst()).allSatisfy { $0.cost > $1.cost && $0.seconds <= $1.seconds })
        let final = try #require(trace.last)
        #expect(trace.timeToReach(final.cost) == final.seconds)
        #expect(trace.timeToWithin(0, of: final.cost - 1) == nil)
        #expect(trace.timeToWithin(1_000_000, of: final.cost) == trace.first?.seconds)
    }

    @Test func richTraceEndsAtTheReturnedPlan() throws {
        let p = Fixtures.county(villages: 30, seed: 4, horizon: 1)
        let res = try RichSolver(problem: p, parameters: RichParameters(seed: 2, timeLimit: nil, maxIterations: 200)).solve()
        #expect(res.plan.unserved.isEmpty)
        #expect(res.trace.last?.cost == res.plan.cost)
        #expect(zip(res.trace, res.trace.dropFirst()).allSatisfy { $0.cost > $1.cost })
    }

    @Test func cpuTimeLimitStopsTheSearch() throws {
        let inst = Fixtures.randomInstance(customers: 40, seed: 7, capacity: 20)
        var hp = HGSParameters(seed: 1, timeLimit: 0.2)
        hp.measureCPUTime = true
        let res = HGSSolver(instance: inst, parameters: hp).solve()
        #expect(res.solution != nil)
        #expect(res.totalTime >= 0.2 && res.totalTime < 5)
        var rp = RichParameters(seed: 1, timeLimit: 0.2)
        rp.measureCPUTime = true
        let rich = try RichSolver(problem: Fixtures.county(villages: 30, seed: 4, horizon: 1), parameters: rp).solve()
        #expect(rich.totalTime >= 0.2 && rich.totalTime < 5)
    }

    @Test func benchmarkRowShowsTheTimeToOnePercent() {
        let row = VRPLIBBenchmark.Row(name: "X-n1", n: 10, bks: 100, cost: 100, gapPercent: 0, timeToFirstFeasible: 0.001,
                                      timeToOnePercent: 1.25, totalTime: 10, iterations: 5, feasible: true)
        #expect(VRPLIBBenchmark.format(row).contains("1.25"))
        #expect(VRPLIBBenchmark.header().contains("t_1% s"))
        #expect(VRPLIBBenchmark.summary([row]).contains("within 1 % of the best-known cost: 1 of 1"))
    }
}
