import Accounts
import Divisions
import Vapor
import XiangcunKit

/// 行政区划 — the provinces of the country, or one division with its parents and children.
enum DivisionsPage {
    struct Model: Sendable {
        /// nil for the country's list of provinces.
        var division: Division?
        var code: DivisionCode?
        /// Parents from the province down, linked where the viewer may open them.
        var ancestry: [(name: String, link: String?)]
        var children: [Division]
        var canImport: Bool
    }

    /// The country's provinces (system administrators).
    static func loadCountry(_ req: Request) async throws -> Model {
        let user = try req.requireUser()
        return Model(division: nil, code: nil, ancestry: [], children: try await DivisionQueries.provinces(on: req.db),
                     canImport: user.userRole.can(.importDivisions))
    }

    /// One division inside the viewer's scope; anything else is not found.
    static func load(_ req: Request) async throws -> Model {
        let user = try req.requireUser()
        guard let text = req.parameters.get("code"), let code = try? DivisionCode(text), user.scope.contains(code),
              let division = try await Division.find(code.value, on: req.db) else { throw Abort(.notFound) }
        let ancestry = try await DivisionQueries.ancestry(of: code, on: req.db).dropLast().map { a in
            (name: a.name, link: a.code.flatMap { user.scope.contains($0) ? SiteURL.division($0.short).path : nil })
        }
        return Model(division: division, code: code, ancestry: Array(ancestry),
                     children: try await DivisionQueries.children(of: code, includeInactive: true, on: req.db),
                     canImport: user.userRole.can(.importDivisions))
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        guard let division = m.division, let code = m.code else {
            return Layout.page(chrome, title: chrome.t("divisions.title")) {
                if m.canImport { importLink(chrome) }
                table(chrome, m.children)
            }
        }
        return Layout.page(chrome, title: division.name) {
            el("p", ["class": "muted"]) {
                for a in m.ancestry {
                    if let link = a.link { el("a", ["href": link]) { a.name } } else { a.name }
                    " › "
                }
                "\(code.value) · " + chrome.t(code.level.messageKey) + (code.townshipKind.map { " · " + chrome.t($0.messageKey) } ?? "")
            }
            if m.canImport { importLink(chrome) }
            el("h2") { chrome.t("divisions.children") + " (\(m.children.filter(\.active).count))" }
            table(chrome, m.children)
        }
    }

    static func importLink(_ chrome: PageChrome) -> Node {
        el("p") { el("a", ["class": "btn secondary", "href": SiteURL.divisionsImport.path]) { chrome.t("divisions.import") } }
    }

    static func table(_ chrome: PageChrome, _ divisions: [Division]) -> Node {
        guard !divisions.isEmpty else { return el("p", ["class": "muted"]) { chrome.t("common.none") } }
        return el("div", ["class": "table-wrap"]) {
            el("table") {
                el("thead") { el("tr") {
                    el("th") { chrome.t("common.code") }; el("th") { chrome.t("common.name") }
                    el("th") { chrome.t("divisions.kind") }; el("th") { chrome.t("common.status") }
                } }
                el("tbody") { for d in divisions { row(chrome, d) } }
            }
        }
    }

    static func row(_ chrome: PageChrome, _ d: Division) -> Node {
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

    static func kind(_ chrome: PageChrome, _ d: Division) -> String {
        if let kind = d.townshipKind.flatMap(TownshipKind.init(rawValue:)) { return chrome.t(kind.messageKey) }
        return chrome.t(d.divisionLevel.messageKey)
    }
}
