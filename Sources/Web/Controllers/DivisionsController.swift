import Accounts
import Divisions
import Vapor
import XiangcunKit

struct DivisionsController {
    func register(_ routes: any RoutesBuilder) {
        routes.get(.divisions, use: index)
        routes.get(.division(":code"), use: show)
    }

    /// County users start at their county; wider scopes at their province or the country.
    @Sendable func index(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        if let county = req.context.county { return req.redirect(to: SiteURL.division(county.short).path) }
        if case .province(let p) = user.scope { return req.redirect(to: SiteURL.division(p.short).path) }
        let chrome = try await req.chrome()
        let provinces = try await DivisionQueries.provinces(on: req.db)
        return .html(Layout.page(chrome, title: chrome.t("divisions.title")) {
            if user.userRole.can(.importDivisions) { importLink(chrome) }
            DivisionViews.table(chrome, provinces)
        })
    }

    @Sendable func show(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let text = req.parameters.get("code"), let code = try? DivisionCode(text), visible(code, to: req),
              let division = try await Division.find(code.value, on: req.db) else { throw Abort(.notFound) }
        let chrome = try await req.chrome()
        let children = try await DivisionQueries.children(of: code, includeInactive: true, on: req.db)
        let ancestry = try await DivisionQueries.ancestry(of: code, on: req.db)
        return .html(Layout.page(chrome, title: division.name) {
            el("p", ["class": "muted"]) {
                for a in ancestry.dropLast() {
                    if let c = a.code, visible(c, to: req) { el("a", ["href": SiteURL.division(c.short).path]) { a.name } } else { a.name }
                    " › "
                }
                "\(code.value) · " + chrome.t(code.level.messageKey) + (code.townshipKind.map { " · " + chrome.t($0.messageKey) } ?? "")
            }
            if user.userRole.can(.importDivisions) { importLink(chrome) }
            el("h2") { chrome.t("divisions.children") + " (\(children.filter(\.active).count))" }
            DivisionViews.table(chrome, children)
        })
    }

    /// County users see their county and everything in it; province viewers their province.
    func visible(_ code: DivisionCode, to req: Request) -> Bool {
        req.context.user?.scope.contains(code) ?? false
    }

    func importLink(_ chrome: PageChrome) -> Node {
        el("p") { el("a", ["class": "btn secondary", "href": SiteURL.divisionsImport.path]) { chrome.t("divisions.import") } }
    }
}

enum DivisionViews {
    static func table(_ chrome: PageChrome, _ divisions: [Division]) -> Node {
        guard !divisions.isEmpty else { return el("p", ["class": "muted"]) { chrome.t("common.none") } }
        return el("div", ["class": "table-wrap"]) {
            el("table") {
                el("thead") { el("tr") {
                    el("th") { chrome.t("common.code") }; el("th") { chrome.t("common.name") }
                    el("th") { chrome.t("divisions.kind") }; el("th") { chrome.t("common.status") }
                } }
                el("tbody") {
                    for d in divisions {
                        el("tr") {
                            el("td") { d.code?.short ?? "" }
                            el("td") {
                                el("a", ["href": SiteURL.division(d.code?.short ?? "").path]) { d.name }
                                if d.sample { el("span", ["class": "tag"]) { chrome.t("divisions.sample") } }
                            }
                            el("td") { kind(chrome, d) }
                            el("td") { el("span", ["class": d.active ? "tag" : "tag off"]) { chrome.t(d.active ? "common.active" : "common.inactive") } }
                        }
                    }
                }
            }
        }
    }

    static func kind(_ chrome: PageChrome, _ d: Division) -> String {
        if let kind = d.townshipKind.flatMap(TownshipKind.init(rawValue:)) { return chrome.t(kind.messageKey) }
        return chrome.t(d.divisionLevel.messageKey)
    }
}
