import Foundation
import XiangcunKit

/// The real Suichang programme (遂昌县, 2020 batch) as demo data: CSV files in
/// `Demo/suichang-2021/` (one per sheet) loaded through the same importer users use.
public enum DemoProgramme {
    public static let countyName = "遂昌县"
    public static let countyCode = "331123000000"
    /// The self-assessment report's date, which the demo progress entries carry.
    public static let asOf = Day(year: 2021, month: 12, day: 2) ?? Day(ordinal: 18963)
    static let folder = "suichang-2021"

    /// The plan, parsed from the bundled CSV files.
    /// - Throws: `DemoProgrammeError` when the files are missing or do not parse (a bug).
    public static func suichang() throws -> ProgrammePlan {
        let result = PlanWorkbook.parse(csvSheets: try csvSheets())
        guard let plan = result.plan else { throw DemoProgrammeError.invalid(result.errors.map(\.description)) }
        return plan
    }

    /// A snapshot for reports as of the self-assessment date (2021-12-02).
    public static func suichangSnapshot() throws -> ProgrammeSnapshot {
        ProgrammeSnapshot(plan: try suichang(), countyName: countyName, asOf: asOf)
    }

    /// The demo's CSV files keyed by sheet name ("方案" …), e.g. for a downloadable sample.
    public static func csvSheets() throws -> [String: Data] {
        guard let directory = directory() else { throw DemoProgrammeError.missing(folder) }
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension.lowercased() == "csv" }
        guard !files.isEmpty else { throw DemoProgrammeError.missing(directory.path) }
        var sheets: [String: Data] = [:]
        for file in files {
            sheets[file.deletingPathExtension().lastPathComponent.precomposedStringWithCanonicalMapping] = try Data(contentsOf: file)
        }
        return sheets
    }

    /// The folder holding the CSV files: in the SwiftPM resource bundle
    /// (`<package>_ProgrammeCore.resources` / `.bundle`, next to the executable or test bundle),
    /// else in the source tree. Does not use `Bundle.module`, so the module also builds when the
    /// package does not declare the resources.
    public static func directory() -> URL? {
        let fm = FileManager.default
        var roots: [URL] = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        if let exe = Bundle.main.executableURL { roots.append(exe.deletingLastPathComponent()) }
        roots += Bundle.allBundles.map(\.bundleURL)
        for root in roots {
            guard let items = try? fm.contentsOfDirectory(at: root, includingPropertiesForKeys: nil) else { continue }
            for item in items where item.lastPathComponent.hasSuffix("_ProgrammeCore.resources") || item.lastPathComponent.hasSuffix("_ProgrammeCore.bundle") {
                for candidate in [item.appendingPathComponent("Demo/\(folder)"), item.appendingPathComponent("Contents/Resources/Demo/\(folder)"),
                                  item.appendingPathComponent(folder)] where fm.fileExists(atPath: candidate.path) {
                    return candidate
                }
            }
        }
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Demo/\(folder)")
        return fm.fileExists(atPath: source.path) ? source : nil
    }
}

public enum DemoProgrammeError: Error, Sendable, Equatable, CustomStringConvertible {
    case missing(String)
    case invalid([String])

    public var description: String {
        switch self {
        case .missing(let path): return "演示数据文件缺失：\(path)"
        case .invalid(let errors): return "演示数据无效：\(errors.joined(separator: "；"))"
        }
    }
}
