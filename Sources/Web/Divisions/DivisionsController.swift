import Accounts
import Divisions
import Vapor
import XiangcunKit

/// Routes of the division pages and the division list upload (all rows or none).
struct DivisionsController {
    func register(_ routes: any RoutesBuilder) {
        routes.get(.divisions, use: index)
        routes.get(.division(":code")) { req in Self.render(req, DivisionsPage.view(try await req.chrome(), try await DivisionsPage.load(req))) }
        routes.get(.divisionsImport) { req in try await Self.renderImport(req, try DivisionImportPage.load(req)) }
        routes.post(.divisionsImport, limit: "20mb", use: upload)
    }

    static func render(_ req: Request, _ html: String, status: HTTPResponseStatus = .ok) -> Response { .html(html, status: status) }

    static func renderImport(_ req: Request, _ model: DivisionImportPage.Model, status: HTTPResponseStatus = .ok) async throws -> Response {
        .html(DivisionImportPage.view(try await req.chrome(), model), status: status)
    }

    /// County users start at their county; wider scopes at their province or the country.
    @Sendable func index(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        if let county = req.context.county { return req.redirect(to: SiteURL.division(county.short).path) }
        if case .province(let p) = user.scope { return req.redirect(to: SiteURL.division(p.short).path) }
        return .html(DivisionsPage.view(try await req.chrome(), try await DivisionsPage.loadCountry(req)))
    }

    struct Upload: Content { var file: File?; var encoding: String? }

    @Sendable func upload(_ req: Request) async throws -> Response {
        let user = try req.require(.importDivisions)
        let upload = try req.content.decode(Upload.self)
        guard let file = upload.file, file.data.readableBytes > 0 else {
            let model = try DivisionImportPage.load(req, message: req.context.t("error.required"), errors: [RowError(line: 0, message: "file")])
            return try await Self.renderImport(req, model, status: .badRequest)
        }
        do {
            let rows = try DivisionFiles.parse(Data(buffer: file.data), encoding: upload.encoding ?? "auto")
            // County administrators may only import inside their county.
            if let outside = rows.first(where: { !user.scope.contains($0.code) }) {
                throw DivisionImportFailed(errors: [RowError(line: outside.line, message: "\(outside.code.value) is outside your county")])
            }
            let report = try await DivisionImporter.importRows(rows, actor: req.actor, on: req.db)
            let text = req.context.t("divisions.import.done", "\(report.added)", "\(report.renamed)", "\(report.deactivated)", "\(report.unchanged)")
            return try await Self.renderImport(req, try DivisionImportPage.load(req, message: text))
        } catch let failed as DivisionImportFailed {
            let model = try DivisionImportPage.load(req, message: req.context.t("divisions.import.rejected", "\(failed.errors.count)"), errors: failed.errors)
            return try await Self.renderImport(req, model, status: .unprocessableEntity)
        }
    }
}
