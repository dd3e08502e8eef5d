import Composition
import Accounts
import Fluent
import Programme
import ProgrammeCore
import Vapor
import XiangcunKit

/// The fund plan against disbursements, the disbursement list and its approval.
struct ProgrammeFundsController {
    func register(_ routes: any RoutesBuilder) {
        routes.get(.programmeFunds, use: index)
        routes.post(.disbursements, limit: "12mb", use: create)
        routes.post(.disbursementReview(Placeholder.id), use: review)
    }

    @Sendable func index(_ req: Request) async throws -> Response {
        try await render(req, form: FormState(values: ["date": Day.today().iso, "category": ""]), status: .ok)
    }

    func render(_ req: Request, form: FormState, status: HTTPResponseStatus) async throws -> Response {
        let user = try req.requireUser()
        let view = try await ProgrammeView.load(req)
        let id = try view.record.requireID()
        let rows = try await FundRowRecord.query(on: req.db).filter(\.$programmeID == id).sort(\.$sortOrder).all()
        let contractors = try await ContractorRecord.query(on: req.db).filter(\.$programmeID == id).all()
        let names = Dictionary(contractors.compactMap { c in c.id.map { ($0, c.name) } }, uniquingKeysWith: { a, _ in a })
        let disbursements = try await DisbursementRecord.query(on: req.db).filter(\.$programmeID == id).sort(\.$date, .descending).all()
        let evidence = try await EvidenceRecord.query(on: req.db).filter(\.$ownerID ~~ disbursements.compactMap(\.id)).all()
        let chrome = try await req.chrome()
        let rowLabel = { (rowID: UUID) -> String in
            guard let r = rows.first(where: { $0.id == rowID }) else { return "" }
            return (names[r.contractorID] ?? "") + " · " + r.content
        }
        return .html(Layout.page(chrome, title: chrome.t("programme.funds")) {
            ProgrammeViews.subnav(chrome)
            el("p") {
                chrome.t("programme.central.allocated") + " " + view.funds.allocated.wanYuanText + " · "
                + chrome.t("programme.central.contracted") + " " + view.funds.contracted.wanYuanText + " · "
                + chrome.t("programme.central.disbursed") + " " + view.funds.totalDisbursed.wanYuanText + " " + chrome.t("programme.unit")
            }
            el("h2") { chrome.t("funds.table") }
            FundTableView.table(chrome, view.funds)
            if user.userRole.can(.editProgramme) {
                el("h2") { chrome.t("disbursement.new") }
                newForm(chrome, req.context, form: form, rows: rows, names: names)
            }
            el("h2") { chrome.t("disbursement.list") }
            el("div", ["class": "table-wrap"]) { el("table") {
                el("thead") { el("tr") {
                    for key in ["disbursement.date", "disbursement.row", "disbursement.amount", "disbursement.tranche", "disbursement.basis", "disbursement.status", "common.actions"] {
                        el("th") { chrome.t(key) }
                    }
                } }
                el("tbody") {
                    for d in disbursements {
                        el("tr") {
                            el("td") { d.date }
                            el("td") { rowLabel(d.fundRowID) }
                            el("td", ["class": "num"]) { Money(fen: d.amountFen).yuanText }
                            el("td") { d.tranche }
                            el("td") {
                                d.basis
                                for e in evidence where e.ownerID == d.id {
                                    el("br"); el("a", ["href": SiteURL.evidence(e.id ?? id).path]) { e.filename }
                                }
                            }
                            el("td") {
                                ProgrammeViews.tag(chrome.t("disbursement.\(d.status)"), off: d.status == DisbursementStatus.rejected.rawValue)
                                if !d.reviewComment.isEmpty { el("br"); el("small") { d.reviewComment } }
                            }
                            el("td") {
                                if d.status == DisbursementStatus.pending.rawValue && user.userRole.can(.approveDisbursements), let did = d.id {
                                    el("form", ["method": "post", "action": SiteURL.disbursementReview(did).path]) {
                                        Layout.csrfField(req.context)
                                        el("input", ["type": "text", "name": "comment", "placeholder": chrome.t("disbursement.comment"), "aria-label": chrome.t("disbursement.comment")])
                                        el("button", ["type": "submit", "name": "decision", "value": "approve", "class": "btn"]) { chrome.t("disbursement.approve") }
                                        el("button", ["type": "submit", "name": "decision", "value": "reject", "class": "btn secondary"]) { chrome.t("disbursement.reject") }
                                    }
                                }
                            }
                        }
                    }
                }
            } }
        }, status: status)
    }

    func newForm(_ chrome: PageChrome, _ context: RequestContext, form: FormState, rows: [FundRowRecord], names: [UUID: String]) -> Node {
        el("form", ["method": "post", "action": SiteURL.disbursements.path, "class": "panel", "enctype": "multipart/form-data"]) {
            Layout.csrfField(context)
            Forms.errorSummary(chrome, form)
            Forms.select(chrome, form, name: "fundRowID", label: chrome.t("disbursement.row"),
                         options: rows.compactMap { r in r.id.map { ($0.uuidString, (names[r.contractorID] ?? "") + " · " + r.content + " (" + Money(fen: r.plannedFen).wanYuanText + ")") } })
            Forms.field(chrome, form, name: "date", label: chrome.t("disbursement.date"), type: "date", required: true)
            Forms.field(chrome, form, name: "amountYuan", label: chrome.t("disbursement.amount"), required: true, hint: "1500000.00")
            Forms.field(chrome, form, name: "tranche", label: chrome.t("disbursement.tranche"), required: true)
            Forms.field(chrome, form, name: "basis", label: chrome.t("disbursement.basis"))
            Forms.select(chrome, form, name: "category", label: chrome.t("funds.category"),
                         options: [("", "—")] + SpendingCategory.allCases.map { ($0.rawValue, chrome.t("category.\($0.rawValue)")) })
            el("div", ["class": form.errors["file"] == nil ? "field" : "field invalid"]) {
                el("label", ["for": "f-file"]) { chrome.t("disbursement.evidence") }
                el("input", ["id": "f-file", "type": "file", "name": "file", "accept": "image/jpeg,image/png,application/pdf"])
                if let error = form.errors["file"] { el("p", ["class": "error"]) { chrome.t(error) } }
            }
            el("button", ["type": "submit", "class": "btn"]) { chrome.t("disbursement.new") }
        }
    }

    struct Input: Content {
        var fundRowID: String?; var date: String?; var amountYuan: String?; var tranche: String?; var basis: String?; var category: String?
        var file: File?
    }

    @Sendable func create(_ req: Request) async throws -> Response {
        _ = try req.require(.editProgramme)
        let programme = try await req.programme()
        let input = try req.content.decode(Input.self)
        var form = FormState(values: ["fundRowID": input.fundRowID ?? "", "date": input.date ?? "", "amountYuan": input.amountYuan ?? "",
                                      "tranche": input.tranche ?? "", "basis": input.basis ?? "", "category": input.category ?? ""])
        // A category left empty takes the fund-plan row's own category.
        var category = input.category ?? ""
        guard let rowID = UUID(uuidString: input.fundRowID ?? "") else {
            form.errors["fundRowID"] = "error.required"
            return try await render(req, form: form, status: .unprocessableEntity)
        }
        if category.isEmpty, let row = try await FundRowRecord.find(rowID, on: req.db) { category = row.category }
        // The evidence file is checked before anything is written.
        let upload = input.file.flatMap { $0.data.readableBytes > 0 ? $0 : nil }
        if let upload {
            let data = Data(buffer: upload.data)
            if data.count > Evidence.maxBytes { form.errors["file"] = "error.file.tooLarge" }
            else if Evidence.sniff(data) == nil { form.errors["file"] = "error.file.type" }
            if !form.errors.isEmpty { return try await render(req, form: form, status: .unprocessableEntity) }
        }
        do {
            let record = try await Disbursements.create(NewDisbursement(fundRowID: rowID, date: input.date ?? "", amountYuan: input.amountYuan ?? "",
                                                               tranche: input.tranche ?? "", basis: input.basis ?? "", category: category),
                                               programme: programme, actor: req.actor, on: req.db)
            if let upload {
                _ = try await Evidence.store(Data(buffer: upload.data), filename: upload.filename, kind: .disbursement, ownerID: try record.requireID(),
                                             county: programme.countyCode, isPublic: false, dataDir: req.application.settings.dataDir,
                                             actor: req.actor, on: req.db)
            }
        } catch let failure as ValidationFailure {
            form.errors = failure.fields
            return try await render(req, form: form, status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.programmeFunds.path + "?flash=common.saved")
    }

    struct Review: Content { var decision: String?; var comment: String? }

    @Sendable func review(_ req: Request) async throws -> Response {
        _ = try req.require(.approveDisbursements)
        let programme = try await req.programme()
        guard let d = try await Disbursements.find(try req.uuid("id"), programme: programme, on: req.db) else { throw Abort(.notFound) }
        let input = try req.content.decode(Review.self)
        do {
            try await Disbursements.review(d, approve: input.decision == "approve", comment: input.comment ?? "", actor: req.actor, on: req.db)
        } catch let failure as ValidationFailure {
            return req.redirect(to: SiteURL.programmeFunds.path + "?flash=" + ReviewFlash.key(for: failure))
        }
        return req.redirect(to: SiteURL.programmeFunds.path + "?flash=common.saved")
    }
}

/// The 中央财政资金拨付情况表 as HTML, the contractor cell spanning its rows as in the report.
enum FundTableView {
    static func table(_ chrome: PageChrome, _ funds: FundTable) -> Node {
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
}
