import CommerceCore
import FluentKit
import Foundation
import NetworkCore
import ServiceNetwork
import XiangcunKit

/// The people-and-commerce ledgers' values for programme targets (keys: `CommerceIndicatorKey`,
/// listed in docs/commerce.md). Computed from small tables and aggregates, never by loading a
/// big table. A ledger the county does not keep yet supplies no keys, so a target naming one
/// falls back to its verified progress reports instead of showing 0.
public enum CommerceIndicators {
    public static func all(county: DivisionCode, day: Day, on db: any Database) async throws -> [String: Decimal] {
        var v: [CommerceIndicatorKey: Decimal] = [:]
        try await training(county, day, db, &v)
        try await live(county, day, db, &v)
        try await places(county, day, db, &v)
        try await assistance(county, day, db, &v)
        return Dictionary(uniqueKeysWithValues: v.map { ($0.key.rawValue, $0.value) })
    }

    static func training(_ county: DivisionCode, _ day: Day, _ db: any Database, _ v: inout [CommerceIndicatorKey: Decimal]) async throws {
        let sessions = try await TrainingSession.query(on: db).filter(\.$countyCode == county.value).filter(\.$heldOn <= day.iso).field(\.$kind).field(\.$paired).all()
        let local = sessions.filter { !$0.paired }
        if !local.isEmpty {
            let totals = try await TrainingQueries.totals(county: county, paired: false, through: day, on: db)
            v[.trainingSessions] = Decimal(local.count)
            v[.trainingBasicSessions] = Decimal(local.filter { $0.kind == TrainingKind.basic.rawValue }.count)
            v[.trainingAdvancedSessions] = Decimal(local.filter { $0.kind == TrainingKind.advanced.rawValue }.count)
            v[.trainingPersonTimes] = Decimal(totals.personTimes)
            v[.trainingPeople] = Decimal(totals.people)
            let (converted, leaders) = try await TrainingQueries.convertedAndLeaders(county: county, through: day, on: db)
            v[.trainingConverted] = Decimal(converted)
            v[.trainingLeaders] = Decimal(leaders)
            if totals.people > 0 { v[.trainingConversionRate] = ConversionRate.rounded(Decimal(converted) * 100 / Decimal(totals.people)) }
        }
        if sessions.contains(where: \.paired) {
            v[.assistancePairedPersonTimes] = Decimal(try await TrainingQueries.totals(county: county, paired: true, through: day, on: db).personTimes)
        }
    }

    static func live(_ county: DivisionCode, _ day: Day, _ db: any Database, _ v: inout [CommerceIndicatorKey: Decimal]) async throws {
        let rooms = try await Facility.query(on: db).filter(\.$countyCode == county.value).filter(\.$type ~~ [FacilityType.liveRoom.rawValue, FacilityType.commerceCentre.rawValue])
            .field(\.$type).field(\.$status).field(\.$areaM2).field(\.$skuCount).field(\.$populationServed).all()
        let operating = rooms.filter { $0.status == FacilityStatus.operating.rawValue }
        if rooms.contains(where: { $0.type == FacilityType.liveRoom.rawValue }) {
            v[.liveRooms] = Decimal(operating.filter { $0.type == FacilityType.liveRoom.rawValue }.count)
            v[.liveBases] = Decimal(try await LiveBase.query(on: db).filter(\.$countyCode == county.value).filter(\.$designatedOn <= day.iso).count())
        }
        let centres = operating.filter { $0.type == FacilityType.commerceCentre.rawValue }
        if rooms.contains(where: { $0.type == FacilityType.commerceCentre.rawValue }) {
            v[.commerceCentres] = Decimal(centres.count)
            v[.commerceCentresMeetingStandard] = Decimal(centres.filter { CommerceCentreStandard.meets(area: $0.areaM2, sku: $0.skuCount, population: $0.populationServed) }.count)
        }
        let events = try await LiveEvent.query(on: db).filter(\.$countyCode == county.value).filter(\.$heldOn <= day.iso).field(\.$gmvFen).all()
        if !events.isEmpty {
            v[.liveEvents] = Decimal(events.count)
            v[.liveGMVYuan] = Decimal(events.reduce(Int64(0)) { $0 + $1.gmvFen }) / 100
        }
        let counts = try await AnchorFollowers.query(on: db).filter(\.$countyCode == county.value).filter(\.$countedOn <= day.iso).all()
        if try await Anchor.query(on: db).filter(\.$countyCode == county.value).count() > 0 {
            let latest = AnchorRules.latest(counts.compactMap { c in Day(c.countedOn).map { (anchor: c.anchorID, day: $0, followers: c.followers) } }, asOf: day)
            v[.liveAnchors100k] = Decimal(AnchorRules.countAtThreshold(latest))
        }
    }

    static func places(_ county: DivisionCode, _ day: Day, _ db: any Database, _ v: inout [CommerceIndicatorKey: Decimal]) async throws {
        let villages = try await CommerceVillage.query(on: db).filter(\.$countyCode == county.value).field(\.$status).field(\.$statusSince).all()
        if !villages.isEmpty {
            v[.villagesRecognised] = Decimal(villages.filter { $0.status == RecognitionStatus.recognised.rawValue && $0.statusSince <= day.iso }.count)
            v[.villagesDeclared] = Decimal(villages.filter { $0.status != RecognitionStatus.candidate.rawValue && $0.statusSince <= day.iso }.count)
        }
        let park = try await ParkEnterprise.query(on: db).filter(\.$countyCode == county.value).filter(\.$year <= day.year).field(\.$year).field(\.$onlineSalesFen).all()
        if let year = park.map(\.year).max() {
            let sales = park.filter { $0.year == year }.map { Money(fen: $0.onlineSalesFen) }
            v[.parkEnterprises] = Decimal(sales.count)
            let tiers = SalesTier.counts(sales)
            v[.parkTier10m] = Decimal(tiers[.tenMillion] ?? 0); v[.parkTier5m] = Decimal(tiers[.fiveMillion] ?? 0)
            v[.parkTier3m] = Decimal(tiers[.threeMillion] ?? 0); v[.parkTier1m] = Decimal(tiers[.oneMillion] ?? 0)
        }
    }

    static func assistance(_ county: DivisionCode, _ day: Day, _ db: any Database, _ v: inout [CommerceIndicatorKey: Decimal]) async throws {
        let households = try await AssistedHousehold.query(on: db).filter(\.$countyCode == county.value).count()
        let actions = try await HelpAction.query(on: db).filter(\.$countyCode == county.value).filter(\.$happenedOn <= day.iso).field(\.$kind).field(\.$amountFen).field(\.$jobs).all()
        if households > 0 || !actions.isEmpty {
            v[.assistanceHouseholds] = Decimal(households)
            v[.assistanceHelpSalesAmount] = Decimal(actions.filter { $0.kind == HelpKind.helpSale.rawValue }.reduce(Int64(0)) { $0 + $1.amountFen }) / 100
            v[.assistanceJobs] = Decimal(actions.reduce(0) { $0 + $1.jobs })
        }
        let products = try await PairedProduct.query(on: db).filter(\.$countyCode == county.value).filter(\.$listedOn <= day.iso).field(\.$product).field(\.$platform).all()
        if !products.isEmpty {
            v[.assistancePairedProducts] = Decimal(Set(products.map(\.product)).count)
            v[.assistancePairedPlatforms] = Decimal(Set(products.map(\.platform)).count)
        }
        let publicity = try await PublicityItem.query(on: db).filter(\.$countyCode == county.value).filter(\.$happenedOn <= day.iso).all(\.$kind)
        if !publicity.isEmpty {
            v[.publicityEvents] = Decimal(publicity.filter { $0 != PublicityKind.plan.rawValue }.count)
            v[.publicityPlans] = Decimal(publicity.filter { $0 == PublicityKind.plan.rawValue }.count)
        }
    }
}
