import Accounts
import Divisions
import Logistics
import LogisticsCore
import NetworkCore
import ServiceNetwork
import Vapor
import XiangcunKit

extension LogisticsController {
    @Sendable func saveCarrier(_ req: Request, id: UUID?) async throws -> Response {
        let viewer = try await req.logisticsViewer()
        try viewer.requireManage()
        var carrier: Carrier? = nil
        if let id {
            guard let c = try await Carrier.find(id, on: req.db), c.countyCode == viewer.county.value else { throw Abort(.notFound) }
            carrier = c
        }
        let values = ["code": Self.field(req, "code"), "name": Self.field(req, "name"), "pattern": Self.field(req, "pattern")]
        do {
            try await LogisticsAdmin.saveCarrier(carrier, code: values["code"] ?? "", name: values["name"] ?? "", pattern: values["pattern"] ?? "",
                                                 county: viewer.county, actor: req.actor, on: req.db)
            return req.redirect(to: SiteURL.logistics(.carriers).path + "?flash=common.saved")
        } catch let f as ValidationFailure {
            let model = try await CarriersPage.load(req, viewer, form: FormState(values: values, errors: f.fields), failed: id)
            return try await Self.render(req, CarriersPage.view, model, status: .unprocessableEntity)
        }
    }

    @Sendable func saveSettings(_ req: Request) async throws -> Response {
        let viewer = try await req.logisticsViewer()
        try viewer.requireManage()
        let values = ["saving": Self.field(req, "saving"), "dailyCost": Self.field(req, "dailyCost")]
        do {
            try await LogisticsAdmin.saveSettings(saving: values["saving"] ?? "", dailyCost: values["dailyCost"] ?? "", county: viewer.county,
                                                  actor: req.actor, on: req.db)
            return req.redirect(to: SiteURL.logistics(.carriers).path + "?flash=common.saved")
        } catch let f as ValidationFailure {
            let model = try await CarriersPage.load(req, viewer, settingsForm: FormState(values: values, errors: f.fields))
            return try await Self.render(req, CarriersPage.view, model, status: .unprocessableEntity)
        }
    }

    struct Upload: Content { var file: File? }

    @Sendable func uploadManifest(_ req: Request) async throws -> Response {
        let viewer = try await req.logisticsViewer()
        try viewer.requireHandle()
        let chrome = try await req.chrome()
        guard let file = try req.content.decode(Upload.self).file, file.data.readableBytes > 0 else {
            return try await Self.render(req, ManifestPage.view, try ManifestPage.load(req, viewer, error: chrome.t("error.required")), status: .badRequest)
        }
        do {
            let report = try await ManifestImport.importFile(Data(buffer: file.data), county: viewer.county, actor: req.actor, on: req.db)
            return try await Self.render(req, ManifestPage.view, try ManifestPage.load(req, viewer, report: report),
                                         status: report.created == 0 && !report.issues.isEmpty ? .unprocessableEntity : .ok)
        } catch let failed as ImportFailed {
            return try await Self.render(req, ManifestPage.view, try ManifestPage.load(req, viewer, report: ManifestReport(issues: failed.issues)),
                                         status: .unprocessableEntity)
        }
    }

    func export(_ req: Request, format: String) async throws -> Response {
        let viewer = try await req.logisticsViewer()
        try viewer.requireCountyWide()
        let (from, to) = StatsPage.period(req)
        let report = try await LogisticsStats.report(county: viewer.county, from: from, to: to, on: req.db)
        let filename = "logistics-\(viewer.county.short)-\(from.iso)-\(to.iso).\(format)"
        if format == "csv" { return Downloads.file(try LogisticsExport.csv(report), type: "text/csv; charset=utf-8", filename: filename) }
        let name = try await DivisionQueries.fullName(of: viewer.county, on: req.db)
        return Downloads.file(try LogisticsExport.xlsx(report, countyName: name), type: Downloads.xlsxType, filename: filename)
    }

    /// The public tracking page: rate-limited per address; a miss and a hit cost the same.
    @Sendable func tracking(_ req: Request) async throws -> Response {
        guard let code = req.parameters.get("county"), let county = try? DivisionCode(String(code.prefix(6)).padding(toLength: 12, withPad: "0", startingAt: 0)),
              county.level == .county, try await Division.find(county.value, on: req.db) != nil else { throw Abort(.notFound) }
        let name = try await DivisionQueries.fullName(of: county, on: req.db)
        let waybill = req.query[String.self, at: "waybill"] ?? "", last4 = req.query[String.self, at: "last4"] ?? ""
        var model = TrackingPage.Model(county: county, countyName: name, form: FormState(values: ["waybill": waybill]), steps: nil, station: nil, notFound: false)
        if !waybill.isEmpty || !last4.isEmpty {
            let throttle = req.application.storage[TrackingThrottleKey.self] ?? LoginThrottle(scope: "tracking")
            let address = req.clientAddress
            if try await throttle.blockedMinutes(account: "tracking", address: address, on: req.db) != nil { throw Abort(.tooManyRequests) }
            try await throttle.recordFailure(account: "tracking", address: address, on: req.db)
            if let p = try await ParcelQueries.track(waybill: waybill, last4: last4, county: county, on: req.db) {
                model.steps = try await ParcelQueries.timeline(of: p, on: req.db).map { ($0.kind, $0.at) }
                if let s = p.stationID { model.station = try await NetworkQueries.facility(s, county: county, on: req.db)?.name }
            } else {
                model.notFound = true
            }
        }
        return try await Self.render(req, TrackingPage.view, model)
    }
}
