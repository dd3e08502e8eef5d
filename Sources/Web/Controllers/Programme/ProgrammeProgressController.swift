import Accounts
import Fluent
import Programme
import ProgrammeCore
import Vapor
import XiangcunKit

/// Progress reports: contractors submit, auditors and the county verify or return.
struct ProgrammeProgressController {
    func register(_ routes: any RoutesBuilder) {
        routes.get(.programmeProgress, use: index)
        routes.post(.targetProgress(Placeholder.id), limit: "12mb", use: submit)
        routes.post(.progressReview(Placeholder.id), use: review)
        routes.get(.evidence(Placeholder.id), use: evidence)
    }

    @Sendable func index(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let programme = try await req.programme()
        let status = req.query[String.self, at: "status"].flatMap(ProgressStatus.init(rawValue:))
        let q = ProgressRecord.query(on: req.db).filter(\.$programmeID == (try programme.requireID()))
        if let status { q.filter(\.$status == status.rawValue) }
        let records = try await q.sort(\.$createdAt, .descending).limit(500).all()
        let targets = try await TargetRecord.query(on: req.db).filter(\.$programmeID == (try programme.requireID())).all()
        let byCode = Dictionary(targets.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let evidence = try await EvidenceRecord.query(on: req.db).filter(\.$ownerID ~~ records.compactMap(\.id)).all()
        let chrome = try await req.chrome()
        let canReview = user.userRole.can(.verifyProgress)
        return .html(Layout.page(chrome, title: chrome.t("programme.progress")) {
            el("form", ["method": "get", "action": SiteURL.programmeProgress.path, "class": "filters"]) {
                Forms.select(chrome, FormState(values: ["status": status?.rawValue ?? ""]), name: "status", label: chrome.t("common.status"),
                             options: [("", chrome.t("common.all"))] + ProgressStatus.allCases.map { ($0.rawValue, chrome.t("progress.\($0.rawValue)")) })
                el("button", ["type": "submit", "class": "btn secondary"]) { chrome.t("common.filter") }
            }
            if records.isEmpty { el("p", ["class": "muted"]) { chrome.t("common.none") } }
            for r in records {
                ProgrammeViews.progressCard(chrome, r, target: byCode[r.targetCode], evidence: evidence.filter { $0.ownerID == r.id },
                                            reviewForm: canReview && r.status == ProgressStatus.submitted.rawValue ? req.context : nil)
            }
        })
    }

    struct Submission: Content { var asOf: String?; var actual: String?; var narrative: String?; var file: File?; var evidencePublic: String? }

    @Sendable func submit(_ req: Request) async throws -> Response {
        let programme = try await req.programme()
        let contractors = try await req.reportingContractors(programme)
        let targetID = try req.uuid("id")
        let input = try req.content.decode(Submission.self)
        // Check the evidence file before anything is written, so a bad file leaves no half report.
        let upload = input.file.flatMap { $0.data.readableBytes > 0 ? $0 : nil }
        if let upload {
            let data = Data(buffer: upload.data)
            if data.count > Evidence.maxBytes { throw ValidationFailure(["file": "error.file.tooLarge"]) }
            if Evidence.sniff(data) == nil { throw ValidationFailure(["file": "error.file.type"]) }
        }
        let record: ProgressRecord
        do {
            record = try await ProgressReports.submit(
                NewProgress(targetID: targetID, asOf: input.asOf ?? "", actual: input.actual ?? "", narrative: input.narrative ?? ""),
                programme: programme, contractorNames: contractors, actor: req.actor, on: req.db)
        } catch ProgrammeError.notFound { throw Abort(.notFound) } catch ProgrammeError.forbidden { throw Abort(.forbidden) }
        if let file = upload {
            _ = try await Evidence.store(Data(buffer: file.data), filename: file.filename, kind: .progress, ownerID: try record.requireID(),
                                         county: programme.countyCode, isPublic: input.evidencePublic == "on",
                                         dataDir: req.application.settings.dataDir, actor: req.actor, on: req.db)
        }
        guard let target = try await TargetRecord.find(targetID, on: req.db),
              let task = try await TaskRecord.query(on: req.db).filter(\.$programmeID == (try programme.requireID())).filter(\.$code == target.taskCode).first()
        else { return req.redirect(to: SiteURL.programmeProgress.path) }
        return req.redirect(to: SiteURL.programmeTask(try task.requireID()).path + "?flash=common.saved")
    }

    struct Review: Content { var decision: String?; var comment: String? }

    @Sendable func review(_ req: Request) async throws -> Response {
        _ = try req.require(.verifyProgress)
        let programme = try await req.programme()
        guard let record = try await ProgressReports.find(try req.uuid("id"), programme: programme, on: req.db) else { throw Abort(.notFound) }
        let input = try req.content.decode(Review.self)
        do {
            try await ProgressReports.review(record, verify: input.decision == "verify", comment: input.comment ?? "", actor: req.actor, on: req.db)
        } catch let failure as ValidationFailure {
            return req.redirect(to: SiteURL.programmeProgress.path + "?flash=" + ReviewFlash.key(for: failure))
        }
        return req.redirect(to: SiteURL.programmeProgress.path + "?flash=common.saved")
    }

    /// Evidence downloads are scoped like everything else: another county's file is not found.
    @Sendable func evidence(_ req: Request) async throws -> Response {
        _ = try req.requireUser()
        let county = try req.requireCounty()
        guard let record = try await EvidenceRecord.find(try req.uuid("id"), on: req.db), record.countyCode == county.value else { throw Abort(.notFound) }
        return try await Self.send(record, req)
    }

    static func send(_ record: EvidenceRecord, _ req: Request) async throws -> Response {
        let path = Evidence.path(of: record, dataDir: req.application.settings.dataDir)
        guard let data = FileManager.default.contents(atPath: path) else { throw Abort(.notFound) }
        let response = Downloads.file(data, type: record.contentType, filename: record.filename)
        response.headers.replaceOrAdd(name: .contentDisposition, value: Downloads.disposition(record.filename).replacingOccurrences(of: "attachment", with: "inline"))
        return response
    }
}

/// A refused review goes back to its list with a message saying why, rather than an error page.
enum ReviewFlash {
    static func key(for failure: ValidationFailure) -> String {
        if failure.fields["status"] == "error.notPending" { return "flash.review.notPending" }
        if failure.fields["comment"] != nil { return "flash.review.commentRequired" }
        return "flash.invalid"
    }
}
