import Accounts
import Divisions
import NetworkCore
import ServiceNetwork
import Vapor
import XiangcunKit

/// Who is looking at the network and what they may do: county administrators manage the
/// county's facilities; station operators see and edit only the station linked to their
/// account; contractors, auditors and province viewers read.
struct NetworkViewer: Sendable {
    let user: User
    let county: DivisionCode
    /// The station linked to an operator's account.
    let ownFacilityID: UUID?

    var role: Role { user.userRole }
    var canManage: Bool { NetworkAccess.canManage(role) }
    var isOperator: Bool { NetworkAccess.isOperator(role) }

    /// Operators see only their own station (others are "not found").
    func canSee(_ f: Facility) -> Bool { !isOperator || (f.id != nil && f.id == ownFacilityID) }
    /// Operators edit their own station's operational fields and records; administrators everything.
    func canOperate(_ f: Facility) -> Bool { canManage || (isOperator && f.id != nil && f.id == ownFacilityID) }

    func phone(_ f: Facility) -> String {
        NetworkAccess.phone(f.operatorPhone, role: role, ownStation: isOperator && f.id == ownFacilityID) ?? "—"
    }

    /// County-wide pages (coverage, map, reporting, ledger) are not for station operators.
    func requireCountyWide() throws {
        if isOperator { throw Abort(.forbidden) }
    }

    func requireManage() throws {
        if !canManage { throw Abort(.forbidden) }
    }
}

extension Request {
    func networkViewer() async throws -> NetworkViewer {
        let user = try requireUser()
        let county = try requireCounty()
        var own: UUID? = nil
        if user.userRole == .stationOperator, let id = user.id {
            own = try await NetworkQueries.operatorFacility(userID: id, county: county, on: db)?.id
        }
        return NetworkViewer(user: user, county: county, ownFacilityID: own)
    }

    /// A facility of the county in view that the viewer may see, or 404.
    func visibleFacility(_ viewer: NetworkViewer, parameter: String = "id") async throws -> Facility {
        guard let id = parameters.get(parameter, as: UUID.self),
              let f = try await NetworkQueries.facility(id, county: viewer.county, on: db), viewer.canSee(f) else { throw Abort(.notFound) }
        return f
    }
}

/// Small view helpers of the network pages.
enum NetworkViews {
    static func statusTag(_ chrome: PageChrome, _ status: FacilityStatus) -> Node {
        let cls: String
        switch status {
        case .operating: cls = "tag"
        case .planned, .underConstruction: cls = "tag muted-tag"
        case .suspended, .closed: cls = "tag off"
        }
        return el("span", ["class": cls]) { chrome.t(status.messageKey) }
    }

    static func checkbox(_ name: String, label: String, checked: Bool, disabled: Bool = false) -> Node {
        el("div", ["class": "field check"]) {
            el("label", ["for": "f-" + name]) {
                el("input", ["id": "f-" + name, "type": "checkbox", "name": name, "value": "1", "checked": checked ? "" : nil, "disabled": disabled ? "" : nil])
                " " + label
            }
        }
    }

    static func textarea(_ chrome: PageChrome, _ form: FormState, name: String, label: String, hint: String? = nil) -> Node {
        let error = form.errors[name]
        return el("div", ["class": error == nil ? "field" : "field invalid"]) {
            el("label", ["for": "f-" + name]) { label }
            el("textarea", ["id": "f-" + name, "name": name, "rows": "3"]) { form[name] }
            if let hint { el("small", ["class": "hint"]) { hint } }
            if let error { el("p", ["class": "error"]) { chrome.t(error) } }
        }
    }

    /// A number field that opens the numeric keypad on phones.
    static func number(_ chrome: PageChrome, _ form: FormState, name: String, label: String, decimal: Bool = false, required: Bool = false) -> Node {
        let error = form.errors[name]
        return el("div", ["class": error == nil ? "field" : "field invalid"]) {
            el("label", ["for": "f-" + name]) { label }
            el("input", ["id": "f-" + name, "name": name, "type": "text", "inputmode": decimal ? "decimal" : "numeric",
                         "pattern": decimal ? "[0-9]*([.][0-9]{0,2})?" : "[0-9]*", "value": form[name], "required": required ? "" : nil,
                         "autocomplete": "off", "aria-invalid": error == nil ? nil : "true"])
            if let error { el("p", ["class": "error"]) { chrome.t(error) } }
        }
    }

    static func subnav(_ chrome: PageChrome, _ viewer: NetworkViewer, current: String) -> Node {
        guard !viewer.isOperator else { return .raw("") }
        var items: [(String, String)] = [(SiteURL.section(.network).path, "network.overview"), (SiteURL.networkFacilities.path, "network.facilities"),
                                         (SiteURL.networkMap.path, "network.map"), (SiteURL.networkReporting.path, "network.reporting"),
                                         (SiteURL.networkServices.path, "network.services")]
        if viewer.canManage { items.append((SiteURL.networkImport.path, "network.import")) }
        return el("nav", ["class": "subnav", "aria-label": chrome.t("network.title")]) {
            for (href, key) in items {
                el("a", ["href": href, "aria-current": href == current ? "page" : nil]) { chrome.t(key) }
            }
        }
    }

    static func serviceNames(_ codes: [String], catalogue: [(code: String, zh: String, en: String, custom: Bool)], language: Language) -> String {
        codes.map { code in catalogue.first { $0.code == code }.map { language == .zh ? $0.zh : $0.en } ?? code }.joined(separator: "、")
    }

    static func issues(_ chrome: PageChrome, _ list: [ImportIssue]) -> Node {
        el("ul", ["class": "error"]) { for i in list.prefix(200) { el("li") { i.text(chrome.context.language) } } }
    }
}
