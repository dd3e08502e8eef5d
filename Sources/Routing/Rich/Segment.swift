/// Route segment summary for O(1) concatenation (Vidal et al. 2013 for time windows and
/// duration; a max-load summary for simultaneous pick-up and delivery).
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

    @inline(__always)
    static func node(service: Int, early: Int, late: Int, delivery: Int, pickup: Int) -> Segment {
        Segment(distance: 0, duration: service, timeWarp: 0, early: early, late: late,
                delivery: delivery, pickup: pickup, maxLoad: max(delivery, pickup))
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
            maxLoad: max(a.maxLoad + b.delivery, b.maxLoad + a.pickup))
    }
}
