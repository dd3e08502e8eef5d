import Accounts
import Divisions
import Documents
import Vapor
import XiangcunKit

/// Upload of a division list (NBS CSV, UTF-8 or GB18030): all rows or none.
struct DivisionImportController {
    func register(_ routes: any RoutesBuilder) {
        routes.get(.divisionsImport, use: form)
        routes.post(.divisionsImport, limit: "20mb", use: upload)
    }

    @Sendable func form(_ req: Request) async throws -> Response {
        _ = try req.require(.importDivisions)
        return try await render(req, message: nil, errors: [], status: .ok)
    }

    func render(_ req: Request, message: String?, errors: [RowError], status: HTTPResponseStatus) async throws -> Response {
        let chrome = try await req.chrome()
        return .html(Layout.page(chrome, title: chrome.t("divisions.import")) {
            if let message { el("p", ["class": errors.isEmpty ? "flash" : "error-summary", "role": "status"]) { message } }
            if !errors.isEmpty {
                el("ul", ["class": "error"]) { for e in errors.prefix(200) { el("li") { chrome.t("import.line", "\(e.line)", e.message) } } }
            }
            el("form", ["method": "post", "action": SiteURL.divisionsImport.path, "enctype": "multipart/form-data", "class": "panel"]) {
                Layout.csrfField(req.context)
                el("div", ["class": "field"]) {
                    el("label", ["for": "f-file"]) { chrome.t("divisions.import.file") }
                    el("input", ["id": "f-file", "type": "file", "name": "file", "accept": ".csv,text/csv", "required": ""])
                    el("small", ["class": "hint"]) { "331123102201,示例村,220" }
                }
                Forms.select(chrome, FormState(), name: "encoding", label: chrome.t("divisions.import.encoding"),
                             options: [("auto", chrome.t("divisions.import.auto")), ("utf8", "UTF-8"), ("gb18030", "GB18030 / GBK")])
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("divisions.import") }
            }
        }, status: status)
    }

    struct Upload: Content { var file: File?; var encoding: String? }

    @Sendable func upload(_ req: Request) async throws -> Response {
        let user = try req.require(.importDivisions)
        let upload = try req.content.decode(Upload.self)
        guard let file = upload.file, file.data.readableBytes > 0 else {
            return try await render(req, message: req.context.t("error.required"), errors: [RowError(line: 0, message: "file")], status: .badRequest)
        }
        let data = Data(buffer: file.data)
        do {
            let rows = try DivisionFiles.parse(data, encoding: upload.encoding ?? "auto")
            // County administrators may only import inside their county.
            if let outside = rows.first(where: { !user.scope.contains($0.code) }) {
                throw DivisionImportFailed(errors: [RowError(line: outside.line, message: "\(outside.code.value) is outside your county")])
            }
            let report = try await DivisionImporter.importRows(rows, actor: req.actor, on: req.db)
            let text = req.context.t("divisions.import.done", "\(report.added)", "\(report.renamed)", "\(report.deactivated)", "\(report.unchanged)")
            return try await render(req, message: text, errors: [], status: .ok)
        } catch let failed as DivisionImportFailed {
            return try await render(req, message: req.context.t("divisions.import.rejected", "\(failed.errors.count)"), errors: failed.errors, status: .unprocessableEntity)
        }
    }
}
