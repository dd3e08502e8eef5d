import Divisions
import Vapor

extension Request {
    /// Page chrome with the name of the county in view.
    func chrome(flash: String? = nil) async throws -> PageChrome {
        var name: String? = nil
        if let county = context.county { name = try await DivisionQueries.fullName(of: county, on: db) }
        return PageChrome(context: context, path: url.path, countyName: name, flash: flash ?? query[String.self, at: "flash"].flatMap(Self.flashText))
    }

    /// Flash messages travel as catalogue keys in the redirect URL, never as free text.
    static func flashText(_ key: String) -> String? { key.hasPrefix("flash.") || key == "common.saved" ? key : nil }
}

extension Response {
    static func html(_ body: String, status: HTTPResponseStatus = .ok) -> Response {
        let response = Response(status: status, body: .init(string: body))
        response.headers.contentType = .html
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}

extension PageChrome {
    /// Resolves a flash key to text in the page's language.
    var flashText: String? { flash.map { t($0) } }
}

/// A path inside this site only, so redirects after sign-in cannot leave it.
func localPath(_ text: String?) -> String {
    guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.contains("\\") else { return "/" }
    return text
}
