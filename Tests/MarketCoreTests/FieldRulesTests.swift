import MarketCore
import Testing

@Suite struct FieldRulesTests {
    @Test func namesAreCountedInCharactersAsPeopleCountThem() throws {
        // "é" written as e + combining acute accent is two code points but one character.
        let combining = String(repeating: "e\u{301}", count: 32)
        #expect(combining.unicodeScalars.count == 64)
        #expect(try FieldRules.itemName.validate(combining) == combining)
        #expect(throws: FieldError.self) { try FieldRules.itemName.validate(combining + "e") }

        let emoji = String(repeating: "👍🏽", count: 32)
        #expect(try FieldRules.itemName.validate(emoji) == emoji)
        let cjk = String(repeating: "漢", count: 33)
        let error = #expect(throws: FieldError.self) { try FieldRules.itemName.validate(cjk) }
        #expect(error?.field == "name")
        #expect(error?.message == "Item name must be at most 32 characters (got 33).")
    }

    /// One character may carry any number of combining marks; the database bounds code points
    /// (eight per character the rules allow), and so do the rules, so that nothing they accept is
    /// refused by the database.
    @Test func charactersLoadedWithMarksAreBoundedByCodePoints() throws {
        let marks = String(String.UnicodeScalarView((0x300...0x307).map { Unicode.Scalar($0)! }))
        let heavy = "x" + marks + marks  // one character of 17 code points, which NFC keeps
        #expect(heavy.count == 1)
        let name = String(repeating: heavy, count: 16)
        #expect(name.count == 16)
        let error = #expect(throws: FieldError.self) { try FieldRules.itemName.validate(name) }
        #expect(error?.field == "name")
        #expect(error?.message == "Item name has too many accents and marks on its characters (272 code points; the limit is 256).")
        #expect(try FieldRules.itemName.validate(String(name.dropLast())) == String(name.dropLast()))

        let keyword = String(repeating: "x" + marks, count: 4)  // 36 code points in 4 characters
        let keywordError = #expect(throws: FieldError.self) { try FieldRules.validateKeywords([keyword]) }
        #expect(keywordError?.message.contains("36 code points; the limit is 32") == true)
    }

    /// What an input method for Chinese, Japanese or Korean types for digits.
    @Test func fullWidthDigitsAreDigits() throws {
        #expect(FieldRules.parseCount("１２") == 12)
        #expect(FieldRules.parseCount("１，０００") == 1_000)
        #expect(try FieldRules.parsePrice("１２．５０") == Money("12.50")!)
        #expect(FieldRules.parseExpiry("０４／２９") == YearMonth(year: 2029, month: 4))
        #expect(PaymentCard(holder: "A B", number: "４１１１ １１１１", expiry: "").digits == "41111111")
        let card = PaymentCard(holder: "Ada Lovelace", number: "４１１１　１１１１　１１１１　１１１１", expiry: "１２／３９")
        #expect(try FieldRules.validateCard(card, currentMonth: YearMonth(year: 2026, month: 11)).number == "4111111111111111")
        #expect(FieldRules.parseCount("１２a") == nil)
    }

    @Test func namesAreTrimmedButNeverTruncated() throws {
        #expect(try FieldRules.accountName.validate("  Ada Lovelace ") == "Ada Lovelace")
        #expect(throws: FieldError.self) { try FieldRules.accountName.validate("   ") }
        #expect(throws: FieldError.self) { try FieldRules.accountName.validate(String(repeating: "a", count: 33)) }
    }

    /// A name has to show: one of nothing but zero-width, formatting or blank characters would
    /// be a row with no name in every buyer's results.
    @Test(arguments: ["\u{200B}", "\u{301}", "\u{AD}", "\u{2800}", "\u{3164}", "\u{200B}\u{2800}\u{200D}"])
    func refusesNamesThatShowNothing(name: String) {
        let error = #expect(throws: FieldError.self) { try FieldRules.itemName.validate(name) }
        #expect(error?.message == "Item name must show something: it holds only invisible characters.")
    }

    @Test func namesWithInvisibleCharactersAmongVisibleOnesAreKept() throws {
        #expect(try FieldRules.accountName.validate("👨\u{200D}👩\u{200D}👧 family") == "👨\u{200D}👩\u{200D}👧 family", "joiners inside emoji")
        #expect(try FieldRules.itemName.validate("می\u{200C}خواهم") == "می\u{200C}خواهم", "Persian's zero-width non-joiner")
        #expect(try FieldRules.itemName.validate("e\u{301}") == "é")
    }

    @Test(arguments: ["bad\u{1B}[31mred", "new\nline", "tab\there", "bidi\u{202E}txt", "nul\u{0}", "rlm\u{200F}x", "line\u{2028}sep"])
    func rejectsControlCharacters(name: String) {
        let error = #expect(throws: FieldError.self) { try FieldRules.itemName.validate(name) }
        #expect(error?.message.contains("control characters") == true)
    }

    @Test func keywordsAreNormalisedAndLimited() throws {
        #expect(try FieldRules.validateKeywords(["Bike", "bike", " RED "]) == ["bike", "red"])
        #expect(try FieldRules.validateKeywords(["vélo"]) == ["vélo"])
        #expect(throws: FieldError.self) { try FieldRules.validateKeywords(["a", "b", "c", "d", "e", "f"]) }
        #expect(try FieldRules.validateKeywords(["a", "A", "a", "a", "a", "a"]) == ["a"], "a repeat counts once, as in a search")
        #expect(try FieldRules.validateSearchKeywords(["mug", "mug", "mug", "mug", "mug", "mug"]) == ["mug"])
        #expect(throws: FieldError.self) { try FieldRules.validateKeywords(Array(repeating: "a", count: 33)) }
        #expect(throws: FieldError.self) { try FieldRules.validateKeywords(["ninechars"]) }
        #expect(throws: FieldError.self) { try FieldRules.validateKeywords(["two words"]) }
        #expect(throws: FieldError.self) { try FieldRules.validateKeywords([""]) }
        #expect(FieldRules.splitKeywords("red, bike  kids") == ["red", "bike", "kids"])
        // A search bar splits like item names are split, so punctuated words are found.
        #expect(FieldRules.splitSearchKeywords("Pour-over, KETTLE  kettle café/crème") == ["pour", "over", "kettle", "café", "crème"])
        #expect(FieldRules.splitSearchKeywords(" -- ").isEmpty)
        #expect(FieldRules.splitSearchKeywords("ｍｕｇ　Ｍｏｄｅｌ１２") == ["mug", "model12"], "full-width, as an input method types it")
    }

    @Test func searchKeywordsMayBeLongerThanItemKeywords() throws {
        #expect(try FieldRules.validateSearchKeywords(["Headphones"]) == ["headphones"])
        #expect(throws: FieldError.self) { try FieldRules.validateSearchKeywords([String(repeating: "x", count: 33)]) }
    }

    @Test func usernames() throws {
        #expect(try FieldRules.validateUsername("  Alice.B_1 ") == "alice.b_1")
        for bad in ["ab", "has space", "émile", String(repeating: "a", count: 33), ""] {
            #expect(throws: FieldError.self) { try FieldRules.validateUsername(bad) }
        }
    }

    @Test func passwords() throws {
        try FieldRules.validatePassword("correct horse")
        #expect(throws: FieldError.self) { try FieldRules.validatePassword("short") }
        #expect(throws: FieldError.self) { try FieldRules.validatePassword(String(repeating: "x", count: 129)) }
    }

    @Test func pricesAndQuantities() throws {
        try FieldRules.validatePrice(Money(cents: 1))
        #expect(throws: FieldError.self) { try FieldRules.validatePrice(.zero) }
        #expect(throws: FieldError.self) { try FieldRules.validatePrice(Money(cents: 100_000_001)) }
        try FieldRules.validateQuantity(0, allowZero: true)
        #expect(throws: FieldError.self) { try FieldRules.validateQuantity(0, allowZero: false) }
        #expect(throws: FieldError.self) { try FieldRules.validateQuantity(-1, allowZero: true) }
        let tooMany = #expect(throws: FieldError.self) { try FieldRules.validateQuantity(1_000_001, allowZero: true) }
        #expect(tooMany?.message == "Units must be at most 1,000,000.")
    }

    @Test func typedPricesSayWhatIsWrongWithThem() throws {
        #expect(try FieldRules.parsePrice(" 12.5 ") == Money(cents: 1250))
        #expect(try FieldRules.parsePrice("6.950") == Money(cents: 695), "zeros past the cents change nothing")
        #expect(try FieldRules.parsePrice(".5") == Money(cents: 50), "cents without the zero before them")
        #expect(try FieldRules.parsePrice("1,250.00") == Money(cents: 125_000), "thousands grouped as the clients show them")
        #expect(try FieldRules.parsePrice("12,345") == Money(cents: 1_234_500))
        #expect(try FieldRules.parsePrice("5.") == Money(cents: 500), "a point without cents")
        #expect(try FieldRules.parsePrice("0000000000000001") == Money(cents: 100), "zeros in front change nothing")
        #expect(try FieldRules.parsePrice("00.50") == Money(cents: 50))
        let zero = #expect(throws: FieldError.self) { try FieldRules.parsePrice("0000000000000000") }
        #expect(zero?.message == "Price must be greater than zero.", "sixteen zeros are zero, not too much")
        let problems = [
            ".": "Price must be an amount like 12 or 12.50.",
            "5..": "Price must be an amount like 12 or 12.50.",
            "-5": "Price must be greater than zero.",
            "6.951": "Price can have at most 2 decimal places.",
            "": "Enter a price, e.g. 12.50.",
            "12.345": "Price can have at most 2 decimal places.",
            "12,50": "Price must be an amount like 12 or 12.50.",
            "1,25.00": "Price must be an amount like 12 or 12.50.",
            "1234,567": "Price must be an amount like 12 or 12.50.",
            "1.2.3": "Price must be an amount like 12 or 12.50.",
            "0": "Price must be greater than zero.",
            "1000001": "Price must be at most 1,000,000.00.",
            "1234567890123456789012": "Price must be at most 1,000,000.00.",
        ]
        for (text, message) in problems {
            let error = #expect(throws: FieldError.self) { try FieldRules.parsePrice(text) }
            #expect(error?.message == message, "for \(text.debugDescription)")
        }
    }

    @Test func countsAreTypedAsTheClientsWriteThem() {
        #expect(FieldRules.parseCount(" 12 ") == 12)
        #expect(FieldRules.parseCount("1,000") == 1000)
        #expect(FieldRules.parseCount("1,000,000") == 1_000_000)
        #expect(FieldRules.parseCount("-1") == -1, "a number, for the rules to refuse by name")
        for text in ["", "1,00", "10,00,000", "1.5", "1,000.", "ten", "1 000"] {
            #expect(FieldRules.parseCount(text) == nil, "\(text.debugDescription)")
        }
    }

    @Test func numbersAreGroupedForReading() {
        #expect(Text.grouped(0) == "0")
        #expect(Text.grouped(999) == "999")
        #expect(Text.grouped(1_000) == "1,000")
        #expect(Text.grouped(-1_234_567) == "-1,234,567")
        #expect(Text.grouped(Int64.min) == "-9,223,372,036,854,775,808")
    }

    @Test func cards() throws {
        let now = YearMonth(year: 2026, month: 11)
        let card = try FieldRules.validateCard(PaymentCard(holder: " Ada ", number: "4111 1111-1111 1111", expiry: "11/26"), currentMonth: now)
        #expect(card.number == "4111111111111111")
        #expect(card.holder == "Ada")
        #expect(card.last4 == "1111")
        for holder in ["Zoë O'Brien-Müller", "李 小龙", "J. R. R. Tolkien", "Renée d’Arc"] {
            #expect(try FieldRules.validateCardHolder(holder) == holder)
        }
        for holder in ["Zoë 🎉", "R2-D2", "ada@home"] {
            let error = #expect(throws: FieldError.self) { try FieldRules.validateCardHolder(holder) }
            #expect(error?.field == "card.holder", "\(holder)")
        }

        let badCheckDigit = #expect(throws: FieldError.self) {
            try FieldRules.validateCard(PaymentCard(holder: "Ada", number: "4111111111111112", expiry: "12/30"), currentMonth: now)
        }
        #expect(badCheckDigit?.field == "card.number")
        let letter = #expect(throws: FieldError.self) {
            try FieldRules.validateCard(PaymentCard(holder: "Ada", number: "4111 1111 1111 111O", expiry: "12/30"), currentMonth: now)
        }
        #expect(letter?.message == "Card number takes digits only.")
        let expired = #expect(throws: FieldError.self) {
            try FieldRules.validateCard(PaymentCard(holder: "Ada", number: "4111111111111111", expiry: "10/26"), currentMonth: now)
        }
        #expect(expired?.field == "card.expiry")
        let month = #expect(throws: FieldError.self) {
            try FieldRules.validateCard(PaymentCard(holder: "Ada", number: "4111111111111111", expiry: "13/30"), currentMonth: now)
        }
        #expect(month?.message == "Expiry month must be 01 to 12.")
        for expiry in ["13/30", "12-30", "12/203", "1230x", "+1/30", "00/30", "/1230", "1/3", "123"] {
            #expect(throws: FieldError.self, "\(expiry)") {
                try FieldRules.validateCard(PaymentCard(holder: "Ada", number: "4111111111111111", expiry: expiry), currentMonth: now)
            }
        }
        // The ways people write it: MM/YY, MM/YYYY and MMYY are one and the same month.
        for expiry in ["12/30", "12/2030", "1230", " 12/30 ", "12 / 30"] {
            #expect(FieldRules.parseExpiry(expiry) == YearMonth(year: 2030, month: 12), "\(expiry)")
        }
        // A one-digit month is fine, and the card keeps the expiry as printed on cards.
        let short = try FieldRules.validateCard(PaymentCard(holder: "Ada", number: "4111111111111111", expiry: "1/30"), currentMonth: now)
        #expect(short.expiry == "01/30")
        #expect(try FieldRules.validateCard(PaymentCard(holder: "Ada", number: "4111111111111111", expiry: "12/2030"), currentMonth: now).expiry == "12/30")
        let monthOf4 = #expect(throws: FieldError.self) {
            try FieldRules.validateCard(PaymentCard(holder: "Ada", number: "4111111111111111", expiry: "1330"), currentMonth: now)
        }
        #expect(monthOf4?.message == "Expiry month must be 01 to 12.")
        let zeros = #expect(throws: FieldError.self) {
            try FieldRules.validateCard(PaymentCard(holder: "Ada", number: "0000 0000 0000", expiry: "12/30"), currentMonth: now)
        }
        #expect(zeros?.field == "card.number", "all zeros pass the Luhn check but are no card")
    }

    @Test func textIsStoredInComposedForm() throws {
        let name = try FieldRules.itemName.validate(" Cafe\u{301} ")
        #expect(Array(name.unicodeScalars) == Array("Caf\u{E9}".unicodeScalars))
        #expect(try FieldRules.validateSearchKeywords(["CAFE\u{301}"]).map { Array($0.unicodeScalars) } == [Array("caf\u{E9}".unicodeScalars)])
    }

    @Test func itemDraftValidationNormalises() throws {
        let draft = ItemDraft(name: " Lamp ", category: Category(rawValue: 2)!, keywords: ["Light", "light"], condition: .new, price: 5, quantity: 1)
        let valid = try draft.validated()
        #expect(valid.name == "Lamp")
        #expect(valid.keywords == ["light"])
    }

    @Test func searchTermsLoseTheAccentsOfLatinLettersOnly() {
        #expect(Text.searchTerm("café") == "cafe")
        #expect(Text.searchTerm("cafe\u{301}") == "cafe", "typed decomposed")
        #expect(Text.searchTerm("brûlée") == "brulee")
        #expect(Text.searchTerm("ệ") == "e", "stacked marks")
        #expect(Text.searchTerm("øl") == "øl", "a letter of its own stays")
        #expect(Text.searchTerm("straße") == "straße")
        #expect(Text.searchTerm("йогурт") == "йогурт", "й is not и")
        #expect(Text.searchTerm("ガラス") == "ガラス", "ガ is not カ")
        #expect(Text.searchTerms(["café", "cafe", "mug"]) == ["cafe", "mug"])
    }

    /// Chinese and Japanese put no spaces between words: a word that changes script is also
    /// indexed by its runs of one script.
    @Test func wordsThatChangeScriptAreAlsoIndexedByTheirParts() {
        #expect(Text.itemTerms(name: "東京タワー Model", keywords: []) == ["東京タワー", "model", "東京", "タワー"])
        #expect(Text.itemTerms(name: "USB充電器", keywords: ["cable"]) == ["cable", "usb充電器", "usb", "充電器"])
        #expect(Text.itemTerms(name: "緑茶 tea", keywords: []) == ["緑茶", "tea"], "words of one script stay whole")
        #expect(Text.itemTerms(name: "ＵＳＢ Cable", keywords: ["ｌａｍｐ"]) == ["lamp", "usb", "cable"], "full-width letters as ASCII")
        #expect(Text.itemTerms(name: "Café crème", keywords: []) == ["cafe", "creme"])
        #expect(FieldRules.splitSearchKeywords("東京タワー") == ["東京タワー"], "a search is not split: its words are what it asks for")
    }

    @Test func searchWordsOfNames() {
        #expect(Text.searchWords(of: "Red Mountain-Bike, red!") == ["red", "mountain", "bike"])
        // An apostrophe joins fragments of one word; the short ones do not count on their own.
        #expect(Text.searchWords(of: "Chef's Knife") == ["chef", "knife"])
        #expect(Text.searchWords(of: "kid's t-shirt") == ["kid", "t", "shirt"])
        #expect(Text.searchWords(of: "L’eau de Toilette") == ["eau", "de", "toilette"])
        #expect(Text.searchWords(of: "rock'n'roll don't") == ["rock", "roll", "don"])
        #expect(Text.searchWords(of: "It's a TV") == ["it", "a", "tv"])
        #expect(Text.searchWords(of: "' '' x'") == ["x"])
    }

    @Test func findLooksForPartsOfAnItemsWordsAsTheServerDoes() throws {
        let bowl = Item(
            id: ItemID("3-9")!, name: "Café au lait bowl", keywords: ["kitchen"], condition: .new, price: 9, quantity: 0,
            sellerID: SellerID(1), sellerName: "Ada"
        )
        #expect(try ItemFind(" Lait  CAFE ").words == ["lait", "cafe"])
        #expect(try ItemFind(" Lait  CAFE ").text == "Lait  CAFE")
        #expect(try ItemFind("ｕｓｂ").words == ["usb"], "full-width, as items' terms are folded")
        for found in ["caf", "CAFÉ bowl", "kit", "au", "-au-"] {
            #expect(try ItemFind(found).matches(bowl), "\(found)")
        }
        for missed in ["tea", "bowl tea", "cafébowl"] {
            #expect(try !ItemFind(missed).matches(bowl), "\(missed)")
        }
        #expect(throws: FieldError.self) { try ItemFind("  ") }
        #expect(throws: FieldError.self, "no words: it would find everything") { try ItemFind("--") }
        #expect(throws: FieldError.self) { try ItemFind(String(repeating: "x", count: 65)) }
    }
}
