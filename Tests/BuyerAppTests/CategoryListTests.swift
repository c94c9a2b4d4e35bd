import MarketCore
import MarketTesting
import MarketUI
import Testing
import TerminalUI

@Suite struct CategoryListTests {
    private func drawn(_ typed: String, height: Int) -> [String] {
        var canvas = Canvas(size: Size(width: 40, height: height))
        CategoryList(.fresh, typed: typed, at: Point(x: 2, y: 0), within: canvas.bounds)?.render(canvas: &canvas)
        return canvas.lines
    }

    @Test func theListShowsWhatFitsAndSaysWhenMoreDoNot() {
        let all = self.drawn("", height: 12)
        #expect(all[1].contains("0  Other") && all[9].contains("8  Garden"), "\(all)")
        let cut = self.drawn("", height: 6)
        #expect(cut[3].contains("2  Electronics") && cut[4].contains("…"), "as many rows as fit, then …: \(cut)")
        let narrowed = self.drawn("sp", height: 12)
        #expect(narrowed[1].contains("4  Sports & outdoors") && narrowed[2].contains("╰"), "\(narrowed)")
        #expect(self.drawn("zz", height: 12).allSatisfy { $0.allSatisfy(\.isWhitespace) }, "nothing when no name fits")
        #expect(self.drawn("08", height: 12)[1].contains("8  Garden"), "a number with a leading zero fits as the number")
    }

    @Test func aListTooLongForItsRoomKeepsTheMarkedNameInSight() {
        let rows = { (field: String) -> [String] in
            CategoryList(.fresh, typed: "", field: field, at: Point(x: 2, y: 0), within: Rect(x: 0, y: 0, width: 40, height: 7))?.rows.map(\.text) ?? []
        }
        #expect(rows("Other") == [" 0  Other", " 1  Books", " 2  Electronics", " 3  Home & kitchen", " …"])
        #expect(rows("Sports") == [" …", " 2  Electronics", " 3  Home & kitchen", " 4  Sports & outdoors", " …"])
        #expect(rows("Clothing") == [" …", " 5  Toys & games", " 6  Clothing", " 7  Music", " 8  Garden"])
        #expect(rows("Garden") == [" …", " 5  Toys & games", " 6  Clothing", " 7  Music", " 8  Garden"])
    }

    @Test func aClickOnANameTypesItAndTheRestOfTheBoxTakesTheClickForNothing() throws {
        let list = try #require(CategoryList(.fresh, typed: "o", at: Point(x: 2, y: 0), within: Rect(x: 0, y: 0, width: 40, height: 12)))
        #expect(list.keys(forClickAt: Point(x: 5, y: 2)) == [.end, .control("u")] + "Sports & outdoors".map(Key.character))
        #expect(list.keys(forClickAt: Point(x: 2, y: 0)) == [], "the border")
        #expect(list.keys(forClickAt: Point(x: 30, y: 2)) == nil, "outside the box")
    }

    @Test func arrowsStepThroughTheNamesThatFitWhatWasTypedAndUpFromTheFirstPutsItBack() {
        var picking = CategoryPicking()
        var field = "o"
        let step = { (forward: Bool) -> String? in
            let text = picking.step(forward: forward, names: .fresh, field: field)
            if let text { field = text }
            return text
        }
        #expect(step(false) == nil, "↑ with nothing picked is the form's")
        #expect(step(true) == "Other")
        #expect(picking.listText(field: field, names: .fresh) == "o", "the list still shows what fits “o”")
        #expect(step(true) == "Sports & outdoors")
        #expect(step(true) == "Sports & outdoors", "the last name stays")
        #expect(step(false) == "Other")
        #expect(step(false) == "o", "back to what was typed")
        #expect(picking.listText(field: field, names: .fresh) == "o")
        #expect(step(false) == nil)

        _ = step(true)
        picking.stop()
        #expect(picking.listText(field: field, names: .fresh) == "", "a name put in whole lists every name")

        // Back in a field holding a name whole: the arrows go on from it through every name.
        field = "Books"
        #expect(step(true) == "Electronics")
        #expect(step(false) == "Books")
        #expect(step(false) == "Other")
        #expect(step(false) == "Books", "up from the first puts back what the field held")
        picking.stop()
        #expect(picking.listText(field: "bo", names: .fresh) == "bo", "typing narrows again")
        var none = CategoryPicking()
        #expect(none.step(forward: true, names: .fresh, field: "zz") == nil, "no list, nothing to step through")
    }

    @Test func escClosesAnOpenListFirstWhereTheFormAsksAndTheNextKeyOpensItAgain() {
        var picking = CategoryPicking()
        var form = Form([FormField(id: "category", label: "Category")])
        form.set("category", to: "o", byUser: true)
        #expect(!picking.pick(.escape, in: &form, field: "category", names: .fresh), "by default Esc is the form's")
        #expect(picking.pick(.escape, in: &form, field: "category", names: .fresh, escapeCloses: true), "the first Esc is the list's")
        #expect(picking.isClosed)
        #expect(!picking.pick(.down, in: &form, field: "category", names: .fresh, escapeCloses: true), "a closed list steps through nothing")
        #expect(!picking.isClosed, "and the key opens it again")
        #expect(picking.pick(.down, in: &form, field: "category", names: .fresh, escapeCloses: true))
        #expect(form["category"] == "Other")

        var nothingFits = Form([FormField(id: "category", label: "Category")])
        nothingFits.set("category", to: "zz", byUser: true)
        var other = CategoryPicking()
        #expect(!other.pick(.escape, in: &nothingFits, field: "category", names: .fresh, escapeCloses: true), "no list: Esc is the form's")
    }
}
