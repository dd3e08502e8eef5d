import Audit
import Commerce
import CommerceCore
import FluentKit
import Foundation
import TestDatabases
import Testing
import Vapor
import XiangcunKit
@testable import Web

extension MatrixWorld {
    /// Kinds of the people-and-commerce records routes name by `:id`.
    static let commerceKinds: [(String, String)] = [
        ("/training/sessions/", "session"), ("/training/people/", "trainee"), ("/training/conversions/", "conversion"),
        ("/live/anchors/", "anchor"), ("/live/places/villages/", "village"), ("/poverty/publicity/", "publicity"),
    ]

    /// A session with one person and a conversion, an anchor, a village and a publicity item on
    /// each side (the own county's from the demo ledgers, the other county's made here).
    mutating func addCommerce(_ app: Application) async throws {
        let db = app.db
        let own = try #require(try await TrainingSession.query(on: db).filter(\.$countyCode == Self.ownCounty).first())
        let ownPerson = try #require(try await TrainingQueries.attendees(of: try own.requireID(), on: db).first)
        let ownConversion = try #require(try await Conversion.query(on: db).filter(\.$countyCode == Self.ownCounty).first())
        let ownAnchor = try #require(try await Anchor.query(on: db).filter(\.$countyCode == Self.ownCounty).first())
        let ownVillage = try #require(try await CommerceVillage.query(on: db).filter(\.$countyCode == Self.ownCounty).first())
        let ownPublicity = try #require(try await PublicityItem.query(on: db).filter(\.$countyCode == Self.ownCounty).first())
        values[.own]?.merge(["session": try own.requireID().uuidString, "trainee": try ownPerson.requireID().uuidString,
                             "conversion": try ownConversion.requireID().uuidString, "anchor": try ownAnchor.requireID().uuidString,
                             "village": try ownVillage.requireID().uuidString, "publicity": try ownPublicity.requireID().uuidString]) { _, new in new }
        let county = try DivisionCode(Self.otherCounty), actor = AuditActor.cli("matrix")
        var s = SessionInput()
        s.kind = "basic"; s.title = "松阳培训"; s.day = "2024-01-01"; s.place = "西屏"; s.trainer = "李老师"; s.hours = "2"
        let session = try await TrainingService.createSession(s, county: county, actor: actor, on: db)
        let body = "33112519900101001"
        let person = try await TrainingService.addAttendee(AttendeeInput(name: "松阳学员", idNumber: body + String(Identifiers.idNumberCheck(body) ?? "0")),
                                                           to: session, actor: actor, on: db)
        let conversion = try await TrainingService.addConversion(to: person, kind: "openedShop", day: "2024-02-01", note: "", actor: actor, on: db)
        var a = AnchorInput()
        a.name = "松阳主播"; a.platform = "抖音"; a.account = "songyang"; a.followers = "100"; a.day = "2024-01-01"
        let anchor = try await CommerceService.addAnchor(a, county: county, actor: actor, on: db)
        var v = VillageInput()
        v.divisionCode = "331124100000"; v.kind = "specialisedTown"; v.statusSince = "2024-01-01"
        let village = try await CommerceService.addVillage(v, county: county, actor: actor, on: db)
        var p = PublicityInput()
        p.title = "松阳宣传"; p.day = "2024-01-01"
        let publicity = try await CommerceService.addPublicity(p, county: county, actor: actor, on: db)
        values[.other]?.merge(["session": try session.requireID().uuidString, "trainee": try person.requireID().uuidString,
                               "conversion": try conversion.requireID().uuidString, "anchor": try anchor.requireID().uuidString,
                               "village": try village.requireID().uuidString, "publicity": try publicity.requireID().uuidString]) { _, new in new }
    }
}
