#!/usr/bin/env python3
"""doccheck over whole trees of guides: one command, one machine, one run.

    python3 benches/trees.py [--quick] [--out docs/benchmarks-trees.md] [--work DIR]
                             [--doccheck BIN] [--scrut PATH] [--runs N]

1. Trees of 12 and 100 generated guides, two kinds: sleep-bound guides (three
   `sleep 0.2` steps and an `echo`, so that running guides at once should show)
   and guides of real commands (ten steps of run.py's `make_steps`: echo,
   export, mkdir + cd, printf, basename...). `doccheck TREE -j1` against
   `doccheck TREE -j2`, and (real commands) a bash floor doing the same commands
   one script per guide, each in a fresh directory, one and two at a time.
2. The same real-command trees in scrut's format (`scrut test TREE`), and,
   because trycmd runs each `$` line as its own process with no shell between
   them (an `export` or a `cd` does not carry to the next command), a second
   tree of the same steps made self-contained (each step `sh -c '...'`) that
   doccheck, scrut, bash and a trycmd harness (a small Cargo project in the work
   directory, built once before timing) all run.
3. `doccheck TREE --list` over 100 and 1,000 generated 50-block guides (run.py's
   `make_parse_guide`): one process over the whole tree, its wall time and peak
   RSS (wait4).

Every tool must pass on its tree before it is timed (that run is also its
warm-up) and fail on a copy of the 12-guide tree with one wrong expected output;
then the median of --runs runs (default 5), the configurations of a tree
interleaved in a shuffled order each round. Ratios are against baselines
measured in the same run.

Writes --out (default docs/benchmarks-trees.md; with --quick,
WORK/benchmarks-trees-quick.md) and the raw results as JSON beside it (same
name, .json). Scrut comes from `cargo install --root WORK/cargo` (as run.py
installs it) unless --scrut names one. With --quick: 12-guide trees only, one
timed run, 100 guides in part 3, no `cargo install` and no build of the trycmd
harness (one already built in WORK is used); exit 0 only when doccheck passed
every tree.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import math
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path


def load_run_py():
    spec = importlib.util.spec_from_file_location("bench_run", Path(__file__).with_name("run.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = module
    spec.loader.exec_module(module)
    return module


R = load_run_py()  # also takes the load average at the start (run.LOAD_AT_START)
REPO = R.REPO
log = R.log
median = R.median

SLEEP = 0.2  # seconds, per sleep step
SLEEPS_PER_GUIDE = 3
REAL_STEPS = 10  # make_steps(10) per real-commands guide
PARSE_BLOCKS = 50  # make_parse_guide's default
TRYCMD_REQ = "0.15"


# ---------------------------------------------------------------------------
# The guides: three kinds of step list, rendered for each tool.
# ---------------------------------------------------------------------------


def sleep_steps(k: int) -> list:
    return [R.Step(f"sleep {SLEEP}", [], "sleep") for _ in range(SLEEPS_PER_GUIDE)] + [
        R.Step(f"echo guide {k}", [f"guide {k}"], "builtin, checked")
    ]


def real_steps(k: int) -> list:
    return R.make_steps(REAL_STEPS)


def stateless(steps: list) -> list:
    """make_steps' list with each step self-contained, as `sh -c '...'`, for a
    tool that runs every command as its own process in a shared directory: the
    steps that read a variable or the directory an earlier step set get it
    themselves (`V=...;`, `cd subK &&`), and `cd ..` is dropped."""
    out = []
    for i, s in enumerate(steps, 1):
        r = i % 6
        if r == 4:
            cmd = f"V{i - 2}=value-{i - 2}; {s.command}"
        elif r == 5:
            cmd = f"cd sub{i - 2} && {s.command}"
        elif r == 0:
            cmd = f"test -d sub{i - 3}"
        else:
            cmd = s.command
        out.append(R.Step("sh -c " + shlex.quote(cmd), s.expected, s.kind + ", own process"))
    return out


def stateless_steps(k: int) -> list:
    return stateless(R.make_steps(REAL_STEPS))


def fmt_trycmd(steps: list) -> str:
    """trycmd's markdown: ```console blocks, `$ BIN ARGS` (BIN a registered bin,
    here `sh`), then the expected stdout + stderr. The expected lines are
    followed by an empty line: trycmd drops the last newline of a block's output."""
    parts = [f"# Generated guide: {len(steps)} steps\n"]
    for i, s in enumerate(steps, 1):
        if not s.command.startswith("sh -c "):
            raise ValueError(f"trycmd runs registered bins only: {s.command!r}")
        body = "\n".join([f"$ {s.command}", *s.expected, *([""] if s.expected else [])])
        parts.append(f"Step {i}.\n\n```console\n{body}\n```\n")
    return "\n".join(parts)


KINDS = {
    "sleep": (sleep_steps, "sleep-bound: three `sleep 0.2` steps and a checked `echo`"),
    "real": (real_steps, f"real commands: {REAL_STEPS} steps of `make_steps`"),
    "stateless": (stateless_steps, f"the same {REAL_STEPS} steps, each a self-contained `sh -c '...'`"),
}
FORMATS = {  # format: (file suffix, renderer)
    "doccheck": (".md", R.fmt_doccheck),
    "bash": (".sh", R.fmt_bash),
    "scrut": (".md", R.fmt_scrut),
    "trycmd": (".md", fmt_trycmd),
}


@dataclass
class Tree:
    key: str  # e.g. "real-12"
    kind: str
    guides: int
    steps: int  # per guide
    dirs: dict = field(default_factory=dict)  # format -> directory


def write_tree(base: Path, kind: str, guides: int, formats: list[str], wrong_first: bool = False) -> Tree:
    make = KINDS[kind][0]
    key = f"{kind}-{guides}" + ("-wrong" if wrong_first else "")
    tree = Tree(key, kind, guides, len(make(0)))
    for fmt in formats:
        suffix, render = FORMATS[fmt]
        d = R.fresh_dir(base / key, fmt)
        for k in range(guides):
            steps = make(k)
            if wrong_first and k == 0:
                steps = R.wrong(steps)
            (d / f"guide-{k:03}{suffix}").write_text(render(steps))
            if fmt == "trycmd":
                # An X.out/ directory makes trycmd run the case in a sandbox of its own
                # (a temporary directory), as doccheck and scrut give each guide theirs.
                (d / f"guide-{k:03}.out").mkdir()
                (d / f"guide-{k:03}.out" / ".keep").write_text("")
        tree.dirs[fmt] = d
    return tree


# ---------------------------------------------------------------------------
# The tools: doccheck, the bash floor, scrut, a trycmd harness.
# ---------------------------------------------------------------------------

RUN_ONE = """#!/bin/bash
# run-one.sh SCRIPT: runs one generated script in a fresh directory (as each
# tool runs a guide in a directory of its own). Generated by benches/trees.py.
d=$(mktemp -d) || exit 1
cd "$d" && bash "$1" >/dev/null 2>&1
rc=$?
cd / && rm -rf "$d"
exit $rc
"""

RUN_TREE = """#!/bin/bash
# run-tree.sh DIR JOBS: every DIR/*.sh, JOBS at a time (xargs -P), each by
# run-one.sh. Exits non-zero when one fails. Generated by benches/trees.py.
set -o pipefail
printf '%s\\0' "$1"/*.sh | xargs -0 -n 1 -P "$2" bash "$(dirname "$0")/run-one.sh"
"""

TRYCMD_TOML = f"""[package]
name = "trees-trycmd"
version = "0.0.0"
edition = "2021"
publish = false

[dev-dependencies]
trycmd = "{TRYCMD_REQ}"

[workspace]
"""

TRYCMD_TEST = """// Generated by benches/trees.py: runs every case of $TREES_CASES (a glob).
#[test]
fn cli() {
    let cases = std::env::var("TREES_CASES").unwrap_or_else(|_| "cases/*.md".to_owned());
    trycmd::TestCases::new()
        .register_bin("sh", std::path::Path::new("/bin/sh"))
        .case(cases);
}
"""


def write_if_changed(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text() != text:
        path.write_text(text)


def ensure_trycmd(work: Path, build: bool) -> tuple[Path | None, str, str]:
    """The trycmd harness in WORK/trycmd: (test executable, trycmd version, problem)."""
    project = work / "trycmd"
    write_if_changed(project / "Cargo.toml", TRYCMD_TOML)
    write_if_changed(project / "src" / "lib.rs", "")
    write_if_changed(project / "tests" / "cli.rs", TRYCMD_TEST)
    remembered = project / "harness-path"
    exe = None
    if build:
        log("building the trycmd harness (cargo test --no-run, once; untimed)")
        try:
            done = subprocess.run(["cargo", "test", "--no-run", "--message-format=json", "--test", "cli"],
                                  cwd=project, capture_output=True, text=True, timeout=1800)
        except subprocess.TimeoutExpired:
            return None, "-", "building the trycmd harness took over 30 minutes"
        if done.returncode != 0:
            return None, "-", "the trycmd harness does not build: " + R.last_line(done.stderr)
        for line in done.stdout.splitlines():
            try:
                msg = json.loads(line)
            except ValueError:
                continue
            if msg.get("reason") == "compiler-artifact" and msg.get("executable") and \
                    msg.get("target", {}).get("name") == "cli":
                exe = Path(msg["executable"])
        if exe is None or not exe.exists():
            return None, "-", "cargo built the trycmd harness but named no test executable"
        remembered.write_text(str(exe))
    elif remembered.exists() and Path(remembered.read_text().strip()).exists():
        exe = Path(remembered.read_text().strip())
    else:
        return None, "-", ("not built: --quick skips building the trycmd harness; run once "
                           "without --quick to build it in the work directory")
    lock = project / "Cargo.lock"
    m = re.search(r'name = "trycmd"\nversion = "([^"]+)"', lock.read_text()) if lock.exists() else None
    version = f"trycmd {m.group(1)} (crates.io), harness built in the `test` profile" if m else "trycmd (version unknown)"
    return exe, version, ""


def scrut_version(scrut: Path) -> str:
    listed = subprocess.run(["cargo", "install", "--list", "--root", str(scrut.parent.parent)],
                            capture_output=True, text=True).stdout
    m = re.search(r"^scrut v(\S+):", listed, re.M)
    return f"scrut {m.group(1)} (crates.io)" if m else R.version_of([str(scrut), "--version"])


def scrut_parallel_option(scrut: Path) -> str:
    """What `scrut test --help` offers to run files at once ('' when nothing)."""
    text = subprocess.run([str(scrut), "test", "--help"], capture_output=True, text=True).stdout
    found = [l.strip() for l in text.splitlines() if re.search(r"\b(jobs|parallel|threads|concurren)", l, re.I)
             and l.strip().startswith("-")]
    return found[0] if found else ""


def git_describe() -> str:
    """run.py's, with --no-optional-locks: `git status` must not touch the index."""
    head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                          capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "--no-optional-locks", "-C", str(REPO), "status", "--porcelain", "--",
                            "src", "crates", "Cargo.toml", "Cargo.lock"],
                           capture_output=True, text=True).stdout.strip()
    return f" (commit {head}{', with uncommitted changes to the Rust code' if dirty else ''})" if head else ""


@dataclass
class Config:
    name: str  # "doccheck -j2"
    tool: str  # doccheck | bash | scrut | trycmd
    fmt: str  # the tree format it runs
    argv: object  # (tree dir) -> argv
    cwd: Path
    env: dict
    how: str  # for the report


def configs_for(kind: str, ctx: dict) -> list[Config]:
    env, work, doccheck = ctx["env"], ctx["work"], ctx["doccheck"]
    cs = [
        Config("doccheck -j1", "doccheck", "doccheck", lambda d: [str(doccheck), str(d), "-j1"], work, env,
               "`doccheck TREE -j1`"),
        Config("doccheck -j2", "doccheck", "doccheck", lambda d: [str(doccheck), str(d), "-j2"], work, env,
               "`doccheck TREE -j2`"),
    ]
    if kind == "sleep":
        return cs
    tree_sh = str(work / "bin" / "run-tree.sh")
    cs = [
        Config("bash floor -j1", "bash", "bash", lambda d: ["bash", tree_sh, str(d), "1"], work, env,
               "`run-tree.sh TREE 1`: `bash guide.sh` per guide in a fresh directory, one at a time"),
        Config("bash floor -j2", "bash", "bash", lambda d: ["bash", tree_sh, str(d), "2"], work, env,
               "`run-tree.sh TREE 2`: the same, two at a time (`xargs -P 2`)"),
    ] + cs
    if ctx.get("scrut"):
        scrut = ctx["scrut"]
        cs.append(Config("scrut", "scrut", "scrut", lambda d: [str(scrut), "test", str(d)], work, env,
                         "`scrut test TREE` (files one after another)"))
    if kind == "stateless" and ctx.get("trycmd"):
        exe, project = ctx["trycmd"], work / "trycmd"
        for threads in (1, 2):
            e = dict(env, RAYON_NUM_THREADS=str(threads))
            cs.append(Config(f"trycmd, {threads} thread{'s' if threads > 1 else ''}", "trycmd", "trycmd",
                             lambda d: [str(exe)], project, e,
                             f"the harness's test executable, `RAYON_NUM_THREADS={threads}`"))
        cs.append(Config("trycmd via cargo test", "trycmd", "trycmd",
                         lambda d: ["cargo", "test", "-q", "--test", "cli"], project, env,
                         "`cargo test -q --test cli` (harness already built; rayon's default: one thread per CPU)"))
    return cs


def config_env(c: Config, tree_dir: Path) -> dict:
    if c.tool == "trycmd":
        return dict(c.env, TREES_CASES=str(tree_dir / "*.md"))
    return c.env


def check_output(c: Config, tree: Tree, sample) -> str:
    """'' when the run passed every guide of the tree; else why not."""
    out = sample.output
    if sample.code != 0:
        return f"exit {sample.code}: {R.last_line(out)[:300]}"
    n, steps = tree.guides, tree.steps
    if c.tool == "doccheck":
        m = re.search(r"(\d+) guides: (\d+) passed", out)
        if not m or int(m.group(1)) != n or int(m.group(2)) != n:
            return f"the summary does not say {n} guides passed: {R.last_line(out)[:300]}"
    elif c.tool == "scrut":
        m = re.search(r"(\d+) document\(s\) with (\d+) testcase\(s\): (\d+) succeeded", out)
        if not m or int(m.group(1)) != n or int(m.group(3)) != n * steps:
            return f"the summary does not say {n} documents and {n * steps} testcases passed: {R.last_line(out)[:300]}"
    elif c.tool == "trycmd":
        ok = len(re.findall(r"^Testing \S+\.md:\d+ \.\.\. ok", out, re.M))
        if ok != n * steps:
            return f"{ok} steps passed, expected {n * steps}"
    return ""


def wrong_check(c: Config, tree: Tree, sample) -> bool:
    """Did the run fail (and, for doccheck, say one guide failed)?"""
    if sample.code == 0:
        return False
    if c.tool == "doccheck":
        return bool(re.search(r"\b1 failed\b", sample.output))
    return True


def run_tree(tree: Tree, configs: list[Config], runs: int, timeout: float, seed: int) -> dict:
    """{config name: {"samples": [s], "cpu": [s], "rss_kib": [k], "problem": str}}."""
    res: dict = {}
    live = []
    for c in configs:
        e = res[c.name] = {"tool": c.tool, "how": c.how, "samples": [], "cpu": [], "rss_kib": [], "problem": ""}
        d = tree.dirs[c.fmt]
        s = R.measure(c.argv(d), cwd=c.cwd, env=config_env(c, d), capture=True, timeout=timeout)
        problem = check_output(c, tree, s)
        if problem:
            e["problem"] = "fails on its tree: " + problem
            log(f"{tree.key}: {c.name} FAILS:", s.output[-2000:])
            continue
        log(f"  {tree.key:14} {c.name:22} warm-up {s.wall:8.3f} s")
        live.append(c)
    order = list(live)
    for round_ in range(1, runs + 1):
        random.Random(seed * 7919 + round_).shuffle(order)
        for c in order:
            d = tree.dirs[c.fmt]
            s = R.measure(c.argv(d), cwd=c.cwd, env=config_env(c, d), timeout=timeout)
            e = res[c.name]
            if s.code != 0:
                e["problem"] = f"failed during timing (exit {s.code})"
                continue
            e["samples"].append(s.wall)
            e["cpu"].append(s.cpu)
            e["rss_kib"].append(s.maxrss_kib)
    for c in live:
        e = res[c.name]
        if e["samples"]:
            log(f"  {tree.key:14} {c.name:22} median {median(e['samples']):8.3f} s ({len(e['samples'])} runs)")
    return res


# ---------------------------------------------------------------------------
# Part 3: `doccheck TREE --list` over many guides.
# ---------------------------------------------------------------------------


def part3(doccheck: Path, sizes: list[int], runs: int, work: Path, env) -> dict:
    out = {}
    for n in sizes:
        base = R.fresh_dir(work / "trees", f"list-{n}")
        for i in range(n):
            (base / f"guide-{i:04}.md").write_text(R.make_parse_guide(i, PARSE_BLOCKS))
        size = sum(p.stat().st_size for p in base.iterdir())
        argv = [str(doccheck), str(base), "--list"]
        first = R.measure(argv, cwd=work, env=env, capture=True, timeout=600)
        listed = len(re.findall(rf"^\S+\.md\s+{PARSE_BLOCKS} steps$", first.output, re.M))
        problem = ""
        if first.code != 0:
            problem = f"`doccheck TREE --list` exits {first.code}: {R.last_line(first.output)}"
        elif listed != n or not re.search(rf"^{n} guides\b", first.output, re.M):
            problem = f"the plan lists {listed} guides of {PARSE_BLOCKS} steps, expected {n}"
        e = {"guides": n, "blocks_per_guide": PARSE_BLOCKS, "bytes_total": size, "samples": [], "cpu": [],
             "rss_kib": [], "problem": problem, "warmup_s": first.wall}
        if not problem:
            for _ in range(runs):
                s = R.measure(argv, cwd=work, env=env, timeout=600)
                if s.code != 0:
                    e["problem"] = f"failed during timing (exit {s.code})"
                    break
                e["samples"].append(s.wall)
                e["cpu"].append(s.cpu)
                e["rss_kib"].append(s.maxrss_kib)
        if e["samples"]:
            log(f"part 3: {n} guides --list: median {median(e['samples']):.3f} s, peak RSS {max(e['rss_kib'])} KiB")
        else:
            log(f"part 3: {n} guides: {e['problem']}")
        out[str(n)] = e
    return out


# ---------------------------------------------------------------------------
# The report.
# ---------------------------------------------------------------------------


def sec(x: float) -> str:
    if x != x:
        return "-"
    return f"{x:.2f}" if x >= 1 else f"{x:.3f}"


def med(e: dict | None) -> float:
    return median(e["samples"]) if e and e.get("samples") else float("nan")


def ratio(a: float, b: float) -> str:
    return "-" if (a != a or b != b or not b) else f"{a / b:.2f}"


def cell(text: str) -> str:
    return text.replace("|", "/").replace("\n", " ")


def report(raw: dict) -> str:
    L: list[str] = []
    w = L.append
    info, tools = raw["machine"], raw["tools"]
    w("# Benchmarks: trees of guides\n")
    w(f"Generated by `{raw['command']}` on {raw['date']} ({raw['elapsed_s']:.0f} s). Every number comes from "
      "that one run on one machine; each ratio is between two medians of the same run. Each configuration "
      "first passed its whole tree (that run was its warm-up), then the configurations of a tree were run "
      f"in a shuffled order each round, {raw['runs']} round(s); the tables give medians. "
      "The raw samples are in "
      f"[{Path(raw['json']).name}]({Path(raw['json']).name}).\n")
    w("## Machine\n")
    w("| | |\n| --- | --- |")
    for k in ("cpu", "cores", "memory", "kernel", "os", "python", "load_start", "load"):
        label = {"load_start": "load average (1/5/15 min) at the start",
                 "load": "load average at the end"}.get(k, k)
        w(f"| {label} | {info[k]} |")
    w("")
    w("## Tools\n")
    w("| tool | version | fails on a wrong expected output | notes |")
    w("| --- | --- | --- | --- |")
    for name, t in tools.items():
        det = t.get("detects_wrong_output")
        det_s = "-" if det is None else ("yes" if det else "**no**")
        w(f"| {name} | {cell(t.get('version') or '-')} | {det_s} | {cell(t.get('note') or t.get('problem') or '')} |")
    w("")
    w(textwrap.dedent(f"""\
        The trees are generated into the work directory, one file per guide, in each tool's format:
        doccheck, a ` ```console ` block per step (`$ cmd`, then the expected output, stdout and stderr);
        scrut, ` ```scrut ` blocks of the same; trycmd, ` ```console ` blocks whose commands are
        `$ sh -c '...'` (`sh` registered with `register_bin("sh", "/bin/sh")`); bash, the commands as one
        script per guide. Kinds of tree: **sleep** — {KINDS['sleep'][1]} ({SLEEPS_PER_GUIDE * SLEEP:.1f} s of
        sleep per guide); **real** — {KINDS['real'][1]} (`/bin/echo step K` checked, `export VK=value-K`,
        `mkdir -p subK && cd subK`, `printf '%s\\n' "$VK"` checked, `basename "$PWD"` checked,
        `cd .. && test -d subK`), later steps reading the state earlier ones set; **stateless** —
        {KINDS['stateless'][1]} that reads its variable or directory itself (`V2=value-2; printf ...`,
        `cd sub3 && basename "$PWD"`), for trycmd, which runs every `$` line as its own process.
        """))
    w("## 1. Guides at once: `-j1` against `-j2`\n")
    trees = raw["trees"]
    sleep_keys = [k for k in trees if trees[k]["kind"] == "sleep"]
    if sleep_keys:
        w("### Sleep-bound guides\n")
        w(f"Ideal = the sleeping alone: guides × {SLEEPS_PER_GUIDE * SLEEP:.1f} s at `-j1`, half of the guides "
          f"(rounded up) × {SLEEPS_PER_GUIDE * SLEEP:.1f} s at `-j2`. The goal on this {info['cores']}-core machine: "
          "`-j1 / -j2` ≥ 1.8.\n")
        w("| guides | steps per guide | doccheck -j1 (s) | doccheck -j2 (s) | -j1 / -j2 | goal ≥ 1.8 | "
          "ideal -j1 (s) | ideal -j2 (s) | -j1 over ideal, per guide (ms) | -j2 over ideal (s) | runs |")
        w("| ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
        for k in sleep_keys:
            t = trees[k]
            r = t["results"]
            j1, j2 = med(r.get("doccheck -j1")), med(r.get("doccheck -j2"))
            n = t["guides"]
            i1, i2 = n * SLEEPS_PER_GUIDE * SLEEP, math.ceil(n / 2) * SLEEPS_PER_GUIDE * SLEEP
            sp = j1 / j2 if (j1 == j1 and j2 == j2) else float("nan")
            goal = "-" if sp != sp else ("met" if sp >= 1.8 else "**not met**")
            runs = min(len(r.get("doccheck -j1", {}).get("samples", [])), len(r.get("doccheck -j2", {}).get("samples", [])))
            w(f"| {n} | {t['steps']} | {sec(j1)} | {sec(j2)} | {ratio(j1, j2)} | {goal} | {i1:.1f} | {i2:.1f} | "
              f"{(j1 - i1) / n * 1000:.1f} | {sec(j2 - i2)} | {runs} |")
        w("")
    real_keys = [k for k in trees if trees[k]["kind"] == "real"]
    if real_keys:
        w("### Guides of real commands\n")
        w("The bash floor runs the same commands with no checking: one `bash guide.sh` per guide, each in a "
          "fresh `mktemp -d` directory, through `xargs -P 1` or `-P 2` (`run-tree.sh` in the work directory).\n")
        w("| guides | steps per guide | doccheck -j1 (s) | doccheck -j2 (s) | -j1 / -j2 | bash floor -j1 (s) | "
          "bash floor -j2 (s) | floor -j1 / -j2 | doccheck -j1 × floor | doccheck -j2 × floor | "
          "doccheck -j1 per guide (ms) | runs |")
        w("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for k in real_keys:
            t = trees[k]
            r = t["results"]
            j1, j2 = med(r.get("doccheck -j1")), med(r.get("doccheck -j2"))
            b1, b2 = med(r.get("bash floor -j1")), med(r.get("bash floor -j2"))
            runs = min(len(r.get(c, {}).get("samples", [])) for c in ("doccheck -j1", "doccheck -j2"))
            w(f"| {t['guides']} | {t['steps']} | {sec(j1)} | {sec(j2)} | {ratio(j1, j2)} | {sec(b1)} | {sec(b2)} | "
              f"{ratio(b1, b2)} | {ratio(j1, b1)} | {ratio(j2, b2)} | {j1 / t['guides'] * 1000:.1f} | {runs} |")
        w("")
    w("## 2. Other tools on the same trees\n")
    sp = tools.get("scrut", {}).get("parallel_option")
    have_scrut = tools.get("scrut", {}).get("version", "-") != "-"
    w("scrut: " + ("not available in this run (see below)." if not have_scrut else
                   f"`scrut test --help` lists `{sp}`, which this script does not pass (it was written for a "
                   "scrut without one): the scrut rows are sequential." if sp else
                   "`scrut test --help` has no option to run files at once (no jobs, threads or parallel option), "
                   "so `scrut test TREE` runs the files one after another.")
      + " trycmd runs the cases (files) of a `TestCases` on rayon's thread pool, one thread per CPU by default: "
        "it is timed with `RAYON_NUM_THREADS=1` and `=2`, as the test executable cargo built (what `cargo test` "
        "runs, without cargo's own start-up), and once through `cargo test`.\n")
    for kind, title in (("real", "Real commands (state carried between steps)"),
                        ("stateless", "The same steps, each its own process")):
        keys = [k for k in trees if trees[k]["kind"] == kind]
        if not keys:
            continue
        w(f"### {title}\n")
        if kind == "real":
            tp = tools.get("trycmd", {})
            w("trycmd: **not measured on these trees**: it runs each `$` line as its own process (split with shlex, "
              "no shell), so `export V2=...` and `cd sub3` do not reach the next step, and 4 of the 10 steps "
              "(4, 5, 6 and 10: `printf \"$V2\"`, `basename \"$PWD\"`, `cd .. && test -d sub3`, `printf \"$V8\"`) "
              "would fail. It is measured on the stateless trees below, with the others on the same steps."
              + (f" (Its harness was not available in this run either: {tp['problem']}.)" if tp.get("problem") else "")
              + "\n")
        for k in keys:
            t = trees[k]
            r = t["results"]
            w(f"**{t['guides']} guides × {t['steps']} steps**\n")
            j1, j2, b1 = med(r.get("doccheck -j1")), med(r.get("doccheck -j2")), med(r.get("bash floor -j1"))
            w("| configuration | how | median (s) | min–max (s) | × doccheck -j1 | × doccheck -j2 | × bash floor -j1 | "
              "per guide (ms) | median CPU (s) | runs |")
            w("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
            for name, e in r.items():
                if not e["samples"]:
                    w(f"| {name} | {cell(e['how'])} | not timed: {cell(e['problem'])} | | | | | | | 0 |")
                    continue
                m = med(e)
                w(f"| {name} | {cell(e['how'])} | {sec(m)} | {sec(min(e['samples']))}–{sec(max(e['samples']))} | "
                  f"{ratio(m, j1)} | {ratio(m, j2)} | {ratio(m, b1)} | {m / t['guides'] * 1000:.1f} | "
                  f"{sec(median(e['cpu']))} | {len(e['samples'])}{' (' + cell(e['problem']) + ')' if e['problem'] else ''} |")
            for name in t.get("missing", []):
                w(f"| {name} | - | not measured: {cell(tools.get(name, {}).get('problem') or '?')} | | | | | | | 0 |")
            w("")
    w("## 3. Planning only: `doccheck TREE --list`\n")
    p3 = raw["part3"]
    w(f"Guides of {PARSE_BLOCKS} blocks each from run.py's `make_parse_guide` (every kind of block doccheck handles, "
      "in list items, blockquotes and `~~~` fences, annotated, with prose between them), one `doccheck TREE --list` "
      "process over the whole tree. Peak RSS is `ru_maxrss` of that process from `wait4`.\n")
    w("| guides | size (KiB) | median wall (s) | min–max (s) | per guide (ms) | median CPU (s) | "
      "peak RSS (MiB) | median RSS (MiB) | runs |")
    w("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n, e in p3.items():
        if not e["samples"]:
            w(f"| {n} | {e['bytes_total'] / 1024:.0f} | not timed: {cell(e['problem'])} | | | | | | 0 |")
            continue
        m = med(e)
        w(f"| {n} | {e['bytes_total'] / 1024:.0f} | {sec(m)} | {sec(min(e['samples']))}–{sec(max(e['samples']))} | "
          f"{m / int(n) * 1000:.3f} | {sec(median(e['cpu']))} | {max(e['rss_kib']) / 1024:.1f} | "
          f"{median(e['rss_kib']) / 1024:.1f} | {len(e['samples'])} |")
    sizes = [n for n, e in p3.items() if e["samples"]]
    if len(sizes) > 1:
        a, b = sizes[0], sizes[-1]
        w(f"\nGrowth from {a} to {b} guides ({int(b) / int(a):.0f}× the guides): wall time × "
          f"{med(p3[b]) / med(p3[a]):.1f}, peak RSS × {max(p3[b]['rss_kib']) / max(p3[a]['rss_kib']):.2f}.")
    w("")
    probs = raw.get("not_measured") or []
    w("## Not measured\n")
    if probs:
        for p in probs:
            w(f"- {cell(p)}")
    else:
        w("Nothing: every tool and tree above was measured.")
    w("")
    w(f"Reproduce with `{raw['command']}` (scratch files, scrut and the trycmd harness go to `--work DIR`, "
      "default /tmp/dcbench-trees).\n")
    return "\n".join(L) + "\n"


# ---------------------------------------------------------------------------
# Main.
# ---------------------------------------------------------------------------


def reproducible_command(argv: list[str]) -> str:
    """The command line without the machine's own paths (--work, --out, --doccheck, --scrut)."""
    keep, skip = [], False
    for a in argv:
        if skip:
            skip = False
            continue
        name = a.split("=", 1)[0]
        if name in ("--work", "--out", "--doccheck", "--scrut"):
            skip = "=" not in a
            continue
        keep.append(a)
    return " ".join(["python3 benches/trees.py", *map(shlex.quote, keep)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n\n".join(__doc__.split("\n\n")[2:]))
    parser.add_argument("--quick", action="store_true",
                        help="smoke check (well under a minute): 12-guide trees, 1 run, 100 guides in part 3, "
                             "no scrut install, no trycmd build")
    parser.add_argument("--out", help="the markdown report (default docs/benchmarks-trees.md; with --quick, "
                                      "WORK/benchmarks-trees-quick.md); the JSON goes beside it")
    parser.add_argument("--work", default=os.environ.get("BENCH_WORK") or "/tmp/dcbench-trees",
                        help="scratch directory: trees, scrut, the trycmd harness ($BENCH_WORK, else /tmp/dcbench-trees)")
    parser.add_argument("--doccheck", help="doccheck binary (default: target/release/doccheck, built if missing)")
    parser.add_argument("--build", action="store_true", help="run `cargo build --release -p doccheck` first even "
                                                           "when target/release/doccheck exists")
    parser.add_argument("--scrut", help="scrut binary (default: WORK/cargo/bin/scrut, installed there when missing "
                                        "unless --quick)")
    parser.add_argument("--runs", type=int, help="timed runs per configuration (default 5; --quick 1)")
    parser.add_argument("--guides", help="comma-separated tree sizes for parts 1-2 (default 12,100; --quick 12)")
    parser.add_argument("--list-guides", help="comma-separated tree sizes for part 3 (default 100,1000; --quick 100)")
    parser.add_argument("--render-only", action="store_true", help="measure nothing: rewrite --out from the JSON beside it")
    args = parser.parse_args()
    started = time.perf_counter()
    work = Path(args.work).resolve()
    default_out = work / "benchmarks-trees-quick.md" if args.quick else REPO / "docs" / "benchmarks-trees.md"
    out = Path(args.out).resolve() if args.out else default_out
    json_path = out.with_suffix(".json")
    if args.render_only:
        raw = json.loads(json_path.read_text())
        out.write_text(report(raw))
        log("wrote", out)
        return 0
    (work / "bin").mkdir(parents=True, exist_ok=True)
    runs = args.runs or (1 if args.quick else 5)
    sizes = [int(x) for x in (args.guides or ("12" if args.quick else "12,100")).split(",")]
    list_sizes = [int(x) for x in (args.list_guides or ("100" if args.quick else "100,1000")).split(",")]
    not_measured: list[str] = []

    # doccheck: a private copy of the binary (others may rebuild target/ during the run).
    source = Path(args.doccheck).resolve() if args.doccheck else REPO / "target" / "release" / "doccheck"
    build_note = ""
    if not args.doccheck and (args.build or not source.exists()):
        log("cargo build --release -p doccheck")
        built = subprocess.run(["cargo", "build", "-q", "--release", "-p", "doccheck"], cwd=REPO,
                               capture_output=True, text=True)
        if built.returncode != 0:
            if not source.exists():
                log("cannot build doccheck:", built.stderr[-2000:])
                return 2
            build_note = "; the working tree did not build, so the last built binary was used"
    if not source.exists():
        log("no doccheck binary at", source)
        return 2
    doccheck = work / "bin" / "doccheck"
    shutil.copy2(source, doccheck)
    built_at = datetime.datetime.fromtimestamp(source.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    (work / "bin" / "run-one.sh").write_text(RUN_ONE)
    (work / "bin" / "run-tree.sh").write_text(RUN_TREE)

    # Peers.
    if args.scrut:
        scrut = Path(args.scrut).resolve()
        scrut_problem = "" if os.access(scrut, os.X_OK) else f"--scrut {scrut}: no such executable"
        scrut = scrut if not scrut_problem else None
    else:
        scrut, scrut_problem = R.ensure_scrut(work, install=not args.quick)
        if scrut is None and args.quick:
            scrut_problem = (f"not installed in {work / 'cargo'}, and --quick does not spend the minutes "
                             "`cargo install scrut` takes: run once without --quick, or pass --scrut PATH")
    trycmd, trycmd_version, trycmd_problem = ensure_trycmd(work, build=not args.quick)
    env = R.bench_env()
    tools = {
        "doccheck": {"version": R.version_of([str(doccheck), "--version"]) + git_describe()
                     + f", binary built {built_at}{build_note}",
                     "note": "`doccheck TREE -jN`; part 3 `doccheck TREE --list`"},
        "bash": {"version": R.version_of(["bash", "--version"]),
                 "note": "the floor: the same commands, unchecked, one script per guide in a fresh directory"},
        "scrut": {"version": scrut_version(scrut) if scrut else "-", "problem": scrut_problem,
                  "parallel_option": scrut_parallel_option(scrut) if scrut else "",
                  "note": ("`scrut test TREE`" + (f": {scrut_problem}" if scrut_problem else ""))},
        "trycmd": {"version": trycmd_version, "problem": trycmd_problem,
                   "note": ("`TestCases::new().register_bin(\"sh\", \"/bin/sh\").case(\"TREE/*.md\")` in a "
                            "`tests/cli.rs` of WORK/trycmd; stateless trees only"
                            + (f": {trycmd_problem}" if trycmd_problem else ""))},
        "rustc": {"version": R.version_of(["rustc", "--version"]), "note": "builds the trycmd harness"},
    }
    for name, t in tools.items():
        log(f"{name}: {t['version']}" + (f"  [{t['problem']}]" if t.get("problem") else ""))
    if scrut_problem:
        not_measured.append(f"scrut: {scrut_problem}")
    if trycmd_problem:
        not_measured.append(f"trycmd: {trycmd_problem}")
    not_measured.append("trycmd on the real-command trees: it runs each `$` line as its own process, so the "
                        "`export`/`cd` state the later steps check cannot carry (measured on the stateless trees)")
    ctx = {"env": env, "work": work, "doccheck": doccheck, "scrut": scrut, "trycmd": trycmd}

    # Parts 1 and 2.
    base = work / "trees"
    trees: dict = {}
    ok = True
    seed = 0
    for kind in ("sleep", "real", "stateless"):
        for n in sizes:
            seed += 1
            configs = configs_for(kind, ctx)
            formats = sorted({c.fmt for c in configs})
            tree = write_tree(base, kind, n, formats)
            per_guide = SLEEPS_PER_GUIDE * SLEEP + 1 if kind == "sleep" else 2
            timeout = max(300, n * per_guide * 3)
            log(f"tree {tree.key}: {n} guides × {tree.steps} steps; {len(configs)} configurations, {runs} runs")
            res = run_tree(tree, configs, runs, timeout, seed)
            missing = []
            if kind != "sleep":
                if not scrut:
                    missing.append("scrut")
                if kind == "stateless" and not trycmd:
                    missing.append("trycmd")
            trees[tree.key] = {"kind": kind, "guides": n, "steps": tree.steps, "results": res, "missing": missing,
                               "dir": str(base / tree.key)}
            for c in configs:
                e = res[c.name]
                if c.tool == "doccheck" and (e["problem"] or not e["samples"]):
                    ok = False
                    log(f"FAILED: {c.name} on {tree.key}: {e['problem']}")
    # Each checking tool must fail on a tree with one wrong expected output (the
    # first guide's first expected line changed): doccheck and scrut on the real
    # commands, trycmd on the stateless steps.
    for kind, wanted in (("real", ("doccheck -j2", "scrut")), ("stateless", ("trycmd, 2 threads",))):
        configs = [c for c in configs_for(kind, ctx) if c.name in wanted]
        if not configs:
            continue
        tree = write_tree(base, kind, min(sizes), sorted({c.fmt for c in configs}), wrong_first=True)
        for c in configs:
            d = tree.dirs[c.fmt]
            s = R.measure(c.argv(d), cwd=c.cwd, env=config_env(c, d), capture=True, timeout=600)
            detected = wrong_check(c, tree, s)
            tools[c.tool]["detects_wrong_output"] = detected
            log(f"wrong-output tree {tree.key}: {c.name} {'fails, as it must' if detected else 'does NOT fail'}")
            if c.tool == "doccheck" and not detected:
                ok = False

    # Part 3.
    p3 = part3(doccheck, list_sizes, runs, work, env)
    for e in p3.values():
        if e["problem"] or not e["samples"]:
            ok = False
            log("FAILED: part 3:", e["problem"])

    info = R.machine()
    raw = {"machine": info, "command": reproducible_command(sys.argv[1:]), "date": datetime.date.today().isoformat(),
           "elapsed_s": time.perf_counter() - started, "runs": runs, "quick": args.quick, "work": str(work),
           "json": str(json_path), "tools": tools, "trees": trees, "part3": p3, "not_measured": not_measured,
           "doccheck_passed_everything": ok}
    out.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(raw, indent=1) + "\n")
    out.write_text(report(raw))
    log(f"wrote {out} and {json_path} ({raw['elapsed_s']:.0f} s)")
    if not ok:
        log("FAILED: doccheck did not pass every tree (see the report)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
