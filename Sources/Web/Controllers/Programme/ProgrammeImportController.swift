import Accounts
import Documents
import Programme
import ProgrammeCore
import Vapor
import XiangcunKit

/// Loading a county's plan from the workbook, all or nothing; and the template to fill in.
struct ProgrammeImportController {
    func register(_ routes: any RoutesBuilder) {
        routes.get(.programmeImport, use: form)
        routes.post(.programmeImport, limit: "20mb", use: upload)
        routes.get(.programmeTemplate, use: template)
    }

    @Sendable func form(_ req: Request) async throws -> Response {
        _ = try req.require(.editProgramme)
        _ = try req.requireCounty()
        return try await render(req, message: nil, errors: [], warnings: [], status: .ok)
    }

    func render(_ req: Request, message: String?, errors: [SheetError], warnings: [SheetError], status: HTTPResponseStatus) async throws -> Response {
        let chrome = try await req.chrome()
        return .html(Layout.page(chrome, title: chrome.t("programme.import")) {
            if let message { el("p", ["class": errors.isEmpty ? "flash" : "error-summary", "role": "status"]) { message } }
            if !errors.isEmpty { el("ul", ["class": "error"]) { for e in errors.prefix(300) { el("li") { e.description } } } }
            if !warnings.isEmpty {
                el("p") { chrome.t("programme.import.warnings") }
                el("ul", ["class": "muted"]) { for w in warnings { el("li") { w.description } } }
            }
            el("p") { el("a", ["class": "btn secondary", "href": SiteURL.programmeTemplate.path]) { chrome.t("programme.import.template") } }
            el("form", ["method": "post", "action": SiteURL.programmeImport.path, "enctype": "multipart/form-data", "class": "panel"]) {
                Layout.csrfField(req.context)
                el("div", ["class": "field"]) {
                    el("label", ["for": "f-file"]) { chrome.t("programme.import.file") }
                    el("input", ["id": "f-file", "type": "file", "name": "file", "required": "",
                                 "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"])
                }
                el("div", ["class": "field"]) {
                    el("label") { el("input", ["type": "checkbox", "name": "replace", "value": "on"]); " " + chrome.t("programme.import.replace") }
                }
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("programme.import") }
            }
        }, status: status)
    }

    struct Upload: Content { var file: File?; var replace: String? }

    @Sendable func upload(_ req: Request) async throws -> Response {
        _ = try req.require(.editProgramme)
        let county = try req.requireCounty()
        let upload = try req.content.decode(Upload.self)
        guard let file = upload.file, file.data.readableBytes > 0 else {
            return try await render(req, message: req.context.t("error.required"), errors: [], warnings: [], status: .badRequest)
        }
        let result: PlanParseResult
        do { result = PlanWorkbook.parse(try XLSX.read(Data(buffer: file.data))) } catch {
            let e = SheetError(sheet: file.filename, row: 0, column: "", message: "\(error)")
            return try await render(req, message: req.context.t("programme.import.rejected", "1"), errors: [e], warnings: [], status: .unprocessableEntity)
        }
        guard let plan = result.plan, result.errors.isEmpty else {
            return try await render(req, message: req.context.t("programme.import.rejected", "\(result.errors.count)"), errors: result.errors,
                                    warnings: result.warnings, status: .unprocessableEntity)
        }
        do {
            try await ProgrammeStore.importPlan(plan, county: county, replace: upload.replace == "on", actor: req.actor, on: req.db)
        } catch ProgrammeError.exists {
            return try await render(req, message: req.context.t("error.programme.exists"), errors: [], warnings: result.warnings, status: .conflict)
        } catch ProgrammeError.wrongCounty {
            return try await render(req, message: req.context.t("error.programme.county"), errors: [], warnings: result.warnings, status: .unprocessableEntity)
        }
        return try await render(req, message: req.context.t("programme.import.done", plan.info.title), errors: [], warnings: result.warnings, status: .ok)
    }

    @Sendable func template(_ req: Request) async throws -> Response {
        _ = try req.requireUser()
        return Downloads.file(try PlanWorkbook.templateData(), type: Downloads.xlsxType, filename: "programme-template.xlsx")
    }
}
