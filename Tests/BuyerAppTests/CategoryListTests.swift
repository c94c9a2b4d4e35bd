import MarketCore
import MarketTesting
import MarketUI
import Testing
import TerminalUI

@Suite struct CategoryListTests {
    private func drawn(_ typed: String, height: Int) -> [String] {
        var canvas = Canvas(size: Size(width: 40, height: height))
        CategoryList.render(.fresh, typed: typed, at: Point(x: 2, y: 0), within: canvas.bounds, canvas: &canvas)
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
    }
}
