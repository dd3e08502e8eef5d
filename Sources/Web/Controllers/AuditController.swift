import Accounts
import Audit
import Vapor
import XiangcunKit

struct AuditController {
    func register(_ routes: any RoutesBuilder) {
        routes.get(.audit, use: index)
        routes.get(.auditExport("csv")) { req in try await self.export(req, format: .csv) }
        routes.get(.auditExport("xlsx")) { req in try await self.export(req, format: .xlsx) }
    }

    /// The audit filter from the query, limited to what the viewer may see.
    static func filter(_ req: Request) throws -> AuditFilter {
        let user = try req.require(.readAudit)
        var counties: [String]? = nil
        switch user.scope {
        case .everything: counties = req.context.county.map { [$0.value] }
        default:
            guard let county = req.context.county else { throw Abort(.notFound) }
            counties = [county.value]
        }
        return AuditFilter(counties: counties, actor: req.query[String.self, at: "actor"], entity: req.query[String.self, at: "entity"],
                           action: try req.queryEnum("action", AuditAction.self),
                           from: try req.queryDay("from")?.startInBeijing, to: try req.queryDay("to")?.adding(days: 1).startInBeijing)
    }

    @Sendable func index(_ req: Request) async throws -> Response {
        let filter = try Self.filter(req)
        let page = Pagination.page(req)
        let (entries, total) = try await AuditQuery.page(filter, page: page, per: 50, on: req.db)
        let chrome = try await req.chrome()
        let query: [(String, String)] = ["actor", "entity", "action", "from", "to"].map { ($0, req.query[String.self, at: $0] ?? "") }
        let exportQuery = query.filter { !$0.1.isEmpty }.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        return .html(Layout.page(chrome, title: chrome.t("audit.title")) {
            el("p", ["class": "muted"]) { chrome.t("audit.appendOnly") }
            filterForm(chrome, query: Dictionary(uniqueKeysWithValues: query))
            el("p") {
                el("a", ["class": "btn secondary", "href": SiteURL.auditExport("csv").path + "?" + exportQuery]) { chrome.t("common.export.csv") }
                " "
                el("a", ["class": "btn secondary", "href": SiteURL.auditExport("xlsx").path + "?" + exportQuery]) { chrome.t("common.export.xlsx") }
            }
            AuditViews.table(chrome, entries)
            Pagination(page: page, per: 50, total: total).links(chrome, base: SiteURL.audit.path, query: query)
        })
    }

    func filterForm(_ chrome: PageChrome, query: [String: String]) -> Node {
        let form = FormState(values: query)
        return el("form", ["method": "get", "action": SiteURL.audit.path, "class": "filters"]) {
            Forms.field(chrome, form, name: "actor", label: chrome.t("audit.actor"))
            Forms.field(chrome, form, name: "entity", label: chrome.t("audit.entity"))
            Forms.select(chrome, form, name: "action", label: chrome.t("audit.action"),
                         options: [("", chrome.t("common.all"))] + AuditAction.allCases.map { ($0.rawValue, chrome.t("audit.action.\($0.rawValue)")) })
            Forms.field(chrome, form, name: "from", label: chrome.t("common.from"), type: "date")
            Forms.field(chrome, form, name: "to", label: chrome.t("common.to"), type: "date")
            el("button", ["type": "submit", "class": "btn"]) { chrome.t("common.search") }
        }
    }

    enum ExportFormat { case csv, xlsx }

    @Sendable func export(_ req: Request, format: ExportFormat) async throws -> Response {
        let filter = try Self.filter(req)
        let entries = try await AuditQuery.all(filter, on: req.db)
        let t = { (key: String) in Catalogue.text(key, req.context.language) }
        let header = [t("common.time"), t("audit.actor"), t("audit.address"), t("audit.action"), t("audit.entity"), "ID", t("audit.old"), t("audit.new")]
        let rows = entries.map { e in
            [Beijing.format(e.at, pattern: "yyyy-MM-dd HH:mm:ss"), e.actorName, e.address, t("audit.action.\(e.action)"), e.entity, e.entityID,
             e.oldValues ?? "", e.newValues ?? ""]
        }
        let stamp = Beijing.format(Date(), pattern: "yyyyMMdd-HHmm")
        switch format {
        case .csv:
            return Downloads.csv(header: header, rows: rows, filename: "audit-\(stamp).csv")
        case .xlsx:
            return try Downloads.xlsx(sheet: t("audit.title"), header: header, rows: rows, filename: "audit-\(stamp).xlsx")
        }
    }
}

enum AuditViews {
    static func table(_ chrome: PageChrome, _ entries: [AuditEntry]) -> Node {
        guard !entries.isEmpty else { return el("p", ["class": "muted"]) { chrome.t("common.none") } }
        return el("div", ["class": "table-wrap"]) { el("table") {
            el("thead") { el("tr") {
                for key in ["common.time", "audit.actor", "audit.action", "audit.entity", "audit.old", "audit.new"] { el("th") { chrome.t(key) } }
            } }
            el("tbody") {
                for e in entries {
                    el("tr") {
                        el("td") { Beijing.format(e.at) }
                        el("td") { e.actorName; el("br"); el("small", ["class": "muted"]) { e.address } }
                        el("td") { chrome.t("audit.action.\(e.action)") }
                        el("td") { e.entity; el("br"); el("small", ["class": "muted"]) { String(e.entityID.prefix(12)) } }
                        el("td") { values(AuditLog.decode(e.oldValues)) }
                        el("td") { values(AuditLog.decode(e.newValues)) }
                    }
                }
            }
        } }
    }

    static func values(_ values: AuditValues) -> Node {
        el("small") { values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
    }
}
