import Testing
@testable import Routing

@Suite struct RichSolverTests {
    func solve(_ p: RoutingProblem, iterations: Int = 400, seed: UInt64 = 1) throws -> RichSolveResult {
        try RichSolver(problem: p, parameters: RichParameters(seed: seed, timeLimit: nil, maxIterations: iterations)).solve()
    }

    @Test(arguments: [(1, 10), (2, 14), (6, 11), (7, 12), (8, 13)])
    func optimalOnTinyCVRPThroughRichEngine(customers: Int, seed: UInt64) throws {
        let inst = Fixtures.randomInstance(customers: customers, seed: seed, capacity: 9)
        let opt = Fixtures.bruteForceOptimum(inst)
        let res = try solve(Fixtures.problem(from: inst), iterations: 1500)
        #expect(PlanChecker.check(res.plan, for: Fixtures.problem(from: inst)).isFeasible)
        #expect(res.plan.cost == opt)
    }

    @Test func plainCVRPIsRoutedToHGS() throws {
        let inst = Fixtures.randomInstance(customers: 8, seed: 21, capacity: 9)
        let p = Fixtures.problem(from: inst)
        #expect(RoutingEngine.isPlainCVRP(p))
        let res = try RoutingEngine.solve(p, parameters: RichParameters(seed: 1, timeLimit: nil, maxIterations: 200))
        #expect(PlanChecker.check(res.plan, for: p).isFeasible)
        #expect(res.plan.cost == Fixtures.bruteForceOptimum(inst))
    }

    @Test func deterministicForASeed() throws {
        let p = Fixtures.county(villages: 40, seed: 3)
        let a = try solve(p, iterations: 150, seed: 5)
        let b = try solve(p, iterations: 150, seed: 5)
        #expect(a.plan == b.plan)
    }

    @Test func parallelRichRunsKeepTheBest() throws {
        let p = Fixtures.county(villages: 30, seed: 6)
        let params = RichParameters(seed: 3, timeLimit: nil, maxIterations: 100)
        let par = try RoutingEngine.solve(p, parameters: params, threads: 2)
        let single = try RoutingEngine.solve(p, parameters: params, threads: 1)
        #expect(PlanChecker.check(par.plan, for: p).isFeasible)
        #expect(par.plan.cost <= single.plan.cost)
    }

    @Test func periodicCountyInstanceIsFeasible() throws {
        let p = Fixtures.county(villages: 60, seed: 1)
        let res = try solve(p, iterations: 300)
        let report = PlanChecker.check(res.plan, for: p)
        #expect(report.isFeasible, "\(report.violations)")
        #expect(res.plan.unserved.isEmpty)
        // every-day hubs appear on all six days
        #expect(res.plan.stopDays[0] == [1, 2, 3, 4, 5, 6])
        let base = try RoutingEngine.baseline(p)
        #expect(PlanChecker.check(base, for: p).isFeasible)
        #expect(res.plan.cost < base.cost)
    }

    @Test func singleDayPickupDeliveryTimeWindowsHeterogeneousFleet() throws {
        let p = Fixtures.county(villages: 60, seed: 2, horizon: 1)
        #expect(!RoutingEngine.isPlainCVRP(p))
        let res = try solve(p, iterations: 300)
        let report = PlanChecker.check(res.plan, for: p)
        #expect(report.isFeasible, "\(report.violations)")
        for r in res.plan.routes {
            var load = r.startLoad
            #expect(load <= p.vehicleTypes[r.vehicleType].capacity)
            for v in r.visits {
                load += p.stops[v.stop].pickup - p.stops[v.stop].delivery
                #expect(load == v.loadAfter)
                #expect(load <= p.vehicleTypes[r.vehicleType].capacity)
                if let tw = p.stops[v.stop].timeWindow { #expect(v.serviceStart >= tw.start && v.serviceStart <= tw.end) }
            }
            #expect(r.duration <= p.vehicleTypes[r.vehicleType].maxDuration ?? Int.max)
        }
    }

    @Test func pickupsForceMoreRoutesThanDeliveriesAlone() throws {
        // deliveries fit one vehicle, pick-ups make the load exceed it mid-route
        let d = (0..<5).map { i in (0..<5).map { j in abs(i - j) * 1000 } }
        let p = RoutingProblem(
            depot: .init(), stops: (1...4).map { RoutingProblem.Stop(id: "s\($0)", delivery: 2, pickup: 4) },
            vehicleTypes: [.init(id: "v", capacity: 10)], distanceMatrix: d)
        let res = try solve(p, iterations: 200)
        #expect(PlanChecker.check(res.plan, for: p).isFeasible)
        #expect(res.plan.routes.count == 2)
    }

    @Test func shiftLimitSplitsRoutes() throws {
        let d = (0..<5).map { i in (0..<5).map { j in i == j ? 0 : 600 } }
        var p = RoutingProblem(
            depot: .init(), stops: (1...4).map { RoutingProblem.Stop(id: "s\($0)", delivery: 1, serviceTime: 600) },
            vehicleTypes: [.init(id: "v", capacity: 100, maxDuration: 3000)], distanceMatrix: d, durationMatrix: d)
        var res = try solve(p, iterations: 200)
        #expect(PlanChecker.check(res.plan, for: p).isFeasible)
        #expect(res.plan.routes.count == 2)  // 2 stops: 600+600+600+600+600 = 3000
        p.vehicleTypes[0].maxDuration = nil
        res = try solve(p, iterations: 200)
        #expect(res.plan.routes.count == 1)
    }

    @Test func limitedFleetLeavesStopsUnservedAndReportsThem() throws {
        let d = (0..<4).map { i in (0..<4).map { j in i == j ? 0 : 1000 } }
        let p = RoutingProblem(
            depot: .init(), stops: (1...3).map { RoutingProblem.Stop(id: "s\($0)", delivery: 6) },
            vehicleTypes: [.init(id: "v", capacity: 10, count: 1)], distanceMatrix: d)
        let res = try solve(p, iterations: 100)
        #expect(res.plan.unserved.count == 2)
        let report = PlanChecker.check(res.plan, for: p)
        #expect(report.violations.filter { $0.kind == "missingStop" }.count == 2)
    }

    @Test func heterogeneousFleetPrefersCheaperVehicle() throws {
        let d = (0..<3).map { i in (0..<3).map { j in i == j ? 0 : 1000 } }
        let p = RoutingProblem(
            depot: .init(), stops: [.init(id: "a", delivery: 3), .init(id: "b", delivery: 3)],
            vehicleTypes: [.init(id: "big", capacity: 10, count: 1, fixedCost: 5000), .init(id: "small", capacity: 6, count: 1, fixedCost: 100)],
            distanceMatrix: d)
        let res = try solve(p, iterations: 100)
        #expect(res.plan.routes.count == 1)
        #expect(res.plan.routes[0].vehicleType == 1)
        #expect(PlanChecker.check(res.plan, for: p).isFeasible)
    }

    @Test func defaultPatterns() {
        #expect(RoutingProblem.defaultPatterns(frequency: 3, horizon: 6) == [[1, 3, 5], [2, 4, 6]])
        #expect(RoutingProblem.defaultPatterns(frequency: 6, horizon: 6) == [[1, 2, 3, 4, 5, 6]])
        #expect(RoutingProblem.defaultPatterns(frequency: 1, horizon: 3) == [[1], [2], [3]])
        #expect(RoutingProblem.defaultPatterns(frequency: 2, horizon: 5).allSatisfy { $0[1] - $0[0] >= 2 })
        #expect(RoutingProblem.defaultPatterns(frequency: 7, horizon: 6).isEmpty)
    }

    @Test func haversineMatrixUsesCircuity() {
        var p = RoutingProblem(
            depot: .init(location: .init(latitude: 30, longitude: 110)),
            stops: [.init(id: "a", location: .init(latitude: 30.1, longitude: 110))],
            vehicleTypes: [.init(id: "v", capacity: 1)], circuity: 1.0, speedKmh: 36)
        let (d1, t1) = p.matrices()
        #expect(abs(d1[1] - 11_119) <= 2)       // 0.1° latitude ≈ 11.12 km
        #expect(abs(t1[1] - 1112) <= 1)         // at 36 km/h: 10 m/s
        p.circuity = 1.3
        #expect(abs(p.matrices().distance[1] - 14_455) <= 3)
    }
}

@Suite struct PatternAndBoundsTests {
    @Test func longHorizonPatternsStayBounded() {
        let p = RoutingProblem.defaultPatterns(frequency: 50, horizon: 366)
        #expect(!p.isEmpty)
        #expect(p.count <= 2_001)
        #expect(p.allSatisfy { $0.count == 50 && Set($0).count == 50 && $0.allSatisfy { (1...366).contains($0) } })
        #expect(RoutingProblem.defaultPatterns(frequency: 2, horizon: 5).count == 6)  // gaps ≥ 2
    }

    @Test func extremeNumbersAreRejectedNotOverflowed() {
        func err(_ json: String) -> String? {
            do { _ = try ProblemJSON.parse(json); return nil } catch { return error.field }
        }
        let base = #"{"depot":{"lat":30,"lon":110},"stops":[{"id":"a","lat":30.1,"lon":110}],"vehicles":[{"id":"v","capacity":5}]"#
        #expect(err(base + "}") == nil)
        #expect(err(base + #","speedKmh":0.000001}"#) == "speedKmh")
        #expect(err(base + #","objective":{"distanceWeight":1000000000}}"#) == "objective.distanceWeight")
        #expect(err(base + #","distanceMatrix":[[0,1e12],[1,0]]}"#) == "distanceMatrix[0][1]")
        #expect(err(#"{"depot":{"lat":30,"lon":110},"stops":[{"id":"a","lat":30.1,"lon":110,"serviceTime":1e14}],"vehicles":[{"id":"v","capacity":5}]}"#) == "stops[0].serviceTime")
        #expect(err(#"{"depot":{"lat":30,"lon":110,"timeWindow":["99999999999999:00","10:00"]},"stops":[],"vehicles":[{"id":"v","capacity":5}]}"#) == "depot.timeWindow[0]")
    }
}
