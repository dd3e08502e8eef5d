import Accounts
import Fluent
import Storage
import Vapor

/// Sets up an application: database, migrations, middleware and every route.
public func configure(_ app: Application, settings: AppSettings) async throws {
    app.settings = settings
    app.storage[ThrottleKey.self] = LoginThrottle()
    app.storage[NameProbeKey.self] = LoginThrottle(scope: "nameProbe", perPair: 10, perAccount: 10, perAddress: 30, window: 3600)
    let metrics = MetricsRegistry()
    app.storage[MetricsKey.self] = metrics
    app.storage[PublicTraceCacheKey.self] = PublicTraceCache()
    app.storage[IntakeSetupCacheKey.self] = IntakeSetupCache()
    app.lifecycle.use(PublicTraceScanFlush())
    try Storage.use(settings.database, on: app.databases)
    Storage.register(on: app.migrations)
    try await Storage.tuneSQLite(app.databases, on: app.eventLoopGroup, logger: app.logger)

    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .iso8601
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    ContentConfiguration.global.use(encoder: encoder, for: .json)
    ContentConfiguration.global.use(decoder: decoder, for: .json)

    // Outermost first: metrics see the final status, headers go on error pages too.
    app.middleware = Middlewares()
    app.middleware.use(MetricsMiddleware(registry: metrics))
    app.middleware.use(AccessLogMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(ErrorPagesMiddleware())
    app.middleware.use(ContextMiddleware())
    app.middleware.use(BodyLimitMiddleware())
    app.middleware.use(CSRFMiddleware())
    app.routes.defaultMaxBodySize = ByteCount(value: BodyLimit.default)
    routes(app)
}

func routes(_ app: Application) {
    OpsController().register(app.routes)
    AuthController().register(app.routes)
    DisclosureController().register(app.routes)
    let signedIn = app.routes.grouped(RequireUserMiddleware())
    HomeController().register(signedIn)
    DivisionsController().register(signedIn)
    UsersController().register(signedIn)
    AuditController().register(signedIn)
    TokensController().register(signedIn)
    APIController().register(signedIn)
    ProgrammeController().register(signedIn)
    ProgrammeFormsController().register(signedIn)
    ProgrammeAPIController().register(signedIn)
    NetworkController().register(public: app.routes, signedIn: signedIn)
    NetworkAPIController().register(signedIn)
    TraceController().register(public: app.routes, signedIn: signedIn)
    TraceAPIController().register(signedIn)
    TrainingController().register(signedIn)
    CommerceController().register(signedIn)
    CommerceAPIController().register(signedIn)
    DispatchController().register(signedIn)
    DispatchAPIController().register(signedIn)
    LogisticsController().register(app, signedIn: signedIn)
    LogisticsAPIController().register(signedIn)
    StatisticsController().register(signedIn)
    StatisticsAPIController().register(signedIn)
}
