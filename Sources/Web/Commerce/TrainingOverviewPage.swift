import Commerce
import CommerceCore
import Divisions
import Fluent
import Programme
import ProgrammeCore
import Vapor
import XiangcunKit

/// 培训 — the county's training ledger: person-times and people by the programme's counting
/// rules, per kind, group and township, conversion against the plan's target, and the sessions.
enum TrainingOverviewPage {
    static let perPage = 30

    struct Model: Sendable {
        var viewer: CommerceViewer
        var ledger: TrainingQueries.Ledger
        var paired: TrainingFigure
        var sessions: [TrainingSession]
        var figures: [UUID: Int]
        var pagination: Pagination
        var townshipNames: [String: String]
        /// Programme targets fed by these figures: source key → "≥ 2000 人次".
        var targets: [String: String]
    }

    static func load(_ req: Request) async throws -> Model {
        let viewer = try req.commerceViewer()
        let page = Pagination.page(req)
        let ledger = try await TrainingQueries.ledger(county: viewer.county, on: req.db)
        let paired = try await TrainingQueries.totals(county: viewer.county, paired: true, through: .today(), on: req.db)
        let (sessions, total) = try await TrainingQueries.sessions(county: viewer.county, page: page, per: perPage, on: req.db)
        return Model(viewer: viewer, ledger: ledger, paired: paired, sessions: sessions,
                     figures: try await TrainingQueries.figures(sessions: sessions.compactMap(\.id), on: req.db),
                     pagination: Pagination(page: page, per: perPage, total: total),
                     townshipNames: try await CommerceTargets.townshipNames(viewer.county, req.db),
                     targets: try await CommerceTargets.load(viewer.county, req.db))
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        let t = m.ledger.tally
        return Layout.page(chrome, title: chrome.t("nav.training")) {
            CommerceViews.subnav(chrome, .training, current: SiteURL.section(.training).path)
            el("div", ["class": "cards"]) {
                Cards.figure("\(t.total.personTimes)", label: chrome.t("training.personTimes"), sub: m.targets["training.personTimes"])
                Cards.figure("\(t.total.people)", label: chrome.t("training.people"))
                Cards.figure("\(t.sessionsByKind[.basic] ?? 0) / \(t.sessionsByKind[.advanced] ?? 0)", label: chrome.t("training.basicAdvanced"),
                             sub: [m.targets["training.basicSessions"], m.targets["training.advancedSessions"]].compactMap { $0 }.joined(separator: " / "))
                Cards.figure(CommerceViews.percent(m.ledger.conversionRate), label: chrome.t("training.conversionRate"),
                             sub: m.targets["training.conversionRate"] ?? chrome.t("training.converted.count", "\(m.ledger.converted)"))
                Cards.figure("\(m.ledger.leaders)", label: chrome.t("training.leaders"), sub: m.targets["training.leaders"])
                Cards.figure("\(m.paired.personTimes)", label: chrome.t("training.pairedPersonTimes"), sub: m.targets["assistance.pairedPersonTimes"])
            }
            el("p", ["class": "actions"]) {
                if m.viewer.canRecordTraining { el("a", ["class": "btn", "href": SiteURL.commerce(.sessionNew).path]) { chrome.t("training.session.new") }; " " }
                el("a", ["class": "btn secondary", "href": SiteURL.commerce(.trainingLedger("xlsx")).path]) { chrome.t("common.export.xlsx") }
                " "
                el("a", ["class": "btn secondary", "href": SiteURL.commerce(.trainingLedger("csv")).path]) { chrome.t("common.export.csv") }
                " "
                el("a", ["class": "btn secondary", "href": SiteURL.commerce(.signInTemplate).path]) { chrome.t("training.template") }
            }
            el("p", ["class": "muted"]) { chrome.t("training.rules") }
            sessionsTable(chrome, m)
            m.pagination.links(chrome, base: SiteURL.section(.training).path, query: [])
            slices(chrome, m)
        }
    }

    static func sessionsTable(_ chrome: PageChrome, _ m: Model) -> Node {
        CommerceViews.table(chrome, headers: ["training.field.day", "training.field.title", "training.field.kind", "training.field.place", "training.personTimes"]) {
            for s in m.sessions {
                el("tr") {
                    el("td") { s.heldOn }
                    el("td") {
                        el("a", ["href": SiteURL.commerce(.session(s.id ?? UUID())).path]) { s.title }
                        if s.paired { " "; el("span", ["class": "tag"]) { chrome.t("training.field.paired") } }
                        " "; CommerceViews.sampleTag(chrome, s.sample)
                    }
                    el("td") { chrome.t(TrainingKind(rawValue: s.kind)?.messageKey ?? s.kind) }
                    el("td") { s.place }
                    el("td") { chrome.t("training.personTimes.n", "\(m.figures[s.id ?? UUID()] ?? 0)") }
                }
            }
        }
    }

    /// Person-times and people per group and per township.
    static func slices(_ chrome: PageChrome, _ m: Model) -> Node {
        let t = m.ledger.tally
        return el("div", ["class": "pair"]) {
            el("section") {
                el("h2") { chrome.t("training.byGroup") }
                CommerceViews.table(chrome, headers: ["training.field.groups", "training.personTimes", "training.people"]) {
                    for g in AttendeeGroup.allCases {
                        el("tr") { el("td") { chrome.t(g.messageKey) }; el("td") { "\(t.byGroup[g]?.personTimes ?? 0)" }; el("td") { "\(t.byGroup[g]?.people ?? 0)" } }
                    }
                }
            }
            el("section") {
                el("h2") { chrome.t("training.byTownship") }
                CommerceViews.table(chrome, headers: ["training.field.township", "training.personTimes", "training.people"]) {
                    for (code, f) in t.byTownship.sorted(by: { $0.key < $1.key }) {
                        el("tr") { el("td") { m.townshipNames[code] ?? code }; el("td") { "\(f.personTimes)" }; el("td") { "\(f.people)" } }
                    }
                }
            }
        }
    }
}

/// The plan's targets that name a people-and-commerce source key, as short texts for the pages.
enum CommerceTargets {
    static func load(_ county: DivisionCode, _ db: any Database) async throws -> [String: String] {
        guard let programme = try await ProgrammeStore.current(county: county, on: db), let id = programme.id else { return [:] }
        let targets = try await TargetRecord.query(on: db).filter(\.$programmeID == id).all()
        var result: [String: String] = [:]
        for t in targets where CommerceIndicatorKey(rawValue: t.source) != nil {
            let sign = Comparator(rawValue: t.comparator)?.symbol ?? t.comparator
            result[t.source] = "\(t.code) \(sign) \(t.value) \(t.unit)"
        }
        return result
    }

    static func townshipNames(_ county: DivisionCode, _ db: any Database) async throws -> [String: String] {
        let rows = try await Division.query(on: db).filter(\.$countyCode == county.value).filter(\.$level == DivisionLevel.township.rawValue).all()
        return Dictionary(rows.compactMap { d in d.id.map { ($0, d.name) } }, uniquingKeysWith: { a, _ in a })
    }
}
