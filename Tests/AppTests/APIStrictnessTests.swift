import Accounts
import Composition
import Foundation
import TestDatabases
import Testing
import Vapor
import VaporTesting
@testable import Web

/// What the API fuzzer found: parameters must be validated whatever else the request says.
@Suite("API parameters are validated before any answer")
struct APIStrictnessTests {
    @Test(arguments: Engine.all)
    func aBadStatusIsRefusedEvenWithATownshipOutsideTheCounty(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let client = TestClient(app)
            try await client.login("suichang")
            let outside = try await client.get("/api/v1/network/facilities?township=000000000000&status=nonsense")
            #expect(outside.status == .badRequest)
            #expect(outside.body.string.contains("status"))
            // A well-formed township outside the county is still an empty list, not an error.
            let empty = try await client.get("/api/v1/network/facilities?township=000000000000&status=operating")
            #expect(empty.status == .ok)
            #expect(empty.body.string.contains("\"total\":0"))
        }
    }

    @Test(arguments: Engine.all)
    func aCountyParameterMustNameACountyInScope(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let county = TestClient(app)
            try await county.login("suichang")
            let garbage = try await county.get("/api/v1/programme?county=abc")
            #expect(garbage.status == .badRequest)
            #expect(garbage.body.string.contains("county"))
            let other = try await county.get("/api/v1/programme?county=110101")
            #expect(other.status == .notFound)
            let own = try await county.get("/api/v1/network/facilities?county=331123")
            #expect(own.status == .ok)
            let province = TestClient(app)
            try await province.login("zhejiang")
            #expect(try await province.get("/api/v1/network/facilities?county=331123").status == .ok)
            #expect(try await province.get("/api/v1/network/facilities?county=110101").status == .notFound)
            #expect(try await province.get("/api/v1/network/facilities?county=33112").status == .badRequest)
            // A method the path does not have is a 405 first, whatever the county says.
            let admin = try #require(try await AccountService.findByUsername("suichang", on: app.db))
            let token = try await Tokens.create(for: admin, name: "t", scopes: [.read, .write], actor: .cli("t"), on: app.db).1
            let trace = try await TestClient(app).send(.TRACE, "/api/v1/logistics/parcels?county=", headers: ["Authorization": "Bearer \(token)"])
            #expect(trace.status == .methodNotAllowed)
            #expect(trace.headers.first(name: .allow)?.isEmpty == false)
        }
    }
}
