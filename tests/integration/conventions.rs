//! Real docs' conventions, on guides written as their authors write them
//! (`tests/guides/realdocs/`, each naming the kind of doc it follows): run
//! unchanged, with at most a few lines of configuration.

use std::path::Path;

use crate::test::{repo, Test};

/// `tests/guides/realdocs/<from>` (a file or a directory) into the test's project at `to`.
pub fn with(test: Test, from: &str, to: &str) -> Test {
    let source = repo().join("tests/guides/realdocs").join(from);
    copy(test, &source, to)
}

fn copy(mut test: Test, source: &Path, to: &str) -> Test {
    if source.is_dir() {
        for entry in std::fs::read_dir(source).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            test = copy(test, &entry.path(), &format!("{to}/{name}"));
        }
        return test;
    }
    let test = test.write(to, std::fs::read(source).unwrap());
    let mode = std::fs::metadata(source).unwrap().permissions();
    std::fs::set_permissions(test.path(to), mode).unwrap();
    test
}

#[test]
fn a_command_line_book_with_comments_between_its_commands() {
    with(Test::new(), "text-book.md", "book.md")
        .args(&["book.md"])
        .stdout(
            "doccheck book.md: 4 steps
✓   1  book.md:9  cat << end > fruits.txt (+1 more)  [..]s
✓   2  book.md:26  wc -l < fruits.txt (+2 more)  [..]s
✓   3  book.md:42  sort -k2,2n fruits.txt (+1 more)  [..]s
✓   4  book.md:55  cat report.sh 2>/dev/null || printf '#!/bin/bash\\n# report the biggest\\nsort -k2,2nr \"$1\" | head -n1\\n' > report.sh (+2 more)  [..]s
book.md: ok. 4 steps: 4 passed, 0 failed, 0 skipped, 0 not run; [..]s
",
        )
        .run();
    with(Test::new(), "text-book.md", "book.md")
        .args(&["book.md", "--list"])
        .stdout(
            "  1  book.md:9  cat << end > fruits.txt (+1 more)
       $ cat << end > fruits.txt
         apple 42
         banana 31
         fig 7
         end
       $ cat fruits.txt
  2  book.md:26  wc -l < fruits.txt (+2 more)
       note: line 27: `#` lines are comments for the reader in this guide, not commands; its prompt is `$` (`prompts: [\"# \"]` in the scenario or .doccheck.yaml makes `#` root's prompt)
       $ wc -l < fruits.txt
       $ grep -c 'an' fruits.txt
       $ grep -vc 'an' fruits.txt
...
4 steps
",
        )
        .run();
}

#[test]
fn a_comment_after_output_is_output_when_the_command_prints_it() {
    // `## reversed` follows `sort`'s output directly: optional, and absent
    // here; `# report the biggest` is in `cat report.sh`'s output.
    Test::new()
        .guide("```bash\n$ printf 'b\\na\\n' | sort\na\nb\n# in order\n$ printf '# kept\\n'\n# kept\n```\n")
        .stdout("...\ng.md: ok. 1 steps: 1 passed, 0 failed, 0 skipped, 0 not run; [..]s\n")
        .run();
    // A line the output lacks that is not a comment still fails.
    Test::new()
        .guide("```bash\n$ printf 'a\\n'\na\n# in order\nb\n```\n")
        .status(1)
        .stdout("...\n          -b\n...\n")
        .run();
}

#[test]
fn a_readme_whose_prompt_is_a_greater_than_sign() {
    let bin = repo().join("tests/guides/realdocs/hunt/bin");
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let test = with(Test::new(), "hunt-readme.md", "hunt-readme.md");
    let test = with(test, "hunt/scenarios", "scenarios");
    with(test, "hunt/fixture", "fixture")
        .env("PATH", &path)
        .args(&["hunt-readme.md"])
        .stdout(
            "doccheck hunt-readme.md with scenarios/hunt.yaml: 3 steps
✓   1  hunt-readme.md:22  hunt netfl  [..]s
✓   2  hunt-readme.md:35  cd dotfiles (+1 more)  [..]s
✓   3  hunt-readme.md:47  hunt passwd ../etc  [..]s
hunt-readme.md: ok. 3 steps: 3 passed, 0 failed, 0 skipped, 0 not run; [..]s
",
        )
        .run();
    // Nothing ran as a redirection: no file named `hunt` was made.
    Test::new()
        .guide("```bash\n> echo netfl\nnetfl\n```\n\n```console\n$ ls\n```\n")
        .stdout("...\ng.md: ok. 2 steps: 2 passed, 0 failed, 0 skipped, 0 not run; [..]s\n")
        .run();
}

#[test]
fn prompts_come_from_the_configuration() {
    Test::new()
        .write(".doccheck.yaml", "prompts: [\"user@host:~$ \", \"root@host:~# \"]\n")
        .guide("```console\nuser@host:~$ echo hi\nhi\nroot@host:~# id -u >/dev/null && echo root\nroot\n$ this line is output\n```\n")
        .status(1)
        .stdout(
            "doccheck g.md: 1 steps
✗   1  g.md:1  echo hi (+1 more)  [..]s
        $ id -u >/dev/null && echo root  (line 4)
        the output differs from the guide's
        output:
        │ root
        diff (- expected, + actual):
           root
          -$ this line is output
g.md: FAILED. 1 steps: 0 passed, 1 failed, 0 skipped, 0 not run; [..]s
",
        )
        .run();
}

#[test]
fn root_prompts_are_told_from_comments_by_the_guide() {
    // A sysadmin page: no `$ ` anywhere, and its `#` lines are commands.
    Test::new()
        .guide("# Enable the service\n\n```console\n# echo enabled > state\n```\n\n```console\n# cat state\nenabled\n```\n")
        .args(&["g.md", "--list"])
        .stdout(
            "  1  g.md:3  echo enabled > state
       note: `#` is root's prompt in this guide: no command block uses `$ `, and 2 of the 2 `#` lines that open a block read as commands (`prompts:` in the scenario or .doccheck.yaml decides otherwise); they run as the user doccheck runs as
  2  g.md:7  cat state
2 steps
",
        )
        .run();
}

#[test]
fn a_script_block_exits_with_its_own_status_and_keeps_the_session() {
    with(Test::new(), "backup-til.md", "til.md")
        .args(&["til.md"])
        .stdout(
            "doccheck til.md: 2 steps
✓   1  til.md:10  src=notes  [..]s
✓   2  til.md:28  echo \"$status, $dest\" (+1 more)  [..]s
til.md: ok. 2 steps: 2 passed, 0 failed, 0 skipped, 0 not run; [..]s
",
        )
        .run();
    // A script that exits with 3 fails as a command does, and the session lives on.
    Test::new()
        .guide("```bash\ncd /tmp\nexit 3\necho never\n```\n\n```console\n$ pwd\n/tmp\n```\n")
        .args(&["g.md", "--keep-going"])
        .status(1)
        .stdout(
            "doccheck g.md: 2 steps
✗   1  g.md:1  cd /tmp  [..]s
        $ cd /tmp
        > exit 3
        > echo never  (line 2)
        exit code 3 (expected 0)
        note: line 2: a script (it calls `exit`): its lines run as one unit, and `exit N` gives the block's exit status without ending the session
✓   2  g.md:7  pwd  [..]s
g.md: FAILED. 2 steps: 1 passed, 1 failed, 0 skipped, 0 not run; [..]s
",
        )
        .run();
}

#[test]
fn a_lesson_whose_output_is_a_block_of_its_own() {
    with(Test::new(), "carpentries-files.md", "files.md")
        .args(&["files.md"])
        .stdout(
            "doccheck files.md: 12 steps
✓   1  files.md:22  mkdir thesis  [..]s
✓   2  files.md:30  ls -F  [..]s
-   3  files.md:34  skipped: the expected output of step 2 (line 30), checked there
✓   4  files.md:48  cd thesis (+2 more)  [..]s
-   5  files.md:54  skipped: the expected output of step 4 (line 48), checked there
✓   6  files.md:60  cd .. (+2 more)  [..]s
-   7  files.md:66  skipped: the expected output of step 6 (line 60), checked there
✓   8  files.md:75  rm thesis  [..]s
-   9  files.md:79  skipped: the expected output of step 8 (line 75), checked there
✓  10  files.md:86  rm -r thesis (+1 more)  [..]s
✓  11  files.md:97  mkdir -p backup (+3 more)  [..]s
-  12  files.md:110  skipped: the expected output of step 11 (line 97), checked there
...
files.md: ok. 12 steps: 7 passed, 0 failed, 5 skipped, 0 not run; [..]s
",
        )
        .run();
    // The older lessons' kramdown attribute lists say what a block is.
    with(Test::new(), "carpentries-kramdown.md", "pipes.md")
        .args(&["pipes.md"])
        .stdout(
            "doccheck pipes.md: 6 steps
✓   1  pipes.md:13  printf 'cubane\\nethane\\nmethane\\n' > molecules.txt (+1 more)  [..]s
-   2  pipes.md:19  skipped: the expected output of step 1 (line 13), checked there
✓   3  pipes.md:26  wc -l nothing.txt  [..]s
-   4  pipes.md:31  skipped: the expected output of step 3 (line 26), checked there
✓   5  pipes.md:38  printf '10\\n2\\n19\\n' | sort -n  [..]s
-   6  pipes.md:43  skipped: the expected output of step 5 (line 38), checked there
...
pipes.md: ok. 6 steps: 3 passed, 0 failed, 3 skipped, 0 not run; [..]s
",
        )
        .run();
}

#[test]
fn an_output_block_that_no_longer_holds_fails_and_update_rewrites_it_there() {
    let guide = "# Up\n\n> ```bash\n> $ printf 'one\\ntwo\\n'\n> $ echo three\n> ```\n>\n> ```output\n> one\n> old\n> ```\n\n```sh\necho a\n```\n\n```output\n```\n\n```console\n$ false\n```\n\n```error\n```\n";
    let out = Test::new()
        .guide(guide)
        .args(&["g.md", "--update"])
        .stdout("...\ng.md: updated. 6 steps: 1 passed, 2 rewritten, 3 skipped, 0 not run; [..]s\n")
        .stderr("updated g.md:5: expected output of `echo three`\nupdated g.md:14: expected output of `echo a`\n")
        .run();
    assert_eq!(
        std::fs::read_to_string(out.path("g.md")).unwrap(),
        "# Up\n\n> ```bash\n> $ printf 'one\\ntwo\\n'\n> $ echo three\n> ```\n>\n> ```output\n> one\n> two\n> three\n> ```\n\n```sh\necho a\n```\n\n```output\na\n```\n\n```console\n$ false\n```\n\n```error\n```\n"
    );
    // A command that fails where the guide shows plain output fails too.
    Test::new()
        .guide("```sh\nls /nonexistent\n```\n\n```output\n```\n")
        .status(1)
        .stdout(
            "...\n        exit code 2 (expected 0) and the output differs from the guide's\n...\n",
        )
        .run();
}

#[test]
fn output_languages_are_configurable() {
    // A README's `text` block after the command, once `text` is an output language.
    let readme = "# tool\n\n```sh\necho 'tool 1.2.3'\n```\n\nPrints:\n\n```text\ntool 1.2.3\n```\n";
    Test::new()
        .write(".doccheck.yaml", "output-langs: [output, text]\n")
        .guide(readme)
        .stdout("doccheck g.md: 2 steps\n✓   1  g.md:3  echo 'tool 1.2.3'  [..]s\n-   2  g.md:9  skipped: the expected output of step 1 (line 3), checked there\n...\n")
        .run();
    Test::new()
        .guide(readme)
        .stdout("doccheck g.md: 2 steps\n✓   1  g.md:3  echo 'tool 1.2.3'  [..]s\n-   2  g.md:9  skipped: a `text` block is neither commands nor a file with a path: bind it to use it\n...\n")
        .run();
    // An output block after a block that shows its own output, or after no command block.
    Test::new()
        .guide("```console\n$ echo a\na\n```\n\n```output\nb\n```\n\n```text\nprose\n```\n\n```output\nc\n```\n")
        .args(&["g.md", "--list"])
        .stdout("  1  g.md:1  echo a\n  2  g.md:6  skip: an `output` block after a command block (line 1) that already says what it prints: not compared\n  3  g.md:10  skip: a `text` block is neither commands nor a file with a path: bind it to use it\n  4  g.md:14  skip: an `output` block holds the output of the command block right before it, and the block before (line 10) is not run as commands\n4 steps\n")
        .run();
}

#[test]
fn a_guide_that_mostly_did_not_run_says_so_and_min_run_fails_it() {
    // The tutorial's `makefile` blocks are neither commands nor files, so its
    // one transcript fails, and the summary says what was skipped.
    with(Test::new(), "make-tutorial.md", "make.md")
        .args(&["make.md"])
        .status(1)
        .stdout(
            "doccheck make.md: 10 steps
-   1  make.md:16  skipped: a `makefile` block is neither commands nor a file with a path: bind it to use it
✗   2  make.md:23  make  [..]s
        $ make  (line 24)
        exit code 2 (expected 0) and the output differs from the guide's
        output:
        │ make: *** No targets specified and no makefile found.  Stop.
...
·  10  make.md:122  not run: step 2 failed
coverage: 1 of 10 blocks ran (1 checked their output); 1 skipped: 1 `makefile`
make.md: FAILED. 10 steps: 0 passed, 1 failed, 1 skipped, 8 not run; [..]s
",
        )
        .run();
    // A README of configuration blocks and one command passes, with a warning.
    let readme = "# tool\n\n```sh\necho configured\n```\n\n```yaml\nport: 80\n```\n\n```json\n{}\n```\n\n```toml\n[x]\n```\n";
    Test::new()
        .guide(readme)
        .stdout(
            "doccheck g.md: 4 steps
✓   1  g.md:3  echo configured  [..]s
-   2  g.md:7  skipped: a `yaml` block is neither commands nor a file with a path: bind it to use it
-   3  g.md:11  skipped: a `json` block is neither commands nor a file with a path: bind it to use it
-   4  g.md:15  skipped: a `toml` block is neither commands nor a file with a path: bind it to use it
coverage: 1 of 4 blocks ran (0 checked their output); 3 skipped: 1 `yaml`, 1 `json`, 1 `toml`
warning: most of this guide did not run: 1 of its 4 blocks (25%); bind the skipped ones (a file, or commands by language: docs/guides.md#files-and-commands-by-language), or give --min-run (min-run: in .doccheck.yaml) to fail such a guide
g.md: ok. 4 steps: 1 passed, 0 failed, 3 skipped, 0 not run; [..]s
",
        )
        .run();
    Test::new()
        .guide(readme)
        .args(&["g.md", "--min-run", "50"])
        .status(1)
        .stdout("...\ncoverage: 1 of 4 blocks ran (0 checked their output); 3 skipped: 1 `yaml`, 1 `json`, 1 `toml`\n25% of the blocks ran, below --min-run 50%: not a pass\ng.md: FAILED. 4 steps: 1 passed, 0 failed, 3 skipped, 0 not run; [..]s\n")
        .run();
    let out = Test::new()
        .write(".doccheck.yaml", "min-run: 25\n")
        .guide(readme)
        .args(&["g.md", "--format", "json"])
        .stdout("[..]\"verdict\":\"passed\"[..]\"coverage\":{\"blocks\":4,\"ran\":1,\"checked\":0,\"expected_output\":0,\"skipped\":{\"lang:json\":1,\"lang:toml\":1,\"lang:yaml\":1},\"not_run\":0,\"percent\":25,\"min_run\":25}[..]\n")
        .run();
    assert!(!out.stdout.contains("most of this guide"), "{}", out.stdout);
    Test::new()
        .write(".doccheck.yaml", "min-run: 101\n")
        .guide(readme)
        .status(2)
        .stderr("error: .doccheck.yaml:1:1: min-run: 101 is not a percentage (0 to 100)\n...\n")
        .run();
}

#[test]
fn a_git_lesson_runs_in_a_terminal_and_its_editor_fails_at_once_unless_fed() {
    // As the lesson's readers run it: a terminal (`ls -a` in columns, `git
    // log` decorated), the commit message typed in the editor, on one day.
    let test = with(Test::new(), "git-lesson.md", "git-lesson.md");
    with(test, "git/scenarios", "scenarios")
        .args(&["git-lesson.md"])
        .stdout(
            "doccheck git-lesson.md with scenarios/git.yaml: 9 steps
...
git-lesson.md: ok. 9 steps: 5 passed, 0 failed, 4 skipped, 0 not run; [..]s
",
        )
        .run();
    // Without it, no step waits for a terminal: the editor fails at once,
    // saying so, `git log` pages into the report, `ls -a` prints a line each.
    let started = std::time::Instant::now();
    with(Test::new(), "git-lesson.md", "git-lesson.md")
        .args(&["git-lesson.md", "--keep-going"])
        .status(1)
        .stdout(
            "doccheck git-lesson.md: 9 steps
✓   1  git-lesson.md:16  git config --global user.name \"Vlad Dracula\" (+2 more)  [..]s
✗   2  git-lesson.md:24  mkdir planets (+3 more)  [..]s
        $ ls -a  (line 28)
        the output differs from the guide's
...
          -.  ..  .git
          +.
          +..
          +.git
...
        $ git commit  (line 59)
        exit code 1 (expected 0) and the output differs from the guide's
        output:
        │ doccheck: an editor was started ($EDITOR [..]/.git/COMMIT_EDITMSG), and no one is there to type: set EDITOR (in the scenario's env:, e.g. EDITOR='sed -i s/old/new/') or feed it keys with stdin:
...
git-lesson.md: FAILED. 9 steps: 1 passed, 4 failed, 4 skipped, 0 not run; [..]s
",
        )
        .run();
    assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
}

#[test]
fn a_command_that_reads_an_empty_stdin_says_so_and_stdin_feeds_it() {
    // learnbyexample's books type the input under the command that reads it.
    let guide = "```bash\n# press Ctrl+d after the line containing 'histogram'\n$ grep 'is' > op.txt\nhi there\nthis is a sample line\nhistogram\n\n$ cat op.txt\nthis is a sample line\nhistogram\n```\n";
    let started = std::time::Instant::now();
    Test::new()
        .guide(guide)
        .status(1)
        .stdout(
            "doccheck g.md: 1 steps
✗   1  g.md:1  grep 'is' > op.txt (+1 more)  [..]s
        $ grep 'is' > op.txt  (line 3)
        exit code 1 (expected 0) and the output differs from the guide's
        diff (- expected, + actual):
          -hi there
          -this is a sample line
          -histogram
        note: line 2: `#` lines are comments for the reader in this guide, not commands; its prompt is `$` (`prompts: [\"# \"]` in the scenario or .doccheck.yaml makes `#` root's prompt)
        note: line 3: it read from stdin, which is empty (doccheck types nothing into a command, and gave it the end of input): give the input in the command (a pipe, `<`, a heredoc), or feed it with `stdin:` in a scenario binding (`tty: true` too, for a program that wants a terminal)
g.md: FAILED. 1 steps: 0 passed, 1 failed, 0 skipped, 0 not run; [..]s
",
        )
        .run();
    assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
    // Fed, in a terminal that does not echo: the typed lines are input, not output.
    Test::new()
        .write(
            "scenarios/g.yaml",
            "guides: [g.md]\nblocks:\n  - line: \"$ grep 'is' > op.txt\"\n    stdin: \"hi there\\nthis is a sample line\\nhistogram\\n\"\n",
        )
        .guide(&guide.replace("hi there\nthis is a sample line\nhistogram\n\n$ cat", "\n$ cat"))
        .stdout("...\ng.md: ok. 1 steps: 1 passed, 0 failed, 0 skipped, 0 not run; [..]s\n")
        .run();
}

#[test]
fn an_editor_in_a_terminal_reads_the_keys_it_is_fed() {
    Test::new()
        .write(
            "scenarios/g.yaml",
            "guides: [g.md]\nblocks:\n  - line: $ vim notes.txt\n    tty: true\n    stdin: \"ihello from vim\\e:wq\\n\"\n",
        )
        .guide("```console\n$ vim notes.txt\n$ cat notes.txt\nhello from vim\n```\n")
        .stdout("...\ng.md: ok. 1 steps: 1 passed, 0 failed, 0 skipped, 0 not run; [..]s\n")
        .run();
    // Inline, for a guide one owns: `tty=true` on the fence.
    Test::new()
        .guide("```console tty=true\n$ printf 'a\\nb\\n' > f; ls -C f f\nf  f\n$ stty size\n24 80\n$ [ -t 0 ] && echo \"$TERM\"\nxterm\n```\n")
        .stdout("...\ng.md: ok. 1 steps: 1 passed, 0 failed, 0 skipped, 0 not run; [..]s\n")
        .run();
}

#[test]
fn a_makefile_tutorial_runs_each_block_as_the_prose_says_once() {
    // "Put this in a file called Makefile, then run make": one rule, and a
    // skip for the syntax template.
    let test = with(Test::new(), "make-tutorial.md", "make-tutorial.md");
    with(test, "make/scenarios", "scenarios")
        .args(&["make-tutorial.md"])
        .stdout(
            "doccheck make-tutorial.md with scenarios/make.yaml: 10 steps
✓   1  make-tutorial.md:16  write Makefile, then make  [..]s
✓   2  make-tutorial.md:23  make  [..]s
-   3  make-tutorial.md:33  skipped: a syntax template, not an example
✓   4  make-tutorial.md:46  write Makefile, then make  [..]s
✓   5  make-tutorial.md:54  write Makefile, then make  [..]s
✓   6  make-tutorial.md:62  write Makefile, then make  [..]s
✓   7  make-tutorial.md:76  write Makefile, then make  [..]s
✓   8  make-tutorial.md:93  write Makefile, then make  [..]s
✓   9  make-tutorial.md:112  write Makefile, then make  [..]s
✓  10  make-tutorial.md:122  write Makefile, then make  [..]s
coverage: 9 of 10 blocks ran (1 checked their output); 1 skipped: 1 asked (skip=)
make-tutorial.md: ok. 10 steps: 9 passed, 0 failed, 1 skipped, 0 not run; [..]s
",
        )
        .run();
    // Numbered files, and a command that names them; the rule in .doccheck.yaml.
    let out = Test::new()
        .write(
            ".doccheck.yaml",
            "languages:\n  python: {file: \"examples/ex{n}.py\", run: \"python3 {file} > {dir}/out{n}.txt\"}\n",
        )
        .guide("```python\nprint('one')\n```\n\n```python\nprint('two')\n```\n\n```console\n$ cat examples/out1.txt examples/out2.txt\none\ntwo\n```\n")
        .args(&["g.md", "--keep"])
        .stdout("...\n✓   2  g.md:5  write examples/ex2.py, then python3 \"$DOCCHECK_WORKSPACE/examples/ex2.py\" > \"$DOCCHECK_WORKSPACE/examples\"/out2.txt  [..]s\n...\ng.md: ok. 3 steps: 3 passed, 0 failed, 0 skipped, 0 not run; [..]s\n")
        .run();
    let kept = out
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("workspace kept at "))
        .unwrap();
    assert!(Path::new(kept).join("work/examples/ex1.py").is_file());
    let _ = std::fs::remove_dir_all(kept);
    Test::new()
        .write(".doccheck.yaml", "languages:\n  makefile: {file: ../Makefile}\n")
        .guide("```makefile\nall:\n```\n")
        .status(2)
        .stderr("error: .doccheck.yaml:1:1: languages: makefile: file `../Makefile` must be relative to the workspace and stay inside it\n...\n")
        .run();
}

#[test]
fn absolute_paths_in_the_prose_are_mapped_into_the_workspace() {
    let test = with(Test::new(), "tmp-til.md", "tmp-til.md");
    with(test, "til/scenarios", "scenarios")
        .args(&["tmp-til.md"])
        .stdout(
            "doccheck tmp-til.md with scenarios/til.yaml: 2 steps
✓   1  tmp-til.md:9  write demo/cleanup.sh  [..]s
✓   2  tmp-til.md:19  bash /tmp/demo/cleanup.sh (+2 more)  [..]s
        $ bash /tmp/demo/cleanup.sh  (line 20)
        ran as: bash [..]/work/demo/cleanup.sh
        $ ls /tmp/demo  (line 23)
        ran as: ls [..]/work/demo
        $ cd /tmp/demo && pwd  (line 25)
        ran as: cd [..]/work/demo && pwd
tmp-til.md: ok. 2 steps: 2 passed, 0 failed, 0 skipped, 0 not run; [..]s
",
        )
        .run();
    // Nothing was written where the guide says: the script is the workspace's.
    assert!(!Path::new("/tmp/demo/cleanup.sh").exists());
    // Without the mapping, the binding's absolute path is an error at its line.
    with(Test::new(), "tmp-til.md", "tmp-til.md")
        .write(
            "scenarios/til.yaml",
            "guides: [tmp-til.md]\nblocks:\n  - line: \"#!/usr/bin/env bash\"\n    file: /tmp/demo/cleanup.sh\n",
        )
        .args(&["tmp-til.md"])
        .status(2)
        .stderr(
            "error: scenarios/til.yaml:4:5: file: `/tmp/demo/cleanup.sh` is absolute; a binding's paths are in the workspace: give a relative one, or map its directory with `paths:` (`paths: {\"/tmp/demo\": demo}`)
...
",
        )
        .run();
}
