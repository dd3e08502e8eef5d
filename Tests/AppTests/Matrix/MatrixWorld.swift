import Accounts
import Audit
import Composition
import FluentKit
import Foundation
import NetworkCore
import Programme
import ServiceNetwork
import TestDatabases
import Testing
import Vapor
import XiangcunKit
@testable import Web

/// Two counties with one record of every kind the routes take ids of: the demo county 遂昌 (own,
/// where every signed-in principal lives) and 松阳 (other). The authorization matrix fills each
/// route's parameters from here; a parameter it cannot fill fails the matrix.
struct MatrixWorld {
    enum Side: String, CaseIterable { case own, other }

    /// Parameter values per side, keyed by the record kind (see `kind(of:in:)`).
    var values: [Side: [String: String]] = [.own: [:], .other: [:]]

    static let ownCounty = "331123000000", otherCounty = "331124000000"

    static func load(_ app: Application) async throws -> MatrixWorld {
        let other = try await OtherProgramme.load(app)
        var world = MatrixWorld()
        let db = app.db
        let actor = AuditActor.cli("matrix")
        world.values[.other] = ["task": other.taskID.uuidString, "target": other.targetID.uuidString,
                                "disbursement": other.disbursementID.uuidString, "progress": other.progressID.uuidString,
                                "evidence": other.evidenceID.uuidString, "county": "331124", "division": "331124100000"]
        // Own county: records of the demo programme.
        guard let programme = try await ProgrammeStore.current(county: try DivisionCode(ownCounty), on: db) else {
            throw TestEnvironmentError(description: "demo programme missing")
        }
        let pid = try programme.requireID()
        let task = try #require(try await TaskRecord.query(on: db).filter(\.$programmeID == pid).first())
        let target = try #require(try await TargetRecord.query(on: db).filter(\.$programmeID == pid).first())
        let pending = try await DisbursementRecord.query(on: db).filter(\.$programmeID == pid).filter(\.$status == "pending").first()
        let anyDisbursement = try await DisbursementRecord.query(on: db).filter(\.$programmeID == pid).first()
        let disbursement = try #require(pending ?? anyDisbursement)
        let progress = try #require(try await ProgressRecord.query(on: db).filter(\.$programmeID == pid).first())
        let contractor = try #require(try await ContractorRecord.query(on: db).filter(\.$programmeID == pid).first())
        let evidence = try await Evidence.store(pngBytes, filename: "matrix.png", kind: .progress, ownerID: try progress.requireID(),
                                                county: ownCounty, isPublic: true, dataDir: app.settings.dataDir, actor: actor, on: db)
        world.values[.own] = ["task": try task.requireID().uuidString, "target": try target.requireID().uuidString,
                              "disbursement": try disbursement.requireID().uuidString, "progress": try progress.requireID().uuidString,
                              "evidence": try evidence.requireID().uuidString, "contractor": try contractor.requireID().uuidString,
                              "county": "331123", "division": "331123102000"]
        // Other county's contractor.
        let otherProgramme = try #require(try await ProgrammeStore.current(county: try DivisionCode(otherCounty), on: db))
        let otherContractor = try #require(try await ContractorRecord.query(on: db).filter(\.$programmeID == (try otherProgramme.requireID())).first())
        world.values[.other]?["contractor"] = try otherContractor.requireID().uuidString
        try await world.addPeopleAndFacilities(app, actor: actor)
        try await world.addCapabilityRecords(app)
        try await world.addCommerce(app)
        return world
    }

    /// Users (never one of the principals, so disabling them changes nothing else), tokens,
    /// facilities with a photo and a linked operator, on both sides.
    mutating func addPeopleAndFacilities(_ app: Application, actor: AuditActor) async throws {
        let db = app.db
        for side in Side.allCases {
            let county = side == .own ? Self.ownCounty : Self.otherCounty
            let suffix = side.rawValue
            let person = try await AccountService.create(
                NewUser(username: "matrix.\(suffix)", displayName: "矩阵用户\(suffix)", password: DemoCounty.password, role: .stationOperator,
                        scopeCode: county, phone: "13600000000"),
                hasher: app.passwordHasher, actor: actor, creatorScope: .everything, on: db)
            var input = FacilityInput()
            input.type = "villageStation"; input.name = "矩阵示例村服务站\(suffix)"
            input.divisionCode = side == .own ? "331123102201" : "331124100201"
            input.status = "operating"; input.statusSince = "2022-01-01"; input.operatorPhone = "13700001111"
            let facility = try await NetworkService.create(input, county: try DivisionCode(county), actor: actor, on: db)
            try await NetworkService.linkOperator(person, to: facility, actor: actor, on: db)
            let photo = try await PhotoStore.add(pngBytes, caption: "门头", to: facility, dataDir: app.settings.dataDir, actor: actor, on: db)
            let owner = try #require(try await AccountService.findByUsername(side == .own ? "suichang" : "songyang", on: db))
            let (token, _) = try await Tokens.create(for: owner, name: "矩阵\(suffix)", scopes: [.read], actor: actor, on: db)
            values[side]?["user"] = try person.requireID().uuidString
            values[side]?["facility"] = try facility.requireID().uuidString
            values[side]?["photo"] = try photo.requireID().uuidString
            values[side]?["token"] = try token.requireID().uuidString
        }
    }

    /// The kind of record a route's parameter names (`:id` means different records on different routes).
    static func kind(of parameter: String, in pattern: String) -> String? {
        let isTraceCode = pattern.hasPrefix("/t/")
        switch parameter {
        case "user", "photo", "county", "gtin", "serial": return parameter
        case "lot": return isTraceCode ? "traceLot" : "lot"
        case "code": return pattern.contains("/language/") ? "language" : isTraceCode ? "traceCode" : "division"
        case "file": return "exportFile"
        case "format": return "format"
        case "id": break
        default: return nil
        }
        if pattern.hasPrefix("/routing/frequencies/") { return "facility" }
        if let table = capabilityTables.first(where: { pattern.contains($0.prefix) })?.table { return table }
        let kinds: [(String, String)] = [
            ("/users/", "user"), ("/tokens/", "token"), ("/programme/tasks/", "task"), ("/programme/targets/", "target"),
            ("/programme/disbursements/", "disbursement"), ("/programme/progress/", "progress"), ("/evidence/", "evidence"),
            ("/programme/contractors/", "contractor"), ("/network/facilities/", "facility"),
        ] + commerceKinds
        return kinds.first { pattern.contains($0.0) }?.1
    }

    /// Parameters that are the same for every county: a language, a file name, a global product
    /// number (GTIN) and the lots and serials printed on public labels.
    static let publicKinds: Set<String> = ["language", "exportFile", "format", "gtin", "lot", "serial", "traceCode", "traceLot"]

    /// Whether the route names a record or a county (so it is tried with the other county's too);
    /// a language or a file name is the same on both sides.
    static func namesCountyRecords(_ pattern: String) -> Bool {
        pattern.split(separator: "/").contains { segment in
            segment.hasPrefix(":") && !publicKinds.contains(kind(of: String(segment.dropFirst()), in: pattern) ?? "")
        }
    }

    /// The path of `pattern` on one side, or nil when a parameter has no value (a matrix failure).
    func path(_ pattern: String, side: Side) -> String? {
        var parts: [String] = []
        for segment in pattern.split(separator: "/").map(String.init) {
            guard segment.hasPrefix(":") else { parts.append(segment); continue }
            guard let kind = Self.kind(of: String(segment.dropFirst()), in: pattern) else { return nil }
            switch kind {
            case "language": parts.append("en")
            case "exportFile": parts.append("fundLedger.xlsx")
            case "format": parts.append("xlsx")
            default:
                guard let value = values[side]?[kind] else { return nil }
                parts.append(value)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}
