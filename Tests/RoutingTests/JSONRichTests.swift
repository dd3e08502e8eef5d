import Foundation
import Testing
@testable import Routing

/// The domain JSON format with several depots, release times, multi-trip vehicles and per-type
/// distance costs: parsed, solved within every constraint (by the independent checker), written
/// back and refused with the field named when wrong.
@Suite struct JSONRichTests {
    /// Two depots 10 km apart; the east van reloads and its stops' parcels arrive during the day.
    let twoDepots = """
    {
      "name": "two hubs",
      "depots": [
        {"id": "west", "lat": 27.50, "lon": 110.00, "timeWindow": ["06:00", "20:00"]},
        {"id": "east", "lat": 27.50, "lon": 110.10, "timeWindow": ["06:00", "20:00"]}
      ],
      "stops": [
        {"id": "w1", "lat": 27.51, "lon": 110.00, "delivery": 4},
        {"id": "w2", "lat": 27.49, "lon": 110.01, "delivery": 4},
        {"id": "e1", "lat": 27.51, "lon": 110.10, "delivery": 6, "releaseTime": "10:00"},
        {"id": "e2", "lat": 27.49, "lon": 110.11, "delivery": 6, "releaseTime": 39600},
        {"id": "e3", "lat": 27.50, "lon": 110.12, "delivery": 6}
      ],
      "vehicles": [
        {"id": "west-van", "capacity": 10, "count": 1, "depot": "west", "distanceCost": 2},
        {"id": "east-van", "capacity": 10, "count": 1, "depot": "east", "multiTrip": true}
      ]
    }
    """

    @Test func readsDepotsReleaseTimesAndMultiTrip() throws {
        let p = try ProblemJSON.parse(twoDepots)
        #expect(p.depots.map(\.id) == ["west", "east"])
        #expect(p.stops.map(\.releaseTime) == [0, 0, 36000, 39600, 0])
        #expect(p.vehicleTypes.map(\.depot) == [0, 1])
        #expect(p.vehicleTypes.map(\.multiTrip) == [false, true])
        #expect(p.vehicleTypes[0].distanceCost == 2 && p.vehicleTypes[1].distanceCost == nil)
        let back = try ProblemJSON.parse(ProblemJSON.encodeProblem(p))
        #expect(back.depots.map(\.id) == p.depots.map(\.id))
        #expect(back.stops.map(\.releaseTime) == p.stops.map(\.releaseTime))
        #expect(back.vehicleTypes.map(\.depot) == [0, 1] && back.vehicleTypes.map(\.multiTrip) == [false, true])
        #expect(back.vehicleTypes[0].distanceCost == 2)
    }

    @Test func solvedPlanKeepsEveryConstraint() throws {
        let p = try ProblemJSON.parse(twoDepots)
        let res = try RoutingEngine.solve(p, parameters: RichParameters(seed: 3, timeLimit: nil, maxIterations: 300))
        let report = PlanChecker.check(res.plan, for: p)
        #expect(report.isFeasible, "\(report.violations)")
        #expect(res.plan.unserved.isEmpty)
        // 18 units east on a 10-unit van that alone may reload: it makes two trips, and no trip
        // carrying e1/e2 leaves before their release.
        let east = try #require(res.plan.routes.first { $0.vehicleType == 1 })
        #expect(Set(east.visits.map(\.trip)).count >= 2)
        #expect(Set(east.visits.map { p.stops[$0.stop].id }) == ["e1", "e2", "e3"])
        for v in east.visits where p.stops[v.stop].releaseTime > 0 { #expect(v.arrival >= p.stops[v.stop].releaseTime) }
        let out = try JSONSerialization.jsonObject(with: Data(ProblemJSON.encode(res.plan, problem: p, report: report).utf8)) as? [String: Any]
        let routes = ((out?["days"] as? [[String: Any]])?.first?["routes"] as? [[String: Any]]) ?? []
        #expect(Set(routes.compactMap { $0["depot"] as? String }) == ["west", "east"])
        let trips = routes.flatMap { ($0["stops"] as? [[String: Any]]) ?? [] }.compactMap { $0["trip"] as? Int }
        #expect(trips.contains(2) && !trips.contains(0))
        #expect(res.trace.last?.cost == res.plan.cost)
    }

    func error(_ edit: (inout [String: Any]) -> Void) -> RoutingError? {
        var obj = (try? JSONSerialization.jsonObject(with: Data(twoDepots.utf8))) as? [String: Any] ?? [:]
        edit(&obj)
        let text = String(decoding: (try? JSONSerialization.data(withJSONObject: obj)) ?? Data(), as: UTF8.self)
        do { _ = try ProblemJSON.parse(text); return nil } catch { return error }
    }

    func editVehicle(_ o: inout [String: Any], _ key: String, _ value: Any) {
        var v = o["vehicles"] as? [[String: Any]] ?? []
        v[1][key] = value
        o["vehicles"] = v
    }

    @Test func wrongFieldsAreNamed() {
        #expect(error { o in self.editVehicle(&o, "depot", "north") }?.field == "vehicles[1].depot")
        #expect(error { o in self.editVehicle(&o, "multiTrip", "yes") }?.field == "vehicles[1].multiTrip")
        #expect(error { o in self.editVehicle(&o, "distanceCost", -1) }?.field == "vehicles[1].distanceCost")
        #expect(error { o in
            var s = o["stops"] as? [[String: Any]] ?? []
            s[2]["releaseTime"] = "ten"
            o["stops"] = s
        }?.field == "stops[2].releaseTime")
        #expect(error { o in o["depot"] = ["id": "x", "lat": 27.5, "lon": 110.0] }?.field == "depots")
        #expect(error { o in o["depots"] = [Any]() }?.field == "depots")
        #expect(error { o in
            var d = o["depots"] as? [[String: Any]] ?? []
            d[1]["id"] = "west"
            o["depots"] = d
        }?.field == "depots[1].id")
    }
}
