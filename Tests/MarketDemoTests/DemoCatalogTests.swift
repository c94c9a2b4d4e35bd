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

    /// The catalogue is a function of its seed alone: built again it is the same, and it is the
    /// one this digest was taken of (on another machine, or in another run, where a hash seed or
    /// a dictionary's order would differ). Change the digest only with the catalogue itself.
    @Test func isTheSameOnEveryMachine() {
        let again = DemoCatalog(seed: 20_261_125)
        #expect(again.sellers.map { $0.items } == self.catalog.sellers.map { $0.items })
        let text = self.catalog.sellers.map { seller in
            seller.account.username + ":" + seller.items.map { "\($0.name)|\($0.category.rawValue)|\($0.keywords)|\($0.condition)|\($0.price)|\($0.quantity)" }.joined(separator: ";")
        }.joined(separator: "\n")
        // FNV-1a, 64 bits: stable everywhere, unlike Hasher.
        let digest = text.utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
        #expect(String(digest, radix: 16) == "f81799f6e383f36e", "\(self.catalog.itemCount) items")
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
