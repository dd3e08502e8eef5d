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
    case reviewSettings
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
    case trace(TraceURL)
    // People and commerce (see docs/commerce.md).
    case commerce(CommerceURL)
    case dispatch(DispatchURL)
    case logistics(LogisticsURL)
    case statistics(StatisticsURL)

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
        case .reviewSettings: return "/programme/review-settings"
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
        case .trace(let u): return u.path
        case .commerce(let u): return u.path
        case .dispatch(let u): return u.path
        case .logistics(let u): return u.path
        case .statistics(let u): return u.path
        }
    }
}

/// JSON API paths under /api/v1 (`openapi.json` describes them). Routes are registered from
/// these cases like the pages' from `SiteURL`.
public enum APIURL: Sendable, Equatable {
    public static let base = "/api/v1"

    case me
    case divisions
    case division(String)
    case users
    case user(UUID)
    case audit
    case programme
    case subsystems
    case tasks
    case task(UUID)
    case targets
    case target(UUID)
    case contractors
    case contractor(UUID)
    case fundRows
    case disbursements
    case disbursement(UUID)
    case disbursementReview(UUID)
    case progressList
    case progress(UUID)
    case progressReview(UUID)
    case facilities
    case facility(UUID)
    case facilityRecords(UUID)
    case services
    case coverage
    case reporting
    case trace(TraceAPIURL)
    case commerce(CommerceAPIURL)
    case dispatch(DispatchAPIURL)
    case logistics(LogisticsAPIURL)
    case statistics(StatisticsAPIURL)

    public var path: String {
        switch self {
        case .me: return Self.base + "/me"
        case .divisions: return Self.base + "/divisions"
        case .division(let code): return Self.base + "/divisions/\(code)"
        case .users: return Self.base + "/users"
        case .user(let id): return Self.base + "/users/\(id.uuidString)"
        case .audit: return Self.base + "/audit"
        case .programme: return Self.base + "/programme"
        case .subsystems: return Self.base + "/programme/subsystems"
        case .tasks: return Self.base + "/programme/tasks"
        case .task(let id): return Self.base + "/programme/tasks/\(id.uuidString)"
        case .targets: return Self.base + "/programme/targets"
        case .target(let id): return Self.base + "/programme/targets/\(id.uuidString)"
        case .contractors: return Self.base + "/programme/contractors"
        case .contractor(let id): return Self.base + "/programme/contractors/\(id.uuidString)"
        case .fundRows: return Self.base + "/programme/fund-rows"
        case .disbursements: return Self.base + "/programme/disbursements"
        case .disbursement(let id): return Self.base + "/programme/disbursements/\(id.uuidString)"
        case .disbursementReview(let id): return Self.base + "/programme/disbursements/\(id.uuidString)/review"
        case .progressList: return Self.base + "/programme/progress"
        case .progress(let id): return Self.base + "/programme/progress/\(id.uuidString)"
        case .progressReview(let id): return Self.base + "/programme/progress/\(id.uuidString)/review"
        case .facilities: return Self.base + "/network/facilities"
        case .facility(let id): return Self.base + "/network/facilities/\(id.uuidString)"
        case .facilityRecords(let id): return Self.base + "/network/facilities/\(id.uuidString)/records"
        case .services: return Self.base + "/network/services"
        case .coverage: return Self.base + "/network/coverage"
        case .reporting: return Self.base + "/network/reporting"
        case .trace(let u): return u.path
        case .commerce(let u): return u.path
        case .dispatch(let u): return u.path
        case .logistics(let u): return u.path
        case .statistics(let u): return u.path
        }
    }
}

extension SiteURL {
    /// Every case once, as route patterns (`Placeholder`s and `:name` strings; a case whose
    /// argument picks one of a few fixed files is listed once per file). `RouteTableTests` checks
    /// that this list names every case declared above and matches the registered routes.
    static let all: [SiteURL] = [
        .home, .login, .logout, .language(":code"), .disclosure(":county"), .divisions, .division(":code"), .divisionsImport,
        .users, .userNew, .user(Placeholder.id), .userDisable(Placeholder.id), .userEnable(Placeholder.id),
        .userPassword(Placeholder.id), .userUnlock(Placeholder.id), .audit, .auditExport("csv"), .auditExport("xlsx"),
        .tokens, .tokenRevoke(Placeholder.id), .selectCounty, .programmeImport, .programmeTemplate, .programmeTasks,
        .programmeTask(Placeholder.id), .targetJudged(Placeholder.id), .targetProgress(Placeholder.id), .programmeContractors,
        .programmeFunds, .disbursements, .disbursementReview(Placeholder.id), .reviewSettings, .programmeProgress, .progressReview(Placeholder.id),
        .evidence(Placeholder.id), .narratives, .programmeExport(":file"), .selfAssessment, .healthz, .metrics,
        .asset("app.css"), .asset("app.js"),
        .networkFacilities, .networkFacilityNew, .networkFacility(Placeholder.id), .networkFacilityEdit(Placeholder.id),
        .networkFacilityStatus(Placeholder.id), .networkFacilityOperators(Placeholder.id),
        .networkFacilityOperatorUnlink(Placeholder.id, user: Placeholder.user), .networkFacilityPhotos(Placeholder.id),
        .networkPhoto(Placeholder.id, Placeholder.photo), .networkRecordNew(Placeholder.id), .networkMap, .networkReporting,
        .networkCoverageExport("xlsx"), .networkCoverageExport("csv"), .networkLedgerExport("xlsx"), .networkLedgerExport("csv"),
        .networkImport, .networkRecordsImport, .networkRecordsTemplate, .networkServices, .publicStations(":county"),
        .publicEvidence(":county", Placeholder.id),
    ] + Section.allCases.map { .section($0) } + TraceURL.all.map { .trace($0) } + CommerceURL.all.map { .commerce($0) } + DispatchURL.all.map { .dispatch($0) } + LogisticsURL.all.map { .logistics($0) } + StatisticsURL.all.map { .statistics($0) }
}

extension APIURL {
    /// Every case once, as route patterns (see `SiteURL.all`).
    static let all: [APIURL] = [
        .me, .divisions, .division(":code"), .users, .user(Placeholder.id), .audit, .programme, .subsystems, .tasks,
        .task(Placeholder.id), .targets, .target(Placeholder.id), .contractors, .contractor(Placeholder.id), .fundRows,
        .disbursements, .disbursement(Placeholder.id), .disbursementReview(Placeholder.id), .progressList,
        .progress(Placeholder.id), .progressReview(Placeholder.id), .facilities, .facility(Placeholder.id),
        .facilityRecords(Placeholder.id), .services, .coverage, .reporting,
    ] + TraceAPIURL.all.map { .trace($0) } + CommerceAPIURL.all.map { .commerce($0) } + DispatchAPIURL.all.map { .dispatch($0) } + LogisticsAPIURL.all.map { .logistics($0) } + StatisticsAPIURL.all.map { .statistics($0) }
}
