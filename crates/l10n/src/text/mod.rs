//! Text helpers shared by the parsers and the rules, one concern per module;
//! the rest of the crate uses them through the re-exports below.

mod clip;
mod edit_distance;
mod line_index;
mod mapped;
mod prose;
mod slug;
mod technical;
mod translit;
mod whitespace;
mod words;

pub(crate) use clip::clip;
pub(crate) use edit_distance::edit_distance;
pub(crate) use line_index::LineIndex;
pub(crate) use mapped::Mapped;
pub(crate) use prose::{is_english_word, is_prose, is_title_prose};
pub(crate) use slug::{slug, Slugger};
pub(crate) use technical::{is_command_name, is_technical, runnable};
pub(crate) use translit::{
    cyrillic_key, is_cyrillic, is_hiragana, is_katakana, latin_key, transliterates,
};
pub(crate) use whitespace::{normalize_space, same_words};
pub(crate) use words::{
    cjk_punctuation, glues_after, hangul, is_word_char, korean_particle, no_space_script,
    particle_after_finished_verb, trim_word, words, CODE_MARK,
};
