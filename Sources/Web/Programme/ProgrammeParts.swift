import Foundation
import Programme
import ProgrammeCore
import XiangcunKit

/// Pieces several programme pages show the same way.
enum ProgrammeParts {
    /// The programme's own menu above each of its pages.
    static func subnav(_ chrome: PageChrome) -> Node {
        el("p", ["class": "filters"]) {
            for (url, key) in [(SiteURL.section(.programme), "programme.overview"), (.programmeTasks, "programme.tasks"), (.programmeFunds, "programme.funds"),
                               (.programmeProgress, "programme.progress"), (.programmeContractors, "programme.contractors"),
                               (.narratives, "programme.narratives")] {
                el("a", ["class": chrome.path == url.path ? "btn" : "btn secondary", "href": url.path]) { chrome.t(key) }
            }
        }
    }

    static func tag(_ text: String, off: Bool = false) -> Node {
        el("span", ["class": off ? "tag off" : "tag"]) { text }
    }

    static func deadlineTag(_ chrome: PageChrome, _ status: DeadlineStatus) -> Node {
        tag(chrome.t("deadline.\(status.rawValue)"), off: status == .overdue)
    }

    static func deadlineList(_ chrome: PageChrome, _ list: [TaskDeadline]) -> Node {
        el("ul", ["class": "panel"]) {
            for d in list { el("li") { "\(d.task.code) \(d.task.name) · " + (d.deadline?.iso ?? "") } }
        }
    }

    /// Each target on its own line: the goal, what was achieved and its rate.
    static func targetList(_ chrome: PageChrome, _ targets: [TargetCompletion]) -> Node {
        el("ul", ["class": "targets"]) {
            for c in targets {
                el("li") {
                    ProgrammeFormat.target(c.target) + "："
                    el("strong") { c.actual.map { ProgrammeFormat.decimal($0) + " " + c.target.unit } ?? "—" }
                    el("span", ["class": "muted"]) { " (" + c.rateText + ")" }
                }
            }
        }
    }

    /// One progress report with its evidence, and the verify/return form when `reviewable`.
    /// One report; `taskLink` (the review queue) leads to the task the target belongs to, and
    /// the target's own value is shown so the reviewer can judge the figure against it.
    static func progressCard(_ chrome: PageChrome, _ r: ProgressRecord, target: TargetRecord?, evidence: [EvidenceRecord], reviewable: Bool,
                             taskLink: String? = nil) -> Node {
        el("div", ["class": "panel"]) {
            el("p") {
                if let taskLink {
                    el("a", ["href": taskLink]) { el("strong") { (target.map { "\($0.code) \($0.metric)" } ?? r.targetCode) } }
                } else {
                    el("strong") { (target.map { "\($0.code) \($0.metric)" } ?? r.targetCode) }
                }
                if let target, taskLink != nil { " · " + chrome.t("progress.targetValue", target.value + " " + target.unit) }
                " · " + chrome.t("progress.asOf") + " " + r.asOf + " · " + chrome.t("progress.actual") + " "
                el("strong") { r.actual + (target.map { " " + $0.unit } ?? "") }
                " "
                tag(chrome.t("progress.\(r.status)"), off: r.status == ProgressStatus.returned.rawValue)
            }
            if !r.narrative.isEmpty { el("p") { r.narrative } }
            el("p", ["class": "muted"]) { chrome.t("progress.by") + "：" + (r.submittedBy ?? "—") + (r.reviewComment.isEmpty ? "" : " · " + chrome.t("progress.comment") + "：" + r.reviewComment) }
            if !evidence.isEmpty {
                el("p") {
                    chrome.t("evidence.files") + "："
                    for e in evidence { el("a", ["href": SiteURL.evidence(e.id ?? r.programmeID).path]) { e.filename }; " " }
                }
            }
            if reviewable, let id = r.id {
                el("form", ["method": "post", "action": SiteURL.progressReview(id).path, "class": "filters"]) {
                    Layout.csrfField(chrome.context)
                    Forms.field(chrome, FormState(), name: "comment", label: chrome.t("progress.comment"))
                    el("button", ["type": "submit", "name": "decision", "value": "verify", "class": "btn"]) { chrome.t("progress.verify") }
                    el("button", ["type": "submit", "name": "decision", "value": "return", "class": "btn secondary"]) { chrome.t("progress.return") }
                }
            }
        }
    }

    /// The 中央财政资金拨付情况表 as HTML, the contractor cell spanning its rows as in the report.
    static func fundTable(_ chrome: PageChrome, _ funds: FundTable) -> Node {
        el("div", ["class": "table-wrap"]) { el("table", ["class": "funds"]) {
            el("thead") { el("tr") {
                for key in ["funds.contractor", "funds.content", "funds.planned", "funds.disbursed", "funds.rate"] { el("th") { chrome.t(key) } }
            } }
            el("tbody") {
                for (index, row) in funds.rows.enumerated() {
                    el("tr") {
                        if let group = funds.groups.first(where: { $0.rows.lowerBound == index }) {
                            el("td", ["rowspan": "\(group.rows.count)"]) { group.contractor }
                        }
                        el("td") { row.content }
                        el("td", ["class": "num"]) { row.planned.wanYuanText }
                        el("td", ["class": "num"]) { row.disbursed.wanYuanText }
                        el("td", ["class": "num"]) { row.rate?.percentText ?? "—" }
                    }
                }
                el("tr", ["class": "total"]) {
                    el("th", ["colspan": "2"]) { chrome.t("funds.total") }
                    el("th", ["class": "num"]) { funds.totalPlanned.wanYuanText }
                    el("th", ["class": "num"]) { funds.totalDisbursed.wanYuanText }
                    el("th", ["class": "num"]) { funds.totalRate?.percentText ?? "—" }
                }
            }
        } }
    }

    /// A figure in 万元, labelled with the unit: "下达中央财政资金（万元）".
    static func moneyFigure(_ chrome: PageChrome, _ label: String, _ money: Money) -> Node {
        Cards.figure(money.wanYuanText, label: label + "（" + chrome.t("programme.unit") + "）")
    }
}

/// Formatting of programme values for pages.
enum ProgrammeFormat {
    /// At most four decimals for display; stored values stay exact.
    static func decimal(_ value: Decimal) -> String {
        var exact = value, rounded = Decimal()
        NSDecimalRound(&rounded, &exact, 4, .plain)
        return NSDecimalNumber(decimal: rounded).stringValue
    }

    static func target(_ t: TargetPlan) -> String {
        "\(t.metric) \(t.comparator.symbol) \(decimal(t.value)) \(t.unit)"
    }
}
