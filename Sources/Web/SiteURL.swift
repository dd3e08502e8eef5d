import Foundation

/// The business areas of the programme; each has a page in the navigation.
public enum Section: String, CaseIterable, Sendable {
    case programme, network, logistics, routing, products, training, live, poverty, statistics

    var messageKey: String { "nav.\(rawValue)" }
}

/// Every page and endpoint of the site. Routes are registered from these cases and links are
/// built from them, so a link can never point at a route that does not exist.
public enum SiteURL: Sendable, Equatable {
    case home
    case login
    case logout
    case language(String)
    case section(Section)
    case disclosure(String)
    case divisions
    case division(String)
    case divisionsImport
    case users
    case userNew
    case user(UUID)
    case userDisable(UUID)
    case userEnable(UUID)
    case userPassword(UUID)
    case userUnlock(UUID)
    case audit
    case auditExport(String)
    case tokens
    case tokenRevoke(UUID)
    case selectCounty
    case programmeImport
    case programmeTemplate
    case programmeTasks
    case programmeTask(UUID)
    case targetJudged(UUID)
    case targetProgress(UUID)
    case programmeContractors
    case programmeFunds
    case disbursements
    case disbursementReview(UUID)
    case programmeProgress
    case progressReview(UUID)
    case evidence(UUID)
    case narratives
    case programmeExport(String)
    case selfAssessment
    case healthz
    case metrics
    case asset(String)
    // Service network (see docs/network.md).
    case networkFacilities
    case networkFacilityNew
    case networkFacility(UUID)
    case networkFacilityEdit(UUID)
    case networkFacilityStatus(UUID)
    case networkFacilityOperators(UUID)
    case networkFacilityOperatorUnlink(UUID, user: UUID)
    case networkFacilityPhotos(UUID)
    case networkPhoto(UUID, UUID)
    case networkRecordNew(UUID)
    case networkMap
    case networkReporting
    case networkCoverageExport(String)
    case networkLedgerExport(String)
    case networkImport
    case networkRecordsImport
    case networkRecordsTemplate
    case networkServices
    case publicStations(String)
    case publicEvidence(String, UUID)

    public var path: String {
        switch self {
        case .home: return "/"
        case .login: return "/login"
        case .logout: return "/logout"
        case .language(let code): return "/language/\(code)"
        case .section(let s): return "/\(s.rawValue)"
        case .disclosure(let county): return "/public/\(county)"
        case .divisions: return "/divisions"
        case .division(let code): return "/divisions/\(code)"
        case .divisionsImport: return "/divisions/import"
        case .users: return "/users"
        case .userNew: return "/users/new"
        case .user(let id): return "/users/\(id.uuidString)"
        case .userDisable(let id): return "/users/\(id.uuidString)/disable"
        case .userEnable(let id): return "/users/\(id.uuidString)/enable"
        case .userPassword(let id): return "/users/\(id.uuidString)/password"
        case .userUnlock(let id): return "/users/\(id.uuidString)/unlock"
        case .audit: return "/audit"
        case .auditExport(let format): return "/audit/export.\(format)"
        case .tokens: return "/tokens"
        case .tokenRevoke(let id): return "/tokens/\(id.uuidString)/revoke"
        case .selectCounty: return "/county"
        case .programmeImport: return "/programme/import"
        case .programmeTemplate: return "/programme/template.xlsx"
        case .programmeTasks: return "/programme/tasks"
        case .programmeTask(let id): return "/programme/tasks/\(id.uuidString)"
        case .targetJudged(let id): return "/programme/targets/\(id.uuidString)/judged"
        case .targetProgress(let id): return "/programme/targets/\(id.uuidString)/progress"
        case .programmeContractors: return "/programme/contractors"
        case .programmeFunds: return "/programme/funds"
        case .disbursements: return "/programme/disbursements"
        case .disbursementReview(let id): return "/programme/disbursements/\(id.uuidString)/review"
        case .programmeProgress: return "/programme/progress"
        case .progressReview(let id): return "/programme/progress/\(id.uuidString)/review"
        case .evidence(let id): return "/programme/evidence/\(id.uuidString)"
        case .narratives: return "/programme/narratives"
        case .programmeExport(let file): return "/programme/exports/\(file)"
        case .selfAssessment: return "/programme/report/self-assessment.docx"
        case .healthz: return "/healthz"
        case .metrics: return "/metrics"
        case .asset(let name): return "/assets/\(name)"
        case .networkFacilities: return "/network/facilities"
        case .networkFacilityNew: return "/network/facilities/new"
        case .networkFacility(let id): return "/network/facilities/\(id.uuidString)"
        case .networkFacilityEdit(let id): return "/network/facilities/\(id.uuidString)/edit"
        case .networkFacilityStatus(let id): return "/network/facilities/\(id.uuidString)/status"
        case .networkFacilityOperators(let id): return "/network/facilities/\(id.uuidString)/operators"
        case .networkFacilityOperatorUnlink(let id, let user): return "/network/facilities/\(id.uuidString)/operators/\(user.uuidString)/unlink"
        case .networkFacilityPhotos(let id): return "/network/facilities/\(id.uuidString)/photos"
        case .networkPhoto(let id, let photo): return "/network/facilities/\(id.uuidString)/photos/\(photo.uuidString)"
        case .networkRecordNew(let id): return "/network/facilities/\(id.uuidString)/records"
        case .networkMap: return "/network/map"
        case .networkReporting: return "/network/reporting"
        case .networkCoverageExport(let format): return "/network/coverage.\(format)"
        case .networkLedgerExport(let format): return "/network/ledger.\(format)"
        case .networkImport: return "/network/import"
        case .networkRecordsImport: return "/network/records/import"
        case .networkRecordsTemplate: return "/network/records/template.xlsx"
        case .networkServices: return "/network/services"
        case .publicStations(let county): return "/public/\(county)/stations"
        case .publicEvidence(let county, let id): return "/public/\(county)/evidence/\(id.uuidString)"
        }
    }
}

/// JSON API paths under /api/v1.
public enum APIURL {
    public static let base = "/api/v1"
    public static let me = "me"
    public static let divisions = "divisions"
    public static let users = "users"
    public static let audit = "audit"
}
