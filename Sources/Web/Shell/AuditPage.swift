import Accounts
import Audit
import Vapor
import XiangcunKit

/// 审计日志 — the append-only audit trail of the county in view, filtered and paginated.
enum AuditPage {
    static let perPage = 50
    static let filterFields = ["actor", "entity", "action", "from", "to"]

    struct Model: Sendable {
        var entries: [AuditEntry]
        var pagination: Pagination
        /// The filter as typed, for the form, the page links and the exports.
        var query: [(String, String)]
    }

    /// The audit filter from the query, limited to what the viewer may see (also used by the
    /// exports and the API).
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

    static func load(_ req: Request) async throws -> Model {
        let filter = try filter(req)
        let page = Pagination.page(req)
        let (entries, total) = try await AuditQuery.page(filter, page: page, per: perPage, on: req.db)
        return Model(entries: entries, pagination: Pagination(page: page, per: perPage, total: total),
                     query: filterFields.map { ($0, req.query[String.self, at: $0] ?? "") })
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        let exportQuery = m.query.filter { !$0.1.isEmpty }
            .map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        return Layout.page(chrome, title: chrome.t("audit.title")) {
            el("p", ["class": "muted"]) { chrome.t("audit.appendOnly") }
            filterForm(chrome, FormState(values: Dictionary(m.query, uniquingKeysWith: { a, _ in a })))
            el("p") {
                el("a", ["class": "btn secondary", "href": SiteURL.auditExport("csv").path + "?" + exportQuery]) { chrome.t("common.export.csv") }
                " "
                el("a", ["class": "btn secondary", "href": SiteURL.auditExport("xlsx").path + "?" + exportQuery]) { chrome.t("common.export.xlsx") }
            }
            AuditViews.table(chrome, m.entries)
            m.pagination.links(chrome, base: SiteURL.audit.path, query: m.query)
        }
    }

    static func filterForm(_ chrome: PageChrome, _ form: FormState) -> Node {
        el("form", ["method": "get", "action": SiteURL.audit.path, "class": "filters"]) {
            Forms.field(chrome, form, name: "actor", label: chrome.t("audit.actor"))
            Forms.field(chrome, form, name: "entity", label: chrome.t("audit.entity"))
            Forms.select(chrome, form, name: "action", label: chrome.t("audit.action"),
                         options: [("", chrome.t("common.all"))] + AuditAction.allCases.map { ($0.rawValue, chrome.t("audit.action.\($0.rawValue)")) })
            Forms.field(chrome, form, name: "from", label: chrome.t("common.from"), type: "date")
            Forms.field(chrome, form, name: "to", label: chrome.t("common.to"), type: "date")
            el("button", ["type": "submit", "class": "btn"]) { chrome.t("common.search") }
        }
    }
}

/// The audit table, also shown on the home page.
enum AuditViews {
    static func table(_ chrome: PageChrome, _ entries: [AuditEntry]) -> Node {
        guard !entries.isEmpty else { return el("p", ["class": "muted"]) { chrome.t("common.none") } }
        return el("div", ["class": "table-wrap"]) { el("table") {
            el("thead") { el("tr") {
                for key in ["common.time", "audit.actor", "audit.action", "audit.entity", "audit.old", "audit.new"] { el("th") { chrome.t(key) } }
            } }
            el("tbody") { for e in entries { row(chrome, e) } }
        } }
    }

    static func row(_ chrome: PageChrome, _ e: AuditEntry) -> Node {
        el("tr") {
            el("td") { Beijing.format(e.at) }
            el("td") { e.actorName; el("br"); el("small", ["class": "muted"]) { e.address } }
            el("td") { chrome.t("audit.action.\(e.action)") }
            el("td") { e.entity; el("br"); el("small", ["class": "muted"]) { String(e.entityID.prefix(12)) } }
            el("td") { values(AuditLog.decode(e.oldValues)) }
            el("td") { values(AuditLog.decode(e.newValues)) }
        }
    }

    static func values(_ values: AuditValues) -> Node {
        el("small") { values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
    }
}
