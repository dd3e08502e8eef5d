import Foundation
import Testing
@testable import Routing

@Suite struct JSONTests {
    let valid = """
    {
      "name": "demo", "horizon": 2, "circuity": 1.3, "speedKmh": 40,
      "objective": {"distanceWeight": 1, "durationWeight": 0},
      "depot": {"id": "hub", "lat": 27.5, "lon": 110.0, "timeWindow": ["06:00", "20:00"]},
      "stops": [
        {"id": "a", "lat": 27.52, "lon": 110.01, "delivery": 5, "pickup": 2, "serviceTime": 300,
         "timeWindow": [28800, 43200], "frequency": 2},
        {"id": "b", "lat": 27.48, "lon": 110.03, "delivery": 3, "frequency": 1, "patterns": [[2]]}
      ],
      "vehicles": [{"id": "van", "capacity": 20, "count": 2, "fixedCost": 1000, "maxDuration": 32400}]
    }
    """

    func error(_ text: String) -> RoutingError? {
        do { _ = try ProblemJSON.parse(text); return nil } catch { return error }
    }

    func mutate(_ f: (inout [String: Any]) -> Void) -> String {
        var obj = (try? JSONSerialization.jsonObject(with: Data(valid.utf8))) as? [String: Any] ?? [:]
        f(&obj)
        let data = (try? JSONSerialization.data(withJSONObject: obj)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func parsesValidProblem() throws {
        let p = try ProblemJSON.parse(valid)
        #expect(p.horizon == 2)
        #expect(p.depot.timeWindow == .init(6 * 3600, 20 * 3600))
        #expect(p.stops.count == 2)
        #expect(p.stops[0].timeWindow == .init(28800, 43200))
        #expect(p.stops[0].frequency == 2)
        #expect(p.stops[1].patterns == [[2]])
        #expect(p.vehicleTypes[0].count == 2)
        let res = try RichSolver(problem: p, parameters: RichParameters(seed: 1, timeLimit: nil, maxIterations: 50)).solve()
        let report = PlanChecker.check(res.plan, for: p)
        #expect(report.isFeasible)
        let out = ProblemJSON.encode(res.plan, problem: p, report: report)
        let decoded = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]
        #expect(decoded?["feasible"] as? Bool == true)
        #expect((decoded?["days"] as? [Any])?.count == 2)
    }

    @Test func invalidJSONIsAParseError() {
        #expect(error("{not json")?.kind == .parse)
        #expect(error("[1,2]")?.field == "$")
    }

    @Test func missingFieldsAreNamed() {
        #expect(error(mutate { $0["vehicles"] = nil })?.field == "vehicles")
        #expect(error(mutate { $0["depot"] = nil })?.field == "depot")
        #expect(error(mutate { o in
            var s = o["stops"] as? [[String: Any]] ?? []
            s[1]["id"] = nil
            o["stops"] = s
        })?.field == "stops[1].id")
    }

    @Test func wrongTypesAreNamed() {
        #expect(error(mutate { o in
            var v = o["vehicles"] as? [[String: Any]] ?? []
            v[0]["capacity"] = "big"
            o["vehicles"] = v
        })?.field == "vehicles[0].capacity")
        #expect(error(mutate { o in
            var s = o["stops"] as? [[String: Any]] ?? []
            s[0]["delivery"] = 1.5
            o["stops"] = s
        })?.field == "stops[0].delivery")
        #expect(error(mutate { o in
            var s = o["stops"] as? [[String: Any]] ?? []
            s[0]["delivery"] = true
            o["stops"] = s
        })?.field == "stops[0].delivery")
    }

    @Test func badValuesAreNamed() {
        #expect(error(mutate { o in
            var s = o["stops"] as? [[String: Any]] ?? []
            s[0]["timeWindow"] = ["12:00", "08:00"]
            o["stops"] = s
        })?.field == "stops[0].timeWindow")
        #expect(error(mutate { o in
            var s = o["stops"] as? [[String: Any]] ?? []
            s[0]["timeWindow"] = ["8h", "10:00"]
            o["stops"] = s
        })?.field == "stops[0].timeWindow[0]")
        #expect(error(mutate { o in
            var s = o["stops"] as? [[String: Any]] ?? []
            s[0]["frequency"] = 3
            o["stops"] = s
        })?.field == "stops[0].frequency")
        #expect(error(mutate { o in
            var s = o["stops"] as? [[String: Any]] ?? []
            s[1]["patterns"] = [[3]]
            o["stops"] = s
        })?.field == "stops[1].patterns[0]")
        #expect(error(mutate { o in
            var s = o["stops"] as? [[String: Any]] ?? []
            s[1]["id"] = "a"
            o["stops"] = s
        })?.field == "stops[1].id")
        #expect(error(mutate { o in
            var s = o["stops"] as? [[String: Any]] ?? []
            s[0]["lat"] = 95.0
            o["stops"] = s
        })?.field == "stops[0].lat")
        #expect(error(mutate { $0["horizon"] = 0 })?.field == "horizon")
        #expect(error(mutate { o in
            var v = o["vehicles"] as? [[String: Any]] ?? []
            v[0]["capacity"] = 0
            o["vehicles"] = v
        })?.field == "vehicles[0].capacity")
    }

    @Test func matrixShapeIsChecked() {
        #expect(error(mutate { $0["distanceMatrix"] = [[0, 1], [1, 0]] })?.field == "distanceMatrix")
        #expect(error(mutate { $0["distanceMatrix"] = [[0, 1, 2], [1, 0, 3], [2, 3]] })?.field == "distanceMatrix[2]")
        #expect(error(mutate { $0["distanceMatrix"] = [[0, 1, 2], [1, 0, -3], [2, 3, 0]] })?.field == "distanceMatrix[1][2]")
        #expect(error(mutate { $0["distanceMatrix"] = [[0, 1, 2], [1, 0, 3], [2, 3, 0]] }) == nil)
    }

    @Test func coordinatesRequiredWithoutMatrix() {
        #expect(error(mutate { o in
            var s = o["stops"] as? [[String: Any]] ?? []
            s[0]["lat"] = nil
            s[0]["lon"] = nil
            o["stops"] = s
        })?.field == "stops[0].lat")
    }
}

@Suite struct ProblemJSONRoundTripTests {
    @Test func generatedProblemRoundTrips() throws {
        let p = Fixtures.county(villages: 25, seed: 4)
        let back = try ProblemJSON.parse(ProblemJSON.encodeProblem(p))
        #expect(back == p)
    }
}
