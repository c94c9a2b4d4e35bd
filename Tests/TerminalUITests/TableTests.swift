import Testing
import TerminalUI

@Suite struct TableTests {
    struct Row: Sendable {
        var name: String
        var price: Int
    }

    let table = Table<Row>(
        columns: [
            .sorted("Name", width: .flexible(minimum: 6, weight: 1), by: { $0.name }, text: { $0.name }),
            .sorted("Price", width: .fixed(7), alignment: .right, by: { $0.price }, text: { "\($0.price).00" }),
        ],
        emptyMessage: "Nothing yet"
    )

    @Test func flexibleColumnsTakeTheSpaceLeft() {
        let layout = self.table.layout(width: 30)
        #expect(layout.map(\.x) == [0, 23])
        #expect(layout.map(\.width) == [22, 7])
    }

    @Test func sortingIsStableAndReversible() {
        let rows = [Row(name: "b", price: 2), Row(name: "a", price: 2), Row(name: "c", price: 1)]
        var state = TableState()
        state.sort(by: 1)
        #expect(self.table.sorted(rows, by: state).map(\.name) == ["c", "b", "a"], "equal prices keep their order")
        state.sort(by: 1)
        #expect(self.table.sorted(rows, by: state).map(\.name) == ["b", "a", "c"])
    }

    @Test func aTieBreakOrdersEqualRowsInTheSortsDirection() {
        var byName = self.table
        byName.tieBreak = { $0.name < $1.name }
        let rows = [Row(name: "b", price: 2), Row(name: "c", price: 1), Row(name: "a", price: 2)]
        var state = TableState()
        state.sort(by: 1)
        #expect(byName.sorted(rows, by: state).map(\.name) == ["c", "a", "b"])
        state.sort(by: 1)
        #expect(byName.sorted(rows, by: state).map(\.name) == ["b", "a", "c"], "ties the other way round too, as the server sorts them")
    }

    @Test func rendersAlignedColumnsWithWideNamesAndASortIndicator() {
        var canvas = Canvas(size: Size(width: 20, height: 4))
        var state = TableState()
        state.sort(by: 1)
        let rows = [Row(name: "東京カメラ", price: 5), Row(name: "Zoë", price: 12)]
        self.table.render(self.table.sorted(rows, by: state), state: state, in: canvas.bounds, canvas: &canvas)
        #expect(canvas.lines == [
            "Name          Price▲",
            "東京カメラ      5.00",
            "Zoë            12.00",
            "                    ",
        ])
        #expect(canvas[0, 1].style == .selection)
        #expect(canvas[15, 0].style == .tableHeaderSorted)
    }

    @Test func onlyColumnsInSightAreOfferedForSorting() {
        var columns = self.table.columns
        columns[1] = columns[1].hidden(below: 40)
        let narrowable = Table<Row>(columns: columns)
        #expect(narrowable.sortable(width: 40) == [true, true])
        #expect(narrowable.sortable(width: 39) == [true, false])
        var state = TableState()
        state.cycleSort(sortable: narrowable.sortable(width: 30))
        state.cycleSort(sortable: narrowable.sortable(width: 30))
        #expect(state.sortColumn == nil, "the hidden price column is skipped")
    }

    @Test func theSortedColumnStaysWhereItWouldGiveWay() {
        var columns = self.table.columns
        columns[1] = columns[1].hidden(below: 40)
        let narrowable = Table<Row>(columns: columns)
        var state = TableState()
        #expect(narrowable.layout(width: 30, sortColumn: state.sortColumn).map(\.width) == [30, 0])
        state.sort(by: 1)
        var canvas = Canvas(size: Size(width: 20, height: 2))
        narrowable.render([Row(name: "Zoë", price: 12)], state: state, in: canvas.bounds, canvas: &canvas)
        #expect(canvas.lines == ["Name          Price▲", "Zoë            12.00"])
        #expect(narrowable.hit(Point(x: 15, y: 0), in: canvas.bounds, state: state, rows: []) == .header(column: 1))

        var omitted = narrowable
        omitted.columns[1].isOmitted = true
        #expect(omitted.layout(width: 50, sortColumn: 1).map(\.width) == [50, 0], "an omitted column stays out")
        #expect(omitted.sortable(width: 50) == [true, false])
    }

    @Test func aNaturalOrderShowsItsArrowUntilSortedAndSTurnsItAround() {
        var natural = self.table
        natural.naturalOrder = .init(column: 1, ascending: false)
        var state = TableState()
        var canvas = Canvas(size: Size(width: 20, height: 2))
        natural.render([Row(name: "Zoë", price: 12)], state: state, in: canvas.bounds, canvas: &canvas)
        #expect(canvas.lines[0] == "Name          Price▼")
        #expect(canvas[15, 0].style == .tableHeader, "an arrow, without the sorted column's highlight")
        #expect(natural.reverseSort(&state, width: 20))
        #expect(state.sortColumn == 1 && state.sortAscending, "the other way round: lowest first")

        var ranked = self.table
        ranked.columns.insert(TableColumn("Rank", width: .fixed(4), alignment: .right, ascending: nil) { _ in "" }.arrivalOrder(), at: 0)
        ranked.naturalOrder = .init(column: 0, ascending: true)
        var unsorted = TableState()
        #expect(!ranked.reverseSort(&unsorted, width: 40), "a ranking has no other way round")
        #expect(unsorted.sortColumn == nil)
    }

    @Test func emptyTablesSaySo() {
        var canvas = Canvas(size: Size(width: 20, height: 5))
        self.table.render([], state: TableState(), in: canvas.bounds, canvas: &canvas)
        #expect(canvas.lines[2].contains("Nothing yet"))
    }

    @Test func clicksHitTitlesAndRows() {
        let rect = Rect(x: 0, y: 2, width: 20, height: 5)
        #expect(self.table.hit(Point(x: 16, y: 2), in: rect, state: TableState(), rows: [Row(name: "a", price: 1), Row(name: "b", price: 2), Row(name: "c", price: 3)]) == .header(column: 1))
        #expect(self.table.hit(Point(x: 3, y: 4), in: rect, state: TableState(), rows: [Row(name: "a", price: 1), Row(name: "b", price: 2), Row(name: "c", price: 3)]) == .row(1))
        #expect(self.table.hit(Point(x: 3, y: 6), in: rect, state: TableState(), rows: [Row(name: "a", price: 1), Row(name: "b", price: 2), Row(name: "c", price: 3)]) == nil)
    }

    @Test func fittingColumnsTakeTheWidthOfTheirWidestValueWithinBounds() {
        let table = Table<Row>(columns: [
            .sorted("Name", width: .flexible(minimum: 6, weight: 1), by: { $0.name }, text: { $0.name }),
            .sorted("On sale", width: .fitting(minimum: 4, maximum: 10), alignment: .right, by: { $0.price }, text: { "\($0.price)" }),
        ])
        let rows = [Row(name: "a", price: 1_000_000_000), Row(name: "b", price: 7)]
        #expect(table.layout(width: 60, rows: rows).map(\.width) == [49, 10], "ten digits fill the maximum")
        #expect(table.layout(width: 60, rows: [Row(name: "b", price: 7)]).map(\.width) == [51, 8], "the title and its arrow")
        // A flexible column stops at its maximum (80 cells): the rest stays blank at the right,
        // rather than put the numbers far from their names.
        #expect(table.layout(width: 200, rows: rows).map(\.width) == [80, 10])
        #expect(table.layout(width: 200, rows: rows).map(\.x) == [0, 81])

        // What a column at its maximum cannot take is shared by the others' weights.
        let three = Table<Row>(columns: [
            .sorted("A", width: .flexible(minimum: 10, weight: 1, maximum: 20), by: { $0.name }, text: { $0.name }),
            .sorted("B", width: .flexible(minimum: 10, weight: 1), by: { $0.name }, text: { $0.name }),
            .sorted("C", width: .flexible(minimum: 10, weight: 1), by: { $0.name }, text: { $0.name }),
        ])
        #expect(three.layout(width: 122).map(\.width) == [20, 50, 50])
        var canvas = Canvas(size: Size(width: 40, height: 3))
        table.render([Row(name: "b", price: 1_000_000)], state: TableState(), in: canvas.bounds, canvas: &canvas)
        #expect(canvas.lines[1].hasSuffix(" 1000000"), "not cut: \(canvas.lines[1])")
    }

    @Test func namesGiveWayBeforeAmountsAreCut() {
        let table = Table<Row>(columns: [
            .sorted("Name", width: .flexible(minimum: 14, weight: 1), by: { $0.name }, text: { $0.name }),
            .sorted("Paid", width: .fitting(minimum: 5, maximum: 20), alignment: .right, by: { $0.price }, text: { "\($0.price).00" }),
            .sorted("Feedback", width: .fixed(9), by: { $0.name }, text: { _ in "+ / -" }),
        ])
        let rows = [Row(name: "Bamboo cutting board", price: 1_000_000_000)]
        // 14 + 13 + 9 and two gaps need 38 columns; in 30 the name gives the 8 missing.
        #expect(table.layout(width: 30, rows: rows).map(\.width) == [6, 13, 9])
        var canvas = Canvas(size: Size(width: 30, height: 2))
        table.render(rows, state: TableState(), in: canvas.bounds, canvas: &canvas)
        #expect(canvas.lines[1] == "Bambo… 1000000000.00 + / -    ", "the amount and the votes whole: \(canvas.lines[1])")
    }

    @Test func countsSortHighestFirstAndTheRankTitleReturnsToTheRanking() {
        let table = Table<Row>(columns: [
            TableColumn("Rank", width: .fixed(4), ascending: nil) { _ in "" }.arrivalOrder(),
            .sorted("Name", width: .flexible(minimum: 6, weight: 1), by: { $0.name }, text: { $0.name }),
            .sorted("Votes", width: .fixed(5), alignment: .right, by: { $0.price }, text: { "\($0.price)" }).descendingFirst(),
        ])
        let rows = [Row(name: "b", price: 1), Row(name: "a", price: 9), Row(name: "c", price: 5)]
        var state = TableState()
        #expect(table.clickTitle(2, &state))
        #expect(table.sorted(rows, by: state).map(\.name) == ["a", "c", "b"], "most votes first")
        #expect(table.clickTitle(0, &state), "the rank's title undoes the sort")
        #expect(state.sortColumn == nil)
        #expect(table.sorted(rows, by: state).map(\.name) == ["b", "a", "c"])
        #expect(!table.clickTitle(0, &state), "nothing to undo")
        table.cycleSort(&state, width: 40)
        #expect(state.sortColumn == 1 && state.sortAscending, "names A to Z")
        table.cycleSort(&state, width: 40)
        #expect(state.sortColumn == 2 && !state.sortAscending, "votes highest first")
    }

    @Test func aSortedTitleThatFitsIsNotCutForItsArrow() {
        let table = Table<Row>(columns: [
            .sorted("Condition", width: .fixed(9), by: { $0.name }, text: { $0.name }),
            .sorted("Price", width: .flexible(minimum: 6, weight: 1), by: { $0.price }, text: { "\($0.price)" }),
        ])
        var canvas = Canvas(size: Size(width: 30, height: 2))
        var state = TableState()
        state.sort(by: 0)
        table.render([Row(name: "New", price: 1)], state: state, in: canvas.bounds, canvas: &canvas)
        #expect(canvas.lines[0].hasPrefix("Condition▲"))
    }
}
