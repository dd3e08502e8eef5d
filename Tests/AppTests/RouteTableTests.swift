import Foundation
import TestDatabases
import Testing
import Vapor
@testable import Web

/// `SiteURL` and `APIURL` are the one source of paths: every registered route has a case,
/// every case has a route, and the `all` lists name every declared case.
@Suite("Route table")
struct RouteTableTests {
    static let siteURLFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/Web/SiteURL.swift")

    /// The case name of a value (`user` for `.user(id)`).
    static func caseName(_ value: Any) -> String {
        Mirror(reflecting: value).children.first?.label ?? String(describing: value)
    }

    /// Case names declared in one enum of SiteURL.swift.
    static func declaredCases(of enumName: String) throws -> Set<String> {
        let text = try String(contentsOf: siteURLFile, encoding: .utf8)
        guard let start = text.range(of: "public enum \(enumName):") else { throw TestEnvironmentError(description: "no enum \(enumName)") }
        let body = text[start.upperBound...].prefix { $0 != "}" }
        var names = Set<String>()
        for line in body.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("case "), !trimmed.hasPrefix("case .") else { continue }
            names.insert(String(trimmed.dropFirst(5).prefix { $0.isLetter || $0.isNumber }))
        }
        return names
    }

    @Test func everyCaseIsListed() throws {
        let site = try Self.declaredCases(of: "SiteURL")
        #expect(site.count > 40)
        #expect(Set(SiteURL.all.map(Self.caseName)) == site)
        let api = try Self.declaredCases(of: "APIURL")
        #expect(api.count > 20)
        #expect(Set(APIURL.all.map(Self.caseName)) == api)
    }

    @Test(arguments: [Engine.sqlite])
    func routesAndCasesMatch(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            let registered = Set(app.routes.all.map { "/" + $0.path.map(\.description).joined(separator: "/") })
            let named = Set(SiteURL.all.map { "/" + $0.pattern.map(\.description).joined(separator: "/") }
                            + APIURL.all.map { "/" + $0.pattern.map(\.description).joined(separator: "/") })
            #expect(registered.subtracting(named).sorted() == [], "routes without a SiteURL/APIURL case")
            #expect(named.subtracting(registered).sorted() == [], "cases without a route")
            #expect(registered.contains("/network/facilities/:id/photos/:photo"))
        }
    }
}
