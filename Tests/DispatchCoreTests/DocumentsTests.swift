import DispatchCore
import Foundation
import NetworkCore
import Testing
import XiangcunKit

@Suite struct DispatchDocumentsTests {
    @Test func routeMapIsAnSVGWithoutScriptWithOneLinePerRoute() throws {
        let county = SmallCounty()
        let plan = try DispatchPlanner.plan(county.input(Day.of(2026, 12, 1)))
        let places = Dictionary(uniqueKeysWithValues: ([county.centre] + county.hubs + county.villages).map { ($0.id, $0) })
        let depots = Dictionary(uniqueKeysWithValues: county.vehicles.map { ($0.id, $0.depotID) })
        let svg = RouteMap.svg(plan, places: places, depotOf: depots, labels: .init(title: "线路图 <1>", empty: "无", vehicleName: { _ in "车" }))
        #expect(svg.hasPrefix("<svg"))
        #expect(!svg.contains("<script"))
        #expect(svg.contains("线路图 &lt;1&gt;"))
        #expect(svg.components(separatedBy: "<polyline").count - 1 == plan.routes.count)
    }

    @Test func fixedRoutesImportNamesRowAndColumnOfEachProblem() throws {
        let van = UUID(), a = UUID(), b = UUID()
        let good = "线路名称,车辆,站点顺序,每日成本（元）\n一号线,面包车,甲村、乙村,180.50\n二号线,面包车,乙村,\n"
        let routes = try DispatchImports.fixedRoutes(Data(good.utf8), vehicles: ["面包车": van], places: ["甲村": a, "乙村": b])
        #expect(routes.count == 2)
        #expect(routes[0].stops == [a, b])
        #expect(routes[0].dailyCost == Money(fen: 18_050))
        #expect(routes[1].dailyCost == nil)
        let bad = "线路名称,车辆,站点顺序,每日成本（元）\n一号线,卡车,甲村、丙村,abc\n"
        do {
            _ = try DispatchImports.fixedRoutes(Data(bad.utf8), vehicles: ["面包车": van], places: ["甲村": a, "乙村": b])
            Issue.record("accepted a bad file")
        } catch {
            #expect(error.issues.map(\.column) == ["B", "C", "D"])
            #expect(error.issues.allSatisfy { $0.row == 2 })
            #expect(error.issues[1].args == ["丙村"])
        }
    }

    @Test func distanceMatrixImport() throws {
        let a = UUID(), b = UUID()
        let pairs = try DispatchImports.distances(Data("起点,终点,距离（公里）\n甲村,乙村,12.35\n乙村,甲村,12.4\n".utf8), places: ["甲村": a, "乙村": b])
        #expect(pairs[.init(a, b)] == 12_350)
        #expect(pairs[.init(b, a)] == 12_400)
        #expect(throws: ImportFailed.self) { try DispatchImports.distances(Data("起点,终点\n甲村,乙村\n".utf8), places: ["甲村": a]) }
    }
}
