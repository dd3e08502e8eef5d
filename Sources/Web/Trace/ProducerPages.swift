import Fluent
import Audit
import Trace
import TraceCore
import Vapor
import XiangcunKit

/// 生产主体 — the county's producers, and the form that registers one (county).
enum ProducersPage {
    struct Model: Sendable {
        var viewer: TraceViewer
        var producers: [Producer]
        var pagination: Pagination
        var form: FormState
    }

    static let fields = ["kind", "name", "creditCode", "idNumber", "contactName", "contactPhone", "divisionCode", "subjectCode"]

    static func load(_ req: Request, _ v: TraceViewer, form: FormState = FormState(values: ["kind": "cooperative"])) async throws -> Model {
        let page = Pagination.page(req)
        let (list, total) = try await TraceQueries.producers(county: v.county.value, only: v.ownProducers, page: page, per: 50, on: req.db)
        return Model(viewer: v, producers: list, pagination: Pagination(page: page, per: 50, total: total), form: form)
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("trace.producers")) {
            TraceViews.subnav(chrome, m.viewer)
            el("div", ["class": "table-wrap"]) { el("table") {
                el("thead") { el("tr") { for k in ["trace.producer", "trace.kind", "trace.identifier", "trace.contact", "trace.subjectCode"] { el("th") { chrome.t(k) } } } }
                el("tbody") {
                    for p in m.producers {
                        el("tr") {
                            el("td") { el("a", ["href": SiteURL.trace(.producer(p.id ?? UUID())).path]) { p.name } }
                            el("td") { chrome.t("trace.kind." + p.kind) }
                            el("td") { m.viewer.identifier(p) }
                            el("td") { p.contactName + " " + m.viewer.phone(p) }
                            el("td") { p.subjectCode ?? "—" }
                        }
                    }
                }
            } }
            m.pagination.links(chrome, base: SiteURL.trace(.producers).path, query: [])
            if m.viewer.canManage { form(chrome, m.form) }
        }
    }

    static func form(_ chrome: PageChrome, _ f: FormState) -> Node {
        el("form", ["method": "post", "action": SiteURL.trace(.producers).path, "class": "panel"]) {
            el("h2") { chrome.t("trace.producer.new") }
            Layout.csrfField(chrome.context)
            Forms.errorSummary(chrome, f)
            Forms.select(chrome, f, name: "kind", label: chrome.t("trace.kind"), options: TraceViews.options(chrome, CatalogueService.producerKinds, prefix: "trace.kind."))
            Forms.field(chrome, f, name: "name", label: chrome.t("trace.producer.name"), required: true)
            Forms.field(chrome, f, name: "creditCode", label: chrome.t("trace.creditCode"), hint: chrome.t("trace.creditCode.hint"))
            Forms.field(chrome, f, name: "idNumber", label: chrome.t("trace.idNumber"), hint: chrome.t("trace.idNumber.hint"))
            Forms.field(chrome, f, name: "contactName", label: chrome.t("trace.contact"), required: true)
            Forms.field(chrome, f, name: "contactPhone", label: chrome.t("trace.phone"), type: "tel")
            Forms.field(chrome, f, name: "divisionCode", label: chrome.t("trace.division"), required: true, hint: chrome.t("trace.division.hint"))
            Forms.field(chrome, f, name: "subjectCode", label: chrome.t("trace.subjectCode"))
            el("button", ["type": "submit", "class": "btn"]) { chrome.t("common.save") }
        }
    }
}

/// One producer: identifiers (masked unless the role needs them), certificates with their
/// state, brand grants, linked accounts and batches.
enum ProducerPage {
    struct Model: Sendable {
        var viewer: TraceViewer
        var producer: Producer
        var certifications: [Certification]
        var grants: [(BrandGrant, String)]
        var batches: [Batch]
        var products: [UUID: Product]
        var form: FormState
    }

    static func load(_ req: Request, _ v: TraceViewer, form: FormState = FormState(values: ["kind": "green"])) async throws -> Model {
        let p = try await req.traceProducer(v)
        let id = try p.requireID()
        let certs = try await Certification.query(on: req.db).filter(\.$producerID == id).sort(\.$validTo).all()
        let grants = try await BrandGrant.query(on: req.db).filter(\.$producerID == id).all()
        let brands = try await Brand.query(on: req.db).filter(\.$countyCode == v.county.value).all()
        let batches = try await Batch.query(on: req.db).filter(\.$producerID == id).sort(\.$createdAt, .descending).limit(50).all()
        if v.seesPersonalData, p.idNumber != nil || p.contactPhone != nil {
            try await AuditLog.record(on: req.db, actor: req.actor, action: .view, entity: Producer.schema, entityID: id.uuidString, county: p.countyCode,
                                      new: ["shown": [p.idNumber == nil ? nil : "idNumber", p.contactPhone == nil ? nil : "contactPhone"].compactMap { $0 }.joined(separator: ",")])
        }
        let names = try await TraceViews.names(for: batches, on: req.db)
        return Model(viewer: v, producer: p, certifications: certs,
                     grants: grants.map { g in (g, brands.first { $0.id == g.brandID }?.name ?? "—") },
                     batches: batches, products: names.products, form: form)
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        let p = m.producer
        return Layout.page(chrome, title: p.name) {
            TraceViews.subnav(chrome, m.viewer)
            if p.sample { el("p", ["class": "muted"]) { chrome.t("trace.sample") } }
            el("dl", ["class": "panel facts"]) {
                NetworkViews.fact(chrome.t("trace.kind"), chrome.t("trace.kind." + p.kind))
                NetworkViews.fact(chrome.t("trace.identifier"), m.viewer.identifier(p, whole: true))
                NetworkViews.fact(chrome.t("trace.contact"), p.contactName + " " + m.viewer.phone(p, whole: true))
                NetworkViews.fact(chrome.t("trace.division"), p.divisionCode)
                NetworkViews.fact(chrome.t("trace.subjectCode"), p.subjectCode ?? chrome.t("trace.notOnPlatform"))
            }
            el("h2") { chrome.t("trace.certifications") }
            el("ul", ["class": "panel"]) {
                for c in m.certifications {
                    let state = (Day(c.validFrom)).flatMap { f in Day(c.validTo).map { Certificate.state(from: f, to: $0, on: .today()) } } ?? .expired
                    el("li", ["class": state == .valid ? nil : "warn"]) {
                        chrome.t("trace.cert." + c.kind) + " " + c.number + " · " + c.validFrom + " – " + c.validTo + " · " + chrome.t("trace.certState." + state.rawValue)
                        if let name = c.evidenceName, m.viewer.seesCertificates, let id = c.id {
                            " · "; el("a", ["href": SiteURL.trace(.certificationEvidence(id)).path]) { chrome.t("trace.cert.download", name) }
                        }
                    }
                }
            }
            if m.viewer.canManage { certificationForm(chrome, m) }
            el("h2") { chrome.t("trace.brands") }
            el("ul", ["class": "panel"]) {
                for (g, brand) in m.grants {
                    el("li") { brand + " · " + g.validFrom + " – " + g.validTo + (g.revokedOn.map { " · " + chrome.t("trace.revoked") + " " + $0 + " " + (g.revokeReason ?? "") } ?? "") }
                }
            }
            if m.viewer.canManage {
                el("form", ["method": "post", "action": SiteURL.trace(.producerUsers(p.id ?? UUID())).path, "class": "panel"]) {
                    el("h2") { chrome.t("trace.linkUser") }
                    Layout.csrfField(chrome.context)
                    Forms.field(chrome, m.form, name: "username", label: chrome.t("trace.username"), required: true)
                    el("button", ["type": "submit", "class": "btn secondary"]) { chrome.t("trace.linkUser") }
                }
            }
            el("h2") { chrome.t("trace.batches") }
            TraceViews.batchTable(chrome, m.batches, products: m.products, producers: [p.id ?? UUID(): p])
        }
    }

    static func certificationForm(_ chrome: PageChrome, _ m: Model) -> Node {
        Forms.uploadForm(chrome, action: SiteURL.trace(.producerCertifications(m.producer.id ?? UUID())).path) {
            el("h3") { chrome.t("trace.cert.new") }
            Forms.errorSummary(chrome, m.form)
            Forms.select(chrome, m.form, name: "kind", label: chrome.t("trace.cert.kind"), options: TraceViews.options(chrome, Certificate.kinds, prefix: "trace.cert."))
            Forms.field(chrome, m.form, name: "number", label: chrome.t("trace.cert.number"), required: true)
            Forms.field(chrome, m.form, name: "validFrom", label: chrome.t("trace.validFrom"), type: "date", required: true)
            Forms.field(chrome, m.form, name: "validTo", label: chrome.t("trace.validTo"), type: "date", required: true)
            Forms.file(chrome, m.form, name: "evidence", label: chrome.t("trace.cert.evidence"), accept: "application/pdf,image/jpeg,image/png", required: false)
            el("button", ["type": "submit", "class": "btn"]) { chrome.t("common.save") }
        }
    }
}
