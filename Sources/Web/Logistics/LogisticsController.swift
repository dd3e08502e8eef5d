import Audit
import Accounts
import Divisions
import Logistics
import LogisticsCore
import NetworkCore
import Programme
import Vapor
import XiangcunKit

struct TrackingThrottleKey: StorageKey { typealias Value = LoginThrottle }

/// Routes of logistics: pages in this folder, forms to the `Logistics` services.
struct LogisticsController {
    func register(_ app: Application, signedIn n: any RoutesBuilder) {
        // 30 public lookups per address in 10 minutes: enough for a family, too few to guess.
        app.storage[TrackingThrottleKey.self] = LoginThrottle(scope: "tracking", perPair: 30, perAccount: Int.max, perAddress: 30, window: 600)
        app.routes.get(.logistics(.script)) { _ in OpsController.asset(LogisticsAssets.scanJS, type: "text/javascript; charset=utf-8") }
        app.routes.get(.logistics(.tracking(":county")), use: tracking)
        n.get(.section(.logistics), use: home)
        n.get(.logistics(.scan)) { req in try await Self.page(req, ScanPage.view) { try ScanPage.load(req, $0) } }
        n.post(.logistics(.scan), use: scan)
        n.get(.logistics(.parcels)) { req in try await Self.page(req, ParcelListPage.view) { try await ParcelListPage.load(req, $0) } }
        n.get(.logistics(.parcel(Placeholder.id))) { req in try await Self.page(req, ParcelPage.view) { try await ParcelPage.load(req, $0) } }
        n.get(.logistics(.parcelPhoto(Placeholder.id)), use: photo)
        n.get(.logistics(.exceptions)) { req in try await Self.page(req, ExceptionsPage.view) { try await ExceptionsPage.load(req, $0) } }
        n.post(.logistics(.exceptionResolve(Placeholder.id)), use: resolve)
        n.get(.logistics(.station)) { req in try await Self.page(req, StationDeskPage.view) { try await StationDeskPage.load(req, $0) } }
        n.post(.logistics(.stationPickUp), use: pickUp)
        n.post(.logistics(.stationCollect), use: collect)
        n.get(.logistics(.carriers)) { req in try await Self.page(req, CarriersPage.view) { try await CarriersPage.load(req, $0) } }
        n.post(.logistics(.carriers)) { req in try await saveCarrier(req, id: nil) }
        n.post(.logistics(.carrier(Placeholder.id))) { req in try await saveCarrier(req, id: req.parameters.get("id", as: UUID.self)) }
        n.post(.logistics(.settings), use: saveSettings)
        n.get(.logistics(.manifest)) { req in try await Self.page(req, ManifestPage.view) { try ManifestPage.load(req, $0) } }
        n.post(.logistics(.manifest), limit: "20mb", use: uploadManifest)
        n.get(.logistics(.stats)) { req in try await Self.page(req, StatsPage.view) { try await StatsPage.load(req, $0) } }
        for format in ["xlsx", "csv"] { n.get(.logistics(.statsExport(format))) { req in try await export(req, format: format) } }
    }

    static func render<Model>(_ req: Request, _ view: (PageChrome, Model) -> String, _ model: Model, status: HTTPResponseStatus = .ok) async throws -> Response {
        .html(view(try await req.chrome(), model), status: status)
    }

    static func page<Model>(_ req: Request, _ view: (PageChrome, Model) -> String, load: (LogisticsViewer) async throws -> Model) async throws -> Response {
        try await render(req, view, try await load(try await req.logisticsViewer()))
    }

    static func field(_ req: Request, _ name: String) -> String { (try? req.content.get(String.self, at: name)) ?? "" }

    /// Operators work at their station; everyone else sees the centre's day.
    @Sendable func home(_ req: Request) async throws -> Response {
        let viewer = try await req.logisticsViewer()
        if viewer.isOperator { return req.redirect(to: SiteURL.logistics(.station).path) }
        return try await Self.render(req, LogisticsHomePage.view, try await LogisticsHomePage.load(req, viewer))
    }

    /// One scan from the scan page: the result shows at the top, the form stays on the step.
    @Sendable func scan(_ req: Request) async throws -> Response {
        let viewer = try await req.logisticsViewer()
        let kind = Self.field(req, "kind"), waybill = Self.field(req, "waybill"), note = Self.field(req, "note")
        guard viewer.scanKinds.contains(kind) else { throw Abort(.forbidden) }
        let form = FormState(values: ["kind": kind, "note": note])
        let result = try await ScanRecorder.record([ScanInput(waybill: waybill, kind: kind, note: note)], county: viewer.county, actor: req.actor,
                                                   station: viewer.isOperator ? (viewer.ownStation ?? UUID()) : nil, on: req.db).first
        let chrome = try await req.chrome()
        let message: String
        switch result?.outcome {
        case .created: message = chrome.t("logistics.scan.ok", chrome.t("logistics.scan.\(kind)"))
        case .duplicate: message = chrome.t("logistics.scan.again")
        default: message = (result?.errors ?? [:]).sorted { $0.key < $1.key }.map { chrome.t($0.value) }.joined(separator: "；")
        }
        let ok = result?.outcome != .rejected
        let last = ScanPage.Outcome(waybill: result?.waybill ?? waybill, ok: ok, message: message, pickupCode: result?.pickupCode)
        return .html(ScanPage.view(chrome, try ScanPage.load(req, viewer, form: form, last: last)), status: ok ? .ok : .unprocessableEntity)
    }

    @Sendable func resolve(_ req: Request) async throws -> Response {
        let viewer = try await req.logisticsViewer()
        try viewer.requireHandle()
        let parcel = try await req.visibleParcel(viewer)
        let station = Self.field(req, "station"), alias = Self.field(req, "alias")
        do {
            try await StationDesk.resolve(parcel, station: UUID(uuidString: station) ?? UUID(), alias: alias, county: viewer.county, actor: req.actor, on: req.db)
            return req.redirect(to: SiteURL.logistics(.exceptions).path + "?flash=common.saved")
        } catch let f as ValidationFailure {
            let model = try await ExceptionsPage.load(req, viewer, form: FormState(values: ["station": station, "alias": alias], errors: f.fields), failed: parcel.id)
            return try await Self.render(req, ExceptionsPage.view, model, status: .unprocessableEntity)
        }
    }

    struct PickUpForm: Content { var code: String?; var note: String?; var photo: File? }

    /// Pick-up by code, with an optional photo as proof: the photo is checked before anything is
    /// written, and the scan and the photo's record commit together.
    @Sendable func pickUp(_ req: Request) async throws -> Response {
        let viewer = try await req.logisticsViewer()
        guard viewer.isOperator, let station = viewer.ownStation else { throw Abort(.forbidden) }
        let form = try req.content.decode(PickUpForm.self)
        let code = form.code ?? "", note = form.note ?? ""
        let photo = form.photo.flatMap { $0.data.readableBytes > 0 ? (Data(buffer: $0.data), $0.filename) : nil }
        do {
            if let (data, _) = photo, Evidence.refusal(data) != nil || Evidence.sniff(data) == "application/pdf" {
                throw ValidationFailure(["photo": data.count > Evidence.maxBytes ? "error.file.tooLarge" : "logistics.error.photo"])
            }
            let p = try await req.db.writeTransaction { tx in
                let p = try await StationDesk.pickUp(code: code, station: station, county: viewer.county, actor: req.actor, note: note, on: tx)
                if let (data, filename) = photo {
                    _ = try await Evidence.store(data, filename: filename, kind: .pickup, ownerID: try p.requireID(), county: viewer.county.value,
                                                 isPublic: false, dataDir: req.application.settings.dataDir, actor: req.actor, on: tx)
                }
                return p
            }
            return try await Self.render(req, StationDeskPage.view, try await StationDeskPage.load(req, viewer, handedOver: p))
        } catch let f as ValidationFailure {
            let model = try await StationDeskPage.load(req, viewer, pickUp: FormState(values: ["code": code, "note": note], errors: f.fields))
            return try await Self.render(req, StationDeskPage.view, model, status: .unprocessableEntity)
        }
    }

    /// An outbound farm-product parcel taken in at the operator's station (揽收).
    @Sendable func collect(_ req: Request) async throws -> Response {
        let viewer = try await req.logisticsViewer()
        guard viewer.isOperator, let station = viewer.ownStation else { throw Abort(.forbidden) }
        let values = ["waybill", "carrier", "producer", "product", "weightKg"].reduce(into: [String: String]()) { $0[$1] = Self.field(req, $1) }
        var failure = ValidationFailure()
        let grams = Decimal(string: values["weightKg"] ?? "").map { NSDecimalNumber(decimal: $0 * 1000).intValue }
        if grams == nil { failure.add("weightKg", "logistics.error.weight") }
        if failure.isEmpty {
            let input = ParcelInput(waybill: values["waybill"] ?? "", carrier: values["carrier"] ?? "", direction: Direction.outbound.rawValue,
                                    weightGrams: grams, producer: values["producer"], product: values["product"])
            let setup = try await req.application.intakeSetupCache.setup(county: viewer.county, on: req.db)
            let r = try await ParcelIngest.ingest([input], county: viewer.county, actor: req.actor, station: station, setup: setup, on: req.db).first
            if let errors = r?.errors { failure = ValidationFailure(errors) }
            else if r?.outcome == .duplicate { failure.add("waybill", "error.taken") }
            else { return try await Self.render(req, StationDeskPage.view, try await StationDeskPage.load(req, viewer, collected: r?.waybill)) }
        }
        let model = try await StationDeskPage.load(req, viewer, collect: FormState(values: values, errors: failure.fields))
        return try await Self.render(req, StationDeskPage.view, model, status: .unprocessableEntity)
    }

    /// The pick-up photo, to staff who may see the parcel (never on public tracking).
    @Sendable func photo(_ req: Request) async throws -> Response {
        let parcel = try await req.visibleParcel(try await req.logisticsViewer())
        guard let record = try await ParcelPage.pickUpPhoto(of: parcel, on: req.db) else { throw Abort(.notFound) }
        return try ProgrammeController.send(record, req)
    }
}
