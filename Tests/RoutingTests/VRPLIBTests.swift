import Foundation
import Testing
@testable import Routing

/// Fixture paths (copies of a few instances of each set, with their best-known solutions).
enum VRPLIBFixtures {
    static func path(_ name: String, _ ext: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures"),
                               "the fixture Tests/RoutingTests/Fixtures/\(name).\(ext) is missing")
        return url.path
    }

    static func instance(_ name: String) throws -> VRPLIBInstance { try VRPLIB.read(path: path(name, "vrp")) }
    static func bks(_ name: String) throws -> VRPLIBSolution { try VRPLIBSolution.read(path: path(name, "sol")) }
}

@Suite struct VRPLIBReaderTests {
    /// Each set's best-known solution reads back feasible, and its cost recomputed in the set's
    /// convention (the values PyVRP 0.14 computes for the same files) — HFVRP `.sol` files print
    /// their Cost line in other scales (35170.24, 8028527330), so only the recomputed cost counts.
    @Test(arguments: [
        ("X101-FSMFD", 3_517_234), ("X110-HD", 1_585_310), ("X148-HVRP", 8_027_972),
        ("PR11A", 6_655_548), ("C201R0.25", 15_006), ("R201R0.25", 14_356), ("X-n411-k19", 19_712),
    ])
    func bestKnownSolutionIsFeasibleAndCostedInTheSetsConvention(name: String, cost: Int) throws {
        let report = VRPLIBChecker.check(try VRPLIBFixtures.bks(name), on: try VRPLIBFixtures.instance(name))
        #expect(report.violations.isEmpty, "\(report.violations.prefix(3))")
        #expect(report.cost == cost)
    }

    @Test func hfvrpFleetBecomesTypesWithCountsAndCosts() throws {
        let inst = try VRPLIBFixtures.instance("X148-HVRP")
        #expect(inst.type == "HFVRP" && inst.convention == .round)
        #expect(inst.vehicleTypeOfVehicle.count == 55)
        let types = inst.problem.vehicleTypes
        #expect(types.reduce(0) { $0 + ($1.count ?? 0) } == 55)
        #expect(types[0].capacity == 8 && types[0].fixedCost == 27_600 && types[0].distanceCost == 50)
        #expect(inst.problem.stops.count == 147 && inst.problem.stops[0].delivery == 10)
        // vehicles 1… are listed type by type: route #1 is vehicle 1, of the first type
        #expect(inst.vehicleTypeOfVehicle[0] == 0)
    }

    @Test func mdvrptwHasDepotsWindowsAndDurationsScaledByAThousand() throws {
        let inst = try VRPLIBFixtures.instance("PR11A")
        let p = inst.problem
        #expect(inst.convention == .exact && p.depots.count == 4 && p.stops.count == 360)
        #expect(p.depots[0].timeWindow == .init(0, 1_000_000))
        #expect(p.vehicleTypes.count == 4 && p.vehicleTypes.map(\.depot) == [0, 1, 2, 3])
        #expect(p.vehicleTypes.allSatisfy { $0.maxDuration == 450_000 && $0.count == 10 && $0.capacity == 200 })
        // depot 1 (2.958, 4.357) to depot 2 (21.494, -8.63): 22.6332… → 22633
        #expect(p.distanceMatrix?[0][1] == 22_633)
    }

    @Test func mtvrptwrHasReleaseTimesReloadsAndOneDecimal() throws {
        let inst = try VRPLIBFixtures.instance("C201R0.25")
        let p = inst.problem
        #expect(inst.convention == .dimacs)
        #expect(p.vehicleTypes.count == 1 && p.vehicleTypes[0].multiTrip && p.vehicleTypes[0].count == 8)
        #expect(p.stops.allSatisfy { $0.serviceTime == 900 })
        #expect(p.stops[0].timeWindow == .init(3110, 4710))
        #expect(p.stops.contains { $0.releaseTime > 0 })
        // depot (40, 50) to client 1 (52, 75): 27.73… → 277 (truncated, not rounded to 278)
        #expect(p.distanceMatrix?[0][1] == 277)
    }

    @Test func solutionTextRoundTrips() throws {
        let sol = VRPLIBSolution(routes: [[3, 1, 0, 2], [], [4]], reportedCost: "123")
        #expect(try VRPLIBSolution.parse(sol.formatted()) == sol)
        #expect(sol.formatted() == "Route #1: 3 1 0 2\nRoute #2:\nRoute #3: 4\nCost 123\n")
    }

    /// A plan written as `.sol` puts each route on a vehicle of its type and reloads as depot
    /// numbers; reading it back gives the same cost.
    @Test func planToSolutionKeepsVehiclesAndReloads() throws {
        let inst = try VRPLIBFixtures.instance("C201R0.25")
        let bks = try VRPLIBFixtures.bks("C201R0.25")
        let res = try RoutingEngine.solve(inst.problem, parameters: RichParameters(seed: 1, timeLimit: nil, maxIterations: 200))
        let sol = VRPLIBSolution(plan: res.plan, instance: inst)
        #expect(sol.routes.count == 8)
        let report = VRPLIBChecker.check(sol, on: inst)
        #expect(report.cost == res.plan.cost)
        #expect(report.isFeasible == res.plan.unserved.isEmpty)
        #expect(bks.routes.contains { $0.contains(0) })
    }

    @Test func unknownTypeOfDistanceIsRefused() {
        #expect(throws: RoutingError.self) {
            _ = try VRPLIB.parse("NAME: a\nTYPE: HFVRP\nDIMENSION: 2\nEDGE_WEIGHT_TYPE: GEO\nEOF\n")
        }
    }
}
