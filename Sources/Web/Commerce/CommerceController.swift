import Commerce
import CommerceCore
import Programme
import Vapor
import XiangcunKit

/// Routes of 直播电商 (with villages, park and commerce centres) and 帮扶台账: pages in this
/// folder, forms to `CommerceService`. County administrators write; the other readers read.
struct CommerceController {
    func register(_ r: any RoutesBuilder) {
        r.get(.section(.live)) { req in try await TrainingController.render(req, LiveOverviewPage.view, try await LiveOverviewPage.load(req)) }
        r.post(.commerce(.liveBases), use: designateBase)
        r.get(.commerce(.liveEvents)) { req in try await TrainingController.render(req, LiveEventsPage.view, try await LiveEventsPage.load(req)) }
        r.post(.commerce(.liveEvents), use: addEvent)
        r.get(.commerce(.liveAnchors)) { req in try await TrainingController.render(req, AnchorsPage.view, try await AnchorsPage.load(req)) }
        r.post(.commerce(.liveAnchors), use: addAnchor)
        r.post(.commerce(.anchorFollowers(Placeholder.id)), use: recordFollowers)
        r.get(.commerce(.places)) { req in try await TrainingController.render(req, PlacesPage.view, try await PlacesPage.load(req)) }
        r.post(.commerce(.villages), use: addVillage)
        r.post(.commerce(.villageStatus(Placeholder.id)), use: changeVillageStatus)
        r.post(.commerce(.villageEvidence(Placeholder.id)), limit: "11mb", use: villageEvidence)
        r.post(.commerce(.parkEnterprises), use: addParkEnterprise)
        r.get(.section(.poverty)) { req in try await TrainingController.render(req, AssistancePage.view, try await AssistancePage.load(req)) }
        r.post(.commerce(.households)) { req in try await Self.assistance(req, "household", AssistancePage.householdFields) { f, v in
            var i = HouseholdInput(); i.headName = f["headName"]; i.idNumber = f["idNumber"]; i.village = f["village"]
            _ = try await CommerceService.addHousehold(i, county: v.county, actor: req.actor, on: req.db)
        } }
        r.post(.commerce(.helpActions)) { req in try await Self.assistance(req, "action", AssistancePage.actionFields) { f, v in
            var i = HelpActionInput(); i.household = f["household"]; i.paired = f["paired"] == "on"; i.kind = f["kind"]; i.day = f["day"]
            i.product = f["product"]; i.quantity = f["quantity"]; i.unit = f["unit"]; i.unitPriceYuan = f["unitPriceYuan"]
            i.premiumYuan = f["premiumYuan"]; i.jobs = f["jobs"]; i.note = f["note"]
            _ = try await CommerceService.addHelpAction(i, county: v.county, actor: req.actor, on: req.db)
        } }
        r.post(.commerce(.pairedProducts)) { req in try await Self.assistance(req, "product", AssistancePage.productFields) { f, v in
            var i = PairedProductInput(); i.product = f["product"]; i.platform = f["platform"]; i.day = f["day"]
            _ = try await CommerceService.addPairedProduct(i, county: v.county, actor: req.actor, on: req.db)
        } }
        r.post(.commerce(.publicity)) { req in try await Self.assistance(req, "publicity", AssistancePage.publicityFields) { f, v in
            var i = PublicityInput(); i.kind = f["kind"]; i.title = f["title"]; i.day = f["day"]; i.reach = f["reach"]
            _ = try await CommerceService.addPublicity(i, county: v.county, actor: req.actor, on: req.db)
        } }
        r.post(.commerce(.publicityEvidence(Placeholder.id)), limit: "11mb", use: publicityEvidence)
    }

    /// A county administrator's form: saved → back to `page` with a flash; refused → the page again with the errors (422).
    static func submit(_ req: Request, _ names: [String], page: String, save: (FormState, CommerceViewer) async throws -> Void,
                       refused: (FormState) async throws -> Response) async throws -> Response {
        let viewer = try req.commerceViewer()
        try viewer.requireManage()
        let form = CommerceViews.posted(req, names)
        do {
            try await save(form, viewer)
            return req.redirect(to: page + "?flash=common.saved")
        } catch let failure as ValidationFailure {
            var again = form
            again.errors = failure.fields
            let response = try await refused(again)
            response.status = .unprocessableEntity
            return response
        }
    }

    static func assistance(_ req: Request, _ form: String, _ names: [String], save: (FormState, CommerceViewer) async throws -> Void) async throws -> Response {
        try await submit(req, names, page: SiteURL.section(.poverty).path, save: save) { f in
            try await TrainingController.render(req, AssistancePage.view, try await AssistancePage.load(req, refused: (form, f)))
        }
    }

    @Sendable func designateBase(_ req: Request) async throws -> Response {
        try await Self.submit(req, ["room", "day"], page: SiteURL.section(.live).path, save: { f, v in
            _ = try await CommerceService.designateLiveBase(room: f["room"], day: f["day"], county: v.county, actor: req.actor, on: req.db)
        }, refused: { f in try await TrainingController.render(req, LiveOverviewPage.view, try await LiveOverviewPage.load(req, form: f)) })
    }

    @Sendable func addEvent(_ req: Request) async throws -> Response {
        try await Self.submit(req, LiveEventsPage.fieldNames, page: SiteURL.commerce(.liveEvents).path, save: { f, v in
            var i = LiveEventInput()
            i.room = f["room"]; i.anchor = f["anchor"]; i.day = f["day"]; i.title = f["title"]; i.products = f["products"]
            i.minutes = f["minutes"]; i.viewers = f["viewers"]; i.orders = f["orders"]; i.gmvYuan = f["gmvYuan"]
            _ = try await CommerceService.addLiveEvent(i, county: v.county, actor: req.actor, on: req.db)
        }, refused: { f in try await TrainingController.render(req, LiveEventsPage.view, try await LiveEventsPage.load(req, form: f)) })
    }

    @Sendable func addAnchor(_ req: Request) async throws -> Response {
        try await Self.submit(req, AnchorsPage.fieldNames, page: SiteURL.commerce(.liveAnchors).path, save: { f, v in
            var i = AnchorInput()
            i.name = f["name"]; i.platform = f["platform"]; i.account = f["account"]; i.followers = f["followers"]; i.day = f["day"]
            _ = try await CommerceService.addAnchor(i, county: v.county, actor: req.actor, on: req.db)
        }, refused: { f in try await TrainingController.render(req, AnchorsPage.view, try await AnchorsPage.load(req, form: f)) })
    }

    @Sendable func recordFollowers(_ req: Request) async throws -> Response {
        try await Self.submit(req, ["followers", "day"], page: SiteURL.commerce(.liveAnchors).path, save: { f, v in
            guard let id = req.parameters.get("id", as: UUID.self), let a = try await CommerceQueries.anchor(id, county: v.county, on: req.db) else {
                throw Abort(.notFound)
            }
            try await CommerceService.recordFollowers(a, followers: f["followers"], day: f["day"], actor: req.actor, on: req.db)
        }, refused: { f in try await TrainingController.render(req, AnchorsPage.view, try await AnchorsPage.load(req, form: f)) })
    }

    @Sendable func addVillage(_ req: Request) async throws -> Response {
        try await Self.submit(req, PlacesPage.villageFields, page: SiteURL.commerce(.places).path, save: { f, v in
            var i = VillageInput()
            i.divisionCode = f["divisionCode"]; i.kind = f["kind"]; i.onlineSalesYuan = f["onlineSalesYuan"]; i.activeShops = f["activeShops"]
            i.householdSharePercent = f["householdSharePercent"]; i.status = f["status"]; i.statusSince = f["statusSince"]
            _ = try await CommerceService.addVillage(i, county: v.county, actor: req.actor, on: req.db)
        }, refused: { f in try await TrainingController.render(req, PlacesPage.view, try await PlacesPage.load(req, villageForm: f)) })
    }

    @Sendable func changeVillageStatus(_ req: Request) async throws -> Response {
        try await Self.submit(req, ["status", "statusSince"], page: SiteURL.commerce(.places).path, save: { f, v in
            guard let id = req.parameters.get("id", as: UUID.self), let village = try await CommerceQueries.village(id, county: v.county, on: req.db) else {
                throw Abort(.notFound)
            }
            try await CommerceService.changeVillageStatus(village, to: f["status"], on: f["statusSince"], actor: req.actor, on: req.db)
        }, refused: { f in try await TrainingController.render(req, PlacesPage.view, try await PlacesPage.load(req, villageForm: f)) })
    }

    @Sendable func addParkEnterprise(_ req: Request) async throws -> Response {
        try await Self.submit(req, PlacesPage.parkFields, page: SiteURL.commerce(.places).path, save: { f, v in
            var i = ParkEnterpriseInput()
            i.name = f["name"]; i.creditCode = f["creditCode"]; i.year = f["year"]; i.onlineSalesYuan = f["onlineSalesYuan"]
            _ = try await CommerceService.addParkEnterprise(i, county: v.county, actor: req.actor, on: req.db)
        }, refused: { f in try await TrainingController.render(req, PlacesPage.view, try await PlacesPage.load(req, parkForm: f)) })
    }

    @Sendable func publicityEvidence(_ req: Request) async throws -> Response {
        let viewer = try req.commerceViewer()
        try viewer.requireManage()
        guard let id = req.parameters.get("id", as: UUID.self), try await CommerceQueries.publicityItem(id, county: viewer.county, on: req.db) != nil else {
            throw Abort(.notFound)
        }
        if let refusal = try await TrainingController.storeEvidence(req, viewer, owner: id) { throw Abort(.unprocessableEntity, reason: "file: " + refusal) }
        return req.redirect(to: SiteURL.section(.poverty).path + "?flash=common.saved")
    }

    @Sendable func villageEvidence(_ req: Request) async throws -> Response {
        let viewer = try req.commerceViewer()
        try viewer.requireManage()
        guard let id = req.parameters.get("id", as: UUID.self), try await CommerceQueries.village(id, county: viewer.county, on: req.db) != nil else {
            throw Abort(.notFound)
        }
        if let refusal = try await TrainingController.storeEvidence(req, viewer, owner: id) { throw Abort(.unprocessableEntity, reason: "file: " + refusal) }
        return req.redirect(to: SiteURL.commerce(.places).path + "?flash=common.saved")
    }
}
