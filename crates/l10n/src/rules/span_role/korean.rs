//! Korean spans set where English orders them: right after "when doing"
//! or "using" (`실행할 때 `wsl --list``, `사용 하 여 `wsl.exe`입니다`), where
//! Korean sets what the verb acts on before it.

use std::ops::Range;

use super::super::side::Side;

/// Why the span at `tr`, after `prev`, is in English order, if it is: with
/// no particle to make it a new clause's subject, or with the copula after
/// it.
pub(super) fn english_order(t: &Side, tr: &Range<usize>, prev: &str) -> Option<String> {
    let glued = &t.text[tr.end..];
    let next = glued.trim_start();
    let own_particle = crate::text::korean_particle(glued)
        || next.split(char::is_whitespace).next().is_some_and(|p| {
            [
                "를", "을", "이", "가", "은", "는", "의", "에", "로", "으로", "와", "과", "도",
                "에서",
            ]
            .contains(&p)
        });
    let when = prev.ends_with("할 때") || prev.ends_with("할때");
    // The span's particle glued onto the sentence's finished verb
    // (`알 수 있습니다는 `mbx``): the span left its place before it.
    let stranded = crate::text::particle_after_finished_verb(prev);
    let using = prev.ends_with("하 여") || prev.ends_with("하여");
    let copula = next.starts_with("입니다") || next.starts_with("이다");
    ((when && !own_particle && !next.is_empty()) || (using && copula) || stranded).then(|| {
        let words: Vec<&str> = prev.rsplit(' ').take(2).collect();
        format!(
            "it now comes right after \"{}\", as English orders it; Korean sets what the verb acts on before it",
            words.into_iter().rev().collect::<Vec<_>>().join(" ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::super::code_span_role;

    fn found(tr: &str, src: &str) -> Vec<String> {
        super::super::super::side::run_rule(code_span_role, tr, src)
            .into_iter()
            .map(|f| f.2)
            .collect()
    }

    #[test]
    fn korean_spans_after_when_or_using() {
        assert_eq!(
            found(
                "실행할 때 `wsl --list` 나열 되지 것입니다.",
                "When I run `wsl --list` it will not be listed."
            )
            .len(),
            1
        );
        assert_eq!(
            found(
                "가장 좋은 방법은 사용 하 여 `wsl.exe`입니다.",
                "The best way is using `wsl.exe`."
            )
            .len(),
            1
        );
        assert_eq!(
            found(
                "`wsl --list`를 실행할 때 나열 되지 않습니다.",
                "When I run `wsl --list` it will not be listed."
            )
            .len(),
            0
        );
    }
}
