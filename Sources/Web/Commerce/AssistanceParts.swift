import Commerce
import CommerceCore
import Programme
import Vapor
import XiangcunKit

/// The assistance page's lower parts: the help-action form, paired-county products and publicity.
enum AssistanceParts {
    static func actionForm(_ chrome: PageChrome, _ m: AssistancePage.Model) -> Node {
        CommerceViews.form(chrome, action: SiteURL.commerce(.helpActions).path, title: chrome.t("assistance.action.new"), m.forms["action"] ?? FormState(), fields: [
            .init(name: "household", label: chrome.t("assistance.whom"),
                  options: [("", chrome.t("assistance.noHousehold"))] + m.households.map { ($0.id?.uuidString ?? "", $0.headName) }),
            .init(name: "paired", label: chrome.t("assistance.forPaired"), type: "checkbox"),
            .init(name: "kind", label: chrome.t("commerce.kind"), options: CommerceViews.options(chrome, HelpKind.self) { $0.messageKey }),
            .init(name: "day", label: chrome.t("training.field.day"), type: "date", required: true),
            .init(name: "product", label: chrome.t("assistance.product")),
            .init(name: "quantity", label: chrome.t("assistance.quantity"), type: "number"),
            .init(name: "unit", label: chrome.t("assistance.unit"), hint: chrome.t("assistance.unit.hint")),
            .init(name: "unitPriceYuan", label: chrome.t("assistance.unitPrice"), hint: chrome.t("commerce.yuan.hint")),
            .init(name: "premiumYuan", label: chrome.t("assistance.premiumPerUnit"), hint: chrome.t("assistance.premium.hint")),
            .init(name: "jobs", label: chrome.t("assistance.jobs"), type: "number"),
            .init(name: "note", label: chrome.t("training.field.note")),
        ])
    }

    static func products(_ chrome: PageChrome, _ m: AssistancePage.Model) -> Node {
        el("section") {
            el("h2") { chrome.t("assistance.products") }
            CommerceViews.table(chrome, headers: ["assistance.product", "live.platform", "training.field.day"]) {
                for p in m.products { el("tr") { el("td") { p.product }; el("td") { p.platform }; el("td") { p.listedOn } } }
            }
            if m.viewer.canManage {
                CommerceViews.form(chrome, action: SiteURL.commerce(.pairedProducts).path, title: chrome.t("assistance.product.new"), m.forms["product"] ?? FormState(), fields: [
                    .init(name: "product", label: chrome.t("assistance.product"), required: true),
                    .init(name: "platform", label: chrome.t("live.platform"), required: true),
                    .init(name: "day", label: chrome.t("assistance.listedOn"), type: "date", required: true),
                ])
            }
        }
    }

    static func publicity(_ chrome: PageChrome, _ m: AssistancePage.Model) -> Node {
        el("section") {
            el("h2") { chrome.t("publicity.title") }
            CommerceViews.table(chrome, headers: ["training.field.day", "commerce.kind", "training.field.title", "publicity.reach", "training.evidence"]) {
                for p in m.publicity {
                    el("tr") {
                        el("td") { p.happenedOn }; el("td") { chrome.t(PublicityKind(rawValue: p.kind)?.messageKey ?? p.kind) }
                        el("td") { p.title }; el("td") { p.reach > 0 ? "\(p.reach)" : "—" }
                        el("td") {
                            CommerceViews.evidence(chrome, m.evidence[p.id ?? UUID()] ?? [],
                                                   upload: m.viewer.canManage ? p.id.map { SiteURL.commerce(.publicityEvidence($0)).path } : nil)
                        }
                    }
                }
            }
            if m.viewer.canManage {
                CommerceViews.form(chrome, action: SiteURL.commerce(.publicity).path, title: chrome.t("publicity.new"), m.forms["publicity"] ?? FormState(), fields: [
                    .init(name: "kind", label: chrome.t("commerce.kind"), options: CommerceViews.options(chrome, PublicityKind.self) { $0.messageKey }),
                    .init(name: "title", label: chrome.t("training.field.title"), required: true),
                    .init(name: "day", label: chrome.t("training.field.day"), type: "date", required: true),
                    .init(name: "reach", label: chrome.t("publicity.reach"), type: "number"),
                ])
            }
        }
    }
}
