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
