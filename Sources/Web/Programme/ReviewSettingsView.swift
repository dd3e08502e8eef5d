import Programme
import XiangcunKit

/// The county's separation-of-duties setting, shown to those who approve.
enum ReviewSettingsView {
    static func panel(_ chrome: PageChrome, _ setting: ReviewSettingRecord?, form: FormState) -> Node {
        let allowed = setting?.selfReviewAllowed == true
        return el("section", ["class": "panel"]) {
            el("h2") { chrome.t("review.settings") }
            el("p", ["class": "muted"]) { chrome.t("review.settings.text") }
            el("p") { allowed ? chrome.t("review.settings.current.on", setting?.reason ?? "") : chrome.t("review.settings.current.off") }
            el("form", ["method": "post", "action": SiteURL.reviewSettings.path]) {
                Layout.csrfField(chrome.context)
                Forms.errorSummary(chrome, form, fields: [("reason", chrome.t("review.settings.reason"))])
                el("div", ["class": "field"]) {
                    el("label") { el("input", ["type": "checkbox", "name": "allowed", "value": "on", "checked": allowed ? "" : nil]); " " + chrome.t("review.settings.allow") }
                }
                Forms.field(chrome, FormState(values: ["reason": form["reason"].isEmpty ? (setting?.reason ?? "") : form["reason"]], errors: form.errors),
                            name: "reason", label: chrome.t("review.settings.reason"))
                el("button", ["type": "submit", "class": "btn secondary"]) { chrome.t("common.save") }
            }
        }
    }
}
