import Accounts
import Composition
import ArgumentParser
import Foundation
import Logging
import Vapor
import Web

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the web application (migrates the database first).",
        discussion: "Uses SQLite under --data-dir unless DATABASE_URL points at PostgreSQL.")

    @ArgumentParser.OptionGroup var storage: StorageOptions
    @ArgumentParser.Option(help: "Address to listen on.") var hostname = "127.0.0.1"
    @ArgumentParser.Option(help: "Port to listen on.") var port = 8080
    @ArgumentParser.Flag(help: "Load the demo county 遂昌县 and its demo accounts before serving.") var demo = false
    @ArgumentParser.Flag(help: "Send cookies without the Secure flag (only for plain HTTP on a trusted LAN).") var insecureCookies = false
    @ArgumentParser.Flag(help: "Trust X-Forwarded-For from a reverse proxy.") var trustProxy = false
    @ArgumentParser.Option(help: "Log format: json or text.") var logFormat = "json"
    @ArgumentParser.Option(help: "Token a remote scraper sends (Authorization: Bearer …) to read /metrics; without it only loopback clients may.")
    var metricsToken: String?

    func run() async throws {
        LoggingSystem.bootstrap { label in
            logFormat == "text" ? StreamLogHandler.standardError(label: label) as any LogHandler : JSONLogHandler(label: label)
        }
        var settings = AppSettings(database: storage.database, dataDir: storage.dataDir)
        settings.secureCookies = !insecureCookies && ProcessInfo.processInfo.environment["XIANGCUN_INSECURE_COOKIES"] == nil
        settings.trustProxy = trustProxy
        settings.metricsToken = metricsToken ?? ProcessInfo.processInfo.environment["XIANGCUN_METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        let env = Environment(name: "production", arguments: ["xiangcun", "serve", "--hostname", hostname, "--port", "\(port)"])
        let app = try await Application.make(env)
        do {
            try await configure(app, settings: settings)
            try await app.autoMigrate()
            if demo {
                _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
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
