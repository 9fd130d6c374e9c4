use super::*;

#[test]
fn bare_lines_are_commands() {
    let c = parse("g", "docker tag a b\n\n# comment\ndocker push b\n", 10).unwrap();
    assert_eq!(c.len(), 2);
    assert_eq!(
        (c[0].text.as_str(), c[0].line, &c[0].expected),
        ("docker tag a b", 10, &None)
    );
    assert_eq!((c[1].text.as_str(), c[1].line), ("docker push b", 13));
}

#[test]
fn backslash_continues_a_bare_command() {
    let c = parse("g", "docker run \\\n  -p 1:2 x\nls\n", 1).unwrap();
    assert_eq!(c.len(), 2);
    assert_eq!(c[0].text, "docker run \\\n  -p 1:2 x");
}

#[test]
fn transcript_with_output_continuation_and_exit() {
    let text = "$ echo a \\\n> b\na b\n$ false\n? 1\n$ cd /\n\n";
    let c = parse("g", text, 5).unwrap();
    assert_eq!(c.len(), 3);
    assert_eq!(c[0].text, "echo a \\\nb");
    assert_eq!(c[0].expected_text(), Some(vec!["a b"]));
    assert_eq!(c[0].expected.as_ref().unwrap()[0].line, 7);
    assert_eq!((c[1].line, c[1].exit), (8, Some(Status::Code(1))));
    assert_eq!(c[1].expected_text(), Some(vec![]));
    assert_eq!(c[2].expected_text(), Some(vec![]));
}

#[test]
fn bare_heredocs_loops_and_functions_are_whole_commands() {
    let text = "cat > run.sh <<'EOF'\nrm -rf \"$HOME\"\nEOF\nfor i in 1 2; do\n  echo $i\ndone\n";
    let c = parse("g", text, 3).unwrap();
    let texts: Vec<_> = c.iter().map(|c| (c.text.as_str(), c.line)).collect();
    assert_eq!(
        texts,
        [
            ("cat > run.sh <<'EOF'\nrm -rf \"$HOME\"\nEOF", 3),
            ("for i in 1 2; do\n  echo $i\ndone", 6)
        ]
    );
}

#[test]
fn a_heredoc_typed_after_a_prompt_without_continuation_prompts() {
    let text = "$ cat <<EOF > hi.sh\necho hi\nEOF\n$ bash hi.sh\nhi\n$ for i in 1 2; do\n  echo $i\ndone\n1\n2\n$ bad syntax (\n? 2\n[..]syntax error[..]\n";
    let c = parse("g", text, 1).unwrap();
    assert_eq!(c[0].text, "cat <<EOF > hi.sh\necho hi\nEOF");
    assert_eq!(c[0].expected_text(), Some(vec![]));
    assert_eq!((c[1].text.as_str(), c[1].line), ("bash hi.sh", 4));
    assert_eq!(c[1].expected_text(), Some(vec!["hi"]));
    assert_eq!(c[2].text, "for i in 1 2; do\n  echo $i\ndone");
    assert_eq!(c[2].expected_text(), Some(vec!["1", "2"]));
    // Never completed before the next prompt or the end: the lines are output.
    assert_eq!(c[3].text, "bad syntax (");
    assert_eq!(
        (c[3].exit, c[3].expected_text()),
        (Some(Status::Code(2)), Some(vec!["[..]syntax error[..]"]))
    );
}

#[test]
fn trycmd_status_words() {
    let c = parse("g", "$ true\n? success\n$ false\n? failed\n$ kill -9 $$$$\n? interrupted\n$ rm -rf /\n? skipped\n", 1).unwrap();
    let statuses: Vec<_> = c.iter().map(|c| c.exit).collect();
    assert_eq!(
        statuses,
        [
            Some(Status::Success),
            Some(Status::Failed),
            Some(Status::Interrupted),
            Some(Status::Skipped)
        ]
    );
    assert!(Status::Failed.accepts(3) && !Status::Failed.accepts(0));
    assert!(Status::Interrupted.accepts(137) && !Status::Interrupted.accepts(1));
}

#[test]
fn scrut_blocks() {
    let text = "# comment before the command\n$ echo -e 'a\\tb' && \\\n> echo x \n  a\\tb (escaped)\n\nx  (glob)\n[3]\n";
    let c = parse_scrut("t.md", text, 4).unwrap();
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].line, 5);
    assert_eq!(c[0].text, "echo -e 'a\\tb' && \\\necho x");
    assert_eq!(c[0].dialect, Dialect::Scrut);
    // Every line counts, blank and trailing spaces included.
    assert_eq!(
        c[0].expected_text(),
        Some(vec!["  a\\tb (escaped)", "", "x  (glob)"])
    );
    let rules: Vec<_> = c[0]
        .expected
        .as_ref()
        .unwrap()
        .iter()
        .map(|l| l.rule.as_ref().unwrap().kind)
        .collect();
    assert_eq!(
        rules,
        [scrut::Kind::Escaped, scrut::Kind::Equal, scrut::Kind::Glob]
    );
    assert_eq!(
        (c[0].exit, c[0].exit_line),
        (Some(Status::Code(3)), Some(10))
    );
    // `? 1` is output in scrut, `[N]` is output in doccheck's transcripts.
    let c = parse_scrut("t.md", "$ false\n? 1\n", 1).unwrap();
    assert_eq!((c[0].exit, c[0].expected_text()), (None, Some(vec!["? 1"])));
    let c = parse("t.md", "$ false\n[1]\n", 1).unwrap();
    assert_eq!((c[0].exit, c[0].expected_text()), (None, Some(vec!["[1]"])));
    let e = parse_scrut("t.md", "echo no prompt\n", 8).unwrap_err();
    assert!(e.to_string().starts_with("t.md:8:1: output before"), "{e}");
    let e = parse_scrut("t.md", "# only a comment\n", 8).unwrap_err();
    assert!(e.message.contains("no `$ ` line"), "{e}");
}

#[test]
fn output_before_any_prompt_is_an_error() {
    let e = parse("g.md", "hello\n$ ls\n", 7).unwrap_err();
    assert!(e.to_string().starts_with("g.md:7:1: output before"), "{e}");
}

fn read(text: &str, reading: &Reading) -> Parsed {
    parse_with("g.md", text, 1, reading).unwrap()
}

fn texts(parsed: &Parsed) -> Vec<(&str, usize)> {
    parsed
        .commands
        .iter()
        .map(|c| (c.text.as_str(), c.line))
        .collect()
}

// learnbyexample's command-line books: a `#` line above the command says
// what to type, and blank lines part one command from the next.
#[test]
fn comments_before_and_between_commands() {
    let text = "# press Ctrl+d after the line containing 'histogram'\n# filter lines containing 'is'\n$ grep 'is' > op.txt\n\n# you'll get lines containing 'is'\n$ cat op.txt\nthis is a sample line\nhistogram\n\n$ rm op.txt\n";
    let p = read(text, &Reading::default());
    assert_eq!(
        texts(&p),
        [
            ("grep 'is' > op.txt", 3),
            ("cat op.txt", 6),
            ("rm op.txt", 10)
        ]
    );
    assert_eq!(p.comments, [1, 2, 5]);
    assert_eq!(p.commands[0].expected_text(), Some(vec![]));
    assert_eq!(
        p.commands[1].expected_text(),
        Some(vec!["this is a sample line", "histogram"])
    );
    // `$ # comment`: typed at the prompt, runs nothing.
    let p = read(
        "$ # Unix line endings\n$ printf '42\\n' | wc -l\n1\n",
        &Reading::default(),
    );
    assert_eq!(texts(&p), [("printf '42\\n' | wc -l", 2)]);
    assert_eq!(p.comments, [1]);
}

#[test]
fn a_hash_line_right_after_output_is_optional() {
    let p = read(
        "$ cat notes.sh\necho hi\n# the end\n$ bash notes.sh\nhi\n",
        &Reading::default(),
    );
    let expected = p.commands[0].expected.as_ref().unwrap();
    assert_eq!(
        expected
            .iter()
            .map(|l| (l.text.as_str(), l.optional))
            .collect::<Vec<_>>(),
        [("echo hi", false), ("# the end", true)]
    );
    // Followed by more output, a `#` line is output.
    let p = read("$ cat x.sh\n# setup\necho hi\n", &Reading::default());
    assert_eq!(
        p.commands[0].expected_text(),
        Some(vec!["# setup", "echo hi"])
    );
    assert!(p.comments.is_empty());
}

// fd's README: `> fd netfl`; zsh users' `% `; starship's `❯ `.
#[test]
fn other_prompts() {
    let p = read(
        "> fd netfl\nSoftware/python/imdb-ratings/netflix-details.py\n> fd '^x.*rc$'\n",
        &Reading::default(),
    );
    assert_eq!(texts(&p), [("fd netfl", 1), ("fd '^x.*rc$'", 3)]);
    assert_eq!(p.prompt.as_deref(), Some("> "));
    assert_eq!(
        p.commands[0].expected_text(),
        Some(vec!["Software/python/imdb-ratings/netflix-details.py"])
    );
    let p = read("% echo $((1 + 2))\n3\n% ls \\\n> -a\n", &Reading::default());
    assert_eq!(texts(&p), [("echo $((1 + 2))", 1), ("ls \\\n-a", 3)]);
    let p = read("❯ rg -c fast README.md\n3\n", &Reading::default());
    assert_eq!(texts(&p), [("rg -c fast README.md", 1)]);
    // Configured: only these.
    let r = Reading::configured(Some(&["user@host:~$ ".into()]));
    let p = read("user@host:~$ echo hi\nhi\n$ not a prompt here\n", &r);
    assert_eq!(texts(&p), [("echo hi", 1)]);
    assert_eq!(
        p.commands[0].expected_text(),
        Some(vec!["hi", "$ not a prompt here"])
    );
    // `> ` after a `$ ` line continues it, as bash's PS2.
    let p = read("$ echo a \\\n> b\na b\n", &Reading::default());
    assert_eq!(texts(&p), [("echo a \\\nb", 1)]);
}

#[test]
fn a_heredoc_body_is_never_a_command_whatever_it_starts_with() {
    let text =
        "$ cat <<'EOF' > session.md\n$ ls\n> quoted\n# heading\nEOF\n$ wc -l < session.md\n3\n";
    let p = read(text, &Reading::default());
    assert_eq!(
        texts(&p),
        [
            (
                "cat <<'EOF' > session.md\n$ ls\n> quoted\n# heading\nEOF",
                1
            ),
            ("wc -l < session.md", 6)
        ]
    );
    // With PS2 prompts, as a terminal shows it.
    let p = read(
        "$ cat << end > op.txt\n> dragon\n> apple $qty\n> end\n$ cat op.txt\ndragon\napple 42\n",
        &Reading::default(),
    );
    assert_eq!(
        p.commands[0].text,
        "cat << end > op.txt\ndragon\napple $qty\nend"
    );
    // In a bare block too: a `$ ` body line does not make it a transcript.
    let p = read(
        "cat > x.md <<'EOF'\n$ ls\nEOF\nwc -l x.md\n",
        &Reading::default(),
    );
    assert_eq!(p.prompt, None);
    assert_eq!(p.commands.len(), 2);
}

#[test]
fn root_prompts() {
    let mut r = Reading::default();
    r.decide(["# apt-get install -y nginx\n# systemctl start nginx\n"].into_iter());
    assert_eq!(r.hash, Hash::RootPrompt);
    let p = read(
        "# apt-get install -y nginx\n# nginx -v\nnginx version: [..]\n",
        &r,
    );
    assert_eq!(
        texts(&p),
        [("apt-get install -y nginx", 1), ("nginx -v", 2)]
    );
    assert_eq!(p.commands[1].prompt, "# ");
    assert!(p.comments.is_empty());
}

// Blog posts and CI snippets end a script with `exit $status`.
#[test]
fn a_bare_block_that_calls_exit_is_one_script() {
    let text = "#!/usr/bin/env bash\nset -u\ngrep -q needle haystack.txt\ncode=$?\necho \"grep said $code\"\nexit $code\n";
    let c = parse("g.md", text, 4).unwrap();
    assert_eq!(c.len(), 1);
    assert!(c[0].script);
    assert_eq!((c[0].line, c[0].end_line), (5, 9));
    assert_eq!(
        c[0].text,
        text.trim_start_matches("#!/usr/bin/env bash\n").trim_end()
    );
    // `exit` in a function or a subshell leaves the block as commands.
    let c = parse(
        "g.md",
        "die() { echo \"$1\"; exit 1; }\n(exit 0)\necho ok\n",
        1,
    )
    .unwrap();
    assert_eq!(c.len(), 3);
    assert!(c.iter().all(|c| !c.script));
}
