import Accounts
import Audit
import Vapor
import XiangcunKit

/// Routes of the audit trail: the page and its CSV / Excel exports.
struct AuditController {
    func register(_ routes: any RoutesBuilder) {
        routes.get(.audit) { req in Response.html(AuditPage.view(try await req.chrome(), try await AuditPage.load(req))) }
        routes.get(.auditExport("csv")) { req in try await self.export(req, format: .csv) }
        routes.get(.auditExport("xlsx")) { req in try await self.export(req, format: .xlsx) }
    }

    enum ExportFormat { case csv, xlsx }

    @Sendable func export(_ req: Request, format: ExportFormat) async throws -> Response {
        let entries = try await AuditQuery.all(try AuditPage.filter(req), on: req.db)
        let t = { (key: String) in Catalogue.text(key, req.context.language) }
        let header = [t("common.time"), t("audit.actor"), t("audit.address"), t("audit.action"), t("audit.entity"), "ID", t("audit.old"), t("audit.new")]
        let rows = entries.map { e in
            [Beijing.format(e.at, pattern: "yyyy-MM-dd HH:mm:ss"), e.actorName, e.address, t("audit.action.\(e.action)"), e.entity, e.entityID,
             e.oldValues ?? "", e.newValues ?? ""]
        }
        let stamp = Beijing.format(Date(), pattern: "yyyyMMdd-HHmm")
        switch format {
        case .csv: return Downloads.csv(header: header, rows: rows, filename: "audit-\(stamp).csv")
        case .xlsx: return try Downloads.xlsx(sheet: t("audit.title"), header: header, rows: rows, filename: "audit-\(stamp).xlsx")
        }
    }
}
