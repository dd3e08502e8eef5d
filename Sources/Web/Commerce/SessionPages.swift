import Commerce
import CommerceCore
import Programme
import Vapor
import XiangcunKit

/// 新增培训场次 — the session form (contractors fill it in on a phone).
enum SessionFormPage {
    struct Model: Sendable {
        var viewer: CommerceViewer
        var form: FormState
    }

    static let fieldNames = ["kind", "title", "day", "place", "trainer", "contractor", "hours", "materials", "paired"]

    static func load(_ req: Request, form: FormState? = nil) throws -> Model {
        let viewer = try req.commerceViewer()
        try viewer.requireRecordTraining()
        return Model(viewer: viewer, form: form ?? FormState(values: ["kind": "basic", "day": Day.today().iso, "hours": "3"]))
    }

    static func fields(_ chrome: PageChrome) -> [CommerceViews.FieldSpec] {
        [.init(name: "kind", label: chrome.t("training.field.kind"), options: CommerceViews.options(chrome, TrainingKind.self) { $0.messageKey }),
         .init(name: "title", label: chrome.t("training.field.title"), required: true),
         .init(name: "day", label: chrome.t("training.field.day"), type: "date", required: true),
         .init(name: "place", label: chrome.t("training.field.place"), required: true),
         .init(name: "trainer", label: chrome.t("training.field.trainer"), required: true),
         .init(name: "contractor", label: chrome.t("training.field.contractor")),
         .init(name: "hours", label: chrome.t("training.field.hours"), required: true, hint: chrome.t("training.hours.hint")),
         .init(name: "materials", label: chrome.t("training.field.materials")),
         .init(name: "paired", label: chrome.t("training.field.pairedLong"), type: "checkbox")]
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("training.session.new")) {
            CommerceViews.subnav(chrome, .training, current: SiteURL.commerce(.sessionNew).path)
            CommerceViews.form(chrome, action: SiteURL.commerce(.sessionNew).path, title: chrome.t("training.session.new"), m.form, fields: fields(chrome))
        }
    }
}

/// 培训场次 — one session: its facts, photos and materials, who signed in (ID numbers masked),
/// the one-person form for the phone and the sign-in sheet upload.
enum SessionPage {
    struct Model: Sendable {
        var viewer: CommerceViewer
        var session: TrainingSession
        var attendees: [Trainee]
        var evidence: [EvidenceRecord]
        var townshipNames: [String: String]
        var form: FormState
        var importIssues: [String]
        var message: String?
    }

    static let attendeeFields = ["name", "idNumber", "phone", "township", "village", "groups"]

    static func load(_ req: Request, form: FormState = FormState(), importIssues: [String] = [], message: String? = nil) async throws -> Model {
        let viewer = try req.commerceViewer()
        guard let id = req.parameters.get("id", as: UUID.self), let s = try await TrainingQueries.session(id, county: viewer.county, on: req.db) else {
            throw Abort(.notFound)
        }
        return Model(viewer: viewer, session: s, attendees: try await TrainingQueries.attendees(of: id, on: req.db),
                     evidence: try await Evidence.list(owner: id, on: req.db), townshipNames: try await CommerceTargets.townshipNames(viewer.county, req.db),
                     form: form, importIssues: importIssues, message: message)
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        let s = m.session, id = s.id ?? UUID()
        return Layout.page(chrome, title: s.title) {
            CommerceViews.subnav(chrome, .training, current: "")
            if let message = m.message { el("p", ["class": "flash", "role": "status"]) { message } }
            el("dl", ["class": "facts"]) {
                for (key, value) in [("training.field.kind", chrome.t(TrainingKind(rawValue: s.kind)?.messageKey ?? s.kind)), ("training.field.day", s.heldOn),
                                     ("training.field.place", s.place), ("training.field.trainer", s.trainer), ("training.field.contractor", s.contractorName),
                                     ("training.field.hours", "\(s.hours)"), ("training.personTimes", "\(m.attendees.count)"),
                                     ("training.field.materials", s.materials)] {
                    el("div") { el("dt") { chrome.t(key) }; el("dd") { value.isEmpty ? "—" : value } }
                }
            }
            if s.sample { el("p") { CommerceViews.sampleTag(chrome, true) } }
            // The contractor's main task on a phone comes first: signing people in.
            if m.viewer.canRecordTraining {
                CommerceViews.form(chrome, action: SiteURL.commerce(.sessionAttendees(id)).path, title: chrome.t("training.attendee.add"), m.form,
                                   fields: attendeeFields(chrome), submit: "training.attendee.sign")
                importForm(chrome, m, id)
            }
            evidence(chrome, m, id)
            el("h2") { chrome.t("training.attendance") + " (\(m.attendees.count))" }
            CommerceViews.table(chrome, headers: ["training.field.name", "training.field.idNumber", "training.field.phone", "training.field.township", "training.field.groups"]) {
                for p in m.attendees {
                    el("tr") {
                        el("td") { el("a", ["href": SiteURL.commerce(.trainee(p.id ?? UUID())).path]) { p.name } }
                        el("td") { m.viewer.idNumber(p.idNumber) }
                        el("td") { m.viewer.phone(p.phone) }
                        el("td") { p.townshipCode.flatMap { m.townshipNames[$0] } ?? "—" }
                        el("td") { AttendeeGroup.decode(p.groups).map { chrome.t($0.messageKey) }.joined(separator: "、") }
                    }
                }
            }
        }
    }

    static func attendeeFields(_ chrome: PageChrome) -> [CommerceViews.FieldSpec] {
        [.init(name: "name", label: chrome.t("training.field.name"), required: true),
         .init(name: "idNumber", label: chrome.t("training.field.idNumber"), required: true, hint: chrome.t("training.idNumber.hint")),
         .init(name: "phone", label: chrome.t("training.field.phone"), type: "tel"),
         .init(name: "township", label: chrome.t("training.field.township"), hint: chrome.t("training.township.hint")),
         .init(name: "village", label: chrome.t("training.field.village")),
         .init(name: "groups", label: chrome.t("training.field.groups"), hint: chrome.t("training.groups.hint"))]
    }

    static func importForm(_ chrome: PageChrome, _ m: Model, _ id: UUID) -> Node {
        Forms.uploadForm(chrome, action: SiteURL.commerce(.sessionImport(id)).path) {
            el("h2") { chrome.t("training.import") }
            if !m.importIssues.isEmpty {
                el("div", ["class": "error-summary", "role": "alert", "tabindex": "-1"]) {
                    el("p") { chrome.t("training.import.refused") }
                    el("ul") { for issue in m.importIssues.prefix(200) { el("li") { issue } } }
                }
            }
            Forms.file(chrome, FormState(), label: chrome.t("training.import.file"), accept: ".xlsx,.csv",
                       hint: chrome.t("training.import.hint"))
            el("button", ["type": "submit", "class": "btn"]) { chrome.t("training.import") }
            " "
            el("a", ["href": SiteURL.commerce(.signInTemplate).path]) { chrome.t("training.template") }
        }
    }

    static func evidence(_ chrome: PageChrome, _ m: Model, _ id: UUID) -> Node {
        el("section", ["class": "panel"]) {
            el("h2") { chrome.t("training.evidence") }
            if m.evidence.isEmpty { el("p", ["class": "muted"]) { chrome.t("common.none") } }
            el("ul") { for e in m.evidence { el("li") { el("a", ["href": SiteURL.evidence(e.id ?? id).path]) { e.filename } } } }
            if m.viewer.canRecordTraining {
                Forms.uploadForm(chrome, action: SiteURL.commerce(.sessionEvidence(id)).path, class: nil) {
                    Forms.file(chrome, FormState(), label: chrome.t("training.evidence.file"), accept: Evidence.contentTypes.joined(separator: ","),
                               capture: "environment", id: "f-evidence")
                    el("button", ["type": "submit", "class": "btn secondary"]) { chrome.t("training.evidence.upload") }
                }
            }
        }
    }
}
