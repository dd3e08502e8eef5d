import Accounts
import NetworkCore
import ServiceNetwork
import Vapor
import XiangcunKit

/// One station (站点): its facts, monthly records, status history, served-list changes,
/// photos and operators, with the forms each role may use. Operators see only their own.
enum FacilityPage {
    struct Model: Sendable {
        var viewer: NetworkViewer
        var facility: Facility
        var id: UUID
        var names: [String: String]
        var catalogue: [(code: String, zh: String, en: String, custom: Bool)]
        var services: [String]
        var history: [FacilityStatusChange]
        /// Every served period, earliest first: the current list and the changes.
        var servedPeriods: [FacilityServedDivision]
        /// Newest month first.
        var records: [OperatingRecord]
        var photos: [FacilityPhoto]
        var operators: [User]
        var today: Day

        var canOperate: Bool { viewer.canOperate(facility) }
        /// The divisions served today besides its own.
        var served: [String] { servedPeriods.filter { $0.validTo == nil }.map(\.divisionCode).sorted() }
        var servedChanges: [FacilityServedDivision] { servedPeriods.filter { $0.validFrom != nil || $0.validTo != nil } }
    }

    static func load(_ req: Request, _ viewer: NetworkViewer) async throws -> Model {
        let f = try await req.visibleFacility(viewer)
        let id = try f.requireID()
        let db = req.db
        return Model(viewer: viewer, facility: f, id: id,
                     names: try await NetworkQueries.divisionNames(county: viewer.county, on: db),
                     catalogue: try await NetworkQueries.catalogue(county: viewer.county, on: db),
                     services: try await NetworkService.services(of: id, on: db),
                     history: try await NetworkQueries.history(of: id, on: db),
                     servedPeriods: try await NetworkQueries.servedPeriods(of: id, on: db),
                     records: try await NetworkQueries.records(of: id, on: db),
                     photos: try await NetworkQueries.photos(of: id, on: db),
                     operators: try await NetworkQueries.operators(of: id, on: db),
                     today: .today())
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        let f = m.facility
        return Layout.page(chrome, title: f.name) {
            NetworkViews.subnav(chrome, m.viewer, current: "")
            el("p") {
                NetworkViews.statusTag(chrome, f.facilityStatus)
                " " + chrome.t(f.facilityType.messageKey) + " · " + NetworkViews.divisionLabel(f.divisionCode, m.names)
                if f.sample { el("span", ["class": "tag"]) { chrome.t("divisions.sample") } }
            }
            if f.facilityType.reportsMonthly && f.facilityStatus == .operating { lastMonthNotice(chrome, m) }
            if m.canOperate {
                el("p", ["class": "actions"]) {
                    if f.facilityType.reportsMonthly { el("a", ["class": "btn", "href": SiteURL.networkRecordNew(m.id).path]) { chrome.t("network.record.new") }; " " }
                    el("a", ["class": "btn secondary", "href": SiteURL.networkFacilityEdit(m.id).path]) { chrome.t("network.facility.edit") }
                }
            }
            el("div", ["class": "panel"]) { facts(chrome, m) }
            if f.facilityType.reportsMonthly {
                el("h2") { chrome.t("network.records") }
                recordsTable(chrome, m.records)
            }
            el("h2") { chrome.t("network.field.history") }
            historyTable(chrome, m.history)
            if m.viewer.canManage { FacilityPageForms.status(chrome, m) }
            if !m.servedChanges.isEmpty {
                el("h2") { chrome.t("network.servedHistory") }
                servedTable(chrome, m)
            }
            el("h2") { chrome.t("network.field.photos") }
            photos(chrome, m)
            if m.canOperate { FacilityPageForms.photoUpload(chrome, m) }
            if m.viewer.canManage && f.facilityType.reportsMonthly { FacilityPageForms.operators(chrome, m) }
        }
    }

    /// Whether last month is reported, and by when it must be.
    static func lastMonthNotice(_ chrome: PageChrome, _ m: Model) -> Node {
        let last = m.today.monthKey.previous
        let lastRecord = m.records.first { $0.month == last.text }
        return el("p", ["class": lastRecord == nil ? "alert-warn" : "notice"]) {
            if let lastRecord {
                chrome.t("network.record.reported", last.text, Beijing.format(lastRecord.submittedAt))
            } else {
                chrome.t("network.record.missing", last.text, Beijing.format(last.deadline.addingTimeInterval(-60)))
            }
        }
    }

    static func facts(_ chrome: PageChrome, _ m: Model) -> Node {
        let f = m.facility
        let fact = NetworkViews.fact
        let ownServed = f.facilityType.servesLevel.map { $0 == f.division?.level } ?? false
        return el("dl", ["class": "facts"]) {
            fact(chrome.t("network.field.address"), f.address)
            fact(chrome.t("network.field.openingHours"), f.openingHours)
            fact(chrome.t("network.field.operatorName"), f.operatorName)
            fact(chrome.t("network.field.operatorPhone"), m.viewer.phone(f))
            fact(chrome.t("network.field.servicePhone"), f.servicePhone ?? "—")
            fact(chrome.t("network.field.contractorName"), f.contractorName ?? "—")
            fact(chrome.t("network.field.areaM2"), f.areaM2.map { "\($0)" } ?? "—")
            fact(chrome.t("network.field.statusSince"), f.statusSince)
            fact(chrome.t("network.field.signage"), chrome.t(f.signage ? "common.yes" : "common.no"))
            fact(chrome.t("network.field.demonstration"), chrome.t(f.demonstration ? "common.yes" : "common.no"))
            if let lat = f.latitude, let lon = f.longitude { fact("WGS-84", String(format: "%.5f, %.5f", lat, lon)) }
            if f.facilityType == .commerceCentre {
                fact(chrome.t("network.field.skuCount"), f.skuCount.map { "\($0)" } ?? "—")
                fact(chrome.t("network.field.populationServed"), f.populationServed.map { "\($0)" } ?? "—")
                fact(chrome.t("network.field.deliveryRadiusKm"), f.deliveryRadiusKm.map { String(format: "%.1f", $0) } ?? "—")
            }
            if let kind = f.storageKind.flatMap(StorageKind.init(rawValue:)) { fact(chrome.t("network.field.storageKind"), chrome.t(kind.messageKey)) }
            fact(chrome.t("network.field.services"),
                 m.services.isEmpty ? "—" : NetworkViews.serviceNames(m.services, catalogue: m.catalogue, language: chrome.context.language))
            if f.facilityType.servesLevel != nil {
                fact(chrome.t("network.field.served"), ((ownServed ? [f.divisionCode] : []) + m.served).map { m.names[$0] ?? $0 }.joined(separator: "、"))
            }
            if !f.notes.isEmpty { fact(chrome.t("network.field.notes"), f.notes) }
        }
    }

    static func recordsTable(_ chrome: PageChrome, _ records: [OperatingRecord]) -> Node {
        guard !records.isEmpty else { return el("p", ["class": "muted"]) { chrome.t("common.none") } }
        return el("div", ["class": "table-wrap"]) { el("table", ["class": "records"]) {
            el("thead") { el("tr") {
                el("th") { chrome.t("network.record.month") }
                for m in RecordMetric.allCases { el("th", ["class": "num"]) { chrome.t(m.messageKey) } }
                el("th") { chrome.t("network.record.submittedAt") }
            } }
            el("tbody") {
                for r in records {
                    el("tr") {
                        el("td") { r.month }
                        for (m, v) in r.values.metrics { el("td", ["class": "num"]) { m.isMoney ? Money(fen: v).yuanText : "\(v)" } }
                        el("td") {
                            Beijing.format(r.submittedAt, pattern: "yyyy-MM-dd") + " "
                            el("span", ["class": r.isOnTime ? "tag" : "tag off"]) { chrome.t(r.isOnTime ? "network.record.onTime" : "network.record.late") }
                        }
                    }
                }
            }
        } }
    }

    static func historyTable(_ chrome: PageChrome, _ history: [FacilityStatusChange]) -> Node {
        el("div", ["class": "table-wrap"]) { el("table") {
            el("thead") { el("tr") { el("th") { chrome.t("network.field.effectiveOn") }; el("th") { chrome.t("network.field.status") }; el("th") { chrome.t("network.field.note") } } }
            el("tbody") { for h in history { el("tr") {
                el("td") { h.effectiveOn }
                el("td") { NetworkViews.statusTag(chrome, FacilityStatus(rawValue: h.status) ?? .planned) }
                el("td") { h.note }
            } } }
        } }
    }

    static func servedTable(_ chrome: PageChrome, _ m: Model) -> Node {
        el("div", ["class": "table-wrap"]) { el("table") {
            el("thead") { el("tr") { for key in ["network.field.served", "network.servedHistory.from", "network.servedHistory.until"] { el("th") { chrome.t(key) } } } }
            el("tbody") { for p in m.servedChanges { el("tr") {
                el("td") { m.names[p.divisionCode] ?? p.divisionCode }
                el("td") { p.validFrom ?? chrome.t("network.servedHistory.initial") }
                el("td") { p.validTo ?? chrome.t("network.servedHistory.current") }
            } } }
        } }
    }

    static func photos(_ chrome: PageChrome, _ m: Model) -> Node {
        guard !m.photos.isEmpty else { return el("p", ["class": "muted"]) { chrome.t("common.none") } }
        return el("div", ["class": "photos"]) {
            for p in m.photos {
                el("figure") {
                    el("a", ["href": SiteURL.networkPhoto(m.id, p.id ?? UUID()).path]) {
                        el("img", ["src": SiteURL.networkPhoto(m.id, p.id ?? UUID()).path, "alt": p.caption.isEmpty ? m.facility.name : p.caption, "loading": "lazy"])
                    }
                    el("figcaption") { p.caption + " · " + Beijing.format(p.uploadedAt) + " · SHA-256 " + String(p.sha256.prefix(12)) }
                }
            }
        }
    }
}
