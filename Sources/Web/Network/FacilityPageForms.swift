import Foundation
import NetworkCore
import ServiceNetwork
import XiangcunKit

/// The small forms on a station's page: change of status and operators (administrators),
/// photo upload (administrators and the station's operator). A rejected value comes back as a
/// message at the top of the station page.
enum FacilityPageForms {
    static func status(_ chrome: PageChrome, _ m: FacilityPage.Model) -> Node {
        el("form", ["method": "post", "action": SiteURL.networkFacilityStatus(m.id).path, "class": "panel filters"]) {
            Layout.csrfField(chrome.context)
            Forms.select(chrome, FormState(values: ["status": m.facility.status]), name: "status", label: chrome.t("network.field.status"),
                         options: FacilityStatus.allCases.map { ($0.rawValue, chrome.t($0.messageKey)) })
            Forms.field(chrome, FormState(values: ["effectiveOn": m.today.iso]), name: "effectiveOn", label: chrome.t("network.field.effectiveOn"), type: "date")
            Forms.field(chrome, FormState(), name: "note", label: chrome.t("network.field.note"))
            el("button", ["type": "submit", "class": "btn"]) { chrome.t("network.status.change") }
        }
    }

    /// Evidence photos; on a phone the file field opens the camera.
    static func photoUpload(_ chrome: PageChrome, _ m: FacilityPage.Model) -> Node {
        Forms.uploadForm(chrome, action: SiteURL.networkFacilityPhotos(m.id).path) {
            Forms.file(chrome, FormState(), name: "photo", label: chrome.t("network.photo.upload"), accept: "image/jpeg,image/png,image/webp",
                       capture: "environment", hint: chrome.t("network.photo.hint"))
            Forms.field(chrome, FormState(), name: "caption", label: chrome.t("network.field.caption"))
            el("button", ["type": "submit", "class": "btn"]) { chrome.t("network.photo.upload") }
        }
    }

    /// The operators' accounts linked to the station, each with its unlink button, and the link form.
    static func operators(_ chrome: PageChrome, _ m: FacilityPage.Model) -> [Node] {
        var nodes = [el("h2") { chrome.t("network.field.operators") }]
        if m.operators.isEmpty { nodes.append(el("p") { chrome.t("common.none") }) }
        for user in m.operators {
            nodes.append(el("form", ["method": "post", "action": SiteURL.networkFacilityOperatorUnlink(m.id, user: user.id ?? UUID()).path, "class": "inline"]) {
                Layout.csrfField(chrome.context)
                "\(user.displayName)（\(user.username)） "
                el("button", ["type": "submit", "class": "btn secondary", "data-confirm": chrome.t("network.operator.unlink") + "?"]) { chrome.t("network.operator.unlink") }
            })
        }
        nodes.append(el("form", ["method": "post", "action": SiteURL.networkFacilityOperators(m.id).path, "class": "panel filters"]) {
            Layout.csrfField(chrome.context)
            Forms.field(chrome, FormState(), name: "username", label: chrome.t("network.operator.username"), autocomplete: "off")
            el("button", ["type": "submit", "class": "btn secondary"]) { chrome.t("network.operator.link") }
        })
        return nodes
    }
}
