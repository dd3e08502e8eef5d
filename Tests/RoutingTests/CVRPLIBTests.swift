import Foundation
import Testing
@testable import Routing

@Suite struct CVRPLIBTests {
    let header = "NAME : t\nTYPE : CVRP\nDIMENSION : 4\nCAPACITY : 10\n"
    let demands = "DEMAND_SECTION\n1 0\n2 3\n3 4\n4 5\nDEPOT_SECTION\n1\n-1\nEOF\n"
    // symmetric matrix
    let m = [[0, 1, 2, 3], [1, 0, 4, 5], [2, 4, 0, 6], [3, 5, 6, 0]]

    func parse(_ format: String, _ weights: [Int]) throws(RoutingError) -> CVRPInstance {
        let text = header + "EDGE_WEIGHT_TYPE : EXPLICIT\nEDGE_WEIGHT_FORMAT : \(format)\nEDGE_WEIGHT_SECTION\n"
            + weights.map(String.init).joined(separator: " ") + "\n" + demands
        return try CVRPLIB.parse(text)
    }

    func check(_ inst: CVRPInstance) {
        for i in 0..<4 { for j in 0..<4 { #expect(inst.distance(i, j) == m[i][j]) } }
        #expect(inst.demands == [0, 3, 4, 5])
        #expect(inst.capacity == 10)
    }

    @Test func fullMatrix() throws { check(try parse("FULL_MATRIX", m.flatMap { $0 })) }
    @Test func lowerRow() throws { check(try parse("LOWER_ROW", [1, 2, 4, 3, 5, 6])) }
    @Test func lowerDiagRow() throws { check(try parse("LOWER_DIAG_ROW", [0, 1, 0, 2, 4, 0, 3, 5, 6, 0])) }
    @Test func upperRow() throws { check(try parse("UPPER_ROW", [1, 2, 3, 4, 5, 6])) }
    @Test func upperDiagRow() throws { check(try parse("UPPER_DIAG_ROW", [0, 1, 2, 3, 0, 4, 5, 0, 6, 0])) }

    @Test func tooFewWeightsIsAnError() {
        #expect(throws: RoutingError.self) { try parse("UPPER_ROW", [1, 2, 3]) }
        do { _ = try parse("UPPER_ROW", [1, 2, 3]) } catch { #expect(error.field == "EDGE_WEIGHT_SECTION") }
    }

    @Test func euc2DRoundsToNearestInteger() throws {
        let text = header + "EDGE_WEIGHT_TYPE : EUC_2D\nNODE_COORD_SECTION\n1 0 0\n2 1 1\n3 3 4\n4 0 2.5\n" + demands
        let inst = try CVRPLIB.parse(text)
        #expect(inst.distance(0, 1) == 1)   // 1.414
        #expect(inst.distance(0, 2) == 5)   // 5
        #expect(inst.distance(0, 3) == 3)   // 2.5 rounds up (nint)
        #expect(inst.distance(1, 2) == 4)   // sqrt(13) = 3.606
        #expect(inst.xs?[2] == 3)
    }

    @Test func depotNotFirstIsMovedToIndexZero() throws {
        let text = "NAME : t\nDIMENSION : 3\nCAPACITY : 5\nEDGE_WEIGHT_TYPE : EUC_2D\nNODE_COORD_SECTION\n1 0 0\n2 10 0\n3 20 0\n"
            + "DEMAND_SECTION\n1 1\n2 0\n3 2\nDEPOT_SECTION\n2\n-1\nEOF\n"
        let inst = try CVRPLIB.parse(text)
        #expect(inst.demands == [0, 1, 2])
        #expect(inst.fileNodeIDs == [2, 1, 3])
        #expect(inst.distance(0, 2) == 10)
    }

    @Test func missingCapacityAndBadLinesAreErrors() {
        do {
            _ = try CVRPLIB.parse("NAME : x\nDIMENSION : 2\nEDGE_WEIGHT_TYPE : EUC_2D\nNODE_COORD_SECTION\n1 0 0\n2 1 1\nEOF\n")
            Issue.record("expected an error")
        } catch { #expect(error.field == "CAPACITY") }
        do {
            _ = try CVRPLIB.parse(header + "EDGE_WEIGHT_TYPE : EUC_2D\nNODE_COORD_SECTION\n1 0 zero\n")
            Issue.record("expected an error")
        } catch { #expect(error.field == "NODE_COORD_SECTION") }
    }

    /// X-n101-k25 (Uchoa et al. 2014), kept in the repository as a fixture so the test always runs.
    @Test func realXInstanceParses() throws {
        let url = try #require(Bundle.module.url(forResource: "X-n101-k25", withExtension: "vrp", subdirectory: "Fixtures"),
                               "the fixture Tests/RoutingTests/Fixtures/X-n101-k25.vrp is missing")
        let inst = try CVRPLIB.read(path: url.path)
        #expect(inst.dimension == 101)
        #expect(inst.capacity == 206)
        #expect(inst.name == "X-n101-k25")
        #expect(inst.demands.count == 101 && inst.demands[0] == 0 && inst.demands[1] == 38 && inst.demands[100] == 35)
        #expect(inst.xs?[0] == 365 && inst.ys?[0] == 689)
        // EUC_2D rounds to the nearest integer: depot (365, 689) to customer 1 (146, 180) is 554.11….
        #expect(inst.distance(0, 1) == 554)
    }

    @Test func writtenInstanceReadsBack() throws {
        let inst = Fixtures.randomInstance(customers: 6, seed: 3)
        let back = try CVRPLIB.parse(CVRPLIB.format(inst))
        #expect(back.distances == inst.distances)
        #expect(back.demands == inst.demands)
        var explicit = inst
        explicit.xs = nil; explicit.ys = nil
        let back2 = try CVRPLIB.parse(CVRPLIB.format(explicit))
        #expect(back2.distances == inst.distances)
    }

    @Test func solutionRoundTrip() throws {
        let sol = CVRPSolution(routes: [[3, 5, 7], [1, 2]], cost: 1234)
        let text = CVRPLIB.formatSolution(sol)
        #expect(text == "Route #1: 3 5 7\nRoute #2: 1 2\nCost 1234\n")
        #expect(try CVRPLIB.parseSolution(text) == sol)
        #expect(throws: RoutingError.self) { try CVRPLIB.parseSolution("Route #1: 1 x\nCost 3\n") }
        #expect(throws: RoutingError.self) { try CVRPLIB.parseSolution("Route #1: 1 2\n") }
    }
}

@Suite struct CVRPLIBUnsupportedTests {
    @Test func distanceLimitedFilesAreRejectedNotIgnored() {
        let text = "NAME : c\nDIMENSION : 2\nCAPACITY : 5\nDISTANCE : 200\nEDGE_WEIGHT_TYPE : EUC_2D\nNODE_COORD_SECTION\n1 0 0\n2 1 1\nDEMAND_SECTION\n1 0\n2 1\nEOF\n"
        do { _ = try CVRPLIB.parse(text); Issue.record("expected an error") } catch {
            #expect(error.kind == .unsupported)
            #expect(error.field == "DISTANCE")
        }
    }
}
