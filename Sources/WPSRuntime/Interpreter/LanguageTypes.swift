import WPSLanguage

/// The language's expression (Foundation has a type of the same name).
typealias Expression = WPSLanguage.Expression
