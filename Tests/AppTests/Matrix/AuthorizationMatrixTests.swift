import Accounts
import Composition
import Foundation
import TestDatabases
import Testing
import Vapor
import VaporTesting
@testable import Web

/// Every registered route × every role × own county / other county / anonymous, asserted against
/// the reviewed table `authorization-matrix.txt` (one line per route and side). A route without a
/// line fails, a changed outcome fails, and rules that must hold whatever the table says are
/// checked on every cell: no 5xx, nothing of the other county reachable by a county role,
/// nothing but the public pages reachable anonymously, no write by a read-only role.
///
/// After adding routes, regenerate the table with `XIANGCUN_WRITE_MATRIX=1 swift test --filter
/// AuthorizationMatrix` and review its diff line by line before committing it.
@Suite("Authorization matrix")
struct AuthorizationMatrixTests {
    static let tableURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("authorization-matrix.txt")

    @Test(arguments: Engine.all)
    func everyRouteEveryRoleEveryCounty(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            let world = try await MatrixWorld.load(app)
            var principals = try await MatrixPrincipal.signIn(app)
            let routes = app.routes.all.map { (method: $0.method.rawValue, pattern: "/" + $0.path.map(\.description).joined(separator: "/")) }
                .sorted { ($0.pattern, $0.method) < ($1.pattern, $1.method) }
            var lines: [String] = []
            var violations: [String] = []
            for route in routes {
                let sides: [MatrixWorld.Side] = MatrixWorld.namesCountyRecords(route.pattern) ? [.own, .other] : [.own]
                for side in sides {
                    guard let path = world.path(route.pattern, side: side) else {
                        violations.append("\(route.method) \(route.pattern): no fixture for its parameters (add one to MatrixWorld)")
                        continue
                    }
                    var cells: [String] = []
                    for index in principals.indices {
                        let outcome = try await principals[index].request(route.method, path)
                        cells.append("\(principals[index].name)=\(outcome.rawValue)")
                        violations += MatrixRules.check(route.method, route.pattern, side: side, principal: principals[index], outcome: outcome)
                    }
                    lines.append("\(route.method) \(route.pattern) \(side.rawValue): " + cells.joined(separator: " "))
                }
            }
            #expect(violations == [], Comment(rawValue: "rules broken:\n" + violations.joined(separator: "\n")))
            #expect(lines.count > 150, "the matrix covers every route and side")
            try Self.compare(lines, engine: engine)
        }
    }

    static func compare(_ lines: [String], engine: Engine) throws {
        let text = lines.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["XIANGCUN_WRITE_MATRIX"] == "1", engine == .sqlite {
            try text.write(to: tableURL, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: tableURL, encoding: .utf8).split(separator: "\n").map(String.init)
        let key = { (line: String) in line.split(separator: " ").prefix(3).joined(separator: " ") }
        let expectedByKey = Dictionary(expected.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        let actualByKey = Dictionary(lines.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        let missing = actualByKey.keys.filter { expectedByKey[$0] == nil }.sorted()
        let gone = expectedByKey.keys.filter { actualByKey[$0] == nil }.sorted()
        let changed = actualByKey.keys.filter { expectedByKey[$0] != nil && expectedByKey[$0] != actualByKey[$0] }.sorted()
        #expect(missing == [], "routes without a matrix entry (regenerate and review): \(missing)")
        #expect(gone == [], "matrix entries without a route: \(gone)")
        for k in changed {
            Issue.record("outcome changed for \(k)\n  expected \(expectedByKey[k] ?? "")\n  actual   \(actualByKey[k] ?? "")")
        }
    }
}
