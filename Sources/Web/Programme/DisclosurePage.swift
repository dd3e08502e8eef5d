import Divisions
import Fluent
import Programme
import ProgrammeCore
import Statistics
import Vapor
import XiangcunKit

/// 政务公开 — the public page of a county's programme, no sign-in: plan summary, fund plan
/// against disbursements, contractors, tasks with their completion, recent verified progress.
/// No internal notes, no personal data, evidence only when marked public.
enum DisclosurePage {
    /// The most recent verified reports shown.
    static let recentLimit = 20

    struct Model: Sendable {
        var county: DivisionCode
        /// "遂昌县"
        var countyName: String
        /// "浙江省丽水市遂昌县", shown in the header instead of the visitor's own county.
        var countyFullName: String
        /// Nil until the county imports its plan.
        var programme: ProgrammeFigures?
        /// Verified reports, latest as-of date first.
        var recent: [ProgressRecord]
        /// Their evidence marked public.
        var evidence: [EvidenceRecord]
    }

    /// The county of the `:county` path parameter, or 404.
    static func county(_ req: Request) async throws -> (DivisionCode, Division) {
        guard let code = countyCode(req), let county = try await Division.find(code.value, on: req.db) else { throw Abort(.notFound) }
        return (code, county)
    }

    static func countyCode(_ req: Request) -> DivisionCode? {
        guard let text = req.parameters.get("county"), let code = try? DivisionCode(text), code.level == .county else { return nil }
        return code
    }

    /// What the page shows that changes only with a write to the county's watched rows
    /// (divisions, programme rows): read once per county version (`CountyCache.memo`), not per
    /// view. The figures fed by other capabilities are read per view.
    struct Published: Sendable {
        var countyName: String
        var countyFullName: String
        var programme: ProgrammeRecord?
        var recent: [ProgressRecord] = []
        var evidence: [EvidenceRecord] = []

        /// Nil for a county not in the division table.
        static func load(_ code: DivisionCode, on db: any Database) async throws -> Published? {
            guard let county = try await Division.find(code.value, on: db) else { return nil }
            var p = Published(countyName: county.name, countyFullName: try await DivisionQueries.fullName(of: code, on: db),
                              programme: try await ProgrammeStore.current(county: code, on: db))
            guard let id = try p.programme?.requireID() else { return p }
            p.recent = try await ProgressRecord.query(on: db).filter(\.$programmeID == id)
                .filter(\.$status == ProgressStatus.verified.rawValue).sort(\.$asOf, .descending).limit(recentLimit).all()
            p.evidence = try await Evidence.list(owners: p.recent.compactMap(\.id), on: db).filter(\.isPublic)
            return p
        }
    }

    static func load(_ req: Request) async throws -> Model {
        guard let code = countyCode(req) else { throw Abort(.notFound) }
        // The version before the rows: a write committed after this read makes the memo stale.
        let version = try await CountyVersions.current(code.value, on: req.db)
        let found = try await CountyCache.memo("disclosure", key: "", county: code.value, version: version) { [try await Published.load(code, on: req.db)] }
        guard let published = found.first ?? nil else { throw Abort(.notFound) }
        var m = Model(county: code, countyName: published.countyName, countyFullName: published.countyFullName,
                      programme: nil, recent: published.recent, evidence: published.evidence)
        guard let record = published.programme else { return m }
        m.programme = try await ProgrammeFigures.load(record, countyName: published.countyName, version: version, on: req.db)
        return m
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        var chrome = chrome
        chrome.countyName = m.countyFullName
        let stations = el("p") { el("a", ["class": "btn secondary", "href": SiteURL.publicStations(m.county.short).path]) { chrome.t("network.public.link") } }
        guard let data = m.programme else {
            return Layout.page(chrome, title: chrome.t("nav.disclosure") + " · " + m.countyName) {
                el("div", ["class": "panel"]) { el("p") { chrome.t("programme.none") } }
                stations
            }
        }
        let info = data.plan.info
        // Rendered once per county version, live figures, language and day: the page is public
        // and read far more often than anything on it changes.
        let content = CountyCache.memo("disclosure.html", key: "\(chrome.context.language.rawValue)|\(data.snapshot.asOf.iso)", county: m.county.value,
                                       version: data.version, inputs: data.inputs) {
            figures(chrome, m, data).map(\.html).joined()
        }
        return Layout.page(chrome, title: chrome.t("nav.disclosure") + " · " + info.title) {
            el("p", ["class": "muted"]) { chrome.t("disclosure.note") }
            stations
            Node.raw(content)
        }
    }

    /// Everything below the links: plan, funds, contractors, targets, recent progress.
    @NodeBuilder static func figures(_ chrome: PageChrome, _ m: Model, _ data: ProgrammeFigures) -> [Node] {
        let info = data.plan.info
        el("h2") { chrome.t("disclosure.plan") }
        el("div", ["class": "cards"]) {
            ProgrammeParts.moneyFigure(chrome, chrome.t("programme.central.allocated"), info.centralFundsAllocated)
            ProgrammeParts.moneyFigure(chrome, chrome.t("programme.central.contracted"), data.funds.contracted)
            ProgrammeParts.moneyFigure(chrome, chrome.t("programme.central.disbursed"), data.funds.totalDisbursed)
            ProgrammeParts.moneyFigure(chrome, chrome.t("programme.enterprise"), info.enterpriseFunds)
        }
        el("h2") { chrome.t("disclosure.funds") }
        ProgrammeParts.fundTable(chrome, data.funds)
        el("h2") { chrome.t("programme.contractors") }
        el("ul", ["class": "panel"]) {
            for c in data.plan.contractors {
                el("li") { c.name + (c.selection.isEmpty ? "" : "（\(c.selection)）") + (c.consortium.isEmpty ? "" : " · " + c.consortium) }
            }
        }
        el("h2") { chrome.t("disclosure.targets") }
        for s in data.completion.subsystems { subsystem(chrome, s) }
        el("h2") { chrome.t("disclosure.progress") }
        recentProgress(chrome, m, data)
    }

    static func subsystem(_ chrome: PageChrome, _ s: SubsystemCompletion) -> [Node] {
        [el("h3") { "\(s.subsystem.code). \(s.subsystem.name) · " + Percent.text(s.rate) },
         el("div", ["class": "table-wrap"]) { el("table") {
            el("thead") { el("tr") { for key in ["task", "target", "target.rate"] { el("th") { chrome.t(key) } } } }
            el("tbody") {
                for t in s.tasks {
                    el("tr") {
                        el("td") { "\(t.task.code) \(t.task.name)" }
                        el("td") { ProgrammeParts.targetList(chrome, t.targets) }
                        el("td", ["class": "num"]) { Percent.text(t.rate) }
                    }
                }
            }
         } }]
    }

    static func recentProgress(_ chrome: PageChrome, _ m: Model, _ data: ProgrammeFigures) -> Node {
        let targets = Dictionary(data.plan.targets.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        return el("ul", ["class": "panel"]) {
            for r in m.recent {
                el("li") {
                    r.asOf + " · " + (targets[r.targetCode].map { "\($0.metric)：" } ?? "") + r.actual + (targets[r.targetCode]?.unit ?? "")
                    + (r.narrative.isEmpty ? "" : " — " + r.narrative)
                    for e in m.evidence where e.ownerID == r.id {
                        if let id = e.id { " "; el("a", ["href": SiteURL.publicEvidence(m.county.short, id).path]) { e.filename } }
                    }
                }
            }
        }
    }
}
