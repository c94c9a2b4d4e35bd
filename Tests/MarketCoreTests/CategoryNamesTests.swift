import MarketCore
import Testing

@Suite struct CategoryNamesTests {
    private let names = CategoryNames(
        [(3, "Home & kitchen"), (1, "Books"), (4, "Sports & outdoors"), (7, "Music"), (9, "Music gear"), (5, "Toys & games")]
            .map { CategoryName(category: Category(rawValue: $0.0)!, name: $0.1) }
    )

    private func typed(_ text: String) -> Category? {
        guard case .success(let category)? = self.names.category(typed: text) else { return nil }
        return category
    }

    private func problem(_ text: String) -> String? {
        guard case .failure(let error)? = self.names.category(typed: text) else { return nil }
        #expect(error.field == "category")
        return error.message
    }

    @Test func aCategoryIsTypedAsANumberOrAsTheStartOfTheWordsOfItsName() {
        #expect(self.names.all.map(\.category.rawValue) == [1, 3, 4, 5, 7, 9], "by number")
        #expect(self.typed("3") == Category(rawValue: 3))
        #expect(self.typed(" 42 ") == Category(rawValue: 42), "a number needs no name")
        #expect(self.typed("home") == Category(rawValue: 3))
        #expect(self.typed("KITCHEN") == Category(rawValue: 3))
        #expect(self.typed("sports out") == Category(rawValue: 4))
        #expect(self.typed("toys&") == Category(rawValue: 5))
        #expect(self.typed("music") == Category(rawValue: 7), "a name typed in full wins over a longer one it begins")
        #expect(self.typed("music g") == Category(rawValue: 9))
        #expect(self.names.category(typed: "   ") == nil, "blank is no category")
    }

    @Test func aLabelAsTheClientsShowItReadsBack() {
        for entry in self.names.all {
            #expect(self.typed(self.names.label(of: entry.category)) == entry.category)
        }
        #expect(self.typed("3 kit") == Category(rawValue: 3))
        #expect(self.typed("7  music") == Category(rawValue: 7), "the number decides, even where the name begins a longer one")
        #expect(self.problem("3 Books") == "Category 3 is called “Home & kitchen”, not “Books”.")
        #expect(self.problem("42 Garden") == "Category 42 has no name: type just 42.")
        #expect(self.names.candidates(typed: "3 ho").map(\.name) == ["Home & kitchen"])
        #expect(self.names.candidates(typed: "3 bo").isEmpty)
    }

    @Test func aNameThatFitsNoneOrSeveralSaysSo() {
        #expect(self.problem("garden") == "No category is called “garden”.")
        #expect(self.typed("s") == Category(rawValue: 4), "only one name has a word starting with s")
        #expect(self.problem("mu") == "“mu” fits 2 names: type more of one.")
        #expect(self.problem("99999999999") == "Category numbers go from 0 to 2,147,483,647.")
        #expect(self.problem("-1") == "Category numbers go from 0 to 2,147,483,647.", "a negative number is a number too")
        #expect(self.problem("&") == "Type a category's number or name.")
        #expect(CategoryNames.none.category(typed: "books").flatMap { try? $0.get() } == nil)
    }

    @Test func theCandidatesAreWhatTheTextTypedSoFarCouldBecome() {
        #expect(self.names.candidates(typed: " ").count == 6)
        #expect(self.names.candidates(typed: "mu").map(\.name) == ["Music", "Music gear"])
        #expect(self.names.candidates(typed: "9").map(\.name) == ["Music gear"])
        #expect(self.names.candidates(typed: "zz").isEmpty)
    }

    @Test func aLabelNamesTheCategoryWhereItHasAName() {
        #expect(self.names.label(of: Category(rawValue: 3)!) == "3 Home & kitchen")
        #expect(self.names.label(of: Category(rawValue: 42)!) == "42")
        #expect(self.names.name(of: Category(rawValue: 1)!) == "Books")
    }
}
