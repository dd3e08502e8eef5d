import Foundation

/// The source keys the people-and-commerce ledgers feed to programme targets (数据来源). A target
/// whose `source` names one takes its actual value live (docs/commerce.md lists what each counts).
public enum CommerceIndicatorKey: String, Sendable, CaseIterable {
    // 培训 (local sessions; the paired county's sessions count under assistance)
    case trainingPersonTimes = "training.personTimes"
    case trainingPeople = "training.people"
    case trainingSessions = "training.sessions"
    case trainingBasicSessions = "training.basicSessions"
    case trainingAdvancedSessions = "training.advancedSessions"
    case trainingConverted = "training.converted"
    case trainingConversionRate = "training.conversionRate"
    case trainingLeaders = "training.leaders"
    // 直播电商
    case liveRooms = "live.rooms"
    case liveBases = "live.bases"
    case liveEvents = "live.events"
    case liveAnchors100k = "live.anchors100k"
    case liveGMVYuan = "live.gmvYuan"
    // 电商村 / 产业园 / 商贸中心
    case villagesRecognised = "villages.recognised"
    case villagesDeclared = "villages.declared"
    case parkEnterprises = "park.enterprises"
    case parkTier10m = "park.tier10m"
    case parkTier5m = "park.tier5m"
    case parkTier3m = "park.tier3m"
    case parkTier1m = "park.tier1m"
    case commerceCentres = "commerce.centres"
    case commerceCentresMeetingStandard = "commerce.centresMeetingStandard"
    // 电商帮扶 / 宣传
    case assistanceHouseholds = "assistance.households"
    case assistanceHelpSalesAmount = "assistance.helpSalesAmount"
    case assistanceJobs = "assistance.jobs"
    case assistancePairedPersonTimes = "assistance.pairedPersonTimes"
    case assistancePairedProducts = "assistance.pairedProducts"
    case assistancePairedPlatforms = "assistance.pairedPlatforms"
    case publicityEvents = "publicity.events"
    case publicityPlans = "publicity.plans"

    public var messageKey: String { "indicator." + rawValue }
}
