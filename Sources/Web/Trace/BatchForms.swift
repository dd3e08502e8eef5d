import Fluent
import Trace
import TraceCore
import Vapor
import XiangcunKit

/// The forms on a batch page, each shown to the roles that may use it. A refused form is
/// shown again with its errors (`failedForm`); the others start empty.
enum BatchForms {
    static func all(_ chrome: PageChrome, _ m: BatchPage.Model) -> Node {
        let id = m.batch.id ?? UUID(), v = m.viewer
        func state(_ name: String) -> FormState { m.failedForm == name ? m.form : FormState(values: m.form.values) }
        return el("div", ["class": "forms"]) {
            if v.canRecord {
                fold(chrome.t("trace.record.new"), open: m.failedForm == "records", el("form", ["method": "post", "action": SiteURL.trace(.batchRecords(id)).path, "id": "records"]) {
                    Layout.csrfField(chrome.context)
                    Forms.errorSummary(chrome, state("records"))
                    Forms.select(chrome, state("records"), name: "kind", label: chrome.t("trace.record.kind"), options: TraceViews.options(chrome, BatchService.recordKinds, prefix: "trace.step.record."))
                    Forms.field(chrome, state("records"), name: "day", label: chrome.t("trace.day"), type: "date", required: true)
                    Forms.field(chrome, state("records"), name: "input", label: chrome.t("trace.record.input"))
                    Forms.field(chrome, state("records"), name: "intervalDays", label: chrome.t("trace.record.intervalDays"), type: "number", hint: chrome.t("trace.record.intervalHint"))
                    Forms.field(chrome, state("records"), name: "note", label: chrome.t("trace.note"))
                    el("button", ["type": "submit", "class": "btn"]) { chrome.t("common.save") }
                })
            }
            if v.canInspect {
                fold(chrome.t("trace.inspection.new"), open: m.failedForm == "inspections", el("form", ["method": "post", "action": SiteURL.trace(.batchInspections(id)).path, "id": "inspections"]) {
                    Layout.csrfField(chrome.context)
                    Forms.errorSummary(chrome, state("inspections"))
                    Forms.field(chrome, state("inspections"), name: "day", label: chrome.t("trace.day"), type: "date", required: true)
                    Forms.field(chrome, state("inspections"), name: "item", label: chrome.t("trace.inspection.item"), required: true)
                    Forms.select(chrome, state("inspections"), name: "passed", label: chrome.t("trace.inspection.result"),
                                 options: [("yes", chrome.t("trace.inspection.pass")), ("no", chrome.t("trace.inspection.fail"))])
                    Forms.field(chrome, state("inspections"), name: "note", label: chrome.t("trace.note"))
                    el("button", ["type": "submit", "class": "btn"]) { chrome.t("common.save") }
                })
            }
            if v.canRecord, m.batch.recalledAt == nil { flowForms(chrome, m, id, state) }
            if v.canManage, m.batch.recalledAt == nil {
                fold(chrome.t("trace.recall"), open: m.failedForm == "recall", el("form", ["method": "post", "action": SiteURL.trace(.batchRecall(id)).path, "id": "recall"]) {
                    Layout.csrfField(chrome.context)
                    Forms.errorSummary(chrome, state("recall"))
                    Forms.field(chrome, state("recall"), name: "reason", label: chrome.t("trace.recall.reason"), required: true)
                    el("button", ["type": "submit", "class": "btn danger", "data-confirm": chrome.t("trace.recall") + "?"]) { chrome.t("trace.recall") }
                })
            }
        }
    }

    /// A form folded under its title, open when it was just refused.
    static func fold(_ title: String, open: Bool, _ form: Node) -> Node {
        el("details", ["class": "panel", "open": open ? "" : nil]) { el("summary") { title }; form }
    }

    static func flowForms(_ chrome: PageChrome, _ m: BatchPage.Model, _ id: UUID, _ state: (String) -> FormState) -> Node {
        el("div") {
            fold(chrome.t("trace.move.new"), open: m.failedForm == "moves", el("form", ["method": "post", "action": SiteURL.trace(.batchMoves(id)).path, "id": "moves"]) {
                Layout.csrfField(chrome.context)
                Forms.errorSummary(chrome, state("moves"))
                Forms.select(chrome, state("moves"), name: "direction", label: chrome.t("trace.move.direction"),
                             options: [("shipping", chrome.t("trace.step.shipping")), ("receiving", chrome.t("trace.step.receiving"))])
                Forms.field(chrome, state("moves"), name: "quantity", label: chrome.t("trace.quantity"), required: true)
                Forms.select(chrome, state("moves"), name: "facility", label: chrome.t("trace.move.station"),
                             options: [("", chrome.t("trace.move.noStation"))] + m.stations.map { ($0.0.uuidString, $0.1) })
                Forms.field(chrome, state("moves"), name: "party", label: chrome.t("trace.move.party"))
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("common.save") }
            })
            fold(chrome.t("trace.pack.new"), open: m.failedForm == "pack", el("form", ["method": "post", "action": SiteURL.trace(.batchPack(id)).path, "id": "pack"]) {
                Layout.csrfField(chrome.context)
                Forms.errorSummary(chrome, state("pack"))
                Forms.select(chrome, state("pack"), name: "container", label: chrome.t("trace.pack.container"),
                             options: [("case", chrome.t("trace.pack.intoCase")), ("parcel", chrome.t("trace.pack.intoParcel"))])
                Forms.field(chrome, state("pack"), name: "caseCode", label: chrome.t("trace.pack.case"), required: true, hint: chrome.t("trace.code.hint"))
                Forms.field(chrome, state("pack"), name: "quantity", label: chrome.t("trace.quantity"), required: true)
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("common.save") }
            })
            fold(chrome.t("trace.transform.new"), open: m.failedForm == "transform",
                 BatchesPage.form(chrome, m.choices, state("transform"), action: SiteURL.trace(.batchTransform(id)).path, title: nil) {
                     el("p", ["class": "hint"]) { chrome.t("trace.transform.hint") }
                     Forms.field(chrome, state("transform"), name: "inputQuantity", label: chrome.t("trace.transform.inputQuantity"), required: true)
                 })
        }
    }
}
