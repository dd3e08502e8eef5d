import Accounts
import Programme
import ProgrammeCore
import Vapor
import XiangcunKit

/// 资金 — the fund plan against disbursements (中央财政资金拨付情况表), the form recording a
/// disbursement with its supporting document, and the list where the county approves them.
enum ProgrammeFundsPage {
    struct Model: Sendable {
        var programme: ProgrammeData
        /// Newest first.
        var disbursements: [DisbursementRecord]
        /// Supporting documents of the disbursements.
        var evidence: [EvidenceRecord]
        var form: FormState
        var mayRecord: Bool
        var mayApprove: Bool
    }

    /// `form` is a refused disbursement shown again as typed; by default an empty one dated today.
    static func load(_ req: Request, form: FormState? = nil) async throws -> Model {
        let user = try req.requireUser()
        let data = try await ProgrammeData.load(req)
        let disbursements = data.rows.disbursements.sorted { $0.date > $1.date }
        return Model(programme: data, disbursements: disbursements,
                     evidence: try await Evidence.list(owners: disbursements.compactMap(\.id), on: req.db),
                     form: form ?? FormState(values: ["date": Day.today().iso, "category": ""]),
                     mayRecord: user.userRole.can(.editProgramme), mayApprove: user.userRole.can(.approveDisbursements))
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        let funds = m.programme.funds
        return Layout.page(chrome, title: chrome.t("programme.funds")) {
            ProgrammeParts.subnav(chrome)
            el("p") {
                chrome.t("programme.central.allocated") + " " + funds.allocated.wanYuanText + " · "
                + chrome.t("programme.central.contracted") + " " + funds.contracted.wanYuanText + " · "
                + chrome.t("programme.central.disbursed") + " " + funds.totalDisbursed.wanYuanText + " " + chrome.t("programme.unit")
            }
            el("h2") { chrome.t("funds.table") }
            ProgrammeParts.fundTable(chrome, funds)
            if m.mayRecord {
                el("h2") { chrome.t("disbursement.new") }
                newForm(chrome, m)
            }
            el("h2") { chrome.t("disbursement.list") }
            el("div", ["class": "table-wrap"]) { el("table") {
                el("thead") { el("tr") {
                    for key in ["disbursement.date", "disbursement.row", "disbursement.amount", "disbursement.tranche", "disbursement.basis", "disbursement.status", "common.actions"] {
                        el("th") { chrome.t(key) }
                    }
                } }
                el("tbody") { for d in m.disbursements { row(chrome, m, d) } }
            } }
        }
    }

    /// "contractor · content" of a fund-plan row.
    static func rowLabel(_ rows: ProgrammeRows, _ row: FundRowRecord) -> String {
        (rows.contractorName(row.contractorID) ?? "") + " · " + row.content
    }

    static func row(_ chrome: PageChrome, _ m: Model, _ d: DisbursementRecord) -> Node {
        el("tr") {
            el("td") { d.date }
            el("td") { m.programme.rows.fundRow(d.fundRowID).map { rowLabel(m.programme.rows, $0) } ?? "" }
            el("td", ["class": "num"]) { Money(fen: d.amountFen).yuanText }
            el("td") { d.tranche }
            el("td") {
                d.basis
                for e in m.evidence where e.ownerID == d.id {
                    el("br"); el("a", ["href": SiteURL.evidence(e.id ?? d.programmeID).path]) { e.filename }
                }
            }
            el("td") {
                ProgrammeParts.tag(chrome.t("disbursement.\(d.status)"), off: d.status == DisbursementStatus.rejected.rawValue)
                if !d.reviewComment.isEmpty { el("br"); el("small") { d.reviewComment } }
            }
            el("td") {
                if d.status == DisbursementStatus.pending.rawValue && m.mayApprove, let id = d.id { reviewForm(chrome, id) }
            }
        }
    }

    static func reviewForm(_ chrome: PageChrome, _ id: UUID) -> Node {
        el("form", ["method": "post", "action": SiteURL.disbursementReview(id).path]) {
            Layout.csrfField(chrome.context)
            el("input", ["type": "text", "name": "comment", "placeholder": chrome.t("disbursement.comment"), "aria-label": chrome.t("disbursement.comment")])
            el("button", ["type": "submit", "name": "decision", "value": "approve", "class": "btn"]) { chrome.t("disbursement.approve") }
            el("button", ["type": "submit", "name": "decision", "value": "reject", "class": "btn secondary"]) { chrome.t("disbursement.reject") }
        }
    }

    static func newForm(_ chrome: PageChrome, _ m: Model) -> Node {
        let rows = m.programme.rows
        return Forms.uploadForm(chrome, action: SiteURL.disbursements.path) {
            Forms.errorSummary(chrome, m.form)
            Forms.select(chrome, m.form, name: "fundRowID", label: chrome.t("disbursement.row"),
                         options: rows.fundRows.compactMap { r in r.id.map { ($0.uuidString, rowLabel(rows, r) + " (" + Money(fen: r.plannedFen).wanYuanText + ")") } })
            Forms.field(chrome, m.form, name: "date", label: chrome.t("disbursement.date"), type: "date", required: true)
            Forms.field(chrome, m.form, name: "amountYuan", label: chrome.t("disbursement.amount"), required: true, hint: "1500000.00")
            Forms.field(chrome, m.form, name: "tranche", label: chrome.t("disbursement.tranche"), required: true)
            Forms.field(chrome, m.form, name: "basis", label: chrome.t("disbursement.basis"))
            Forms.select(chrome, m.form, name: "category", label: chrome.t("funds.category"),
                         options: [("", "—")] + SpendingCategory.allCases.map { ($0.rawValue, chrome.t("category.\($0.rawValue)")) })
            Forms.file(chrome, m.form, label: chrome.t("disbursement.evidence"), accept: Evidence.contentTypes.joined(separator: ","), required: false)
            el("button", ["type": "submit", "class": "btn"]) { chrome.t("disbursement.new") }
        }
    }
}
