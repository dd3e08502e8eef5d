import Composition
import Accounts
import Documents
import Programme
import ProgrammeCore
import Vapor
import XiangcunKit

/// Reports and ledgers as Word, Excel and CSV files, computed from the programme as of a date.
struct ProgrammeExportController {
    func register(_ routes: any RoutesBuilder) {
        routes.get(.programmeExport(":file"), use: export)
        routes.get(.selfAssessment, use: selfAssessment)
    }

    static func links(_ chrome: PageChrome) -> Node {
        el("div", ["class": "panel"]) {
            el("p") { el("a", ["class": "btn", "href": SiteURL.selfAssessment.path]) { chrome.t("report.selfAssessment") } }
            el("ul") {
                for kind in ProgrammeExport.allCases {
                    el("li") {
                        chrome.t("export.\(kind.rawValue)") + "："
                        el("a", ["href": SiteURL.programmeExport(kind.rawValue + ".xlsx").path]) { "Excel" }
                        " · "
                        el("a", ["href": SiteURL.programmeExport(kind.rawValue + ".csv").path]) { "CSV" }
                    }
                }
            }
        }
    }

    /// `/programme/exports/fundLedger.xlsx`, `…/completion.csv` …
    @Sendable func export(_ req: Request) async throws -> Response {
        _ = try req.requireUser()
        let file = req.parameters.get("file") ?? ""
        let parts = file.split(separator: ".")
        guard parts.count == 2, let kind = ProgrammeExport(rawValue: String(parts[0])), ["xlsx", "csv"].contains(parts[1]) else { throw Abort(.notFound) }
        let view = try await ProgrammeView.load(req)
        let name = kind.fileName(countyName: view.snapshot.countyName)
        if parts[1] == "xlsx" {
            return Downloads.file(try ProgrammeExports.xlsx(kind, view.indicators), type: Downloads.xlsxType, filename: name + ".xlsx")
        }
        return Downloads.file(try ProgrammeExports.csv(kind, view.indicators), type: "text/csv; charset=utf-8", filename: name + ".csv")
    }

    @Sendable func selfAssessment(_ req: Request) async throws -> Response {
        _ = try req.requireUser()
        let view = try await ProgrammeView.load(req)
        let data = try SelfAssessmentReport.data(view.snapshot, sources: view.sources)
        return Downloads.file(data, type: Downloads.docxType, filename: SelfAssessmentReport.title(view.snapshot) + ".docx")
    }
}
