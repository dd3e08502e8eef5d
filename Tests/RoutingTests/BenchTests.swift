import Foundation
import Testing
@testable import Routing

@Suite struct BenchAndRunnerTests {
    func tempDir() throws -> String {
        let dir = NSTemporaryDirectory() + "routing-test-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func cvrpBenchmarkOnATinyFolder() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let inst = Fixtures.randomInstance(customers: 7, seed: 2, capacity: 9)
        try CVRPLIB.format(inst).write(toFile: dir + "/T-n8-k2.vrp", atomically: true, encoding: .utf8)
        let opt = Fixtures.bruteForceOptimum(inst)
        try "instance,n_nodes,bks\nT-n8-k2,8,\(opt)\n".write(toFile: dir + "/bks.csv", atomically: true, encoding: .utf8)
        #expect(CVRPBenchmark.readBKS(directory: dir) == ["T-n8-k2": opt])
        var o = CVRPBenchmark.Options(directory: dir)
        o.seconds = 0.3
        var lines: [String] = []
        let s = try CVRPBenchmark.run(o) { lines.append($0) }
        #expect(s.rows.count == 1)
        #expect(s.allFeasible)
        #expect(s.averageGap == 0)
        #expect(lines.first?.hasPrefix("instance") == true)
    }

    @Test func variantBenchmarkRowsAreChecked() throws {
        var c = CountyGenerator.Config(villages: 30, seed: 9)
        c.hubs = 4
        let rows = try VariantBenchmark.run(seconds: 0, seed: 1, configs: [c], maxIterations: 100) { _ in }
        #expect(rows.count == 1)
        #expect(rows[0].feasible)
        #expect(rows[0].baselineFeasible)
        #expect(rows[0].cost <= rows[0].baselineCost)
    }

    @Test func generatorIsReproducible() {
        let a = CountyGenerator.make(.init(villages: 50, seed: 3))
        let b = CountyGenerator.make(.init(villages: 50, seed: 3))
        #expect(a == b)
        #expect(a.stops.count == 70)
    }

    @Test func solveRunnerHandlesVrpAndJson() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let inst = Fixtures.randomInstance(customers: 6, seed: 5, capacity: 9)
        try CVRPLIB.format(inst).write(toFile: dir + "/a.vrp", atomically: true, encoding: .utf8)
        var o = RouteSolveRunner.Options(path: dir + "/a.vrp")
        o.iterations = 100
        o.outputPath = dir + "/a.sol"
        let out = try RouteSolveRunner.run(o)
        #expect(out.feasible)
        let sol = try CVRPLIB.parseSolution(String(contentsOfFile: dir + "/a.sol", encoding: .utf8))
        #expect(sol.cost == out.cost)
        #expect(CVRPChecker.check(sol, on: inst).isFeasible)
        o.outputPath = dir + "/a.json"
        let outJSON = try RouteSolveRunner.run(o)
        let obj = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/a.json"))) as? [String: Any]
        #expect(obj?["cost"] as? Int == outJSON.cost)
        #expect((obj?["routes"] as? [[Int]])?.flatMap { $0 }.sorted() == Array(1...6))

        let json = """
        {"depot": {"lat": 27.5, "lon": 110.0}, "horizon": 2,
         "stops": [{"id": "a", "lat": 27.51, "lon": 110.0, "delivery": 1, "frequency": 2},
                   {"id": "b", "lat": 27.49, "lon": 110.01, "pickup": 2}],
         "vehicles": [{"id": "van", "capacity": 5}]}
        """
        try json.write(toFile: dir + "/p.json", atomically: true, encoding: .utf8)
        var o2 = RouteSolveRunner.Options(path: dir + "/p.json")
        o2.iterations = 50
        o2.outputPath = dir + "/p.out.json"
        let out2 = try RouteSolveRunner.run(o2)
        #expect(out2.feasible)
        #expect(FileManager.default.fileExists(atPath: dir + "/p.out.json"))
        #expect(throws: RoutingError.self) { try RouteSolveRunner.run(.init(path: dir + "/x.csv")) }
    }
}
