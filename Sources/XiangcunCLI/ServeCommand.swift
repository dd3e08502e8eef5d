import Accounts
import Composition
import ArgumentParser
import Foundation
import Logistics
import Logging
import Vapor
import Statistics
import Storage
import Web
import XiangcunKit

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the web application (migrates the database first).",
        discussion: "Uses SQLite under --data-dir unless DATABASE_URL points at PostgreSQL.")

    @ArgumentParser.OptionGroup var storage: StorageOptions
    @ArgumentParser.Option(help: "Address to listen on (env XIANGCUN_HOSTNAME; default 127.0.0.1).") var hostname: String?
    @ArgumentParser.Option(help: "Port to listen on (env XIANGCUN_PORT; default 8080).") var port: Int?
    @ArgumentParser.Flag(help: "Load the demo county 遂昌县 and its demo accounts before serving.") var demo = false
    @ArgumentParser.Flag(help: "Send cookies without the Secure flag, only for plain HTTP on a trusted LAN (env XIANGCUN_INSECURE_COOKIES=1).")
    var insecureCookies = false
    @ArgumentParser.Flag(help: "Trust X-Forwarded-For from a reverse proxy (env XIANGCUN_TRUST_PROXY=1).") var trustProxy = false
    @ArgumentParser.Option(help: "Log format: json or text (env XIANGCUN_LOG_FORMAT; default json).") var logFormat: String?
    @ArgumentParser.Option(help: "Token a remote scraper sends (Authorization: Bearer …) to read /metrics; without it only loopback clients may (env XIANGCUN_METRICS_TOKEN).")
    var metricsToken: String?
    @ArgumentParser.Flag(help: "Confirm applying pending migrations to a PostgreSQL database (take a pg_dump first).") var yes = false

    /// Exit status when the database needs the operator (a PostgreSQL upgrade to confirm, a newer
    /// database): the systemd unit does not restart the server for it (RestartPreventExitStatus).
    static let needsOperator: Int32 = 3

    /// The listening address, port and log format from the flags, else the environment.
    func listening() throws -> (hostname: String, port: Int, logFormat: String) {
        let host = hostname ?? EnvironmentSetting.text("XIANGCUN_HOSTNAME") ?? "127.0.0.1"
        var listenPort = 8080
        if let port { listenPort = port } else if let text = EnvironmentSetting.text("XIANGCUN_PORT") {
            guard let value = Int(text) else { throw UserFacingError("XIANGCUN_PORT=\(text) is not a port number") }
            listenPort = value
        }
        guard (1...65535).contains(listenPort) else { throw UserFacingError("port \(listenPort) is not between 1 and 65535") }
        let format = logFormat ?? EnvironmentSetting.text("XIANGCUN_LOG_FORMAT") ?? "json"
        guard ["json", "text"].contains(format) else { throw UserFacingError("log format \(format): use json or text") }
        return (host, listenPort, format)
    }

    /// Brings the database to this version before the web application opens it: SQLite after a
    /// backup, PostgreSQL only with --yes. Prints what it does.
    func upgradeDatabase(_ database: DatabaseConfig) async throws {
        do {
            let outcome = try await StorageSession.with(database, migrate: false) { try await $0.upgrade(.upgrade(confirmed: yes)) { print($0) } }
            if outcome != .upToDate { print(MigrateCommand.summary(outcome, database)) }
        } catch let error as UpgradeRefusal {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(Self.needsOperator)
        } catch let error as MigrationError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(Self.needsOperator)
        }
    }

    func run() async throws {
        let (hostname, port, logFormat) = try listening()
        var settings = AppSettings(database: storage.database, dataDir: storage.dataDir)
        settings.secureCookies = !(try insecureCookies || EnvironmentSetting.flag("XIANGCUN_INSECURE_COOKIES"))
        settings.trustProxy = try trustProxy || EnvironmentSetting.flag("XIANGCUN_TRUST_PROXY")
        settings.metricsToken = metricsToken ?? EnvironmentSetting.text("XIANGCUN_METRICS_TOKEN")
        LoggingSystem.bootstrap { label in
            logFormat == "text" ? StreamLogHandler.standardError(label: label) as any LogHandler : JSONLogHandler(label: label)
        }
        try await upgradeDatabase(settings.database)
        // The server has one database: it may keep decoded figures and page parts per county version.
        CountyCache.keepDecodedValues()
        let env = Environment(name: "production", arguments: ["xiangcun", "serve", "--hostname", hostname, "--port", "\(port)"])
        let app = try await Application.make(env)
        do {
            try await configure(app, settings: settings)
            try await app.autoMigrate()
            try await LogisticsPartitions.ensure(on: app.db)
            // Months come into range while the server runs: the partitions are made again ahead.
            let partitions = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(6 * 3600))
                    if !Task.isCancelled { _ = try? await LogisticsPartitions.ensure(on: app.db) }
                }
            }
            defer { partitions.cancel() }
            if demo {
                _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher, parcelDays: 7)
                print(DemoBanner.text)
            }
            print("乡村电商 Xiangcun \(XiangcunVersion.current) — http://\(hostname):\(port)/  (database: \(settings.database.safeDescription))")
            // stdout is block-buffered when it is a file or a pipe, and the server runs until it is
            // stopped: flush now, or a log would show the demo accounts and the address only at exit.
            fflush(nil)
            try await app.execute()
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}
