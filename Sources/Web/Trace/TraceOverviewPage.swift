import Fluent
import Trace
import TraceCore
import Vapor
import XiangcunKit

/// 农产品与追溯 — the section's front page: figures for the county, certificates about to
/// lapse, the latest batches. A producer's user sees its own batches.
enum TraceOverviewPage {
    struct Model: Sendable {
        var viewer: TraceViewer
        var indicators: [String: Decimal]
        var expiring: [(Certification, String)]
        var batches: [Batch]
        var products: [UUID: Product]
        var producers: [UUID: Producer]
    }

    static func load(_ req: Request, _ v: TraceViewer) async throws -> Model {
        let indicators = try await TraceIndicators.all(county: v.county, day: .today(), on: req.db)
        let certs = try await TraceQueries.expiringCertificates(county: v.county.value, on: req.db).filter { c in v.ownProducers.map { $0.contains(c.producerID) } ?? true }
        let names = try await Producer.query(on: req.db).filter(\.$id ~~ certs.map(\.producerID)).all()
        let (batches, _) = try await TraceQueries.batches(county: v.county.value, producers: v.ownProducers, page: 1, per: 10, on: req.db)
        let lookup = try await TraceViews.names(for: batches, on: req.db)
        return Model(viewer: v, indicators: indicators,
                     expiring: certs.map { c in (c, names.first { $0.id == c.producerID }?.name ?? "—") },
                     batches: batches, products: lookup.products, producers: lookup.producers)
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("nav.products")) {
            TraceViews.subnav(chrome, m.viewer)
            if m.viewer.ownProducers?.isEmpty == true { el("p", ["class": "panel"]) { chrome.t("trace.noProducer") } }
            if m.viewer.ownProducers == nil {
                el("div", ["class": "cards"]) {
                    Cards.figure(number(m.indicators["trace.producers"]), label: chrome.t("trace.producers"), link: SiteURL.trace(.producers).path)
                    Cards.figure(number(m.indicators["trace.producersOnPlatformPercent"]) + "%", label: chrome.t("trace.onPlatform"))
                    Cards.figure(number(m.indicators["trace.products"]), label: chrome.t("trace.catalogue"), sub: chrome.t("trace.bestsellers") + " " + number(m.indicators["trace.bestsellers"]), link: SiteURL.trace(.catalogue).path)
                    Cards.figure(number(m.indicators["trace.standards"]), label: chrome.t("trace.standards"))
                    Cards.figure(number(m.indicators["trace.batches"]), label: chrome.t("trace.batches"), link: SiteURL.trace(.batches).path)
                    Cards.figure(number(m.indicators["trace.scans"]), label: chrome.t("trace.scans"), link: SiteURL.trace(.scans).path)
                }
            }
            if !m.expiring.isEmpty {
                el("h2") { chrome.t("trace.cert.expiring") }
                el("ul", ["class": "panel"]) {
                    for (c, producer) in m.expiring {
                        el("li") { producer + " · " + chrome.t("trace.cert." + c.kind) + " " + c.number + " · " + chrome.t("trace.validTo") + " " + c.validTo }
                    }
                }
            }
            el("h2") { chrome.t("trace.batches.latest") }
            TraceViews.batchTable(chrome, m.batches, products: m.products, producers: m.producers)
        }
    }

    /// A figure rounded to one decimal (shares are percents).
    static func number(_ d: Decimal?) -> String {
        var exact = d ?? 0, rounded = Decimal()
        NSDecimalRound(&rounded, &exact, 1, .plain)
        return "\(rounded)"
    }
}
