import Commerce
import CommerceCore
import Programme
import Vapor
import XiangcunKit

/// 参训人员 — one trained person: sessions attended, follow-ups (conversions) and the leader mark.
/// The ID number is masked; a role that may see it asks for it with a button, and that view is
/// written to the audit trail before the number is shown.
enum TraineePage {
    struct Model: Sendable {
        var viewer: CommerceViewer
        var trainee: Trainee
        var sessions: [TrainingSession]
        var conversions: [Conversion]
        var evidence: [UUID: [EvidenceRecord]]
        /// The whole ID number, only on the answer to an (audited) reveal.
        var revealed: String?
        var form: FormState
    }

    static func load(_ req: Request, revealed: String? = nil, form: FormState? = nil) async throws -> Model {
        let viewer = try req.commerceViewer()
        let t = try await find(req, viewer)
        let id = try t.requireID()
        let conversions = try await TrainingQueries.conversions(of: id, on: req.db)
        let evidence = Dictionary(grouping: try await Evidence.list(owners: conversions.compactMap(\.id), on: req.db), by: \.ownerID)
        return Model(viewer: viewer, trainee: t, sessions: try await TrainingQueries.sessions(of: id, on: req.db),
                     conversions: conversions, evidence: evidence, revealed: revealed,
                     form: form ?? FormState(values: ["kind": "openedShop", "day": Day.today().iso]))
    }

    static func find(_ req: Request, _ viewer: CommerceViewer) async throws -> Trainee {
        guard let id = req.parameters.get("id", as: UUID.self), let t = try await TrainingQueries.trainee(id, county: viewer.county, on: req.db) else {
            throw Abort(.notFound)
        }
        return t
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        let t = m.trainee, id = t.id ?? UUID()
        return Layout.page(chrome, title: t.name) {
            CommerceViews.subnav(chrome, .training, current: "")
            el("dl", ["class": "facts"]) {
                el("div") { el("dt") { chrome.t("training.field.idNumber") }; el("dd") { m.revealed ?? t.maskedIDNumber } }
                el("div") { el("dt") { chrome.t("training.field.phone") }; el("dd") { m.viewer.phone(t.phone) } }
                el("div") { el("dt") { chrome.t("training.field.village") }; el("dd") { t.village.isEmpty ? "—" : t.village } }
                el("div") { el("dt") { chrome.t("training.field.groups") }; el("dd") { AttendeeGroup.decode(t.groups).map { chrome.t($0.messageKey) }.joined(separator: "、") } }
                el("div") { el("dt") { chrome.t("training.leader") }; el("dd") { t.leaderSince ?? "—" } }
            }
            if m.viewer.canUnmask && m.revealed == nil {
                el("form", ["method": "post", "action": SiteURL.commerce(.traineeReveal(id)).path, "class": "inline"]) {
                    Layout.csrfField(chrome.context)
                    el("button", ["type": "submit", "class": "btn secondary"]) { chrome.t("training.reveal") }
                    " "; el("small", ["class": "hint"]) { chrome.t("training.reveal.hint") }
                }
            }
            el("h2") { chrome.t("training.sessions") }
            el("ul") { for s in m.sessions { el("li") { el("a", ["href": SiteURL.commerce(.session(s.id ?? id)).path]) { s.heldOn + " " + s.title } } } }
            el("h2") { chrome.t("training.conversions") }
            CommerceViews.table(chrome, headers: ["training.field.day", "training.field.conversion", "training.field.note", "training.evidence"]) {
                for c in m.conversions {
                    el("tr") {
                        el("td") { c.happenedOn }; el("td") { chrome.t(ConversionKind(rawValue: c.kind)?.messageKey ?? c.kind) }; el("td") { c.note }
                        el("td") { CommerceViews.evidence(chrome, m.evidence[c.id ?? id] ?? [],
                                                          upload: m.viewer.canRecordTraining ? c.id.map { SiteURL.commerce(.conversionEvidence($0)).path } : nil) }
                    }
                }
            }
            if m.viewer.canRecordTraining {
                CommerceViews.form(chrome, action: SiteURL.commerce(.traineeConversions(id)).path, title: chrome.t("training.conversion.add"), m.form, fields: [
                    .init(name: "kind", label: chrome.t("training.field.conversion"), options: CommerceViews.options(chrome, ConversionKind.self) { $0.messageKey }),
                    .init(name: "day", label: chrome.t("training.field.day"), type: "date", required: true),
                    .init(name: "note", label: chrome.t("training.field.note")),
                ])
            }
            if m.viewer.canManage {
                CommerceViews.form(chrome, action: SiteURL.commerce(.traineeLeader(id)).path, title: chrome.t("training.leader"),
                                   FormState(values: ["leaderSince": t.leaderSince ?? ""]), fields: [
                    .init(name: "leaderSince", label: chrome.t("training.leaderSince"), type: "date", hint: chrome.t("training.leader.hint")),
                ])
            }
        }
    }
}
