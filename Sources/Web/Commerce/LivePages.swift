import Commerce
import CommerceCore
import NetworkCore
import ServiceNetwork
import Vapor
import XiangcunKit

/// 直播电商 — live rooms (network facilities) and bases, anchors at ≥100k fans, events and GMV.
enum LiveOverviewPage {
    struct Model: Sendable {
        var viewer: CommerceViewer
        var rooms: [(room: Facility, baseSince: String?)]
        var indicators: [String: Decimal]
        var targets: [String: String]
        var form: FormState
    }

    static func load(_ req: Request, form: FormState? = nil) async throws -> Model {
        let viewer = try req.commerceViewer()
        return Model(viewer: viewer, rooms: try await CommerceQueries.liveRooms(county: viewer.county, on: req.db),
                     indicators: try await CommerceIndicators.all(county: viewer.county, day: .today(), on: req.db),
                     targets: try await CommerceTargets.load(viewer.county, req.db), form: form ?? FormState(values: ["day": Day.today().iso]))
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        func value(_ key: CommerceIndicatorKey) -> String { m.indicators[key.rawValue].map { "\($0)" } ?? "0" }
        return Layout.page(chrome, title: chrome.t("nav.live")) {
            CommerceViews.subnav(chrome, .live, current: SiteURL.section(.live).path)
            el("div", ["class": "cards"]) {
                for key in [CommerceIndicatorKey.liveRooms, .liveBases, .liveAnchors100k, .liveEvents, .liveGMVYuan] {
                    Cards.figure(value(key), label: chrome.t(key.messageKey), sub: m.targets[key.rawValue])
                }
            }
            el("h2") { chrome.t("live.rooms") }
            el("p", ["class": "muted"]) { chrome.t("live.rooms.hint") }
            CommerceViews.table(chrome, headers: ["network.field.name", "network.field.status", "live.base"]) {
                for (room, since) in m.rooms {
                    el("tr") {
                        el("td") { el("a", ["href": SiteURL.networkFacility(room.id ?? UUID()).path]) { room.name } }
                        el("td") { chrome.t(room.facilityStatus.messageKey) }
                        el("td") { since.map { chrome.t("live.base.since", $0) } ?? "—" }
                    }
                }
            }
            if m.viewer.canManage {
                CommerceViews.form(chrome, action: SiteURL.commerce(.liveBases).path, title: chrome.t("live.base.designate"), m.form, fields: [
                    .init(name: "room", label: chrome.t("live.room"), options: m.rooms.filter { $0.baseSince == nil }.map { ($0.room.id?.uuidString ?? "", $0.room.name) }),
                    .init(name: "day", label: chrome.t("training.field.day"), type: "date", required: true),
                ])
            }
        }
    }
}

/// 直播场次 — the events, newest first, and the form for a new one.
enum LiveEventsPage {
    static let perPage = 30
    static let fieldNames = ["room", "anchor", "day", "title", "products", "minutes", "viewers", "orders", "gmvYuan"]

    struct Model: Sendable {
        var viewer: CommerceViewer
        var events: [LiveEvent]
        var pagination: Pagination
        var rooms: [(String, String)]
        var anchors: [(String, String)]
        var form: FormState
    }

    static func load(_ req: Request, form: FormState? = nil) async throws -> Model {
        let viewer = try req.commerceViewer()
        let page = Pagination.page(req)
        let (events, total) = try await CommerceQueries.liveEvents(county: viewer.county, page: page, per: perPage, on: req.db)
        let rooms = try await CommerceQueries.liveRooms(county: viewer.county, on: req.db).map { ($0.room.id?.uuidString ?? "", $0.room.name) }
        let anchors = try await CommerceQueries.anchors(county: viewer.county, on: req.db).map { ($0.id?.uuidString ?? "", $0.name) }
        return Model(viewer: viewer, events: events, pagination: Pagination(page: page, per: perPage, total: total), rooms: rooms, anchors: anchors,
                     form: form ?? FormState(values: ["day": Day.today().iso]))
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        let roomNames = Dictionary(m.rooms, uniquingKeysWith: { a, _ in a }), anchorNames = Dictionary(m.anchors, uniquingKeysWith: { a, _ in a })
        return Layout.page(chrome, title: chrome.t("live.events")) {
            CommerceViews.subnav(chrome, .live, current: SiteURL.commerce(.liveEvents).path)
            CommerceViews.table(chrome, headers: ["training.field.day", "training.field.title", "live.room", "live.anchor", "live.minutes", "live.viewers", "live.orders", "live.gmv"]) {
                for e in m.events {
                    el("tr") {
                        el("td") { e.heldOn }; el("td") { e.title; " "; CommerceViews.sampleTag(chrome, e.sample) }
                        el("td") { roomNames[e.roomID.uuidString] ?? "—" }; el("td") { e.anchorID.flatMap { anchorNames[$0.uuidString] } ?? "—" }
                        el("td") { "\(e.minutes)" }; el("td") { "\(e.viewers)" }; el("td") { "\(e.orders)" }; el("td") { CommerceViews.yuan(e.gmvFen) }
                    }
                }
            }
            m.pagination.links(chrome, base: SiteURL.commerce(.liveEvents).path, query: [])
            if m.viewer.canManage {
                CommerceViews.form(chrome, action: SiteURL.commerce(.liveEvents).path, title: chrome.t("live.event.new"), m.form, fields: [
                    .init(name: "room", label: chrome.t("live.room"), options: m.rooms),
                    .init(name: "anchor", label: chrome.t("live.anchor"), options: [("", chrome.t("live.noAnchor"))] + m.anchors),
                    .init(name: "day", label: chrome.t("training.field.day"), type: "date", required: true),
                    .init(name: "title", label: chrome.t("training.field.title"), required: true),
                    .init(name: "products", label: chrome.t("live.products")),
                    .init(name: "minutes", label: chrome.t("live.minutes"), type: "number", required: true),
                    .init(name: "viewers", label: chrome.t("live.viewers"), type: "number"),
                    .init(name: "orders", label: chrome.t("live.orders"), type: "number"),
                    .init(name: "gmvYuan", label: chrome.t("live.gmv"), hint: chrome.t("commerce.yuan.hint")),
                ])
            }
        }
    }
}

/// 主播 — anchors with their latest follower count; ≥100k fans counts toward the plan's target.
enum AnchorsPage {
    static let fieldNames = ["name", "platform", "account", "followers", "day"]

    struct Model: Sendable {
        var viewer: CommerceViewer
        var anchors: [Anchor]
        /// Each anchor's follower counts over time, oldest first.
        var history: [UUID: [AnchorFollowers]]
        var form: FormState
    }

    static func load(_ req: Request, form: FormState? = nil) async throws -> Model {
        let viewer = try req.commerceViewer()
        return Model(viewer: viewer, anchors: try await CommerceQueries.anchors(county: viewer.county, on: req.db),
                     history: try await CommerceQueries.followerHistory(county: viewer.county, on: req.db),
                     form: form ?? FormState(values: ["day": Day.today().iso]))
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("live.anchors")) {
            CommerceViews.subnav(chrome, .live, current: SiteURL.commerce(.liveAnchors).path)
            el("p", ["class": "muted"]) { chrome.t("live.anchors.hint", "\(AnchorRules.fanThreshold)") }
            CommerceViews.table(chrome, headers: ["training.field.name", "live.platform", "live.account", "live.followers", "live.history", "common.actions"]) {
                for a in m.anchors {
                    el("tr") {
                        el("td") { a.name; " "; CommerceViews.sampleTag(chrome, a.sample) }; el("td") { a.platform }; el("td") { a.account }
                        el("td") {
                            "\(a.followers)"
                            if a.followers >= AnchorRules.fanThreshold { " "; el("span", ["class": "tag"]) { chrome.t("live.fans100k") } }
                        }
                        el("td", ["class": "muted"]) { (m.history[a.id ?? UUID()] ?? []).map { "\($0.countedOn) \($0.followers)" }.joined(separator: " → ") }
                        el("td") {
                            if m.viewer.canManage, let id = a.id {
                                el("form", ["method": "post", "action": SiteURL.commerce(.anchorFollowers(id)).path, "class": "inline"]) {
                                    Layout.csrfField(chrome.context)
                                    el("input", ["type": "number", "name": "followers", "aria-label": chrome.t("live.followers"), "min": "0", "required": ""])
                                    el("input", ["type": "date", "name": "day", "value": Day.today().iso, "aria-label": chrome.t("training.field.day")])
                                    el("button", ["type": "submit", "class": "btn secondary"]) { chrome.t("live.followers.record") }
                                }
                            }
                        }
                    }
                }
            }
            if m.viewer.canManage {
                CommerceViews.form(chrome, action: SiteURL.commerce(.liveAnchors).path, title: chrome.t("live.anchor.new"), m.form, fields: [
                    .init(name: "name", label: chrome.t("training.field.name"), required: true),
                    .init(name: "platform", label: chrome.t("live.platform"), required: true),
                    .init(name: "account", label: chrome.t("live.account"), required: true),
                    .init(name: "followers", label: chrome.t("live.followers"), type: "number", required: true),
                    .init(name: "day", label: chrome.t("live.countedOn"), type: "date", required: true),
                ])
            }
        }
    }
}
