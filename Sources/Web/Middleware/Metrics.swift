import Foundation
import Vapor

/// Request counters and latency in Prometheus text format, for /metrics.
actor MetricsRegistry {
    struct Key: Hashable { let method: String; let status: UInt }
    var requests: [Key: Int] = [:]
    var durationSum: Double = 0
    var durationCount = 0
    var buckets: [Double: Int] = [:]
    static let bucketBounds: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]
    let started = Date()

    func observe(method: String, status: UInt, seconds: Double) {
        requests[Key(method: method, status: status), default: 0] += 1
        durationSum += seconds
        durationCount += 1
        for bound in Self.bucketBounds where seconds <= bound { buckets[bound, default: 0] += 1 }
    }

    func render(version: String) -> String {
        var lines = [
            "# HELP xiangcun_build_info Build information.", "# TYPE xiangcun_build_info gauge",
            "xiangcun_build_info{version=\"\(version)\"} 1",
            "# HELP xiangcun_process_start_time_seconds Start time of the process since the Unix epoch.",
            "# TYPE xiangcun_process_start_time_seconds gauge",
            "xiangcun_process_start_time_seconds \(Int(started.timeIntervalSince1970))",
            "# HELP xiangcun_http_requests_total HTTP requests by method and status.",
            "# TYPE xiangcun_http_requests_total counter",
        ]
        for (key, count) in requests.sorted(by: { ($0.key.method, $0.key.status) < ($1.key.method, $1.key.status) }) {
            lines.append("xiangcun_http_requests_total{method=\"\(key.method)\",status=\"\(key.status)\"} \(count)")
        }
        lines += ["# HELP xiangcun_http_request_duration_seconds Request latency.", "# TYPE xiangcun_http_request_duration_seconds histogram"]
        for bound in Self.bucketBounds {
            lines.append("xiangcun_http_request_duration_seconds_bucket{le=\"\(bound)\"} \(buckets[bound] ?? 0)")
        }
        lines.append("xiangcun_http_request_duration_seconds_bucket{le=\"+Inf\"} \(durationCount)")
        lines.append("xiangcun_http_request_duration_seconds_sum \(String(format: "%.6f", durationSum))")
        lines.append("xiangcun_http_request_duration_seconds_count \(durationCount)")
        return lines.joined(separator: "\n") + "\n"
    }
}

struct MetricsKey: StorageKey { typealias Value = MetricsRegistry }

extension Application {
    var metricsRegistry: MetricsRegistry { storage[MetricsKey.self] ?? MetricsRegistry() }
}

struct MetricsMiddleware: AsyncMiddleware {
    let registry: MetricsRegistry

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let response = try await next.respond(to: request)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        await registry.observe(method: request.method.rawValue, status: response.status.code, seconds: seconds)
        return response
    }
}
