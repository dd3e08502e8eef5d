import Foundation
import Testing
@testable import Routing

/// The checker catches every kind of violation the new constraints allow, on tiny instances
/// written in the sets' dialect.
@Suite struct VRPLIBCheckerTests {
    /// One depot, one multi-trip vehicle of capacity 10; ×10 DIMACS convention: every leg from
    /// the depot is 100, service 10. Client 2 is released at 500, client 3 closes at 300.
    static let multiTrip = """
        NAME: tiny-mt
        TYPE: MTVRPTWR
        EDGE_WEIGHT_TYPE: EUC_2D
        DIMENSION: 4
        VEHICLES: 1
        CAPACITY: 10
        SERVICE_TIME: 1
        NODE_COORD_SECTION
        1 0 0
        2 10 0
        3 0 10
        4 -10 0
        DEMAND_SECTION
        1 0
        2 6
        3 6
        4 3
        TIME_WINDOW_SECTION
        1 0 1000
        2 0 1000
        3 0 1000
        4 0 30
        RELEASE_TIME_SECTION
        1 0
        2 0
        3 50
        4 0
        VEHICLES_RELOAD_DEPOT_SECTION
        1 1
        DEPOT_SECTION
        1
        -1
        EOF
        """

    /// Two depots 100 apart, one vehicle each (no reloads), route duration ≤ 30 (× 1000).
    static let multiDepot = """
        NAME: tiny-md
        TYPE: MDVRPTW
        EDGE_WEIGHT_TYPE: EUC_2D
        DIMENSION: 4
        VEHICLES: 2
        CAPACITY: 10
        VEHICLES_MAX_DURATION: 30
        NODE_COORD_SECTION
        1 0 0
        2 100 0
        3 5 0
        4 95 0
        DEMAND_SECTION
        1 0
        2 0
        3 4
        4 4
        VEHICLES_DEPOT_SECTION
        1 1
        2 2
        DEPOT_SECTION
        1
        2
        -1
        EOF
        """

    /// A big dear vehicle (capacity 10, fixed 1000, 100 per unit) and a small cheap one
    /// (capacity 5, fixed 300, 50 per unit); both clients are 5 from the depot, 10 apart.
    static let heterogeneous = """
        NAME: tiny-hf
        TYPE: HFVRP
        DIMENSION: 3
        VEHICLES: 2
        EDGE_WEIGHT_TYPE: EUC_2D
        NODE_COORD_SECTION
        1 0 0
        2 3 4
        3 -3 -4
        DEMAND_SECTION
        1 0
        2 5
        3 5
        CAPACITY_SECTION
        1 10
        2 5
        VEHICLES_FIXED_COST_SECTION
        1 1000
        2 300
        VEHICLES_UNIT_DISTANCE_COST_SECTION
        1 100
        2 50
        DEPOT_SECTION
        1
        -1
        EOF
        """

    func check(_ text: String, _ routes: [[Int]]) throws -> CheckReport {
        VRPLIBChecker.check(VRPLIBSolution(routes: routes), on: try VRPLIB.parse(text))
    }

    func kinds(_ text: String, _ routes: [[Int]]) throws -> [String] { try check(text, routes).violations.map(\.kind) }

    @Test func multiTripSolutionWaitsForTheReleaseAtTheReload() throws {
        // trip 1: 3 then 1 (load 9, client 3 reached at 100 ≤ 300); reload; trip 2 leaves at 500
        let report = try check(Self.multiTrip, [[3, 1, 0, 2]])
        #expect(report.violations.isEmpty)
        #expect(report.cost == 600)
    }

    @Test func capacityIsPerTrip() throws {
        #expect(try kinds(Self.multiTrip, [[3, 0, 1, 2]]) == ["capacity"])
    }

    @Test func aReleaseThatMakesATripLateIsCaught() throws {
        // the first trip carries client 2, so it cannot leave before 500: client 3 is late
        #expect(try kinds(Self.multiTrip, [[2, 3, 0, 1]]) == ["timeWindow"])
    }

    @Test func aPlanLeavingBeforeTheReleaseIsCaught() throws {
        let p = try VRPLIB.parse(Self.multiTrip).problem
        let visit = RoutePlan.Visit(stop: 1, arrival: 0, serviceStart: 0, departure: 0, loadAfter: 0)
        let route = RoutePlan.Route(day: 1, vehicleType: 0, departure: 0, returnTime: 0, startLoad: 0, visits: [visit],
                                    distance: 0, duration: 0, cost: 0)
        let plan = RoutePlan(routes: [route], stopDays: [], unserved: [], cost: 0, distance: 0, duration: 0)
        let kinds = PlanChecker.check(plan, for: p, checkCost: false).violations.map(\.kind)
        #expect(kinds.contains("release"))
    }

    @Test func reloadsMustSeparateTwoTrips() throws {
        #expect(try kinds(Self.multiTrip, [[0, 3, 1, 0, 2]]).contains("reload"))
        #expect(try kinds(Self.multiTrip, [[3, 1, 0, 0, 2]]).contains("reload"))
    }

    @Test func onlyOneVehicleIsListed() throws {
        #expect(try kinds(Self.multiTrip, [[3, 1], [2]]).contains("fleetSize"))
    }

    @Test func missingAndRepeatedStopsAreCaught() throws {
        #expect(try kinds(Self.multiTrip, [[3, 1]]) == ["missingStop"])
        #expect(try kinds(Self.multiTrip, [[3, 1, 0, 2, 0, 3]]).contains("duplicateStop"))
    }

    @Test func eachVehicleStartsAndEndsAtItsOwnDepot() throws {
        let good = try check(Self.multiDepot, [[2], [3]])
        #expect(good.violations.isEmpty && good.cost == 20_000)
        // vehicle 1 (depot 0) serving the client next to depot 1: 190 000 > 30 000
        #expect(try kinds(Self.multiDepot, [[2, 3], []]) == ["duration"])
        // visiting the other depot, or reloading without the right to
        #expect(try kinds(Self.multiDepot, [[2, 1, 3], []]).contains("reload"))
        #expect(try kinds(Self.multiDepot, [[2, 0, 3], []]).contains("reload"))
    }

    @Test func costUsesEachVehiclesFixedAndUnitDistanceCost() throws {
        #expect(try check(Self.heterogeneous, [[1, 2], []]).cost == 1000 + 100 * 20)
        #expect(try check(Self.heterogeneous, [[1], [2]]).cost == 1000 + 100 * 10 + 300 + 50 * 10)
        #expect(try kinds(Self.heterogeneous, [[], [1, 2]]) == ["capacity"])
        #expect(try kinds(Self.heterogeneous, [[1], [], [2]]).contains("fleetSize"))
    }
}
