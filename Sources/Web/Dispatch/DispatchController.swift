import Accounts
import CountyDispatch
import DispatchCore
import Documents
import NetworkCore
import Vapor
import XiangcunKit

/// Routes of dispatch (线路规划): each page is a `…Page` in this folder; here routes meet pages,
/// and forms meet `DispatchService` / `DispatchPlanning` / `DriverMarks`.
struct DispatchController {
    func register(_ r: any RoutesBuilder) {
        r.get(.section(.routing), use: overview)
        r.post(.dispatch(.replan), use: replan)
        r.get(.dispatch(.plan(Placeholder.id))) { req in try await Self.render(req, PlanPage.view, try await PlanPage.load(req, try req.dispatchViewer())) }
        r.get(.dispatch(.manifests(Placeholder.id))) { req in
            try await Self.render(req, PlanPage.manifestsView, try await PlanPage.load(req, try req.dispatchViewer()))
        }
        r.get(.dispatch(.manifestsCSV(Placeholder.id)), use: manifestsCSV)
        r.get(.dispatch(.vehicles)) { req in try await Self.render(req, VehiclesPage.view, try await VehiclesPage.load(req, try req.dispatchPlanner())) }
        r.post(.dispatch(.vehicles), use: addVehicle)
        r.get(.dispatch(.fixedRoutes)) { req in try await Self.render(req, FixedRoutesPage.view, try await FixedRoutesPage.load(req, try req.dispatchViewer())) }
        r.post(.dispatch(.fixedRoutesImport), limit: "9mb", use: importFixedRoutes)
        r.get(.dispatch(.settings)) { req in try await Self.render(req, DispatchSettingsPage.view, try await DispatchSettingsPage.load(req, try req.dispatchPlanner())) }
        r.post(.dispatch(.settings), use: saveSettings)
        r.post(.dispatch(.distancesImport), limit: "20mb", use: importDistances)
        r.get(.dispatch(.frequencies)) { req in try await Self.render(req, FrequenciesPage.view, try await FrequenciesPage.load(req, try req.dispatchPlanner())) }
        r.post(.dispatch(.frequency(Placeholder.id)), use: setFrequency)
        r.get(.dispatch(.driver)) { req in try await Self.render(req, DriverPage.view, try await DriverPage.load(req)) }
        r.post(.dispatch(.driverMarks)) { req in try await DispatchAPIController.recordMarks(req) }
        r.get(.dispatch(.stylesheet)) { _ in OpsController.asset(DispatchAssets.css, type: "text/css; charset=utf-8") }
        r.get(.dispatch(.driverScript)) { _ in OpsController.asset(DispatchAssets.driverScript, type: "text/javascript; charset=utf-8") }
    }

    static func render<Model>(_ req: Request, _ view: (PageChrome, Model) -> String, _ model: Model, status: HTTPResponseStatus = .ok) async throws -> Response {
        .html(view(try await req.chrome(), model), status: status)
    }

    /// Drivers go to their stops; readers see the day's plan.
    @Sendable func overview(_ req: Request) async throws -> Response {
        if req.context.role?.can(.driveRoutes) == true { return req.redirect(to: SiteURL.dispatch(.driver).path) }
        return try await Self.render(req, DispatchOverviewPage.view, try await DispatchOverviewPage.load(req, try req.dispatchViewer()))
    }

    @Sendable func replan(_ req: Request) async throws -> Response {
        let viewer = try req.dispatchPlanner()
        guard let day = (try? req.content.get(String.self, at: "day")).flatMap(Day.init) else { throw Abort(.badRequest, reason: "day: yyyy-mm-dd") }
        do {
            let stored = try await DispatchPlanning.plan(county: viewer.county, day: day, actor: req.actor, on: req.db)
            return req.redirect(to: SiteURL.dispatch(.plan(try stored.record.requireID())).path)
        } catch let error as DispatchError {
            let message = Catalogue.text(error.messageKey, req.context.language, [error.argument])
            return try await Self.render(req, DispatchOverviewPage.view, try await DispatchOverviewPage.load(req, viewer, error: message), status: .unprocessableEntity)
        }
    }

    @Sendable func manifestsCSV(_ req: Request) async throws -> Response {
        let m = try await PlanPage.load(req, try req.dispatchViewer())
        let rows = DispatchImports.manifestRows(m.stored.plan, vehicleName: { PlanPage.vehicleName(m, $0) }, placeName: { PlanPage.placeName(m, $0) })
        return Downloads.file(try CSV.write(rows, protectFormulas: true), type: "text/csv; charset=utf-8", filename: "装卸清单-\(m.stored.plan.day.iso).csv")
    }

    @Sendable func addVehicle(_ req: Request) async throws -> Response {
        let viewer = try req.dispatchPlanner()
        var input = VehicleInput()
        var values: [String: String] = [:]
        for key in VehiclesPage.fields { values[key] = (try? req.content.get(String.self, at: key)) ?? "" }
        input.name = values["name"] ?? ""; input.capacityParcels = values["capacityParcels"] ?? ""; input.capacityKg = values["capacityKg"] ?? ""
        input.fixedCost = values["fixedCost"] ?? ""; input.costPerKm = values["costPerKm"] ?? ""; input.shiftStart = values["shiftStart"] ?? ""
        input.shiftEnd = values["shiftEnd"] ?? ""; input.depotID = values["depotID"] ?? ""; input.driverID = values["driverID"] ?? ""
        do {
            _ = try await DispatchService.addVehicle(input, county: viewer.county, actor: req.actor, on: req.db)
            return req.redirect(to: SiteURL.dispatch(.vehicles).path + "?flash=common.saved")
        } catch let failure as ValidationFailure {
            return try await Self.render(req, VehiclesPage.view, try await VehiclesPage.load(req, viewer, form: FormState(values: values, errors: failure.fields)),
                                         status: .unprocessableEntity)
        }
    }

    struct Upload: Content { var file: File? }

    /// The uploaded file's bytes, or nil when none was sent.
    static func upload(_ req: Request) throws -> Data? {
        guard let file = try req.content.decode(Upload.self).file, file.data.readableBytes > 0 else { return nil }
        return Data(buffer: file.data)
    }

    static func issues(_ failed: ImportFailed, _ req: Request) -> [String] { failed.issues.map { $0.text(req.context.language) } }

    @Sendable func importFixedRoutes(_ req: Request) async throws -> Response {
        let viewer = try req.dispatchPlanner()
        guard let data = try Self.upload(req) else {
            return try await Self.render(req, FixedRoutesPage.view, try await FixedRoutesPage.load(req, viewer, issues: [req.context.t("dispatch.file.missing")]), status: .badRequest)
        }
        do {
            let n = try await DispatchService.importFixedRoutes(data, county: viewer.county, actor: req.actor, on: req.db)
            return try await Self.render(req, FixedRoutesPage.view, try await FixedRoutesPage.load(req, viewer, imported: n))
        } catch let failed as ImportFailed {
            return try await Self.render(req, FixedRoutesPage.view, try await FixedRoutesPage.load(req, viewer, issues: Self.issues(failed, req)), status: .unprocessableEntity)
        }
    }

    @Sendable func saveSettings(_ req: Request) async throws -> Response {
        let viewer = try req.dispatchPlanner()
        let values = ["roadFactor": (try? req.content.get(String.self, at: "roadFactor")) ?? "", "speedKmh": (try? req.content.get(String.self, at: "speedKmh")) ?? ""]
        do {
            try await DispatchService.saveSettings(roadFactor: values["roadFactor"] ?? "", speedKmh: values["speedKmh"] ?? "", county: viewer.county, actor: req.actor, on: req.db)
            return req.redirect(to: SiteURL.dispatch(.settings).path + "?flash=common.saved")
        } catch let failure as ValidationFailure {
            return try await Self.render(req, DispatchSettingsPage.view, try await DispatchSettingsPage.load(req, viewer, form: FormState(values: values, errors: failure.fields)),
                                         status: .unprocessableEntity)
        }
    }

    @Sendable func importDistances(_ req: Request) async throws -> Response {
        let viewer = try req.dispatchPlanner()
        guard let data = try Self.upload(req) else {
            return try await Self.render(req, DispatchSettingsPage.view, try await DispatchSettingsPage.load(req, viewer, issues: [req.context.t("dispatch.file.missing")]), status: .badRequest)
        }
        do {
            let n = try await DispatchService.importDistances(data, county: viewer.county, actor: req.actor, on: req.db)
            return try await Self.render(req, DispatchSettingsPage.view, try await DispatchSettingsPage.load(req, viewer, imported: n))
        } catch let failed as ImportFailed {
            return try await Self.render(req, DispatchSettingsPage.view, try await DispatchSettingsPage.load(req, viewer, issues: Self.issues(failed, req)), status: .unprocessableEntity)
        }
    }

    @Sendable func setFrequency(_ req: Request) async throws -> Response {
        let viewer = try req.dispatchPlanner()
        guard let id = req.parameters.get("id", as: UUID.self),
              try await DispatchQueries.network(county: viewer.county, on: req.db).villages.contains(where: { $0.id == id }) else { throw Abort(.notFound) }
        guard let frequency = (try? req.content.get(String.self, at: "frequency")).flatMap(ServiceFrequency.init(rawValue:)) else {
            throw Abort(.badRequest, reason: "frequency: daily, everyTwoDays or threePerWeek")
        }
        try await DispatchService.setFrequency(id, to: frequency, county: viewer.county, actor: req.actor, on: req.db)
        return req.redirect(to: SiteURL.dispatch(.frequencies).path + "?flash=common.saved")
    }
}
