//! Words that are no names: the lower-case words of Title Case, and the
//! words English capitalizes by convention.

/// Words a Title Case heading leaves in lower case.
pub(super) const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "nor", "but", "of", "for", "in", "on", "to", "with", "by",
    "from", "at", "as", "vs", "into", "via", "over", "your", "also",
];

/// Words English capitalizes by convention, which other languages write in
/// lower case and inflect (`booleanos`): no product names.
pub(super) const CONVENTIONAL: &[&str] = &[
    // The parts of a document, capitalized before their number ("Figure
    // 5-1", "Step 2"), which translations translate.
    "figure",
    "figures",
    "table",
    "step",
    "chapter",
    "section",
    "appendix",
    "listing",
    "boolean",
    "internet",
    "english",
    "french",
    "german",
    "spanish",
    "italian",
    "latin",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
