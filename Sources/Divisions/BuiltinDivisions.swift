import Documents
import Foundation
import XiangcunKit
import ZIPFoundation

/// The national NBS division lists (统计用区划代码, 2023: 31 provinces, 342 cities, 2,978
/// counties and 41,352 townships) shipped inside the product as one ZIP resource
/// (`Data/nbs-divisions-2023.zip`, 0.36 MB instead of 1.7 MB), so an installation cloned or copied
/// alone can set up any county without downloading a list. Villages are not shipped: each
/// county imports its own village list.
///
/// The rows come out in the shape `DivisionImporter.importRows` takes. The importer treats a
/// list as complete for every parent it names, so the rows of one county carry the whole
/// level under each of its ancestors (every city of its province, every county of its city):
/// importing a county never makes its neighbours inactive.
public enum BuiltinDivisions {
    /// The year of the NBS lists shipped.
    public static let year = 2023

    /// Why a built-in list could not be given.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// Not a division code at all (letters, wrong length, unknown province…).
        case badCode(String, reason: String)
        /// A well-formed code of another level, e.g. a city.
        case notACounty(String)
        /// A county-shaped code the list does not name.
        case unknownCounty(String)
        /// The resource is missing or damaged: the installation is broken.
        case unreadable(String)

        public var description: String {
            switch self {
            case .badCode(let code, let reason): return "\(code) is not a division code: \(reason)"
            case .notACounty(let code): return "\(code) is not a county: give the 6-digit code of a county (县/区/县级市), e.g. 331123"
            case .unknownCounty(let code): return "\(code) is not a county in the built-in NBS \(year) list"
            case .unreadable(let reason): return "the built-in division lists cannot be read: \(reason)"
            }
        }
    }

    /// Every province, city and county: the national list down to county level.
    public static func country() throws(Failure) -> [DivisionRow] {
        let lists = try Lists.load()
        return unique(lists.provinces + lists.cities + lists.counties)
    }

    /// The rows one county needs: its province, the cities of that province, the counties of
    /// its city, and its own townships. `code` is the county's short (6-digit) or full code.
    public static func county(_ code: String) throws(Failure) -> [DivisionRow] {
        let county: DivisionCode
        do { county = try DivisionCode(code) } catch { throw .badCode(code, reason: error.message) }
        // 东莞市 (441900), 中山市 and 儋州市 have no counties: their codes are a city's, refused here.
        guard county.level == .county, let city = county.parent else { throw .notACounty(code) }
        let lists = try Lists.load()
        guard lists.counties.contains(where: { $0.code == county }) else { throw .unknownCounty(code) }
        let province = county.province
        let townships = try lists.townships(of: county)
        return unique(lists.provinces.filter { $0.code == province }
            + lists.cities.filter { $0.code.parent == province }
            + lists.counties.filter { $0.code.parent == city }
            + townships)
    }

    /// Keeps the first row of each code: counties.csv repeats the three cities without counties.
    static func unique(_ rows: [DivisionRow]) -> [DivisionRow] {
        var seen = Set<String>()
        return rows.filter { seen.insert($0.code.value).inserted }
    }

    /// The four files of the resource: the three small ones parsed, the townships kept as bytes
    /// until one county's are asked for.
    struct Lists {
        static let resource = "nbs-divisions-2023"

        var provinces: [DivisionRow]
        var cities: [DivisionRow]
        var counties: [DivisionRow]
        var townshipsFile: Data

        static func load() throws(Failure) -> Lists {
            guard let url = Bundle.module.url(forResource: resource, withExtension: "zip", subdirectory: "Data") else {
                throw .unreadable("Data/\(resource).zip is missing from the Divisions resources")
            }
            let archive: Archive
            do { archive = try Archive(url: url, accessMode: .read) } catch { throw .unreadable("\(url.lastPathComponent): \(error)") }
            return Lists(provinces: try rows(try file("provinces.csv", in: archive), file: "provinces.csv"),
                         cities: try rows(try file("cities.csv", in: archive), file: "cities.csv"),
                         counties: try rows(try file("counties.csv", in: archive), file: "counties.csv"),
                         townshipsFile: try file("townships.csv", in: archive))
        }

        /// The townships of one county. Lines are picked by their code's bytes before the CSV is
        /// parsed (the shipped file has one record per line), so a county costs ~40 rows, not 41,352.
        func townships(of county: DivisionCode) throws(Failure) -> [DivisionRow] {
            let prefix = Array(county.short.utf8)
            var picked = Data()
            for line in townshipsFile.split(separator: UInt8(ascii: "\n")) where picked.isEmpty || line.starts(with: prefix) {
                picked.append(contentsOf: line)
                picked.append(UInt8(ascii: "\n"))
            }
            return try Self.rows(picked, file: "townships.csv")
        }

        static func file(_ name: String, in archive: Archive) throws(Failure) -> Data {
            guard let entry = archive[name] else { throw .unreadable("\(name) is missing from \(resource).zip") }
            var data = Data()
            do { _ = try archive.extract(entry, skipCRC32: false) { data.append($0) } } catch {
                throw .unreadable("\(name): \(error)")
            }
            return data
        }

        /// CSV bytes → rows through the same parser as uploaded lists. A file with only its
        /// header gives no rows.
        static func rows(_ data: Data, file: String) throws(Failure) -> [DivisionRow] {
            let table: CSV.Table
            do { table = try CSV.read(data, encoding: .encoding(.utf8)) } catch { throw .unreadable("\(file): \(error)") }
            guard table.records.count > 1 else { return [] }
            switch DivisionListParser.parse(records: table.records.map { (line: $0.line, fields: $0.fields) }) {
            case .success(let rows): return rows
            case .failure(let failed): throw .unreadable("\(file): " + failed.errors.prefix(3).map(\.description).joined(separator: "; "))
            }
        }
    }
}
