import Accounts
import Composition
import Storage
import Vapor

/// Settings of one running instance, from flags and environment variables.
public struct AppSettings: Sendable {
    public var database: DatabaseConfig
    public var dataDir: String
    /// Mark cookies Secure (browsers then send them over HTTPS and to localhost only).
    public var secureCookies: Bool
    /// Trust X-Forwarded-For from a reverse proxy for client addresses.
    public var trustProxy: Bool
    /// bcrypt cost; tests lower it to stay fast.
    public var bcryptCost: Int
    /// A secret that lets a remote scraper read /metrics; without it only loopback clients may.
    public var metricsToken: String?

    public init(database: DatabaseConfig, dataDir: String, secureCookies: Bool = true, trustProxy: Bool = false, bcryptCost: Int = 12, metricsToken: String? = nil) {
        self.database = database
        self.dataDir = dataDir
        self.secureCookies = secureCookies
        self.trustProxy = trustProxy
        self.bcryptCost = bcryptCost
        self.metricsToken = metricsToken
    }
}

struct AppSettingsKey: StorageKey { typealias Value = AppSettings }
struct ThrottleKey: StorageKey { typealias Value = LoginThrottle }
struct NameProbeKey: StorageKey { typealias Value = LoginThrottle }

extension Application {
    public var settings: AppSettings {
        get { storage[AppSettingsKey.self] ?? AppSettings(database: .sqlite(path: "data/xiangcun.sqlite"), dataDir: "data") }
        set { storage[AppSettingsKey.self] = newValue }
    }

    /// Set once in `configure`.
    var loginThrottle: LoginThrottle { storage[ThrottleKey.self] ?? LoginThrottle() }

    /// Counts "username already taken" answers per administrator and address. Sign-in names are
    /// unique system-wide, so such an answer tells that a name exists, maybe in another county;
    /// the count keeps that from becoming a way to list another county's accounts. Set once in `configure`.
    var nameProbeThrottle: LoginThrottle { storage[NameProbeKey.self] ?? LoginThrottle() }

    public var passwordHasher: any PasswordHashing { BcryptPasswordHasher(cost: settings.bcryptCost) }
}
