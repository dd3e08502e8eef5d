import Accounts
import Documents
import Programme
import ProgrammeCore
import Vapor
import XiangcunKit

/// The programme's pages and downloads (the forms are in `ProgrammeFormsController`). Each
/// route loads its page's model and renders it; nothing else happens here.
struct ProgrammeController {
    func register(_ routes: any RoutesBuilder) {
        routes.get(.section(.programme)) { req in try await Self.render(req, ProgrammeDashboardPage.view, try await ProgrammeDashboardPage.load(req)) }
        routes.get(.programmeTasks) { req in try await Self.render(req, ProgrammeTasksPage.view, try await ProgrammeTasksPage.load(req)) }
        routes.get(.programmeTask(Placeholder.id)) { req in try await Self.render(req, ProgrammeTaskPage.view, try await ProgrammeTaskPage.load(req)) }
        routes.get(.programmeFunds) { req in try await Self.render(req, ProgrammeFundsPage.view, try await ProgrammeFundsPage.load(req)) }
        routes.get(.programmeProgress) { req in try await Self.render(req, ProgrammeProgressPage.view, try await ProgrammeProgressPage.load(req)) }
        routes.get(.programmeContractors) { req in try await Self.render(req, ProgrammeContractorsPage.view, try await ProgrammeContractorsPage.load(req)) }
        routes.get(.narratives) { req in try await Self.render(req, ProgrammeNarrativesPage.view, try await ProgrammeNarrativesPage.load(req)) }
        routes.get(.programmeImport) { req in try await Self.render(req, ProgrammeImportPage.view, try ProgrammeImportPage.load(req)) }
        routes.get(.programmeTemplate, use: template)
        routes.get(.programmeExport(":file"), use: export)
        routes.get(.selfAssessment, use: selfAssessment)
        routes.get(.evidence(Placeholder.id), use: evidence)
    }

    /// A page rendered from its model, in the page chrome of this request.
    static func render<Model>(_ req: Request, _ view: (PageChrome, Model) -> String, _ model: Model,
                              status: HTTPResponseStatus = .ok) async throws -> Response {
        .html(view(try await req.chrome(), model), status: status)
    }

    @Sendable func template(_ req: Request) async throws -> Response {
        _ = try req.requireUser()
        return Downloads.file(try PlanWorkbook.templateData(), type: Downloads.xlsxType, filename: "programme-template.xlsx")
    }

    /// `/programme/exports/fundLedger.xlsx`, `…/completion.csv` …: ledgers computed as of `?asOf`.
    @Sendable func export(_ req: Request) async throws -> Response {
        _ = try req.requireUser()
        let parts = (req.parameters.get("file") ?? "").split(separator: ".")
        guard parts.count == 2, let kind = ProgrammeExport(rawValue: String(parts[0])), ["xlsx", "csv"].contains(parts[1]) else { throw Abort(.notFound) }
        let data = try await ProgrammeData.load(req)
        let name = kind.fileName(countyName: data.snapshot.countyName)
        if parts[1] == "xlsx" {
            return Downloads.file(try ProgrammeExports.xlsx(kind, data.indicators), type: Downloads.xlsxType, filename: name + ".xlsx")
        }
        return Downloads.file(try ProgrammeExports.csv(kind, data.indicators), type: "text/csv; charset=utf-8", filename: name + ".csv")
    }

    @Sendable func selfAssessment(_ req: Request) async throws -> Response {
        _ = try req.requireUser()
        let data = try await ProgrammeData.load(req)
        let report = try SelfAssessmentReport.data(data.snapshot, sources: data.sources)
        return Downloads.file(report, type: Downloads.docxType, filename: SelfAssessmentReport.title(data.snapshot) + ".docx")
    }

    /// Evidence downloads are scoped like everything else: another county's file is not found.
    @Sendable func evidence(_ req: Request) async throws -> Response {
        _ = try req.require(.readProgramme)
        let county = try req.requireCounty()
        guard let record = try await EvidenceRecord.find(try req.uuid("id"), on: req.db), record.countyCode == county.value else { throw Abort(.notFound) }
        return try Self.send(record, req)
    }

    /// An evidence file shown in the browser (inline), under its own name.
    static func send(_ record: EvidenceRecord, _ req: Request) throws -> Response {
        let path = Evidence.path(of: record, dataDir: req.application.settings.dataDir)
        guard let data = FileManager.default.contents(atPath: path) else { throw Abort(.notFound) }
        let response = Downloads.file(data, type: record.contentType, filename: record.filename)
        response.headers.replaceOrAdd(name: .contentDisposition, value: Downloads.disposition(record.filename).replacingOccurrences(of: "attachment", with: "inline"))
        return response
    }
}
