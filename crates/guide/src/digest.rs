//! A guide's executable content as one digest: every fenced block's info
//! string and text, its annotation and result marker, in order, and nothing
//! of the prose around them or of where the blocks sit. Two revisions of a
//! guide with the same digest run the same way, so a verdict cache can key
//! on it and a prose edit changes nothing.

use sha2::{Digest, Sha256};

use crate::markdown::Block;

/// The hex SHA-256 of the blocks' executable content.
pub fn executable(blocks: &[Block]) -> String {
    let mut hash = Sha256::new();
    blocks.iter().for_each(|b| update(&mut hash, b));
    hex(&hash.finalize())
}

/// Each block's own digest, in order: a checkpoint knows by them which
/// blocks changed since it was made.
pub fn each(blocks: &[Block]) -> Vec<String> {
    blocks
        .iter()
        .map(|b| {
            let mut hash = Sha256::new();
            update(&mut hash, b);
            hex(&hash.finalize())
        })
        .collect()
}

fn update(hash: &mut Sha256, block: &Block) {
    // Length-prefixed fields: no two different lists of blocks read the same.
    let fields = [
        block.info.as_str(),
        block.content.as_str(),
        block.annotation.as_ref().map_or("", |a| a.text.as_str()),
        block.result_marker.as_ref().map_or("", |a| a.text.as_str()),
    ];
    for field in fields {
        hash.update((field.len() as u64).to_le_bytes());
        hash.update(field.as_bytes());
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parse;

    fn of(text: &str) -> String {
        executable(&parse("g.md", text).unwrap())
    }

    #[test]
    fn prose_and_position_change_nothing_code_and_order_do() {
        let base = of("# A\n\nRun:\n\n```sh\necho a\n```\n\n```sh\necho b\n```\n");
        assert_eq!(
            base,
            of("# A guide\n\nSome words, then run:\n\n\n```sh\necho a\n```\nMore.\n\n```sh\necho b\n```\n")
        );
        assert_ne!(base, of("```sh\necho a\n```\n\n```sh\necho c\n```\n"));
        assert_ne!(base, of("```sh\necho b\n```\n\n```sh\necho a\n```\n"));
        assert_ne!(base, of("```bash\necho a\n```\n\n```sh\necho b\n```\n"));
        assert_ne!(
            base,
            of("<!-- doccheck timeout=5s -->\n```sh\necho a\n```\n\n```sh\necho b\n```\n")
        );
        // Field boundaries count: content moving between blocks is a change.
        assert_ne!(
            of("```sh\nab\n```\n"),
            of("```sh\na\n```\n\n```sh\nb\n```\n")
        );
    }
}
