use super::*;
use crate::config::Defaults;
use crate::error::Error;
use crate::model::expect::Eol;
use crate::model::{Stream, Wait};
use crate::plan::{Action, Plan};
use crate::result_block::Expect;
use crate::scrut::case::Document;
use crate::transcript::Command;

fn plan_with(guide: &str, defaults: &Defaults) -> Result<Plan, Error> {
    let blocks = crate::markdown::parse("g.md", guide).unwrap();
    crate::plan::build("g.md", guide, &blocks, None, defaults, &Document::default())
}

fn plan(guide: &str) -> Result<Plan, Error> {
    plan_with(guide, &Defaults::default())
}

fn commands(plan: &Plan, step: usize) -> &[Command] {
    match &plan.steps[step].action {
        Action::Run { commands, .. } => commands,
        other => panic!("not run: {other:?}"),
    }
}

fn matchers(command: &Command) -> Vec<&Matcher> {
    command
        .expected
        .iter()
        .flatten()
        .map(|l| &l.matcher)
        .collect()
}

fn text(s: &str) -> Vec<Piece> {
    vec![Piece::Text(s.into())]
}

#[test]
fn an_invalid_scrut_regex_is_a_load_error_at_its_line() {
    let e = plan("# T\n\n```scrut\n$ echo a\nok\nbad( (regex)\n```\n").unwrap_err();
    assert_eq!(e.location, Some(crate::Location::new("g.md", 6, 1)));
    assert!(
        e.message.contains("`bad(` is not a regex scrut can use"),
        "{}",
        e.message
    );
}

#[test]
fn a_substituted_line_that_cannot_compile_is_a_load_error_at_its_line() {
    // Valid alone; inside the line's regex, its comment swallows the group's end.
    let defaults = Defaults {
        substitutions: vec![("[ID]".into(), "(?x)a#".into())],
        ..Defaults::default()
    };
    let e = plan_with("```console\n$ id\nuser [ID]\n```\n", &defaults).unwrap_err();
    assert_eq!(e.location, Some(crate::Location::new("g.md", 3, 1)));
    assert!(
        e.message.contains("`user [ID]` cannot be matched"),
        "{}",
        e.message
    );
}

#[test]
fn a_doccheck_transcript_compiles_to_wildcards_and_regexes() {
    let defaults = Defaults {
        substitutions: vec![("[VERSION]".into(), r"\d+".into())],
        ..Defaults::default()
    };
    let p = plan_with(
        "```console\n$ tool[EXE] --version\ntool[EXE] [VERSION]\n...\nat [ROOT]/x [..]\nin [CWD] v[VERSION]\n? 2\n```\n",
        &defaults,
    )
    .unwrap();
    assert_eq!(p.steps[0].behaviour, Behaviour::default());
    let c = &commands(&p, 0)[0];
    let m = matchers(c);
    assert!(matches!(&m[0].rule, Rule::Regex(r) if r.as_str() == r"^tool (?:\d+)$"));
    assert_eq!(
        (&m[1].rule, m[1].quantity),
        (&Rule::AnyLines, Quantity::Any)
    );
    assert_eq!(m[2].rule, Rule::Wildcards);
    assert_eq!(
        m[2].shown,
        [
            Piece::Text("at ".into()),
            Piece::Value(Value::Root),
            Piece::Text("/x [..]".into())
        ]
    );
    let values = Values {
        root: "/r",
        cwd: "/w.1",
    };
    let Rule::Regex(bound) = with_values(&m[3].rule, &values) else {
        panic!("{:?}", m[3].rule);
    };
    assert!(bound.is_match("in /w.1 v3") && !bound.is_match("in /wx1 v3"));
}

#[test]
fn a_scrut_case_compiles_to_its_behaviour_and_rules() {
    let p = plan(
        "```scrut {output_stream: stderr, wait: 1s, environment: {A: b}, skip_document_code: 7}\n$ cmd\nx* (glob+)\na\\tb (escaped)\nend (no-eol)\n[3]\n```\n",
    )
    .unwrap();
    let b = &p.steps[0].behaviour;
    assert_eq!(
        b,
        &Behaviour {
            stream: Stream::Stderr,
            lines: OutputLines::Exact {
                keep_crlf: false,
                strip_ansi: false
            },
            exit_first: true,
            skip_code: Some(7),
            wait: Some(Wait {
                timeout: std::time::Duration::from_secs(1),
                path: None
            }),
            detached: false,
            environment: vec![("A".into(), "b".into())],
            location_variable: Some("SCRUT_TEST"),
            convention: Some("scrut"),
        }
    );
    let m = matchers(&commands(&p, 0)[0]);
    assert!(matches!(&m[0].rule, Rule::Regex(r) if r.as_str() == "^x.*$"));
    assert_eq!(m[0].quantity, Quantity::OneOrMore);
    assert_eq!(m[0].shown, text("x* (glob+)"));
    assert_eq!(
        m[1].rule,
        Rule::Equal {
            text: "a\tb".into(),
            eol: Eol::Either
        }
    );
    assert_eq!(
        m[2].rule,
        Rule::Equal {
            text: "end".into(),
            eol: Eol::Forbidden
        }
    );
}

#[test]
fn an_interpolated_case_keeps_templates_of_its_names() {
    let p = plan(
        "```scrut {interpolated: true}\n$ export FOO=1\n$FOO and ${BAR} (regex)\ncost $$5\n```\n",
    )
    .unwrap();
    let c = &commands(&p, 0)[0];
    assert_eq!(c.interpolate, ["FOO", "BAR"]);
    let m = matchers(c);
    assert!(m[0].template.is_some());
    // No name: compiled now, `$$` read as `$`.
    assert_eq!(
        (m[1].template.as_ref(), &m[1].shown),
        (None, &text("cost $5"))
    );
    let values = [("FOO".to_string(), "f.o".to_string())];
    let filled = interpolated(m[0], &values);
    assert_eq!(filled.shown, text("f.o and ${BAR} (regex)"));
    // The value is regex text, as scrut puts it in; a missing name stays.
    assert!(matches!(&filled.rule, Rule::Regex(r) if r.as_str() == r"^f.o and $\{BAR\}$"));
    assert_eq!(filled.template, None);
    // A value that makes the regex invalid: the line matches nothing.
    let broken = interpolated(m[0], &[("FOO".to_string(), "(".to_string())]);
    assert_eq!(broken.rule, Rule::Nothing);
    // Without interpolation, `$` is text.
    let p = plan("```scrut\n$ true\n$FOO\n```\n").unwrap();
    assert!(commands(&p, 0)[0].interpolate.is_empty());
}

#[test]
fn parts_as_scrut_interpolates() {
    let name = |n: &str, w: &str| Part::Name {
        name: n.into(),
        written: w.into(),
    };
    assert_eq!(
        parts("$A_B ${A_B} $$FOO $ ${}"),
        [name("A_B", "$A_B"), Part::Text(" ${A_B} $FOO $ ${}".into())]
    );
    assert_eq!(
        parts("${FOO}x$1"),
        [
            name("FOO", "${FOO}"),
            Part::Text("x".into()),
            name("1", "$1")
        ]
    );
    let env = [("FOO".to_string(), "bar".to_string())];
    let fill = |t: &str| Template::fill(&parts(t), &env);
    assert_eq!(fill("Hello $FOO and ${FOO}"), "Hello bar and bar");
    assert_eq!(fill("$$FOO $MISSING $"), "$FOO $MISSING $");
    assert_eq!(fill("${A_B}"), "${A_B}");
}

#[test]
fn an_innovation_engine_result_block_compiles_its_regex_and_stream() {
    let p = plan("```bash\necho Succeeded\n```\n\n<!-- expected_similarity=\"Succ\\w+\" -->\n```text\nSucceeded\n```\n")
        .unwrap();
    let b = &p.steps[0].behaviour;
    assert_eq!(
        (b.stream, b.convention, b.lines),
        (
            Stream::Stdout,
            Some("Innovation Engine"),
            OutputLines::Trimmed
        )
    );
    let Some(Expect::Regex(re)) = p.steps[0].result.as_ref().map(|r| &r.expect) else {
        panic!("no regex");
    };
    assert!(re.is_match("Succeeded"));
}

#[test]
fn runme_cells_and_output_blocks_are_plain_commands() {
    let p = plan("```sh {\"name\":\"hi\"}\necho hi\n```\n\n```output\nhi [..]\n```\n").unwrap();
    assert_eq!(p.steps[0].behaviour, Behaviour::default());
    let m = matchers(&commands(&p, 0)[0]);
    assert_eq!(
        (&m[0].rule, &m[0].shown),
        (&Rule::Wildcards, &text("hi [..]"))
    );
}

#[test]
fn update_writes_in_the_lines_words() {
    let exact = OutputLines::Exact {
        keep_crlf: false,
        strip_ansi: false,
    };
    assert_eq!(written(OutputLines::Trimmed, "x (glob)", false), "x (glob)");
    assert_eq!(written(exact, "x (glob)", false), "x (glob) (equal)");
    assert_eq!(written(exact, "tail", true), "tail (no-eol)");
}
