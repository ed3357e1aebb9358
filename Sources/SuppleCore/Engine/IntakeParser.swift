import Foundation

/// Reads an intake document (docs/intake.md) strictly: unknown fields, wrong types and
/// out-of-range values are each reported by their dotted field name, all at once.
public enum IntakeParser {
    public static let topLevelFields: Set<String> = [
        "age", "painRegions", "weeksWithPain", "painNow", "painAverageWeek", "painWorstWeek", "worseWith", "betterWith",
        "legSymptoms", "numbnessOrTingling", "walkMinutesBeforePain", "firstEverEpisode", "gettingWorse", "dangerSigns",
        "history", "peg", "psfs", "phq2", "gad2", "fearOfMovement", "goals", "canGetToFloor", "equipment",
        "sittingHoursPerDay", "workHours", "preferredWalkTime", "pregnancy", "weeksPregnant", "surgery", "phq9Rest",
    ]
    public static let surgeryFields: Set<String> = [
        "hipReplacement", "hipReplacementWeeksAgo", "hipApproach", "kneeReplacement", "kneeReplacementWeeksAgo",
        "spineSurgery", "spineSurgeryWeeksAgo", "spineSurgeryKind",
    ]

    public static func parse(_ data: Data) throws(ValidationFailure) -> Intake {
        guard let value = JSONValue.parse(data) else {
            throw ValidationFailure(field: "document", message: "The intake must be a JSON object.")
        }
        return try parse(value)
    }

    public static func parse(_ value: JSONValue) throws(ValidationFailure) -> Intake {
        guard case .object(let object) = value else {
            throw ValidationFailure(field: "document", message: "The intake must be a JSON object.")
        }
        var reader = Reader(object: object, prefix: "")
        reader.rejectUnknown(topLevelFields)
        let age = reader.integer("age", 18...120)
        let regions = reader.choices("painRegions", BodyRegion.self, required: true, count: 1...4, excluding: [.wholeBody])
        let weeks = reader.integer("weeksWithPain", 0...1040)
        let painNow = reader.integer("painNow", 0...10)
        let painAverage = reader.integer("painAverageWeek", 0...10)
        let painWorst = reader.integer("painWorstWeek", 0...10)
        let worse = reader.choices("worseWith", Intake.Activity.self, required: false, count: 0...11) ?? []
        let better = reader.choices("betterWith", Intake.Activity.self, required: false, count: 0...11) ?? []
        let legs = reader.choice("legSymptoms", Intake.LegSymptoms.self) ?? Intake.LegSymptoms.none
        let numbness = reader.flag("numbnessOrTingling")
        let walkMinutes = reader.integer("walkMinutesBeforePain", 0...240, required: false)
        let firstEver = reader.flag("firstEverEpisode")
        let worsening = reader.flag("gettingWorse")
        let danger = reader.flags("dangerSigns", keys: Intake.DangerSigns.keys)
        let history = reader.flags("history", keys: Intake.History.keys)
        let peg = reader.nested("peg", required: true) { peg in
            peg.rejectUnknown(["enjoymentInterference", "activityInterference"])
            return (peg.integer("enjoymentInterference", 0...10), peg.integer("activityInterference", 0...10))
        }
        let psfs = reader.psfs()
        let phq2 = reader.itemPair("phq2")
        let gad2 = reader.itemPair("gad2")
        let fear = reader.integer("fearOfMovement", 0...10)
        let goals = reader.text("goals", maxLength: 500) ?? ""
        let floor = reader.flag("canGetToFloor", default: true)
        let equipment = reader.choices("equipment", Equipment.self, required: false, count: 0...30) ?? []
        let sitting = reader.integer("sittingHoursPerDay", 0...24, required: false) ?? 0
        let workHours = reader.workHours()
        let walkTime = reader.choice("preferredWalkTime", Intake.WalkTime.self) ?? .morning
        let pregnancy = reader.choice("pregnancy", Intake.Pregnancy.self) ?? .no
        let weeksPregnant = reader.integer("weeksPregnant", 1...42, required: pregnancy == .pregnant)
        if pregnancy != .pregnant, weeksPregnant != nil {
            reader.problem("weeksPregnant", "is only for a pregnancy: leave it out unless pregnancy is \"pregnant\".")
        }
        let surgery = reader.surgery()
        let phq9Rest = reader.items("phq9Rest", count: 7, range: 0...3)
        if phq9Rest != nil, let phq2, phq2.reduce(0, +) < 3 {
            reader.problem("phq9Rest", "is asked only when the two PHQ-2 answers add up to 3 or more.")
        }
        if let regions, regions.count != Set(regions).count {
            reader.problem("painRegions", "lists a region twice.")
        }
        try reader.errors.throwIfAny()

        var intake = Intake(
            age: age!,
            painRegions: regions!,
            weeksWithPain: weeks!,
            painNow: painNow!,
            painAverageWeek: painAverage!,
            painWorstWeek: painWorst!,
            peg: Intake.PEG(enjoymentInterference: peg!.0!, activityInterference: peg!.1!),
            phq2: phq2!,
            gad2: gad2!,
            fearOfMovement: fear!
        )
        intake.worseWith = worse
        intake.betterWith = better
        intake.legSymptoms = legs
        intake.numbnessOrTingling = numbness
        intake.walkMinutesBeforePain = walkMinutes
        intake.firstEverEpisode = firstEver
        intake.gettingWorse = worsening
        intake.dangerSigns = decodeFlags(danger, as: Intake.DangerSigns.self) ?? Intake.DangerSigns()
        intake.history = decodeFlags(history, as: Intake.History.self) ?? Intake.History()
        intake.psfs = psfs
        intake.goals = goals
        intake.canGetToFloor = floor
        intake.equipment = equipment
        intake.sittingHoursPerDay = sitting
        intake.workHours = workHours
        intake.preferredWalkTime = walkTime
        intake.pregnancy = pregnancy
        intake.weeksPregnant = weeksPregnant
        intake.surgery = surgery
        intake.phq9Rest = phq9Rest
        return intake
    }

    /// Builds a flag struct from a full set of booleans through its Codable form.
    public static func decodeFlags<T: Decodable>(_ flags: [String: Bool], as type: T.Type) -> T? {
        guard let data = try? JSONEncoder().encode(flags) else { return nil }
        return try? JSONDecoder().decode(T.self, from: data)
    }

    struct Reader {
        let object: [String: JSONValue]
        let prefix: String
        var errors = FieldErrorCollector()

        mutating func problem(_ key: String, _ message: String) {
            errors.add(prefix + key, "\(prefix + key) \(message)")
        }

        mutating func rejectUnknown(_ allowed: Set<String>) {
            for key in object.keys.sorted() where !allowed.contains(key) {
                errors.add(prefix + key, "\(prefix + key) is not a field of the intake. Check the spelling against docs/intake.md.")
            }
        }

        func isAbsent(_ key: String) -> Bool {
            if case .null? = object[key] { return true }
            return object[key] == nil
        }

        mutating func integer(_ key: String, _ range: ClosedRange<Int>, required: Bool = true) -> Int? {
            if isAbsent(key) {
                if required { problem(key, "is required.") }
                return nil
            }
            guard let value = object[key]?.integer, range.contains(value) else {
                problem(key, "must be a whole number from \(range.lowerBound) to \(range.upperBound).")
                return nil
            }
            return value
        }

        mutating func flag(_ key: String, default fallback: Bool = false) -> Bool {
            if isAbsent(key) { return fallback }
            guard case .bool(let value)? = object[key] else {
                problem(key, "must be true or false.")
                return fallback
            }
            return value
        }

        mutating func text(_ key: String, maxLength: Int) -> String? {
            if isAbsent(key) { return nil }
            guard case .string(let value)? = object[key] else {
                problem(key, "must be text.")
                return nil
            }
            guard value.count <= maxLength else {
                problem(key, "must be \(maxLength) characters or fewer.")
                return nil
            }
            return value.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        mutating func choice<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) -> E? where E.RawValue == String {
            if isAbsent(key) { return nil }
            guard case .string(let raw)? = object[key], let value = E(rawValue: raw) else {
                problem(key, "must be one of: \(E.allCases.map(\.rawValue).joined(separator: ", ")).")
                return nil
            }
            return value
        }

        mutating func choices<E: RawRepresentable & CaseIterable & Equatable>(
            _ key: String,
            _ type: E.Type,
            required: Bool,
            count: ClosedRange<Int>,
            excluding: [E] = []
        ) -> [E]? where E.RawValue == String {
            if isAbsent(key) {
                if required { problem(key, "is required.") }
                return nil
            }
            guard case .array(let items)? = object[key] else {
                problem(key, "must be a list.")
                return nil
            }
            let allowed = E.allCases.filter { !excluding.contains($0) }
            var values: [E] = []
            for item in items {
                guard case .string(let raw) = item, let value = E(rawValue: raw), !excluding.contains(value) else {
                    problem(key, "may only hold: \(allowed.map(\.rawValue).joined(separator: ", ")).")
                    return nil
                }
                values.append(value)
            }
            guard count.contains(values.count) else {
                problem(key, "must list \(count.lowerBound) to \(count.upperBound) items.")
                return nil
            }
            return values
        }

        mutating func flags(_ key: String, keys: [String]) -> [String: Bool] {
            var result = Dictionary(uniqueKeysWithValues: keys.map { ($0, false) })
            if isAbsent(key) { return result }
            guard case .object(let nested)? = object[key] else {
                problem(key, "must be an object of true/false answers.")
                return result
            }
            var inner = Reader(object: nested, prefix: prefix + key + ".")
            inner.rejectUnknown(Set(keys))
            for name in keys { result[name] = inner.flag(name) }
            errors.merge(inner.errors)
            return result
        }

        mutating func nested<T>(_ key: String, required: Bool, _ body: (inout Reader) -> T) -> T? {
            if isAbsent(key) {
                if required { problem(key, "is required.") }
                return nil
            }
            guard case .object(let nested)? = object[key] else {
                problem(key, "must be an object.")
                return nil
            }
            var inner = Reader(object: nested, prefix: prefix + key + ".")
            let result = body(&inner)
            let failed = !inner.errors.errors.isEmpty
            errors.merge(inner.errors)
            return failed ? nil : result
        }

        mutating func itemPair(_ key: String) -> [Int]? {
            if isAbsent(key) {
                problem(key, "is required: two answers from 0 to 3.")
                return nil
            }
            guard case .array(let items)? = object[key], items.count == 2,
                let values = Optional(items.compactMap(\.integer)), values.count == 2, values.allSatisfy({ (0...3).contains($0) })
            else {
                problem(key, "must be two answers, each a whole number from 0 to 3.")
                return nil
            }
            return values
        }

        /// A list of exactly `count` whole-number answers, or nil when left out.
        mutating func items(_ key: String, count: Int, range: ClosedRange<Int>) -> [Int]? {
            if isAbsent(key) { return nil }
            guard case .array(let items)? = object[key], items.count == count,
                let values = Optional(items.compactMap(\.integer)), values.count == count, values.allSatisfy({ range.contains($0) })
            else {
                problem(key, "must be \(count) answers, each a whole number from \(range.lowerBound) to \(range.upperBound).")
                return nil
            }
            return values
        }

        /// Operations, each with how long ago: a yes needs its weeks; approach and kind are optional.
        mutating func surgery() -> Intake.Surgery {
            var result = Intake.Surgery()
            let parsed: Intake.Surgery? = nested("surgery", required: false) { surgery in
                surgery.rejectUnknown(IntakeParser.surgeryFields)
                var value = Intake.Surgery()
                if surgery.flag("hipReplacement") {
                    value.hipReplacementWeeksAgo = surgery.integer("hipReplacementWeeksAgo", 0...5200)
                    value.hipApproach = surgery.choice("hipApproach", Intake.HipApproach.self) ?? .unknown
                }
                if surgery.flag("kneeReplacement") {
                    value.kneeReplacementWeeksAgo = surgery.integer("kneeReplacementWeeksAgo", 0...5200)
                }
                if surgery.flag("spineSurgery") {
                    value.spineSurgeryWeeksAgo = surgery.integer("spineSurgeryWeeksAgo", 0...5200)
                    value.spineSurgery = surgery.choice("spineSurgeryKind", Intake.SpineSurgery.self) ?? .other
                }
                return value
            }
            if let parsed { result = parsed }
            return result
        }

        mutating func psfs() -> [Intake.PSFSItem] {
            if isAbsent("psfs") { return [] }
            guard case .array(let items)? = object["psfs"], items.count <= 3 else {
                problem("psfs", "must be a list of up to 3 activities.")
                return []
            }
            var result: [Intake.PSFSItem] = []
            for (index, item) in items.enumerated() {
                guard case .object(let fields) = item else {
                    problem("psfs[\(index)]", "must be an object with activity and score.")
                    continue
                }
                var inner = Reader(object: fields, prefix: prefix + "psfs[\(index)].")
                inner.rejectUnknown(["activity", "score"])
                let activity = inner.text("activity", maxLength: 80)
                let score = inner.integer("score", 0...10)
                if activity?.isEmpty ?? true { inner.problem("activity", "must name the activity.") }
                errors.merge(inner.errors)
                if let activity, !activity.isEmpty, let score { result.append(.init(activity: activity, score: score)) }
            }
            return result
        }

        mutating func workHours() -> Intake.WorkHours? {
            if isAbsent("workHours") { return nil }
            let parsed: (Intake.ClockTime?, Intake.ClockTime?)? = nested("workHours", required: false) { hours in
                hours.rejectUnknown(["start", "end"])
                func time(_ key: String) -> Intake.ClockTime? {
                    guard case .string(let text)? = hours.object[key], let time = Intake.ClockTime(text) else {
                        hours.problem(key, "must be a time written HH:MM, like 09:00.")
                        return nil
                    }
                    return time
                }
                return (time("start"), time("end"))
            }
            guard let (start, end) = parsed, let start, let end else { return nil }
            guard start < end else {
                problem("workHours.end", "must be later than workHours.start.")
                return nil
            }
            return .init(start: start, end: end)
        }
    }
}

extension FieldErrorCollector {
    mutating func merge(_ other: FieldErrorCollector) {
        for error in other.errors { add(error.field, error.message) }
    }
}
