//! 100 MB of output through doccheck, timed against the same command with
//! its output thrown away by bash (`> /dev/null`: the command's own cost)
//! and read by `cat` (what reading 100 MB through a pipe costs), measured in
//! the same run, interleaved.
//!
//!     cargo bench --bench capture
//!
//! Prints medians of 5 runs, what doccheck adds over `| cat`, and the
//! largest peak RSS of the doccheck runs; asserts nothing.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const DOCCHECK: &str = env!("CARGO_BIN_EXE_doccheck");
const RUNS: usize = 5;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn run(command: &mut Command) -> Duration {
    let started = Instant::now();
    let status = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("the command runs");
    let took = started.elapsed();
    // Only whether it ran: a failing transcript is one of the cases.
    let _ = status;
    took
}

fn bash(script: &str) -> Command {
    let mut command = Command::new("bash");
    command.args(["-c", script]);
    command
}

/// The largest peak RSS of the children waited for so far, in MiB.
fn children_peak_mib() -> f64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage writes a whole rusage into the pointer it is given.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr());
        usage.assume_init()
    };
    usage.ru_maxrss as f64 / 1024.0
}

fn main() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let cases = [
        (
            "one 100 MB line",
            "head -c 100000000 /dev/zero | tr '\\0' a",
            None,
        ),
        ("50M lines of `y`", "yes | head -c 100000000", None),
        (
            "50M lines of `y` against `y`, `...`, `n` (fails)",
            "yes | head -c 100000000",
            Some("y\n...\nn\n"),
        ),
    ];
    println!("100 MB of output (medians of {RUNS} runs, interleaved)");
    for (i, (what, command, expected)) in cases.iter().enumerate() {
        let guide = dir.path().join(format!("g{i}.md"));
        let text = match expected {
            Some(lines) => format!("```console\n$ {command}\n{lines}```\n"),
            None => format!("```bash\n{command}\n```\n"),
        };
        std::fs::write(&guide, text).expect("the guide is written");
        let (mut floor, mut cat, mut doccheck) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..RUNS {
            floor.push(run(&mut bash(&format!("{command} > /dev/null"))));
            cat.push(run(&mut bash(&format!("{command} | cat > /dev/null"))));
            doccheck.push(run(Command::new(DOCCHECK).arg(&guide)));
        }
        let (floor, cat, doccheck) = (median(floor), median(cat), median(doccheck));
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        println!("  {what}:");
        println!("    bash, `> /dev/null`:   {:>8.0} ms", ms(floor));
        println!("    bash, `| cat`:         {:>8.0} ms", ms(cat));
        println!(
            "    doccheck:              {:>8.0} ms  (+{:.0} ms over `| cat`)",
            ms(doccheck),
            ms(doccheck) - ms(cat)
        );
    }
    println!(
        "  largest peak RSS of a run: {:.0} MiB",
        children_peak_mib()
    );
}
