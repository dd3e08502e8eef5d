import Foundation
import XiangcunKit

/// One attendance (签到) as the counting rules see it: which session, which person (by ID
/// number), where they live and which groups they belong to.
public struct AttendanceFact: Sendable, Hashable {
    public var session: UUID
    public var kind: TrainingKind
    /// The person's ID number: people are the same person when their ID numbers are equal.
    public var person: String
    public var township: String?
    public var groups: [AttendeeGroup]

    public init(session: UUID, kind: TrainingKind, person: String, township: String?, groups: [AttendeeGroup]) {
        self.session = session; self.kind = kind; self.person = person.uppercased(); self.township = township; self.groups = groups
    }
}

/// Person-times (人次) and people (人) of one slice (a group, a township, a kind).
public struct TrainingFigure: Sendable, Equatable {
    public var personTimes: Int
    public var people: Int
    public init(personTimes: Int, people: Int) { self.personTimes = personTimes; self.people = people }
}

/// The programme's counting rules for training (培训人次统计口径):
/// * person-times = one per attendance — one person at two sessions is 2 person-times;
///   the same person signed in twice at one session still counts once;
/// * people = distinct ID numbers;
/// * per group (a person in two groups counts in both) and per township;
/// * sessions per kind.
public struct TrainingTally: Sendable, Equatable {
    public var total: TrainingFigure
    public var byGroup: [AttendeeGroup: TrainingFigure]
    public var byTownship: [String: TrainingFigure]
    public var byKind: [TrainingKind: TrainingFigure]
    public var sessionsByKind: [TrainingKind: Int]

    public init(facts: [AttendanceFact], sessions: [(id: UUID, kind: TrainingKind)]) {
        // One fact per person and session (the first seen wins); every slice then counts its facts.
        var seen = Set<Attendance>(), unique: [AttendanceFact] = []
        for fact in facts where seen.insert(Attendance(session: fact.session, person: fact.person)).inserted { unique.append(fact) }
        func figure(_ slice: [AttendanceFact]) -> TrainingFigure {
            TrainingFigure(personTimes: slice.count, people: Set(slice.map(\.person)).count)
        }
        total = figure(unique)
        var groups: [AttendeeGroup: TrainingFigure] = [:]
        for g in AttendeeGroup.allCases {
            let slice = unique.filter { $0.groups.contains(g) }
            if !slice.isEmpty { groups[g] = figure(slice) }
        }
        byGroup = groups
        byTownship = Dictionary(grouping: unique.filter { $0.township != nil }, by: { $0.township ?? "" }).mapValues(figure)
        byKind = Dictionary(grouping: unique, by: \.kind).mapValues(figure)
        var sessionsByKind: [TrainingKind: Int] = [:]
        for s in Dictionary(grouping: sessions, by: \.id).values.compactMap(\.first) { sessionsByKind[s.kind, default: 0] += 1 }
        self.sessionsByKind = sessionsByKind
    }

    public var sessions: Int { sessionsByKind.values.reduce(0, +) }

    /// What makes an attendance: a person at a session.
    struct Attendance: Hashable {
        var session: UUID
        var person: String
    }
}

/// 转化率 — trained people who went on to open a shop, sell live or register a business,
/// divided by the people trained (distinct ID numbers), in percent, rounded half-up to two places.
public enum ConversionRate {
    /// nil when nobody was trained. People converted who were never trained are not counted.
    public static func percent(converted: Set<String>, trained: Set<String>) -> Decimal? {
        guard !trained.isEmpty else { return nil }
        let count = converted.map { $0.uppercased() }.filter { trained.contains($0) }.count
        return rounded(Decimal(count) * 100 / Decimal(trained.count))
    }

    /// Whether a rate meets a target ("≥1 %").
    public static func meets(_ rate: Decimal?, target: Decimal) -> Bool { (rate ?? 0) >= target }

    /// Half-up to two decimals, as a rate is reported.
    public static func rounded(_ value: Decimal) -> Decimal {
        var exact = value, result = Decimal()
        NSDecimalRound(&result, &exact, 2, .plain)
        return result
    }
}
