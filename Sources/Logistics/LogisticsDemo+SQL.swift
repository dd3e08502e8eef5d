import SQLKit

/// The demo generator's SQL for both engines (only internal numbers and a validated county
/// code are spliced in; nothing comes from a user).
struct DemoSQL {
    let postgres: Bool
    let county: String
    /// Epoch seconds of the first day's midnight (Beijing) and of now.
    let start: Double
    let now: Double

    var nowText: String { String(Int(now)) }

    /// Ids in generation order (a valid version-4 layout): inserts append instead of
    /// scattering over the index. `offset` keeps two generations apart.
    var offset: Int { (Int(now) % 100_000) * 10_000_000 }
    func parcelID(_ n: String) -> String {
        postgres ? "CAST('00000000-0000-4000-a000-' || lpad(to_hex(\(n) + \(offset)), 12, '0') AS UUID)"
            : "'00000000-0000-4000-A000-' || printf('%012X', \(n) + \(offset))"
    }
    /// A scan's id: its parcel's with the step number in front.
    func scanID(_ step: String) -> String {
        postgres ? "CAST(lpad(to_hex(\(step)), 8, '0') || substr(id::text, 9) AS UUID)" : "printf('%08X', \(step)) || substr(id, 9)"
    }
    func ts(_ e: String) -> String { postgres ? "to_timestamp(\(e))" : "((\(e)) * 1.0)" }
    func epoch(_ column: String) -> String { postgres ? "EXTRACT(EPOCH FROM \(column))" : column }
    func day(_ e: String) -> String {
        postgres ? "to_char(to_timestamp(\(e) + 28800) AT TIME ZONE 'UTC', 'YYYY-MM-DD')" : "date(\(e) + 28800, 'unixepoch')"
    }
    func uuidOf(_ e: String) -> String { postgres ? "CAST(\(e) AS UUID)" : e }
    func pad6(_ e: String) -> String { postgres ? "lpad((\(e))::text, 6, '0')" : "printf('%06d', \(e))" }
    func key(_ column: String) -> String { postgres ? "COALESCE(upper(\(column)::text), '')" : "COALESCE(\(column), '')" }
    func daysBetween(_ from: String, _ to: String) -> String {
        postgres ? "(to_date(\(to), 'YYYY-MM-DD') - to_date(\(from), 'YYYY-MM-DD'))" : "CAST(julianday(\(to)) - julianday(\(from)) AS INTEGER)"
    }

    /// Numbered rows with two integer hashes: the seeded randomness of the generator.
    func series(_ count: Int, perDay: Int) -> String {
        """
        WITH RECURSIVE seq(n) AS (SELECT CAST(0 AS BIGINT) UNION ALL SELECT n + 1 FROM seq WHERE n < \(count - 1)),
        g AS (SELECT n, n / \(perDay) AS d, (n * 2654435761 + 97) % 1000003 AS h, (n * 40503 + 11) % 999983 AS h2 FROM seq)
        """
    }

    static let parcelColumns = """
        id, county_code, waybill, carrier_code, direction, status, recipient_name, recipient_phone, phone_last4, village_code, address, station_id,
        weight_g, cod_fen, pickup_code, producer, product, month, intake_day, received_at, arrived_at, picked_up_at, exception, carrier_mismatch, sample
        """

    /// Carrier shares of inbound parcels (per cent ranges).
    static let carriers = """
        (SELECT 'ems' AS code, 0 AS lo, 11 AS hi UNION ALL SELECT 'sf', 12, 19 UNION ALL SELECT 'zto', 20, 39 UNION ALL SELECT 'yto', 40, 54
         UNION ALL SELECT 'sto', 55, 64 UNION ALL SELECT 'yunda', 65, 79 UNION ALL SELECT 'jt', 80, 89 UNION ALL SELECT 'jd', 90, 94
         UNION ALL SELECT 'cainiao', 95, 99)
        """

    func inbound(count: Int, perDay: Int, destinations: Int) -> SQLQueryString {
        let days = count / perDay
        let phone = "'1380' || (1000000 + h % 9000000)"
        return SQLQueryString("""
            \(unsafeRaw: series(count, perDay: perDay)),
            t AS (SELECT g.*, \(unsafeRaw: String(Int(start))) + d * 86400 + 25200 + (h % 36000) AS rec,
                  CASE WHEN (h2 / 100) % 100 < 15 THEN 0 WHEN (h2 / 100) % 100 < 75 THEN 1 WHEN (h2 / 100) % 100 < 93 THEN 2
                       WHEN (h2 / 100) % 100 < 98 THEN 3 ELSE 4 END AS tr,
                  CASE WHEN d >= \(unsafeRaw: String(days - 2)) AND h % 250 = 0 THEN 1 ELSE 0 END AS ex FROM g),
            u AS (SELECT t.*, rec + tr * 86400 + 18000 + (h2 % 14400) AS arr, 1800 + ((h / 7) % 172800) AS wait FROM t)
            INSERT INTO logistics_parcels (\(unsafeRaw: Self.parcelColumns))
            SELECT \(unsafeRaw: parcelID("n")), '\(unsafeRaw: county)', 'XC' || (10000000000 + n), c.code, 'inbound',
              CASE WHEN ex = 1 THEN 'received' WHEN arr + wait <= \(unsafeRaw: nowText) THEN 'pickedUp' WHEN arr <= \(unsafeRaw: nowText) THEN 'arrivedStation'
                   WHEN rec + 10800 <= \(unsafeRaw: nowText) THEN 'loaded' WHEN rec + 3600 <= \(unsafeRaw: nowText) THEN 'sorted' ELSE 'received' END,
              '示例村民', \(unsafeRaw: phone), substr(\(unsafeRaw: phone), 8, 4),
              CASE WHEN ex = 1 THEN NULL ELSE dd.village_code END, CASE WHEN ex = 1 THEN '遂昌县某村某组（示例地址）' ELSE '' END,
              CASE WHEN ex = 1 THEN NULL ELSE \(unsafeRaw: uuidOf("dd.station_id")) END, 200 + h2 % 4800, 0,
              CASE WHEN ex = 0 AND arr <= \(unsafeRaw: nowText) AND arr + wait > \(unsafeRaw: nowText) THEN \(unsafeRaw: pad6("h2 % 1000000")) ELSE NULL END,
              NULL, NULL, substr(\(unsafeRaw: day("rec")), 1, 7), \(unsafeRaw: day("rec")), \(unsafeRaw: ts("rec")),
              CASE WHEN ex = 0 AND arr <= \(unsafeRaw: nowText) THEN \(unsafeRaw: ts("arr")) ELSE NULL END,
              CASE WHEN ex = 0 AND arr + wait <= \(unsafeRaw: nowText) THEN \(unsafeRaw: ts("arr + wait")) ELSE NULL END,
              CASE WHEN ex = 1 THEN TRUE ELSE FALSE END, FALSE, TRUE
            FROM u JOIN demo_dest dd ON dd.i = u.h % \(unsafeRaw: String(destinations))
                   JOIN \(unsafeRaw: Self.carriers) c ON (u.h2 % 100) BETWEEN c.lo AND c.hi
            WHERE rec <= \(unsafeRaw: nowText)
            """)
    }

    func outbound(count: Int, perDay: Int, destinations: Int) -> SQLQueryString {
        SQLQueryString("""
            \(unsafeRaw: series(count, perDay: perDay)),
            u AS (SELECT g.*, \(unsafeRaw: String(Int(start))) + d * 86400 + 32400 + (h % 28800) AS rec FROM g)
            INSERT INTO logistics_parcels (\(unsafeRaw: Self.parcelColumns))
            SELECT \(unsafeRaw: parcelID("n + 5000000")), '\(unsafeRaw: county)', 'XO' || (10000000000 + n), c.code, 'outbound',
              CASE WHEN rec + 172800 <= \(unsafeRaw: nowText) THEN 'handedOver' ELSE 'collected' END, '', '', '', NULL, '',
              \(unsafeRaw: uuidOf("dd.station_id")), 1000 + h2 % 14000, 0, NULL, '示例合作社' || (h % 40 + 1),
              CASE h2 % 6 WHEN 0 THEN '龙谷丽人茶' WHEN 1 THEN '番薯干' WHEN 2 THEN '菊米' WHEN 3 THEN '笋干' WHEN 4 THEN '土蜂蜜' ELSE '高山蔬菜' END,
              substr(\(unsafeRaw: day("rec")), 1, 7), \(unsafeRaw: day("rec")), \(unsafeRaw: ts("rec")), NULL, NULL, FALSE, FALSE, TRUE
            FROM u JOIN demo_dest dd ON dd.i = u.h % \(unsafeRaw: String(destinations))
                   JOIN (SELECT 'ems' AS code, 0 AS lo, 59 AS hi UNION ALL SELECT 'sf', 60, 84 UNION ALL SELECT 'zto', 85, 99) c ON (u.h2 % 100) BETWEEN c.lo AND c.hi
            WHERE rec <= \(unsafeRaw: nowText)
            """)
    }

    /// (kind, time of the scan as epoch seconds, condition, place, note) — each scan derives
    /// from the parcel's own times, exactly as the rollup below counts it.
    var steps: [(kind: String, at: String, condition: String, place: String, note: String)] {
        let rec = epoch("received_at"), arr = epoch("arrived_at"), picked = epoch("picked_up_at")
        let inbound = "direction = 'inbound'", sorted = "direction = 'inbound' AND exception = FALSE"
        return [
            ("received", rec, inbound, "NULL", "''"),
            ("sorted", "\(rec) + 3600", "\(sorted) AND \(rec) + 3600 <= \(nowText)", "NULL", "''"),
            ("loaded", "\(rec) + 10800", "\(sorted) AND \(rec) + 10800 <= \(nowText)", "NULL", "'示例线路'"),
            ("arrivedHub", "\(arr) - 3600", "arrived_at IS NOT NULL", "NULL", "''"),
            ("arrivedStation", arr, "arrived_at IS NOT NULL", "station_id", "''"),
            ("pickedUp", picked, "picked_up_at IS NOT NULL", "station_id", "''"),
            ("collected", rec, "direction = 'outbound'", "station_id", "''"),
            ("handedOver", "\(rec) + 172800", "status = 'handedOver'", "NULL", "''"),
        ]
    }

    /// Every step's scans in one statement, in the scans' key order (parcel, then kind): the
    /// rows append to the key instead of being threaded between the rows of earlier steps.
    var scans: SQLQueryString {
        let cases = { (pick: (Int) -> String) in
            "CASE s.step " + steps.indices.map { "WHEN \($0 + 1) THEN \(pick($0))" }.joined(separator: " ") + " END"
        }
        let at = cases { steps[$0].at }, place = cases { steps[$0].place }, note = cases { steps[$0].note }
        let condition = cases { "(\(steps[$0].condition))" }
        let stepRows = steps.enumerated().map { "(\($0.offset + 1), '\($0.element.kind)')" }.joined(separator: ", ")
        return SQLQueryString("""
            WITH s(step, kind) AS (VALUES \(unsafeRaw: stepRows))
            INSERT INTO logistics_scans (id, county_code, month, parcel_id, kind, at, day, place_id, actor, note)
            SELECT \(unsafeRaw: scanID("s.step")), county_code, month, id, s.kind, \(unsafeRaw: ts(at)), \(unsafeRaw: day(at)), \(unsafeRaw: place), 'demo', \(unsafeRaw: note)
            FROM logistics_parcels CROSS JOIN s
            WHERE county_code = '\(unsafeRaw: county)' AND sample = TRUE AND \(unsafeRaw: condition) ORDER BY id, s.kind
            """)
    }

    /// The daily rollup of the generated scans, one upsert per step.
    var rollup: [SQLQueryString] {
        let weight = "SUM(weight_g)"
        let transit = (0..<6).map { k in
            "SUM(CASE WHEN \(daysBetween("intake_day", day(epoch("arrived_at")))) \(k == 5 ? ">=" : "=") \(k) THEN 1 ELSE 0 END)"
        }
        let columns: [String: [(String, String)]] = [
            "received": [("received", "COUNT(*)"), ("exceptions", "SUM(CASE WHEN exception THEN 1 ELSE 0 END)")],
            "sorted": [("sorted", "COUNT(*)"), ("sorted_g", weight)], "loaded": [("loaded", "COUNT(*)")], "arrivedHub": [("arrived_hub", "COUNT(*)")],
            "arrivedStation": [("arrived", "COUNT(*)")] + transit.enumerated().map { ("t\($0.offset)", $0.element) },
            "pickedUp": [("picked_up", "COUNT(*)")], "collected": [("collected", "COUNT(*)"), ("collected_g", weight)], "handedOver": [("handed_over", "COUNT(*)")],
        ]
        return steps.compactMap { s in
            guard let cols = columns[s.kind] else { return nil }
            let names = cols.map(\.0).joined(separator: ", "), values = cols.map(\.1).joined(separator: ", ")
            let updates = cols.map { "\($0.0) = logistics_daily.\($0.0) + excluded.\($0.0)" }.joined(separator: ", ")
            return SQLQueryString("""
                INSERT INTO logistics_daily (county_code, day, station_key, carrier_code, direction, \(unsafeRaw: names))
                SELECT county_code, \(unsafeRaw: day(s.at)), \(unsafeRaw: key("station_id")), carrier_code, direction, \(unsafeRaw: values)
                FROM logistics_parcels WHERE county_code = '\(unsafeRaw: county)' AND sample = TRUE AND \(unsafeRaw: s.condition)
                GROUP BY 1, 2, 3, 4, 5
                ON CONFLICT (county_code, day, station_key, carrier_code, direction) DO UPDATE SET \(unsafeRaw: updates)
                """)
        }
    }
}
