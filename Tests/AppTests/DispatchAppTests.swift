import Accounts
import Audit
import Composition
import CountyDispatch
import DispatchCore
import FluentKit
import Foundation
import TestDatabases
import Testing
import Vapor
import VaporTesting
import XiangcunKit
@testable import Web

/// Dispatch through the pages, the JSON API and the services, on both engines.
@Suite("Dispatch")
struct DispatchAppTests {
    static let county = DivisionCode.unchecked("331123000000")

    func demoPlan(_ app: Application) async throws -> StoredPlan {
        _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
        return try #require(try await DispatchPlanning.load(county: Self.county, day: .today(), on: app.db))
    }

    @Test(arguments: Engine.all)
    func demoHasFleetFixedRoutesAndTodaysPlanWithASaving(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            let stored = try await demoPlan(app)
            #expect(try await VehicleRecord.query(on: app.db).count() == 12)
            #expect(try await FixedRouteRecord.query(on: app.db).count() == 12)
            #expect(stored.plan.unserved.isEmpty)
            #expect(stored.comparison.fixedCost.fen > 0)
            #expect(stored.comparison.savingCost == stored.comparison.fixedCost - stored.plan.cost)
            #expect(stored.comparison.planCost == stored.plan.cost)
            // Loading twice changes nothing.
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            #expect(try await PlanRecord.query(on: app.db).count() == 1)
            #expect(try await VehicleRecord.query(on: app.db).count() == 12)
            let client = TestClient(app)
            try await client.login("suichang")
            let overview = try await client.get("/routing")
            #expect(overview.status == .ok)
            #expect(overview.body.string.contains("节约"))
            let id = try stored.record.requireID()
            let page = try await client.get(SiteURL.dispatch(.plan(id)).path)
            #expect(page.status == .ok)
            #expect(page.body.string.contains("<svg"))
            #expect(!page.body.string.contains("<script>"))
            let manifests = try await client.get(SiteURL.dispatch(.manifests(id)).path)
            #expect(manifests.body.string.contains("class=\"manifest\""))
            let csv = try await client.get(SiteURL.dispatch(.manifestsCSV(id)).path)
            #expect(csv.headers.contentType?.description.contains("text/csv") == true)
            let api = try await client.get(APIURL.dispatch(.plans).path + "?day=" + Day.today().iso)
            #expect(api.status == .ok)
            #expect(api.body.string.contains("\"savingYuan\""))
        }
    }

    @Test(arguments: Engine.all)
    func anotherCountysPlanIsNotFound(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            let stored = try await demoPlan(app)
            _ = try await TwoCounties.load(app)
            let client = TestClient(app)
            try await client.login("songyang")
            let id = try stored.record.requireID()
            #expect(try await client.get(SiteURL.dispatch(.plan(id)).path).status == .notFound)
            #expect(try await client.get(SiteURL.dispatch(.manifests(id)).path).status == .notFound)
            #expect(try await client.get(APIURL.dispatch(.plan(id)).path).status == .notFound)
            // A station operator may not read plans at all.
            let station = TestClient(app)
            try await station.login("station")
            #expect(try await station.get(SiteURL.dispatch(.plan(id)).path).status == .forbidden)
        }
    }

    /// The driver's page lists only his vehicle's stops; marks resent after a dropped
    /// connection are stored once; a stop of another vehicle is refused.
    @Test(arguments: Engine.all)
    func driverSeesOwnStopsAndMarksAreIdempotent(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            let stored = try await demoPlan(app)
            let driver = try #require(try await AccountService.findByUsername("driver", on: app.db))
            let vehicle = try #require(try await DispatchQueries.vehicle(driver: try driver.requireID(), county: Self.county, on: app.db))
            let places = try await DispatchQueries.network(county: Self.county, on: app.db).places
            let own = stored.plan.routes.filter { $0.vehicleID == vehicle.id }.flatMap(\.stops)
            let others = stored.plan.routes.filter { $0.vehicleID != vehicle.id }.flatMap(\.stops).filter { s in !own.contains { $0.placeID == s.placeID } }
            try #require(!own.isEmpty && !others.isEmpty)
            let client = TestClient(app)
            try await client.login("driver")
            let page = try await client.get("/routing")
            #expect(page.status == .seeOther || page.status == .found)
            let html = try await client.get(SiteURL.dispatch(.driver).path).body.string
            for s in own { #expect(html.contains(places[s.placeID]?.name ?? "?")) }
            for s in others.prefix(5) { #expect(!html.contains(places[s.placeID]?.name ?? "?")) }
            #expect(html.contains(SiteURL.dispatch(.driverScript).path))
            #expect(!html.contains("<script>"))
            // Stop ids (plan rows) of the driver's own and of another vehicle.
            let today = try await DriverMarks.today(driver: driver, county: Self.county, day: .today(), on: app.db)
            let mine = try #require(today.stops.first)
            let foreign = try #require(try await PlanStopRecord.query(on: app.db).all().first { s in !today.stops.contains { $0.id == s.id } })
            let markID = UUID()
            let body = """
            {"marks":[{"id":"\(markID)","stop":"\(mine.id)","kind":"arrived","at":"2026-01-01T01:02:03.456Z"},
                      {"id":"\(UUID())","stop":"\(try foreign.requireID())","kind":"delivered","at":"2026-01-01T01:02:03Z"}]}
            """
            var headers = HTTPHeaders()
            headers.contentType = .json
            headers.replaceOrAdd(name: "X-CSRF-Token", value: client.lastCSRF ?? "")
            let first = try await client.send(.POST, SiteURL.dispatch(.driverMarks).path, headers: headers, body: ByteBuffer(string: body))
            #expect(first.status == .ok)
            #expect(first.body.string.contains("\"created\""))
            #expect(first.body.string.contains("notYourStop"))
            // The connection dropped before the answer: the phone sends the same queue again.
            let again = try await client.send(.POST, SiteURL.dispatch(.driverMarks).path, headers: headers, body: ByteBuffer(string: body))
            #expect(again.body.string.contains("\"duplicate\""))
            #expect(!again.body.string.contains("\"created\""))
            #expect(try await StopMarkRecord.query(on: app.db).count() == 1)
            let mark = try #require(try await StopMarkRecord.find(markID, on: app.db))
            #expect(mark.userID == driver.id)
            #expect(mark.kind == "arrived")
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == StopMarkRecord.schema).count() == 1)
            // Without the CSRF header the write is refused before it is read.
            var bare = HTTPHeaders()
            bare.contentType = .json
            #expect(try await client.send(.POST, SiteURL.dispatch(.driverMarks).path, headers: bare, body: ByteBuffer(string: body)).status == .forbidden)
            // The page shows the stored mark.
            #expect(try await client.get(SiteURL.dispatch(.driver).path).body.string.contains("aria-pressed=\"true\""))
            // Drivers do not read the county's plans.
            #expect(try await client.get(SiteURL.dispatch(.plan(try stored.record.requireID())).path).status == .forbidden)
        }
    }

    @Test(arguments: Engine.all)
    func replanningReplacesTheDayInOneAuditedStep(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await demoPlan(app)
            let client = TestClient(app)
            try await client.login("suichang")
            _ = try await client.get("/routing")
            let response = try await client.post(SiteURL.dispatch(.replan).path, ["day": Day.today().iso])
            #expect(response.status == .seeOther)
            #expect(try await PlanRecord.query(on: app.db).count() == 1)
            let entries = try await AuditEntry.query(on: app.db).filter(\.$entity == PlanRecord.schema).all()
            #expect(entries.map(\.action).sorted() == ["create", "update"])
            // Every visit day of the cycle is kept: re-planning does not move a village.
            let days = try await DispatchQueries.cycleDays(county: Self.county, day: .today(), on: app.db)
            let plan = try #require(try await DispatchPlanning.load(county: Self.county, day: .today(), on: app.db))
            let position = DispatchCycle.position(of: .today())
            let villages = Set(plan.plan.routes.filter { $0.tier == 2 }.flatMap { $0.stops.map(\.placeID) })
            #expect(villages.union(plan.plan.unserved) == Set(days.filter { $0.value.contains(position) }.keys))
        }
    }

    @Test(arguments: Engine.all)
    func badFormsAndFilesAreRefusedNamingTheField(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await demoPlan(app)
            let client = TestClient(app)
            try await client.login("suichang")
            _ = try await client.get(SiteURL.dispatch(.vehicles).path)
            let bad = try await client.post(SiteURL.dispatch(.vehicles).path, ["name": "新车", "capacityParcels": "abc", "capacityKg": "100", "fixedCost": "100",
                                                                              "costPerKm": "50", "shiftStart": "18:00", "shiftEnd": "08:00", "depotID": UUID().uuidString])
            #expect(bad.status == .unprocessableEntity)
            for field in ["capacityParcels", "costPerKm", "shiftEnd", "depotID"] { #expect(bad.body.string.contains("#f-\(field)")) }
            #expect(try await VehicleRecord.query(on: app.db).count() == 12)
            _ = try await client.get(SiteURL.dispatch(.fixedRoutes).path)
            let file = Data("线路名称,车辆,站点顺序\n新线,不存在的车,不存在的站\n".utf8)
            let rejected = try await client.postMultipart(SiteURL.dispatch(.fixedRoutesImport).path, fields: [:], file: ("file", "routes.csv", file))
            #expect(rejected.status == .unprocessableEntity)
            #expect(rejected.body.string.contains("第 2 行"))
            #expect(try await FixedRouteRecord.query(on: app.db).count() == 12)
            // Another county's village id on the frequency form is not found.
            #expect(try await client.post(SiteURL.dispatch(.frequency(UUID())).path, ["frequency": "daily"]).status == .notFound)
            // Auditors read plans but change nothing.
            let auditor = TestClient(app)
            try await auditor.login("auditor")
            #expect(try await auditor.get("/routing").status == .ok)
            #expect(try await auditor.get(SiteURL.dispatch(.vehicles).path).status == .forbidden)
        }
    }
}
