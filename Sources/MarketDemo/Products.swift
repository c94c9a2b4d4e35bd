/// The product names, keywords and price ranges the demo catalogue is made from.
enum Products {
    struct Product {
        var name: String
        var keywords: [String]
        var minimum: Int64
        var maximum: Int64
        /// Whether variants ("Signed", "Large") make sense for it.
        var hasVariants: Bool = true
    }

    struct Modifier {
        var word: String
        var keyword: String?
    }

    /// Variants per category: words that make a product read like a real listing.
    static let modifiers: [Int32: [Modifier]] = [
        1: [Modifier(word: "Signed", keyword: "signed"), Modifier(word: "Illustrated", keyword: nil), Modifier(word: "Hardcover", keyword: "hardback")],
        2: [
            Modifier(word: "Pro", keyword: "pro"), Modifier(word: "Compact", keyword: "compact"), Modifier(word: "Black", keyword: "black"),
            Modifier(word: "White", keyword: "white"), Modifier(word: "Refurbished", keyword: nil),
        ],
        3: [Modifier(word: "Handmade", keyword: "handmade"), Modifier(word: "Large", keyword: "large"), Modifier(word: "Blue", keyword: "blue"), Modifier(word: "Vintage", keyword: "vintage")],
        4: [Modifier(word: "Lightweight", keyword: "light"), Modifier(word: "Red", keyword: "red"), Modifier(word: "Kids'", keyword: "kids"), Modifier(word: "Pro", keyword: "pro")],
        5: [Modifier(word: "Deluxe", keyword: "deluxe"), Modifier(word: "Travel", keyword: "travel"), Modifier(word: "Classic", keyword: "classic")],
        6: [Modifier(word: "Navy", keyword: "navy"), Modifier(word: "Grey", keyword: "grey"), Modifier(word: "Red", keyword: "red"), Modifier(word: "Kids'", keyword: "kids")],
        7: [Modifier(word: "Vintage", keyword: "vintage"), Modifier(word: "Beginner", keyword: "beginner")],
        8: [Modifier(word: "Large", keyword: "large"), Modifier(word: "Small", keyword: "small"), Modifier(word: "Handmade", keyword: "handmade")],
    ]

    static let byCategory: [Int32: [Product]] = [
        1: [
            Product(name: "Swift Programming Guide", keywords: ["swift", "coding", "book"], minimum: 25, maximum: 55),
            Product(name: "Distributed Systems", keywords: ["systems", "book", "network"], minimum: 35, maximum: 80),
            Product(name: "Sourdough Baking", keywords: ["baking", "bread", "cookbook"], minimum: 15, maximum: 35),
            Product(name: "Mountain Trail Atlas", keywords: ["atlas", "hiking", "maps"], minimum: 12, maximum: 40),
            Product(name: "Poems of the Sea", keywords: ["poetry", "book"], minimum: 8, maximum: 22, hasVariants: false),
            Product(name: "Der kleine Prinz", keywords: ["german", "classic", "novel"], minimum: 6, maximum: 18, hasVariants: false),
            Product(name: "Chess Openings", keywords: ["chess", "games", "book"], minimum: 14, maximum: 30),
            Product(name: "吾輩は猫である", keywords: ["japanese", "novel", "cats"], minimum: 9, maximum: 25, hasVariants: false),
            Product(name: "Watercolour Basics", keywords: ["art", "painting", "book"], minimum: 12, maximum: 28),
            Product(name: "History of Rome", keywords: ["history", "rome", "book"], minimum: 18, maximum: 45, hasVariants: false),
            Product(name: "Crossword Collection", keywords: ["puzzles", "words"], minimum: 5, maximum: 15, hasVariants: false),
        ],
        2: [
            Product(name: "Wireless Headphones", keywords: ["audio", "wireless", "music"], minimum: 39, maximum: 299),
            Product(name: "Mechanical Keyboard", keywords: ["keyboard", "computer", "usb"], minimum: 59, maximum: 199),
            Product(name: "USB-C Charger 65W", keywords: ["charger", "usb", "power"], minimum: 19, maximum: 59, hasVariants: false),
            Product(name: "4K Monitor 27 inch", keywords: ["monitor", "display", "4k"], minimum: 249, maximum: 699, hasVariants: false),
            Product(name: "Mirrorless Camera", keywords: ["camera", "photo"], minimum: 499, maximum: 1899),
            Product(name: "Film Camera 35mm", keywords: ["camera", "film", "photo"], minimum: 89, maximum: 450),
            Product(name: "Bluetooth Speaker", keywords: ["speaker", "audio", "wireless"], minimum: 25, maximum: 180),
            Product(name: "E-reader", keywords: ["reader", "books", "ebook"], minimum: 89, maximum: 249, hasVariants: false),
            Product(name: "Raspberry Pi Kit", keywords: ["computer", "kit", "diy"], minimum: 69, maximum: 149, hasVariants: false),
            Product(name: "Noise Cancelling Earbuds", keywords: ["audio", "earbuds"], minimum: 49, maximum: 249),
            Product(name: "Portable SSD 1TB", keywords: ["storage", "ssd", "usb"], minimum: 69, maximum: 169, hasVariants: false),
            Product(name: "Camera Lens 50mm", keywords: ["lens", "camera", "photo"], minimum: 120, maximum: 650, hasVariants: false),
        ],
        3: [
            Product(name: "Cast Iron Skillet", keywords: ["pan", "cooking", "iron"], minimum: 25, maximum: 89),
            Product(name: "Espresso Machine", keywords: ["coffee", "espresso"], minimum: 149, maximum: 899),
            Product(name: "Olive Oil 1L", keywords: ["oil", "olive", "food"], minimum: 9, maximum: 29, hasVariants: false),
            Product(name: "Ceramic Mug Set", keywords: ["mug", "coffee", "tea"], minimum: 12, maximum: 45),
            Product(name: "Chef's Knife", keywords: ["knife", "cooking", "steel"], minimum: 35, maximum: 220),
            Product(name: "Linen Tea Towels", keywords: ["towel", "linen", "kitchen"], minimum: 8, maximum: 30),
            Product(name: "Pour-over Coffee Kit", keywords: ["coffee", "filter"], minimum: 22, maximum: 75),
            Product(name: "Bamboo Cutting Board", keywords: ["board", "bamboo", "kitchen"], minimum: 14, maximum: 45),
            Product(name: "Teapot 1.2L", keywords: ["tea", "teapot"], minimum: 18, maximum: 70),
            Product(name: "Pumpkin Seed Oil", keywords: ["oil", "food", "seeds"], minimum: 8, maximum: 24, hasVariants: false),
        ],
        4: [
            Product(name: "Trail Running Shoes", keywords: ["running", "shoes", "trail"], minimum: 69, maximum: 179),
            Product(name: "Climbing Rope 60m", keywords: ["climbing", "rope"], minimum: 89, maximum: 260),
            Product(name: "Yoga Mat", keywords: ["yoga", "mat", "fitness"], minimum: 15, maximum: 90),
            Product(name: "Road Bike Helmet", keywords: ["bike", "helmet", "cycling"], minimum: 39, maximum: 199),
            Product(name: "Tent for 2", keywords: ["tent", "camping"], minimum: 89, maximum: 499),
            Product(name: "Sleeping Bag", keywords: ["camping", "sleeping"], minimum: 49, maximum: 320),
            Product(name: "Water Bottle 750ml", keywords: ["bottle", "water"], minimum: 9, maximum: 39),
            Product(name: "Tennis Racket", keywords: ["tennis", "racket"], minimum: 45, maximum: 220),
            Product(name: "Headlamp", keywords: ["light", "camping", "lamp"], minimum: 15, maximum: 80),
        ],
        5: [
            Product(name: "Wooden Train Set", keywords: ["train", "wooden", "kids"], minimum: 29, maximum: 119),
            Product(name: "Building Bricks 500", keywords: ["bricks", "building", "kids"], minimum: 19, maximum: 89),
            Product(name: "Jigsaw Puzzle 1000", keywords: ["puzzle", "jigsaw"], minimum: 12, maximum: 35),
            Product(name: "Board Game Night", keywords: ["board", "games", "family"], minimum: 25, maximum: 70),
            Product(name: "Plush Bear", keywords: ["plush", "bear", "kids"], minimum: 9, maximum: 45),
            Product(name: "Kite", keywords: ["kite", "outdoor", "kids"], minimum: 12, maximum: 60),
            Product(name: "Rubik's Cube", keywords: ["cube", "puzzle"], minimum: 8, maximum: 25, hasVariants: false),
            Product(name: "Marble Run", keywords: ["marbles", "kids", "building"], minimum: 25, maximum: 80),
        ],
        6: [
            Product(name: "Merino Sweater", keywords: ["wool", "sweater", "merino"], minimum: 59, maximum: 180),
            Product(name: "Rain Jacket", keywords: ["jacket", "rain", "outdoor"], minimum: 69, maximum: 260),
            Product(name: "Wool Socks 3-pack", keywords: ["socks", "wool"], minimum: 12, maximum: 35, hasVariants: false),
            Product(name: "Denim Jeans", keywords: ["jeans", "denim"], minimum: 39, maximum: 140),
            Product(name: "Sun Hat", keywords: ["hat", "summer"], minimum: 15, maximum: 60),
            Product(name: "Leather Belt", keywords: ["belt", "leather"], minimum: 19, maximum: 90),
            Product(name: "Fleece Gloves", keywords: ["gloves", "winter"], minimum: 12, maximum: 45),
        ],
        7: [
            Product(name: "Acoustic Guitar", keywords: ["guitar", "acoustic"], minimum: 129, maximum: 899),
            Product(name: "Vinyl: Kind of Blue", keywords: ["vinyl", "jazz", "record"], minimum: 22, maximum: 45, hasVariants: false),
            Product(name: "Vinyl: Abbey Road", keywords: ["vinyl", "rock", "record"], minimum: 24, maximum: 49, hasVariants: false),
            Product(name: "Ukulele", keywords: ["ukulele", "strings"], minimum: 39, maximum: 220),
            Product(name: "Turntable", keywords: ["player", "vinyl", "audio"], minimum: 149, maximum: 699),
            Product(name: "Harmonica in C", keywords: ["harp", "blues"], minimum: 19, maximum: 75, hasVariants: false),
            Product(name: "Guitar Strings", keywords: ["guitar", "strings"], minimum: 6, maximum: 22, hasVariants: false),
            Product(name: "Vinyl: Café del Mar", keywords: ["vinyl", "chill", "record"], minimum: 20, maximum: 42, hasVariants: false),
        ],
        8: [
            Product(name: "Garden Shears", keywords: ["shears", "garden", "tools"], minimum: 15, maximum: 65),
            Product(name: "Tomato Seeds", keywords: ["seeds", "tomato", "garden"], minimum: 2, maximum: 8, hasVariants: false),
            Product(name: "Terracotta Pot", keywords: ["pot", "plants", "garden"], minimum: 6, maximum: 40),
            Product(name: "Watering Can 10L", keywords: ["watering", "garden"], minimum: 12, maximum: 45),
            Product(name: "Bonsai Tree", keywords: ["bonsai", "tree", "plants"], minimum: 25, maximum: 180, hasVariants: false),
            Product(name: "Compost Bin", keywords: ["compost", "garden", "eco"], minimum: 35, maximum: 120),
            Product(name: "Bird Feeder", keywords: ["birds", "garden"], minimum: 12, maximum: 55),
        ],
    ]
}
