import NetworkCore
import ServiceNetwork
import Vapor
import XiangcunKit

/// 新增站点 / 编辑站点 — the facility form. County administrators see every field; a station's
/// operator only opening hours, the service phone and the services offered.
enum FacilityFormPage {
    struct Model: Sendable {
        /// Every field (administrators), or only the operational ones (the station's operator).
        var full: Bool
        /// nil: a new facility.
        var facility: Facility?
        var form: FormState
        /// The service codes ticked.
        var services: [String]
        var catalogue: [(code: String, zh: String, en: String, custom: Bool)]
    }

    /// The form for a new facility (administrators), empty or as posted.
    static func loadNew(_ req: Request, _ viewer: NetworkViewer, form: FormState? = nil, services: [String]? = nil) async throws -> Model {
        try viewer.requireManage()
        var blank = FormState(values: ["type": FacilityType.villageStation.rawValue, "status": FacilityStatus.planned.rawValue, "statusSince": Day.today().iso])
        if let division = req.query[String.self, at: "division"] { blank.values["divisionCode"] = division }
        return Model(full: true, facility: nil, form: form ?? blank, services: services ?? [DefaultService.parcels.rawValue, DefaultService.pickup.rawValue],
                     catalogue: try await NetworkQueries.catalogue(county: viewer.county, on: req.db))
    }

    /// The form for a facility, with its current values or as posted.
    static func loadEdit(_ req: Request, _ viewer: NetworkViewer, _ f: Facility, form: FormState? = nil, services: [String]? = nil) async throws -> Model {
        try viewer.requireOperate(f)
        var form = form, services = services
        if form == nil {
            let input = try await NetworkQueries.input(of: f, on: req.db)
            form = state(input)
            services = input.services
        }
        return Model(full: viewer.canManage, facility: f, form: form ?? FormState(), services: services ?? [],
                     catalogue: try await NetworkQueries.catalogue(county: viewer.county, on: req.db))
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        let form = m.form
        let action = m.facility.flatMap { $0.id }.map { SiteURL.networkFacilityEdit($0).path } ?? SiteURL.networkFacilityNew.path
        let title = m.facility.map { chrome.t("network.facility.edit") + "：" + $0.name } ?? chrome.t("network.facility.new")
        return Layout.page(chrome, title: title) {
            el("form", ["method": "post", "action": action, "class": "panel"]) {
                Layout.csrfField(chrome.context)
                Forms.errorSummary(chrome, form)
                if m.full { identityFields(chrome, form) }
                Forms.field(chrome, form, name: "servicePhone", label: chrome.t("network.field.servicePhone"), type: "tel", hint: chrome.t("network.field.servicePhone.hint"))
                Forms.field(chrome, form, name: "openingHours", label: chrome.t("network.field.openingHours"), hint: "08:00–20:00")
                if m.full {
                    Forms.field(chrome, form, name: "contractorName", label: chrome.t("network.field.contractorName"))
                    if m.facility == nil {
                        Forms.select(chrome, form, name: "status", label: chrome.t("network.field.status"), options: FacilityStatus.allCases.map { ($0.rawValue, chrome.t($0.messageKey)) })
                        Forms.field(chrome, form, name: "statusSince", label: chrome.t("network.field.statusSince"), type: "date")
                    }
                    NetworkViews.checkbox("signage", label: chrome.t("network.field.signage"), checked: form["signage"] == "1")
                    NetworkViews.checkbox("demonstration", label: chrome.t("network.field.demonstration"), checked: form["demonstration"] == "1")
                }
                servicesField(chrome, m)
                if m.full { detailFields(chrome, form) }
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("common.save") }
                " "
                el("a", ["href": m.facility.flatMap { $0.id }.map { SiteURL.networkFacility($0).path } ?? SiteURL.networkFacilities.path]) { chrome.t("common.cancel") }
            }
        }
    }

    static func identityFields(_ chrome: PageChrome, _ form: FormState) -> [Node] {
        [
            Forms.select(chrome, form, name: "type", label: chrome.t("network.field.type"), options: FacilityType.allCases.map { ($0.rawValue, chrome.t($0.messageKey)) }),
            Forms.field(chrome, form, name: "name", label: chrome.t("network.field.name"), required: true),
            Forms.field(chrome, form, name: "divisionCode", label: chrome.t("network.field.divisionCode"), required: true, hint: chrome.t("network.field.divisionCode.hint")),
            Forms.field(chrome, form, name: "address", label: chrome.t("network.field.address")),
            el("div", ["class": "pair"]) {
                Forms.field(chrome, form, name: "latitude", label: chrome.t("network.field.latitude"), hint: "28.59")
                Forms.field(chrome, form, name: "longitude", label: chrome.t("network.field.longitude"), hint: "119.27")
            },
            Forms.field(chrome, form, name: "areaM2", label: chrome.t("network.field.areaM2")),
            Forms.field(chrome, form, name: "operatorName", label: chrome.t("network.field.operatorName")),
            Forms.field(chrome, form, name: "operatorPhone", label: chrome.t("network.field.operatorPhone"), type: "tel", hint: chrome.t("network.field.operatorPhone.hint")),
        ]
    }

    static func servicesField(_ chrome: PageChrome, _ m: Model) -> Node {
        let lang = chrome.context.language
        return el("fieldset", ["class": m.form.errors["services"] == nil ? "services" : "services invalid"]) {
            el("legend") { chrome.t("network.field.services") }
            for s in m.catalogue {
                el("label", ["class": "check"]) {
                    el("input", ["type": "checkbox", "name": "services[]", "value": s.code, "checked": m.services.contains(s.code) ? "" : nil])
                    " " + (lang == .zh ? s.zh : s.en)
                }
            }
            if let e = m.form.errors["services"] { el("p", ["class": "error"]) { chrome.t(e) } }
        }
    }

    /// Served divisions, commerce-centre and warehouse figures, notes.
    static func detailFields(_ chrome: PageChrome, _ form: FormState) -> [Node] {
        [
            Forms.field(chrome, form, name: "servedDivisions", label: chrome.t("network.field.servedDivisions"), hint: chrome.t("network.field.servedDivisions.hint")),
            el("details", ["open": (form["skuCount"] + form["populationServed"] + form["deliveryRadiusKm"] + form["storageKind"]).isEmpty ? nil : ""]) {
                el("summary") { chrome.t("network.field.commerce") + " / " + chrome.t("network.field.storageKind") }
                Forms.field(chrome, form, name: "skuCount", label: chrome.t("network.field.skuCount"))
                Forms.field(chrome, form, name: "populationServed", label: chrome.t("network.field.populationServed"))
                Forms.field(chrome, form, name: "deliveryRadiusKm", label: chrome.t("network.field.deliveryRadiusKm"))
                Forms.select(chrome, form, name: "storageKind", label: chrome.t("network.field.storageKind"),
                             options: [("", "—")] + StorageKind.allCases.map { ($0.rawValue, chrome.t($0.messageKey)) })
            },
            NetworkViews.textarea(chrome, form, name: "notes", label: chrome.t("network.field.notes")),
        ]
    }

    // MARK: The posted form

    /// The form as posted (every field optional: an operator's form has only a few).
    struct Posted: Content {
        var type: String?, name: String?, divisionCode: String?, address: String?, latitude: String?, longitude: String?, areaM2: String?
        var operatorName: String?, operatorPhone: String?, servicePhone: String?, contractorName: String?, openingHours: String?
        var status: String?, statusSince: String?, signage: String?, demonstration: String?, skuCount: String?, populationServed: String?
        var deliveryRadiusKm: String?, storageKind: String?, notes: String?, servedDivisions: String?, services: [String]?

        var input: FacilityInput {
            var i = FacilityInput()
            i.type = type ?? ""; i.name = name ?? ""; i.divisionCode = divisionCode ?? ""; i.address = address ?? ""
            i.latitude = latitude ?? ""; i.longitude = longitude ?? ""; i.areaM2 = areaM2 ?? ""; i.operatorName = operatorName ?? ""
            i.operatorPhone = operatorPhone ?? ""; i.servicePhone = servicePhone ?? ""; i.contractorName = contractorName ?? ""
            i.openingHours = openingHours ?? ""; i.status = status ?? ""; i.statusSince = statusSince ?? ""
            i.signage = signage == "1"; i.demonstration = demonstration == "1"; i.skuCount = skuCount ?? ""
            i.populationServed = populationServed ?? ""; i.deliveryRadiusKm = deliveryRadiusKm ?? ""; i.storageKind = storageKind ?? ""
            i.notes = notes ?? ""; i.services = services ?? []
            i.servedDivisions = (servedDivisions ?? "").split(whereSeparator: { "、,，;； \n".contains($0) }).map(String.init)
            return i
        }
    }

    /// The form showing an input's values.
    static func state(_ i: FacilityInput, errors: [String: String] = [:]) -> FormState {
        FormState(values: ["type": i.type, "name": i.name, "divisionCode": i.divisionCode, "address": i.address, "latitude": i.latitude,
                           "longitude": i.longitude, "areaM2": i.areaM2, "operatorName": i.operatorName, "operatorPhone": i.operatorPhone,
                           "servicePhone": i.servicePhone, "contractorName": i.contractorName, "openingHours": i.openingHours, "status": i.status,
                           "statusSince": i.statusSince, "signage": i.signage ? "1" : "", "demonstration": i.demonstration ? "1" : "",
                           "skuCount": i.skuCount, "populationServed": i.populationServed, "deliveryRadiusKm": i.deliveryRadiusKm,
                           "storageKind": i.storageKind, "notes": i.notes, "servedDivisions": i.servedDivisions.joined(separator: " ")],
                  errors: errors)
    }
}
