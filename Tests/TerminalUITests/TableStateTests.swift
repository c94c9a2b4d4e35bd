import Testing
import TerminalUI

@Suite struct TableStateTests {
    @Test func movingKeepsTheSelectionInView() {
        var state = TableState()
        state.move(.down, rowCount: 100, visibleRows: 10)
        #expect(state.selection == 1 && state.offset == 0)
        // A screen down scrolls a whole screenful with the selection: the row keeps its place.
        state.move(.pageDown, rowCount: 100, visibleRows: 10)
        #expect(state.selection == 11 && state.offset == 10)
        state.move(.pageUp, rowCount: 100, visibleRows: 10)
        #expect(state.selection == 1 && state.offset == 0)
        // Near the end the view stops at the last screenful and the selection goes on.
        var end = TableState(selection: 92, offset: 88)
        end.move(.pageDown, rowCount: 100, visibleRows: 10)
        #expect(end.selection == 99 && end.offset == 90)
        state.move(.bottom, rowCount: 100, visibleRows: 10)
        #expect(state.selection == 99 && state.offset == 90)
        state.move(.up, rowCount: 100, visibleRows: 10)
        #expect(state.selection == 98 && state.offset == 90)
        state.move(.top, rowCount: 100, visibleRows: 10)
        #expect(state.selection == 0 && state.offset == 0)
        state.move(.up, rowCount: 100, visibleRows: 10)
        #expect(state.selection == 0, "stops at the first row")
    }

    @Test func aScreenDownOrUpPastTheRowsAtHandGoesOnToFetchTheNext() {
        // 50 rows at hand, 29 in view: the next screen down cannot be filled from them.
        let top = TableState(selection: 3, offset: 0)
        #expect(top.movesPastLastRow(.pageDown, rowCount: 50, visibleRows: 29))
        #expect(!top.movesPastLastRow(.pageDown, rowCount: 100, visibleRows: 29), "it can be from 100")
        #expect(!top.movesPastLastRow(.down, rowCount: 50, visibleRows: 29), "a row down is within them")
        #expect(TableState(selection: 49, offset: 21).movesPastLastRow(.down, rowCount: 50, visibleRows: 29))
        // Up: from a view that cannot go a whole screen up.
        #expect(TableState(selection: 10, offset: 5).movesBeforeFirstRow(.pageUp, visibleRows: 29))
        #expect(!TableState(selection: 40, offset: 30).movesBeforeFirstRow(.pageUp, visibleRows: 29))
        #expect(!TableState(selection: 10, offset: 5).movesBeforeFirstRow(.up, visibleRows: 29))
        #expect(TableState(selection: 0, offset: 0).movesBeforeFirstRow(.up, visibleRows: 29))
    }

    @Test func clampingFollowsShrinkingRowsAndWindows() {
        var state = TableState(selection: 50, offset: 45)
        state.clamp(rowCount: 20, visibleRows: 10)
        #expect(state.selection == 19 && state.offset == 10)
        state.clamp(rowCount: 0, visibleRows: 10)
        #expect(state.selection == 0 && state.offset == 0)
    }

    @Test func positionCountsRowsInViewOfTheTotal() {
        var state = TableState()
        #expect(state.positionText(visibleRows: 20, rowCount: 50, base: 0, total: 312) == "1–20 of 312")
        state.move(.bottom, rowCount: 50, visibleRows: 20)
        #expect(state.positionText(visibleRows: 20, rowCount: 50, base: 100, total: 1312) == "131–150 of 1,312")
        #expect(TableState().positionText(visibleRows: 20, rowCount: 5) == "1–5 of 5")
        #expect(TableState().positionText(visibleRows: 20, rowCount: 0) == "", "an empty list says so in its own place")
        #expect(TableState().positionText(visibleRows: 10, rowCount: 10, total: 10_001, totalIsExact: false) == "1–10 of more than 10,000", "counting stopped one past the cap")
    }

    @Test func aSortedPageOfSeveralSaysOnlyThePageIsSorted() {
        let sorted = TableState(sortColumn: 2)
        #expect(sorted.positionText(visibleRows: 20, rowCount: 50, base: 50, total: 312) == "this page sorted · 51–70 of 312")
        #expect(sorted.positionText(visibleRows: 10, rowCount: 10, total: 1_001, totalIsExact: false) == "this page sorted · 1–10 of more than 1,000")
        #expect(sorted.positionText(visibleRows: 20, rowCount: 12, total: 12) == "1–12 of 12", "one page is the whole list")
        #expect(TableState().positionText(visibleRows: 20, rowCount: 50, total: 312) == "1–20 of 312", "unsorted rows are in the server's order")
    }

    @Test func sortingTheSameColumnAgainReverses() {
        var state = TableState()
        state.sort(by: 2)
        #expect(state.sortColumn == 2 && state.sortAscending)
        state.sort(by: 2)
        #expect(state.sortColumn == 2 && !state.sortAscending)
        state.sort(by: 3)
        #expect(state.sortColumn == 3 && state.sortAscending)
    }

    @Test func cyclingVisitsSortableColumnsThenTheOriginalOrder() {
        var state = TableState()
        let sortable = [false, true, false, true]
        state.cycleSort(sortable: sortable)
        #expect(state.sortColumn == 1)
        state.cycleSort(sortable: sortable)
        #expect(state.sortColumn == 3)
        state.cycleSort(sortable: sortable)
        #expect(state.sortColumn == nil)
    }

    @Test func vimKeysAndArrowsMoveAlike() {
        #expect(TableState.keys.action(for: .character("j")) == .down)
        #expect(TableState.keys.action(for: .down) == .down)
        #expect(TableState.keys.action(for: .character("G")) == .bottom)
        #expect(TableState.keys.action(for: .home) == .top)
        #expect(TableState.keys.action(for: .pageDown) == .pageDown)
    }

    @Test func screenfulsFetchedAPageAtATimeFollowEachOtherExactly() {
        // 10 rows in view, pages of 25 rows, the list much longer.
        var table = TableState()
        let scrolled = table.showNextScreen(rowCount: 25, visibleRows: 10, wholeScreensOnly: true)
        #expect(scrolled && table.offset == 10 && table.selection == 10)
        let scrolledAgain = table.showNextScreen(rowCount: 25, visibleRows: 10, wholeScreensOnly: true)
        #expect(!scrolledAgain, "5 rows left: fetch the next 10 whole")
        let forward = table.adjacentScreen(forward: true, base: 50, rowCount: 25, visibleRows: 10, pageSize: 25)
        #expect(forward.offset == 70, "from row 20 of the page, the first not seen")
        #expect(forward.table.selection == 0)
        // The last page has nothing after it: the end comes into view, overlapping.
        var last = TableState()
        _ = last.showNextScreen(rowCount: 25, visibleRows: 10)
        let toTheEnd = last.showNextScreen(rowCount: 25, visibleRows: 10)
        #expect(toTheEnd && last.offset == 15)

        // Back from the top of a page starting at row 70: rows 45…69, with 69 selected at the bottom.
        var top = TableState()
        let scrolledBack = top.showPreviousScreen(rowCount: 25, visibleRows: 10, wholeScreensOnly: true)
        #expect(!scrolledBack)
        let back = top.adjacentScreen(forward: false, base: 70, rowCount: 25, visibleRows: 10, pageSize: 25)
        #expect(back.offset == 45)
        var shown = back.table
        shown.clamp(rowCount: 25, visibleRows: 10)
        #expect(shown.selection == 24 && shown.offset == 15, "rows 60…69 in view")
        // Near the start of the list the page starts at row 0 and the screenful ends where the view began.
        let nearStart = TableState().adjacentScreen(forward: false, base: 12, rowCount: 25, visibleRows: 10, pageSize: 25)
        #expect(nearStart.offset == 0)
        var startShown = nearStart.table
        startShown.clamp(rowCount: 25, visibleRows: 10)
        #expect(startShown.selection == 11 && startShown.offset == 2, "rows 2…11 in view")
    }
}
