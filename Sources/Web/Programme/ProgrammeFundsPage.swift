import Accounts
import Programme
import ProgrammeCore
import Fluent
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
        /// Who is looking: their own records wait for a colleague (separation of duties).
        var viewerName: String
        var selfReview: ReviewSettingRecord?
        var settingsForm: FormState = FormState()
    }

    /// `form` is a refused disbursement shown again as typed; by default an empty one dated today.
    static func load(_ req: Request, form: FormState? = nil, settingsForm: FormState = FormState()) async throws -> Model {
        let user = try req.requireUser()
        let data = try await ProgrammeData.load(req)
        let disbursements = data.rows.disbursements.sorted { $0.date > $1.date }
        return Model(programme: data, disbursements: disbursements,
                     evidence: try await Evidence.list(owners: disbursements.compactMap(\.id), on: req.db),
                     form: form ?? FormState(values: ["date": Day.today().iso, "category": ""]),
                     mayRecord: user.userRole.can(.editProgramme), mayApprove: user.userRole.can(.approveDisbursements),
                     viewerName: user.username,
                     selfReview: try await ReviewSettingRecord.query(on: req.db).filter(\.$countyCode == data.record.countyCode).first(),
                     settingsForm: settingsForm)
    }

    /// The rows' plan and what each can still take (pending and approved payments count).
    static func remaining(_ m: Model, _ row: FundRowRecord) -> Money {
        let committed = m.disbursements.filter { $0.fundRowID == row.id && $0.status != DisbursementStatus.rejected.rawValue }
            .reduce(Int64(0)) { $0 + $1.amountFen }
        return Money(fen: max(0, row.plannedFen - committed))
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
                    for key in ["disbursement.date", "disbursement.row", "disbursement.amount.wan", "disbursement.tranche", "disbursement.basis", "disbursement.status", "common.actions"] {
                        el("th") { chrome.t(key) }
                    }
                } }
                el("tbody") { for d in m.disbursements { row(chrome, m, d) } }
            } }
            if m.mayApprove { ReviewSettingsView.panel(chrome, m.selfReview, form: m.settingsForm) }
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
            el("td", ["class": "num"]) { Money(fen: d.amountFen).wanYuanText }
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
                if d.status == DisbursementStatus.pending.rawValue && m.mayApprove, let id = d.id {
                    if d.createdBy == m.viewerName && m.selfReview?.selfReviewAllowed != true {
                        el("small", ["class": "muted"]) { chrome.t("disbursement.selfNote") }
                    } else {
                        reviewForm(chrome, id)
                    }
                }
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
            Forms.errorSummary(chrome, m.form, fields: [("fundRowID", chrome.t("disbursement.row")), ("date", chrome.t("disbursement.date")),
                                                        ("amountWanYuan", chrome.t("disbursement.amount.wan")), ("tranche", chrome.t("disbursement.tranche")),
                                                        ("category", chrome.t("funds.category")), ("file", chrome.t("disbursement.evidence"))])
            Forms.select(chrome, m.form, name: "fundRowID", label: chrome.t("disbursement.row"),
                         options: rows.fundRows.compactMap { r in
                             r.id.map { ($0.uuidString, rowLabel(rows, r) + "（" + chrome.t("funds.row.remaining", Money(fen: r.plannedFen).wanYuanText, remaining(m, r).wanYuanText) + "）") }
                         })
            Forms.field(chrome, m.form, name: "date", label: chrome.t("disbursement.date"), type: "date", required: true)
            // Amounts are entered in 万元 like the fund table above; the script echoes the 元.
            Forms.field(chrome, m.form, name: "amountWanYuan", label: chrome.t("disbursement.amount.wan"), required: true,
                        hint: chrome.t("disbursement.amount.hint"))
            Forms.field(chrome, m.form, name: "tranche", label: chrome.t("disbursement.tranche"), required: true)
            Forms.field(chrome, m.form, name: "basis", label: chrome.t("disbursement.basis"))
            Forms.select(chrome, m.form, name: "category", label: chrome.t("funds.category"),
                         options: [("", "—")] + SpendingCategory.allCases.map { ($0.rawValue, chrome.t("category.\($0.rawValue)")) })
            Forms.file(chrome, m.form, label: chrome.t("disbursement.evidence"), accept: Evidence.contentTypes.joined(separator: ","), required: false)
            el("button", ["type": "submit", "class": "btn"]) { chrome.t("disbursement.new") }
        }
    }
}
