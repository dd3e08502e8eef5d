import Programme
import ProgrammeCore
import XiangcunKit

/// Pieces of the programme pages shared by several of them.
enum ProgrammeViews {
    static func tag(_ text: String, off: Bool = false) -> Node {
        el("span", ["class": off ? "tag off" : "tag"]) { text }
    }

    static func progressStatus(_ chrome: PageChrome, _ status: String) -> Node {
        tag(chrome.t("progress.\(status)"), off: status == ProgressStatus.returned.rawValue)
    }

    /// One progress report with its evidence, and the verify/return form when the viewer may review it.
    static func progressCard(_ chrome: PageChrome, _ r: ProgressRecord, target: TargetRecord?, evidence: [EvidenceRecord],
                             reviewForm context: RequestContext?) -> Node {
        el("div", ["class": "panel"]) {
            el("p") {
                el("strong") { (target.map { "\($0.code) \($0.metric)" } ?? r.targetCode) }
                " · " + chrome.t("progress.asOf") + " " + r.asOf + " · " + chrome.t("progress.actual") + " "
                el("strong") { r.actual + (target.map { " " + $0.unit } ?? "") }
                " "
                progressStatus(chrome, r.status)
            }
            if !r.narrative.isEmpty { el("p") { r.narrative } }
            el("p", ["class": "muted"]) { chrome.t("progress.by") + "：" + (r.submittedBy ?? "—") + (r.reviewComment.isEmpty ? "" : " · " + chrome.t("progress.comment") + "：" + r.reviewComment) }
            if !evidence.isEmpty {
                el("p") {
                    chrome.t("evidence.files") + "："
                    for e in evidence { el("a", ["href": SiteURL.evidence(e.id ?? r.programmeID).path]) { e.filename }; " " }
                }
            }
            if let context, let id = r.id {
                el("form", ["method": "post", "action": SiteURL.progressReview(id).path, "class": "filters"]) {
                    Layout.csrfField(context)
                    Forms.field(chrome, FormState(), name: "comment", label: chrome.t("progress.comment"))
                    el("button", ["type": "submit", "name": "decision", "value": "verify", "class": "btn"]) { chrome.t("progress.verify") }
                    el("button", ["type": "submit", "name": "decision", "value": "return", "class": "btn secondary"]) { chrome.t("progress.return") }
                }
            }
        }
    }

    static func subnav(_ chrome: PageChrome) -> Node {
        el("p", ["class": "filters"]) {
            for (url, key) in [(SiteURL.section(.programme), "programme.overview"), (.programmeTasks, "programme.tasks"), (.programmeFunds, "programme.funds"),
                               (.programmeProgress, "programme.progress"), (.programmeContractors, "programme.contractors"),
                               (.narratives, "programme.narratives")] {
                el("a", ["class": chrome.path == url.path ? "btn" : "btn secondary", "href": url.path]) { chrome.t(key) }
            }
        }
    }
}
