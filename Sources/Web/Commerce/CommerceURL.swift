import Foundation

/// Pages of the people-and-commerce sections: 培训 (/training), 直播电商 (/live), 帮扶台账 (/poverty).
/// The sections' front pages are `SiteURL.section(.training / .live / .poverty)`.
public enum CommerceURL: Sendable, Equatable {
    case sessionNew
    case session(UUID)
    case sessionAttendees(UUID)
    case sessionImport(UUID)
    case sessionEvidence(UUID)
    case trainee(UUID)
    case traineeReveal(UUID)
    case traineeConversions(UUID)
    case traineeLeader(UUID)
    case conversionEvidence(UUID)
    case signInTemplate
    case trainingLedger(String)
    case liveEvents
    case liveAnchors
    case anchorFollowers(UUID)
    case liveBases
    case places
    case villages
    case villageStatus(UUID)
    case villageEvidence(UUID)
    case parkEnterprises
    case households
    case helpActions
    case pairedProducts
    case publicity
    case publicityEvidence(UUID)

    var path: String {
        switch self {
        case .sessionNew: return "/training/sessions/new"
        case .session(let id): return "/training/sessions/\(id.uuidString)"
        case .sessionAttendees(let id): return "/training/sessions/\(id.uuidString)/attendees"
        case .sessionImport(let id): return "/training/sessions/\(id.uuidString)/import"
        case .sessionEvidence(let id): return "/training/sessions/\(id.uuidString)/evidence"
        case .trainee(let id): return "/training/people/\(id.uuidString)"
        case .traineeReveal(let id): return "/training/people/\(id.uuidString)/reveal"
        case .traineeConversions(let id): return "/training/people/\(id.uuidString)/conversions"
        case .traineeLeader(let id): return "/training/people/\(id.uuidString)/leader"
        case .conversionEvidence(let id): return "/training/conversions/\(id.uuidString)/evidence"
        case .signInTemplate: return "/training/sign-in-template.xlsx"
        case .trainingLedger(let format): return "/training/ledger.\(format)"
        case .liveEvents: return "/live/events"
        case .liveAnchors: return "/live/anchors"
        case .anchorFollowers(let id): return "/live/anchors/\(id.uuidString)/followers"
        case .liveBases: return "/live/bases"
        case .places: return "/live/places"
        case .villages: return "/live/places/villages"
        case .villageStatus(let id): return "/live/places/villages/\(id.uuidString)/status"
        case .villageEvidence(let id): return "/live/places/villages/\(id.uuidString)/evidence"
        case .parkEnterprises: return "/live/places/park"
        case .households: return "/poverty/households"
        case .helpActions: return "/poverty/actions"
        case .pairedProducts: return "/poverty/products"
        case .publicity: return "/poverty/publicity"
        case .publicityEvidence(let id): return "/poverty/publicity/\(id.uuidString)/evidence"
        }
    }

    static let all: [CommerceURL] = [
        .sessionNew, .session(Placeholder.id), .sessionAttendees(Placeholder.id), .sessionImport(Placeholder.id),
        .sessionEvidence(Placeholder.id), .trainee(Placeholder.id), .traineeReveal(Placeholder.id), .traineeConversions(Placeholder.id),
        .traineeLeader(Placeholder.id), .conversionEvidence(Placeholder.id), .signInTemplate, .trainingLedger("xlsx"), .trainingLedger("csv"), .liveEvents, .liveAnchors,
        .anchorFollowers(Placeholder.id), .liveBases, .places, .villages, .villageStatus(Placeholder.id), .villageEvidence(Placeholder.id), .parkEnterprises,
        .households, .helpActions, .pairedProducts, .publicity, .publicityEvidence(Placeholder.id),
    ]
}

/// JSON API of the people-and-commerce ledgers under /api/v1 (openapi.json).
public enum CommerceAPIURL: Sendable, Equatable {
    case sessions
    case session(UUID)
    case attendance(UUID)
    case trainingSummary
    case indicators
    case liveEvents
    case helpActions

    var path: String {
        switch self {
        case .sessions: return APIURL.base + "/training/sessions"
        case .session(let id): return APIURL.base + "/training/sessions/\(id.uuidString)"
        case .attendance(let id): return APIURL.base + "/training/sessions/\(id.uuidString)/attendance"
        case .trainingSummary: return APIURL.base + "/training/summary"
        case .indicators: return APIURL.base + "/commerce/indicators"
        case .liveEvents: return APIURL.base + "/live/events"
        case .helpActions: return APIURL.base + "/assistance/actions"
        }
    }

    static let all: [CommerceAPIURL] = [.sessions, .session(Placeholder.id), .attendance(Placeholder.id), .trainingSummary, .indicators, .liveEvents, .helpActions]
}
