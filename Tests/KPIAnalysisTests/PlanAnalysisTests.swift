import KPIAnalysis
import KPIModel
import Testing

/// The plan computations of `spec/plan.md`, each worked out by hand from a small plan.
@Suite struct PlanAnalysisTests {
    static let september = Fixture.month("2017-09")

    static func item(
        _ ref: String, parent: String? = nil, theme: String? = nil, due: String? = nil, indicators: [String] = []
    ) -> PlanItem {
        PlanItem(
            ref: ref, parent: parent, title: "Item \(ref)", theme: theme, due: due.map { .month(Fixture.month($0)) },
            indicators: indicators, authority: Fixture.home)
    }

    static func update(
        _ ref: String, _ period: String, _ ratings: [PlanRating] = [], status: PlanStatus? = nil,
        due: PlanDue? = nil
    ) -> PlanUpdate {
        PlanUpdate(
            ref: ref, month: Fixture.month(period), ratings: ratings, status: status, due: due, authority: Fixture.home)
    }

    /// The plan as of `asOf` beside one indicator whose figures are given by `rows` and `targets`.
    static func analyse(
        _ items: [PlanItem], _ updates: [PlanUpdate], asOf: String = "2017-09",
        rows: [Observation] = [Fixture.row("2017-09", 18.5)], targets: [Target] = []
    ) -> PlanAnalysis {
        var dataset = Fixture.dataset(rows: rows, targets: targets, asOf: asOf)
        dataset.plan = Plan(items: items, updates: updates)
        return Analysis.analyse(dataset).authorities[0].plan!
    }

    static func byRef(_ plan: PlanAnalysis) -> [String: PlanItemAnalysis] {
        Dictionary(uniqueKeysWithValues: plan.items.map { ($0.item.ref, $0) })
    }

    @Test func theRatingIsTheLatestUpdateInOrBeforeTheMonthAndLaterUpdatesAreIgnored() {
        let updates = [
            Self.update("1", "2017-07", [.red]), Self.update("1", "2017-08", [.amber]),
            Self.update("1", "2017-10", [.green]),
        ]
        let now = Self.byRef(Self.analyse([Self.item("1")], updates))["1"]!
        #expect(now.rating == .amber)
        #expect(now.change == .improved)
        #expect(now.lastUpdate == Fixture.month("2017-08"))
        #expect(now.history.map(\.month) == [Fixture.month("2017-07"), Fixture.month("2017-08")])
        // A rebuild of a past month shows the plan as it stood then.
        let july = Self.byRef(Self.analyse([Self.item("1")], updates, asOf: "2017-07"))["1"]!
        #expect(july.rating == .red)
        #expect(july.change == .new)
        #expect(july.lastUpdate == Fixture.month("2017-07"))
    }

    @Test func anUpdateWithOnlyAStatusKeepsTheRatingBeforeIt() {
        let item = Self.byRef(
            Self.analyse(
                [Self.item("1")],
                [Self.update("1", "2017-08", [.green]), Self.update("1", "2017-09", status: .delayed)]))["1"]!
        #expect(item.rating == .green)
        #expect(item.status == .delayed)
        #expect(item.lastUpdate == Self.september)
    }

    @Test func severalRatingsInACellTakeTheWorstAndATieKeepsTheWordWrittenFirst() {
        let plan = Self.analyse(
            [Self.item("1"), Self.item("2")],
            [
                Self.update("1", "2017-09", [.green, .yellow, .yellow, .green]),
                Self.update("2", "2017-09", [.yellow, .amber, .blue]),
            ])
        let items = Self.byRef(plan)
        #expect(items["1"]!.rating == .yellow)
        #expect(items["1"]!.ratings == [.green, .yellow, .yellow, .green])
        #expect(items["2"]!.rating == .yellow)
        // Yellow counts with amber.
        #expect(plan.counts.amber == 2 && plan.counts.green == 0)
    }

    @Test func changeComparesWithThePreviousUpdate() {
        let items = [Self.item("up"), Self.item("down"), Self.item("same"), Self.item("first"), Self.item("none")]
        let updates = [
            Self.update("up", "2017-06", [.red]), Self.update("up", "2017-09", [.yellow]),
            Self.update("down", "2017-08", [.blue]), Self.update("down", "2017-09", [.green]),
            Self.update("same", "2017-08", [.amber]), Self.update("same", "2017-09", [.yellow]),
            Self.update("first", "2017-09", [.red]),
        ]
        let plan = Self.byRef(Self.analyse(items, updates))
        #expect(plan["up"]!.change == .improved)
        #expect(plan["down"]!.change == .worsened)
        #expect(plan["same"]!.change == .unchanged)
        #expect(plan["first"]!.change == .new)
        #expect(plan["first"]!.newlyRedOrWorsened)
        // An item with no updates has no rating, no change and is stale.
        #expect(plan["none"]!.rating == nil && plan["none"]!.change == nil && plan["none"]!.stale)
    }

    @Test func aRecommendationWithoutARatingTakesTheWorstOfItsActionsMarkedDerived() {
        let items = [
            Self.item("1"), Self.item("1a", parent: "1"), Self.item("1b", parent: "1"), Self.item("1b.i", parent: "1b"),
            Self.item("2"), Self.item("2a", parent: "2"),
        ]
        let updates = [
            Self.update("1a", "2017-06", [.green]), Self.update("1b.i", "2017-06", [.green]),
            Self.update("1b.i", "2017-08", [.red]), Self.update("1a", "2017-09", [.blue]),
            Self.update("2", "2017-09", [.green]), Self.update("2a", "2017-09", [.red]),
        ]
        let plan = Self.analyse(items, updates)
        let byRef = Self.byRef(plan)
        let one = byRef["1"]!
        #expect(one.rating == .red && one.derived)
        // Against the derived rating at the previous month an action was updated (2017-08: red).
        #expect(one.change == .unchanged)
        #expect(one.history.map(\.ratings) == [[.green], [.red], [.red]])
        #expect(one.lastUpdate == Self.september)
        #expect(!one.stale)
        // A middle item is not derived: only top-level items take their actions' rating.
        #expect(byRef["1b"]!.rating == nil && !byRef["1b"]!.derived)
        // An item with its own rating keeps it whatever its actions say.
        #expect(byRef["2"]!.rating == .green && !byRef["2"]!.derived)
        #expect(plan.counts.red == 1 && plan.counts.green == 1)
        // Actions: items with a parent and no children (1a blue, 1b.i red, 2a red).
        #expect(plan.actions.blue == 1 && plan.actions.red == 2 && plan.actions.total == 3)
    }

    @Test func completeFromTheStatusOrABlueRating() {
        let items = ["done", "signed", "blue", "open"].map { Self.item($0, due: "2017-06") }
        let updates = [
            Self.update("done", "2017-05", status: .complete), Self.update("signed", "2017-05", status: .signedOff),
            Self.update("blue", "2017-05", [.blue]), Self.update("open", "2017-05", status: .inProgress),
        ]
        let plan = Self.analyse(items, updates)
        let byRef = Self.byRef(plan)
        #expect(
            ["done", "signed", "blue"].allSatisfy { byRef[$0]!.complete && !byRef[$0]!.overdue && !byRef[$0]!.stale })
        #expect(!byRef["open"]!.complete && byRef["open"]!.overdue && byRef["open"]!.stale)
        #expect(plan.complete == 3 && plan.overdue == 1 && plan.stale == 1)
    }

    @Test func dueOverdueAndDueSoonAtTheirEdges() {
        let dues = ["2017-08", "2017-09", "2017-12", "2018-01"]
        let items = dues.map { Self.item($0, due: $0) } + [Self.item("none")]
        let updates = (dues + ["none"]).map { Self.update($0, "2017-09", [.amber]) }
        let byRef = Self.byRef(Self.analyse(items, updates))
        #expect(byRef["2017-08"]!.overdue && !byRef["2017-08"]!.dueSoon)
        // Due in the build month is due soon, not overdue.
        #expect(!byRef["2017-09"]!.overdue && byRef["2017-09"]!.dueSoon)
        #expect(byRef["2017-12"]!.dueSoon)
        #expect(!byRef["2018-01"]!.dueSoon && !byRef["2018-01"]!.overdue)
        #expect(!byRef["none"]!.dueSoon && !byRef["none"]!.overdue && byRef["none"]!.due == nil)
    }

    @Test func aRevisedDueDateAppliesFromItsUpdateAndCountsTheSlippage() {
        let items = [Self.item("1", due: "2017-06"), Self.item("2", due: "2017-12"), Self.item("3", due: "2017-06")]
        let updates = [
            Self.update("1", "2017-05", [.amber], due: .month(Fixture.month("2017-12"))),
            Self.update("1", "2017-10", [.amber], due: .month(Fixture.month("2018-06"))),
            Self.update("3", "2017-09", [.amber], due: .ongoing),
        ]
        let byRef = Self.byRef(Self.analyse(items, updates))
        #expect(byRef["1"]!.due == Fixture.month("2017-12"))
        #expect(byRef["1"]!.originalDue == Fixture.month("2017-06"))
        #expect(byRef["1"]!.slippedMonths == 6)
        #expect(!byRef["1"]!.overdue && byRef["1"]!.dueSoon)
        #expect(byRef["2"]!.slippedMonths == 0 && byRef["2"]!.originalDue == byRef["2"]!.due)
        #expect(byRef["3"]!.due == nil && byRef["3"]!.ongoing && !byRef["3"]!.overdue && byRef["3"]!.slippedMonths == 0)
    }

    @Test func staleWithoutAnUpdateInTheMonthOrTheTwoBefore() {
        let items = [Self.item("july"), Self.item("june")]
        let byRef = Self.byRef(
            Self.analyse(items, [Self.update("july", "2017-07", [.green]), Self.update("june", "2017-06", [.green])]))
        #expect(!byRef["july"]!.stale)
        #expect(byRef["june"]!.stale)
    }

    @Test func aGreenRatingIsFlaggedWhenALinkedFigureMissedItsTarget() {
        let items = [
            Self.item("green", indicators: ["re_referrals"]), Self.item("amber", indicators: ["re_referrals"]),
            Self.item("red", indicators: ["re_referrals"]),
        ]
        let updates = [
            Self.update("green", "2017-09", [.green]), Self.update("amber", "2017-09", [.amber]),
            Self.update("red", "2017-09", [.red]),
        ]
        let missed = Self.byRef(Self.analyse(items, updates, targets: [Fixture.target(due: "2018-03", value: 15)]))
        #expect(missed["green"]!.flag == .ratedGreenFiguresOffTrack)
        #expect(missed["green"]!.rating == .green)
        #expect(missed["green"]!.indicators.map(\.target) == [.missed])
        #expect(missed["amber"]!.flag == nil)
        #expect(missed["red"]!.flag == nil)
        let met = Self.byRef(Self.analyse(items, updates, targets: [Fixture.target(due: "2018-03", value: 20)]))
        #expect(met["red"]!.flag == .ratedRedFiguresOnTrack)
        #expect(met["green"]!.flag == nil)
        // Near is not met; with no target there is nothing to be on track against.
        let near = Self.byRef(
            Self.analyse(items, updates, targets: [Fixture.target(due: "2018-03", value: 18, tolerance: 1)]))
        #expect(near["red"]!.indicators.map(\.target) == [.near] && near["red"]!.flag == nil)
        let none = Self.byRef(Self.analyse(items, updates))
        #expect(none["red"]!.flag == nil && none["green"]!.flag == nil)
    }

    @Test func countsByThemeInFileOrder() {
        let items = [
            Self.item("1", theme: "Leadership"), Self.item("2", theme: "Practice"), Self.item("3", theme: "Leadership"),
            Self.item("4"),
        ]
        let plan = Self.analyse(items, [Self.update("1", "2017-09", [.green]), Self.update("3", "2017-09", [.red])])
        #expect(plan.themes.map(\.name) == ["Leadership", "Practice", nil])
        #expect(plan.themes[0].counts.green == 1 && plan.themes[0].counts.red == 1)
        #expect(plan.themes[1].counts.notRated == 1)
        #expect(plan.counts.notRated == 2 && plan.counts.total == 4)
    }

    @Test func theBuildRecordSaysWhichRatingsChanged() {
        let items = [Self.item("1"), Self.item("2"), Self.item("3"), Self.item("4")]
        let updates = [
            Self.update("1", "2017-09", [.red]), Self.update("2", "2017-09", [.yellow]),
            Self.update("3", "2017-09", [.green]),
        ]
        let plan = Self.analyse(items, updates)
        let previous = BuildRecord(
            fingerprint: "x", newest: nil, entries: [:],
            planRatings: [
                Fixture.home + "/1": PlanRating?.some(.amber), Fixture.home + "/2": PlanRating?.some(.amber),
                Fixture.home + "/3": PlanRating?.none,
            ])
        let changes = previous.planChanges(to: plan, authority: Fixture.home)
        // Amber to yellow is no change of level; 4 is not rated and was not there before.
        #expect(changes.map { $0.item.item.ref } == ["1", "3", "4"])
        #expect(changes.map { $0.change } == ["Rating now red (was amber)", "First rating: green", "New plan item"])
        // A record without this authority's plan (its first build with one) reports nothing.
        #expect(
            BuildRecord(fingerprint: "x", newest: nil, entries: [:]).planChanges(to: plan, authority: Fixture.home)
                .isEmpty)
    }
}
