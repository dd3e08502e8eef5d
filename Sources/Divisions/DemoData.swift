import Foundation

/// Division lists shipped with the app.
public enum DivisionData {
    /// 遂昌县 (331123): its province, city, the city's counties, its 20 real townships (NBS 2023)
    /// and 203 sample villages, clearly named 示例村, because no real village list is shipped.
    public static func demoCounty() throws -> Data {
        guard let url = Bundle.module.url(forResource: "demo-331123", withExtension: "csv", subdirectory: "Data") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try Data(contentsOf: url)
    }
}
