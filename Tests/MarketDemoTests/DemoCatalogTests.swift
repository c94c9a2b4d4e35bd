import MarketCore
import MarketDemo
import Testing

@Suite struct DemoCatalogTests {
    let catalog = DemoCatalog.standard

    @Test func isBigAndVariedEnoughToLookLikeAShop() {
        #expect(self.catalog.sellers.count >= 6)
        #expect(self.catalog.itemCount >= 250)
        let categories = Set(self.catalog.sellers.flatMap { $0.items.map(\.category.rawValue) })
        #expect(categories == Set(DemoCatalog.categories.map(\.number)))
        #expect(self.catalog.sellers.contains { $0.account == DemoCatalog.demoSeller })
    }

    @Test func everyItemPassesTheServersRules() throws {
        for seller in self.catalog.sellers {
            for draft in seller.items {
                let validated = try draft.validated()
                #expect(validated.keywords.count == draft.keywords.count, "\(draft.name): keywords are distinct")
                #expect(draft.name == validated.name)
            }
            _ = try FieldRules.validateUsername(seller.account.username)
            try FieldRules.validatePassword(seller.account.password)
        }
    }

    @Test func isTheSameOnEveryMachine() {
        let again = DemoCatalog(seed: 20_261_125)
        #expect(again.sellers.map { $0.items } == self.catalog.sellers.map { $0.items })
    }

    @Test func listsANameAtMostTwicePerSellerOnceNewOnceUsed() {
        for seller in self.catalog.sellers {
            let byName = Dictionary(grouping: seller.items, by: \.name)
            for (name, copies) in byName {
                #expect(copies.count <= 2, "\(name)")
                if copies.count == 2 { #expect(Set(copies.map(\.condition)).count == 2, "\(name)") }
            }
        }
    }
}
