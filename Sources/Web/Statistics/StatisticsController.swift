import Accounts
import Documents
import Foundation
import Statistics
import StatisticsCore
import Vapor
import XiangcunKit

/// Routes of 统计监测: maps each `StatisticsURL` to its page, and the forms to `RetailService`.
struct StatisticsController {
    func register(_ routes: any RoutesBuilder) {
        routes.get(.section(.statistics), use: dashboard)
        routes.get(.statistics(.province)) { req in try await Self.render(req, ProvinceDashboardPage.view, try await ProvinceDashboardPage.load(req)) }
        routes.get(.statistics(.wall)) { req in Response.html(WallPage.view(try await req.chrome(), try await WallPage.load(req))) }
        routes.get(.statistics(.wallStyle)) { _ in OpsController.asset(WallPage.css, type: "text/css; charset=utf-8") }
        routes.get(.statistics(.pivot)) { req in try await Self.render(req, PivotPage.view, try await PivotPage.load(req)) }
        for format in ["xlsx", "csv"] { routes.get(.statistics(.pivotExport(format))) { req in try await PivotPage.export(req, format: format) } }
        routes.get(.statistics(.retail)) { req in try await Self.render(req, RetailPage.view, try await RetailPage.load(req)) }
        routes.get(.statistics(.retailMonth)) { req in try await Self.render(req, RetailMonthPage.view, try await RetailMonthPage.load(req)) }
        routes.post(.statistics(.retailMonth), use: saveMonth)
        routes.post(.statistics(.retailMonthDelete), use: deleteMonth)
        routes.get(.statistics(.retailShops)) { req in try await Self.render(req, RetailShopsPage.view, try await RetailShopsPage.load(req)) }
        routes.post(.statistics(.retailShopDelete(Placeholder.id)), use: deleteShop)
        routes.get(.statistics(.retailImport)) { req in try await Self.render(req, RetailImportPage.view, try RetailImportPage.load(req)) }
        routes.post(.statistics(.retailImport), limit: "20mb", use: importWorkbook)
        routes.get(.statistics(.retailTemplate)) { req in
            _ = try StatisticsViewer.of(req, edit: true)
            return Downloads.file(try RetailWorkbook.template(), type: Downloads.xlsxType, filename: "网络零售统计导入模板.xlsx")
        }
        routes.post(.statistics(.targets), use: saveTarget)
    }

    static func render<Model>(_ req: Request, _ view: (PageChrome, Model) -> String, _ model: Model, status: HTTPResponseStatus = .ok) async throws -> Response {
        .html(view(try await req.chrome(), model), status: status)
    }

    /// A province viewer without a county in view starts at the province.
    @Sendable func dashboard(_ req: Request) async throws -> Response {
        let user = try req.require(.readStatistics)
        if req.context.county == nil, case .province = user.scope { return req.redirect(to: SiteURL.statistics(.province).path) }
        return try await Self.render(req, StatisticsDashboardPage.view, try await StatisticsDashboardPage.load(req))
    }

    @Sendable func saveMonth(_ req: Request) async throws -> Response {
        let viewer = try StatisticsViewer.of(req, edit: true)
        var (form, month, figures) = RetailMonthPage.posted(req)
        func again(_ warnings: [RetailPlausibility.Warning] = [], status: HTTPResponseStatus) async throws -> Response {
            try await Self.render(req, RetailMonthPage.view, try await RetailMonthPage.load(req, posted: form, warnings: warnings), status: status)
        }
        guard form.errors.isEmpty, let month, let figures else { return try await again(status: .unprocessableEntity) }
        let confirmed = ((try? req.content.get(String.self, at: "confirmed")) ?? "") == "1"
        do {
            switch try await RetailService.saveMonth(county: viewer.county.value, month: month, figures: figures, note: form["note"],
                                                     confirmed: confirmed, actor: req.actor, on: req.db) {
            case .saved: return req.redirect(to: SiteURL.statistics(.retail).path + "?flash=common.saved")
            case .needsConfirmation(let warnings): return try await again(warnings, status: .ok)
            }
        } catch let failure as ValidationFailure {
            form.errors = failure.fields
            return try await again(status: .unprocessableEntity)
        }
    }

    @Sendable func deleteMonth(_ req: Request) async throws -> Response {
        let viewer = try StatisticsViewer.of(req, edit: true)
        guard let month = Month((try? req.content.get(String.self, at: "month")) ?? ""),
              try await RetailService.deleteMonth(county: viewer.county.value, month: month, actor: req.actor, on: req.db) else { throw Abort(.notFound) }
        return req.redirect(to: SiteURL.statistics(.retail).path + "?flash=common.saved")
    }

    @Sendable func deleteShop(_ req: Request) async throws -> Response {
        let viewer = try StatisticsViewer.of(req, edit: true)
        guard let id = req.parameters.get("id", as: UUID.self),
              let shop = try await RetailQueries.shop(id, county: viewer.county.value, on: req.db),
              try await RetailService.deleteShop(id, county: viewer.county.value, actor: req.actor, on: req.db) else { throw Abort(.notFound) }
        return req.redirect(to: SiteURL.statistics(.retailShops).path + "?month=" + shop.month + "&flash=common.saved")
    }

    struct Upload: Content { var file: File?; var confirmed: String? }

    @Sendable func importWorkbook(_ req: Request) async throws -> Response {
        let viewer = try StatisticsViewer.of(req, edit: true)
        let upload = try req.content.decode(Upload.self)
        func page(_ outcome: RetailImportPage.Outcome, _ status: HTTPResponseStatus) async throws -> Response {
            try await Self.render(req, RetailImportPage.view, try RetailImportPage.load(req, outcome: outcome), status: status)
        }
        guard let file = upload.file, file.data.readableBytes > 0 else { return try await page(.empty, .badRequest) }
        guard let workbook = try? XLSX.read(Data(buffer: file.data)) else {
            return try await page(.rejected([RetailWorkbook.RowError(sheet: file.filename, row: 0, column: "", message: "stats.import.error.notXlsx")]), .unprocessableEntity)
        }
        let parsed = RetailWorkbook.parse(workbook)
        guard parsed.errors.isEmpty else { return try await page(.rejected(parsed.errors), .unprocessableEntity) }
        switch try await RetailService.importWorkbook(parsed, county: viewer.county.value, confirmed: upload.confirmed == "1", actor: req.actor, on: req.db) {
        case .saved(let months, let shops): return try await page(.saved(months: months, shops: shops), .ok)
        case .needsConfirmation(let warnings): return try await page(.warnings(warnings), .ok)
        }
    }

    /// A target: year, indicator key and a decimal value (empty clears it).
    @Sendable func saveTarget(_ req: Request) async throws -> Response {
        let viewer = try StatisticsViewer.of(req, edit: true)
        var form = FormState()
        for name in ["year", "indicator", "value"] { form.values[name] = ((try? req.content.get(String.self, at: name)) ?? "").trimmingCharacters(in: .whitespaces) }
        let year = Int(form["year"]).flatMap { (2000...2100).contains($0) ? $0 : nil }
        if year == nil { form.errors["year"] = "stats.error.year" }
        if IndicatorCatalogue.definition(form["indicator"]) == nil { form.errors["indicator"] = "error.invalid" }
        let value = form["value"].isEmpty ? nil : Decimal(string: form["value"], locale: Locale(identifier: "en_US_POSIX"))
        if !form["value"].isEmpty && (value == nil || form["value"].contains(where: { !"0123456789.-".contains($0) })) { form.errors["value"] = "stats.error.value" }
        guard form.errors.isEmpty, let year else {
            return try await Self.render(req, StatisticsDashboardPage.view, try await StatisticsDashboardPage.load(req, form: form), status: .unprocessableEntity)
        }
        try await RetailService.setTarget(county: viewer.county.value, year: year, indicator: form["indicator"], value: value, actor: req.actor, on: req.db)
        return req.redirect(to: SiteURL.section(.statistics).path + "?flash=common.saved#targets")
    }
}
