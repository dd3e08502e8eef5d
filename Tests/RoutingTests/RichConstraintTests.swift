import Foundation
import Testing
@testable import Routing

/// The rich engine respects each new constraint on generated instances, and its costs (O(1)
/// segment evaluation) agree with the checker's re-simulation (`checkCost`).
@Suite struct RichConstraintTests {
    func solve(_ p: RoutingProblem, iterations: Int = 300, seed: UInt64 = 1) throws -> RichSolveResult {
        try RichSolver(problem: p, parameters: RichParameters(seed: seed, timeLimit: nil, maxIterations: iterations)).solve()
    }

    /// Points on a line: nodes at the given x positions; distance = duration = |dx|.
    func line(_ xs: [Int]) -> [[Int]] { xs.map { a in xs.map { b in abs(a - b) } } }

    func feasible(_ plan: RoutePlan, _ p: RoutingProblem) -> Bool {
        let report = PlanChecker.check(plan, for: p)
        return report.isFeasible && plan.unserved.isEmpty
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func vehiclesStartAndEndAtTheirOwnDepot(seed: UInt64) throws {
        // depot A at 0 with stops 1…5, depot B at 1000 with stops 995…999
        let xs = [0, 1000] + Array(1...5) + Array(995...999)
        let m = line(xs)
        let p = RoutingProblem(depot: .init(id: "A"), stops: (0..<10).map { .init(id: "s\($0)", delivery: 1) },
                               vehicleTypes: [.init(id: "a", capacity: 10, count: 1, depot: 0), .init(id: "b", capacity: 10, count: 1, depot: 1)],
                               distanceMatrix: m, durationMatrix: m, otherDepots: [.init(id: "B")])
        let res = try solve(p, seed: seed)
        #expect(feasible(res.plan, p))
        for r in res.plan.routes { #expect(r.visits.allSatisfy { ($0.stop < 5) == (r.vehicleType == 0) }) }
        #expect(res.plan.cost == 20)
    }

    @Test func aTripDoesNotLeaveBeforeItsParcelsAreReleased() throws {
        let m = line([0, 10, 20, 30])
        let p = RoutingProblem(depot: .init(timeWindow: .init(0, 10_000)),
                               stops: [.init(id: "a", delivery: 1), .init(id: "b", delivery: 1, releaseTime: 500),
                                       .init(id: "c", delivery: 1, timeWindow: .init(0, 100))],
                               vehicleTypes: [.init(id: "v", capacity: 10, count: 2)], distanceMatrix: m, durationMatrix: m)
        let res = try solve(p)
        #expect(feasible(res.plan, p))
        for r in res.plan.routes where r.visits.contains(where: { $0.stop == 1 }) { #expect(r.departure >= 500) }
        // c closes at 100, b is released at 500: they cannot share a route
        #expect(res.plan.routes.count == 2)
    }

    @Test func aVehicleReloadsForSeveralTrips() throws {
        let m = line([0, 10, 12, 14, 16, 18])
        let p = RoutingProblem(depot: .init(), stops: (0..<5).map { .init(id: "s\($0)", delivery: 6) },
                               vehicleTypes: [.init(id: "v", capacity: 10, count: 1, multiTrip: true)], distanceMatrix: m, durationMatrix: m)
        let res = try solve(p)
        #expect(feasible(res.plan, p))
        #expect(res.plan.routes.count == 1)
        #expect(Set(res.plan.routes[0].visits.map(\.trip)).count == 5)
    }

    @Test func multiTripWithReleasesAndWindowsStaysFeasible() throws {
        var rng = RandomSource(seed: 9)
        let xs = (0..<31).map { $0 == 0 ? 0 : rng.int(below: 200) - 100 }
        let m = line(xs)
        let stops = (0..<30).map { i in
            RoutingProblem.Stop(id: "s\(i)", delivery: 1 + rng.int(below: 5), serviceTime: 5,
                                timeWindow: .init(0, 400 + rng.int(below: 800)), releaseTime: rng.int(below: 300))
        }
        let p = RoutingProblem(depot: .init(timeWindow: .init(0, 2000)), stops: stops,
                               vehicleTypes: [.init(id: "v", capacity: 15, count: 3, multiTrip: true)], distanceMatrix: m, durationMatrix: m)
        let res = try solve(p, iterations: 500)
        let report = PlanChecker.check(res.plan, for: p)
        #expect(report.violations.isEmpty, "\(report.violations.prefix(3))")
        #expect(res.plan.unserved.isEmpty)
    }

    @Test func eachTypeIsCostedWithItsOwnDistanceCost() throws {
        let m = line([0, 50, 60])
        let p = RoutingProblem(depot: .init(), stops: [.init(id: "a", delivery: 1), .init(id: "b", delivery: 1)],
                               vehicleTypes: [.init(id: "dear", capacity: 5, count: 1, distanceCost: 10),
                                              .init(id: "cheap", capacity: 5, count: 1, fixedCost: 100, distanceCost: 1)],
                               distanceMatrix: m, durationMatrix: m)
        let res = try solve(p)
        #expect(feasible(res.plan, p))
        #expect(res.plan.routes.map(\.vehicleType) == [1])
        #expect(res.plan.cost == 100 + 120)
    }

    @Test func limitedFleetPerTypeIsRespected() throws {
        let m = line([0, 10, 20, 30, 40])
        let p = RoutingProblem(depot: .init(), stops: [5, 5, 10, 10].enumerated().map { .init(id: "s\($0)", delivery: $1) },
                               vehicleTypes: [.init(id: "small", capacity: 5, count: 2), .init(id: "big", capacity: 10, count: 2)],
                               distanceMatrix: m, durationMatrix: m)
        let res = try solve(p)
        #expect(feasible(res.plan, p))
        #expect(res.plan.routes.filter { $0.vehicleType == 1 }.count == 2)
    }

    @Test func periodicPlanningWorksWithDepotsAndTrips() throws {
        let xs = [0, 100] + [1, 2, 3, 97, 98, 99]
        let m = line(xs)
        let stops = (0..<6).map { RoutingProblem.Stop(id: "s\($0)", delivery: 4, frequency: $0 % 2 == 0 ? 2 : 1) }
        let p = RoutingProblem(depot: .init(), stops: stops,
                               vehicleTypes: [.init(id: "a", capacity: 5, count: 1, depot: 0, multiTrip: true),
                                              .init(id: "b", capacity: 5, count: 1, depot: 1, multiTrip: true)],
                               horizon: 2, distanceMatrix: m, durationMatrix: m, otherDepots: [.init(id: "B")])
        let res = try solve(p, iterations: 400)
        #expect(feasible(res.plan, p))
        #expect(res.plan.routes.allSatisfy { r in r.visits.allSatisfy { ($0.stop < 3) == (r.vehicleType == 0) } })
    }
}

/// A solution on every instance, and a clear refusal when none can exist.
@Suite struct AlwaysAnAnswerTests {
    @Test func aStopHeavierThanEveryVehicleIsRefusedByName() {
        let m = [[0, 1, 1], [1, 0, 1], [1, 1, 0]]
        let p = RoutingProblem(depot: .init(), stops: [.init(id: "light", delivery: 3), .init(id: "piano", delivery: 30)],
                               vehicleTypes: [.init(id: "van", capacity: 10), .init(id: "truck", capacity: 20, count: 1)],
                               distanceMatrix: m)
        do {
            _ = try RoutingEngine.solve(p, parameters: RichParameters(seed: 1, timeLimit: 10))
            Issue.record("expected a refusal")
        } catch {
            #expect(error.kind == .infeasibleInput && error.field == "stops[1]")
            #expect(error.message.contains("piano"))
        }
    }

    @Test func theGeneticSearchHasASolutionBeforeItsFirstIteration() throws {
        let inst = try CVRPLIB.read(path: try VRPLIBFixtures.path("X-n411-k19", "vrp"))
        let res = HGSSolver(instance: inst, parameters: HGSParameters(seed: 1, timeLimit: 0.001)).solve()
        let sol = try #require(res.solution)
        #expect(CVRPChecker.check(sol, on: inst).isFeasible)
    }

    @Test func aTightCapacityInstanceGetsAFeasibleConstruction() throws {
        // 300 customers of demand 9…10 in vehicles of 20: two per route at most
        var rng = RandomSource(seed: 4)
        var xs: [Double] = [500], ys: [Double] = [500], dem = [0]
        for _ in 0..<300 { xs.append(Double(rng.int(below: 1000))); ys.append(Double(rng.int(below: 1000))); dem.append(9 + rng.int(below: 2)) }
        let inst = CVRPInstance(name: "tight", capacity: 20, demands: dem, xs: xs, ys: ys)
        let res = HGSSolver(instance: inst, parameters: HGSParameters(seed: 1, timeLimit: 0.001)).solve()
        let sol = try #require(res.solution)
        #expect(CVRPChecker.check(sol, on: inst).isFeasible)
    }

    @Test func tooFewVehiclesGiveTheBestPlanNotAnError() throws {
        // four customers of 6 in vehicles of 10, but only two vehicles: two stay unserved
        let text = """
            NAME : few
            TYPE : CVRP
            DIMENSION : 5
            VEHICLES : 2
            CAPACITY : 10
            EDGE_WEIGHT_TYPE : EUC_2D
            NODE_COORD_SECTION
            1 0 0
            2 10 0
            3 0 10
            4 -10 0
            5 0 -10
            DEMAND_SECTION
            1 0
            2 6
            3 6
            4 6
            5 6
            DEPOT_SECTION
            1
            -1
            EOF
            """
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("few-vehicles-\(UUID().uuidString).vrp").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var o = RouteSolveRunner.Options(path: path)
        o.seconds = 0.2
        let outcome = try RouteSolveRunner.run(o)
        #expect(!outcome.feasible)
        #expect(outcome.summary.contains("not served"))
    }

    @Test func theRichEngineReturnsItsConstructionWhenNoTimeIsLeft() throws {
        let inst = try VRPLIBFixtures.instance("PR11A")
        let res = try RoutingEngine.solve(inst.problem, parameters: RichParameters(seed: 1, timeLimit: 0))
        #expect(res.iterations == 0)
        let report = PlanChecker.check(res.plan, for: inst.problem)
        #expect(report.violations.allSatisfy { $0.kind == "missingStop" })
        #expect(!res.plan.routes.isEmpty)
    }
}
