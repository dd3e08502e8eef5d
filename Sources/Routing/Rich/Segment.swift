/// Route segment summary for O(1) concatenation (Vidal et al. 2013 for time windows and
/// duration; a max-load summary for simultaneous pick-up and delivery; the latest release time
/// of the stops for multi-trip routes with release dates).
struct Segment {
    var distance: Int
    /// Minimum duration (travel + service + necessary waiting).
    var duration: Int
    /// Accumulated time warp (lateness); 0 for a time-feasible segment.
    var timeWarp: Int
    /// Earliest / latest start of the first service achieving `duration`.
    var early: Int
    var late: Int
    /// Total delivered / picked up in the segment.
    var delivery: Int
    var pickup: Int
    /// Maximum load inside the segment when entering with exactly its deliveries on board.
    var maxLoad: Int
    /// Latest release time of the segment's stops: the trip carrying them cannot leave the depot
    /// earlier. Applied (and reset) by `closingTrip()`.
    var release: Int

    /// Far enough from Int limits that sums of a few of them cannot overflow.
    static let unbounded = 1 << 50

    /// The neutral element of `merge` (an empty sequence).
    static let empty = Segment(distance: 0, duration: 0, timeWarp: 0, early: -unbounded, late: unbounded,
                               delivery: 0, pickup: 0, maxLoad: 0, release: 0)

    @inline(__always)
    static func node(service: Int, early: Int, late: Int, delivery: Int, pickup: Int, release: Int = 0) -> Segment {
        Segment(distance: 0, duration: service, timeWarp: 0, early: early, late: late,
                delivery: delivery, pickup: pickup, maxLoad: max(delivery, pickup), release: release)
    }

    /// Concatenation of `a` then `b` with the given travel distance and time between them.
    @inline(__always)
    static func merge(_ a: Segment, _ b: Segment, travelDistance: Int, travelTime: Int) -> Segment {
        let delta = a.duration - a.timeWarp + travelTime
        let deltaWait = max(b.early - delta - a.late, 0)
        let deltaWarp = max(a.early + delta - b.late, 0)
        return Segment(
            distance: a.distance + b.distance + travelDistance,
            duration: a.duration + b.duration + travelTime + deltaWait,
            timeWarp: a.timeWarp + b.timeWarp + deltaWarp,
            early: max(b.early - delta, a.early) - deltaWait,
            late: min(b.late - delta, a.late) + deltaWarp,
            delivery: a.delivery + b.delivery,
            pickup: a.pickup + b.pickup,
            maxLoad: max(a.maxLoad + b.delivery, b.maxLoad + a.pickup),
            release: max(a.release, b.release))
    }

    /// A whole trip (depot … depot) seen from the outside once the vehicle has reloaded: it
    /// cannot start before its release time (starting after `late` is time warp), and its loads
    /// no longer add to the next trip's (only `maxLoad`, the trip's peak, is kept for the
    /// capacity check).
    @inline(__always)
    func closingTrip() -> Segment {
        var s = self
        if release > early {
            if release <= late {
                s.early = release
            } else {
                s.timeWarp += release - late
                s.early = late
            }
        }
        s.delivery = 0
        s.pickup = 0
        s.release = 0
        return s
    }
}
