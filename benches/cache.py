#!/usr/bin/env python3
"""Docs CI at scale: the verdict cache, --changed-since and duration shards.

    python3 benches/cache.py [--quick] [--doccheck BIN] [--out FILE]

Measured in one run, on generated trees, each figure a median of --rounds
runs and each ratio between two medians of this run:

1. A tree of 100 guides (10 real steps each: files, variables, directories,
   checked output): a run with no cache (the baseline), then a warm cache
   (every guide cached), against the baseline.
2. Which guides run after an edit, with the warm cache: a prose-only edit of
   one guide (none should run) and a code edit of one guide (exactly that one).
   The same through `--changed-since HEAD` in a git repository of the tree.
3. A skewed tree (one guide of 4 s, 20 of 0.2 s), two shards: the longest
   shard's time by `hash:K/2` and by `duration:K/2` (timings from a first
   run's JSON report), against the ideal split (half the total).

Writes the section between the markers in --out (default
docs/benchmarks-trees.md), replacing the last one; with --quick (20 guides,
one round), prints it only.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BEGIN = "<!-- benches/cache.py: begin -->"
END = "<!-- benches/cache.py: end -->"


def log(text):
    print(text, file=sys.stderr, flush=True)


def guide(i, prose="Follow along."):
    steps = []
    for k in range(1, 11):
        steps.append(
            f"```console\n$ mkdir -p d{k} && cd d{k} && export V{k}=v{i}-{k} && printf '%s\\n' \"$V{k}\" > f && cat f && cd ..\nv{i}-{k}\n```\n"
        )
    return f"# Guide {i}\n\n{prose}\n\n" + "\n".join(steps)


def run(binary, args, cwd, ok=(0,)):
    started = time.monotonic()
    out = subprocess.run([binary, *args], cwd=cwd, capture_output=True, text=True)
    elapsed = time.monotonic() - started
    if out.returncode not in ok:
        sys.exit(f"doccheck {' '.join(args)} exited {out.returncode}:\n{out.stdout[-2000:]}\n{out.stderr[-2000:]}")
    return elapsed, out.stdout


def ran(stdout):
    """Guides that ran (not cached), from JSON Lines."""
    names = []
    for line in stdout.splitlines():
        doc = json.loads(line)
        if doc.get("kind") == "run" and doc.get("verdict") != "cached":
            names.append(doc["guide"])
    return names


def part1_2(binary, work, n, rounds):
    tree = work / "tree"
    (tree / "docs").mkdir(parents=True)
    for i in range(n):
        (tree / "docs" / f"g{i:03}.md").write_text(guide(i))
    for cmd in (["init", "-q", "-b", "main"], ["add", "-A"], ["-c", "user.email=b@x", "-c", "user.name=b", "commit", "-qm", "tree"]):
        subprocess.run(["git", *cmd], cwd=tree, check=True)
    cache = work / "cache"
    uncached, warm = [], []
    for r in range(rounds):
        shutil.rmtree(cache, ignore_errors=True)
        t, _ = run(binary, ["docs", "--cache", str(cache), "--format", "json"], tree)
        uncached.append(t)
        t, out = run(binary, ["docs", "--cache", str(cache), "--format", "json"], tree)
        warm.append(t)
        assert ran(out) == [], f"a warm cache ran {ran(out)}"
        log(f"  round {r + 1}: no cache {uncached[-1]:.2f}s, warm {warm[-1]:.3f}s")
    # 2. Edits.
    target = tree / "docs" / "g007.md"
    target.write_text(guide(7, prose="Follow along, and read the notes first. The steps build on each other."))
    _, out = run(binary, ["docs", "--cache", str(cache), "--format", "json"], tree)
    prose_cache = ran(out)
    _, out = run(binary, ["docs", "--changed-since", "HEAD", "--list", "--format", "json"], tree)
    prose_changed = [json.loads(l)["guide"] for l in out.splitlines()]
    target.write_text(guide(7).replace("cat f", "cat f ", 1))
    _, out = run(binary, ["docs", "--cache", str(cache), "--format", "json"], tree)
    code_cache = ran(out)
    _, out = run(binary, ["docs", "--changed-since", "HEAD", "--list", "--format", "json"], tree)
    code_changed = [json.loads(l)["guide"] for l in out.splitlines()]
    return {
        "guides": n,
        "uncached": uncached,
        "warm": warm,
        "prose_cache": prose_cache,
        "prose_changed": prose_changed,
        "code_cache": code_cache,
        "code_changed": code_changed,
    }


def part3(binary, work, rounds, short_n):
    tree = work / "skewed"
    (tree / "docs").mkdir(parents=True)
    (tree / "docs" / "long.md").write_text("```sh\nsleep 4\n```\n")
    for i in range(short_n):
        (tree / "docs" / f"short-{i:02}.md").write_text("```sh\nsleep 0.2\n```\n")
    _, out = run(binary, ["docs", "--format", "json", "-j", "1"], tree)
    timings = tree / "timings.jsonl"
    timings.write_text(out)
    times = [json.loads(l)["duration_ms"] / 1000 for l in out.splitlines()]
    results = {"total": sum(times)}
    sums = []
    for kind in ("hash", "duration"):
        longest = []
        for _ in range(rounds):
            shard_times = []
            for k in (1, 2):
                args = ["docs", "-j", "1", "--partition", f"{kind}:{k}/2"]
                if kind == "duration":
                    args += ["--timings", str(timings)]
                t, _ = run(binary, args, tree)
                shard_times.append(t)
            longest.append(max(shard_times))
            sums.append(sum(shard_times))
        results[kind] = longest
        log(f"  {kind}: longest shard {statistics.median(longest):.2f}s")
    # The ideal split of the work the shards did (their wall times, doccheck's
    # own start and each guide's setup included): half of it, unless the
    # longest guide alone is more.
    results["ideal"] = max(statistics.median(sums) / 2, max(times))
    return results


def section(r12, r3, binary, started):
    med = statistics.median
    unc, warm = med(r12["uncached"]), med(r12["warm"])
    lines = [
        BEGIN,
        "## Cache, changed-since and duration shards",
        "",
        f"Generated by `python3 benches/cache.py` on {time.strftime('%Y-%m-%d')} ({time.monotonic() - started:.0f} s), "
        f"{platform.machine()}, {os.cpu_count()} cores, doccheck {binary}; medians of {len(r12['uncached'])} round(s).",
        "",
        f"**1. A warm cache.** {r12['guides']} guides of 10 real steps each, `-j` default.",
        "",
        "| run | time | against no cache |",
        "| --- | ---: | ---: |",
        f"| no cache (baseline) | {unc:.2f} s | 1.00 |",
        f"| every guide cached | {warm:.3f} s | {warm / unc:.4f} ({100 * warm / unc:.2f} %) |",
        "",
        "**2. What an edit reruns** (with the warm cache, and through `--changed-since HEAD`).",
        "",
        "| edit of one guide | ran with `--cache` | selected by `--changed-since HEAD` |",
        "| --- | --- | --- |",
        f"| prose only | {len(r12['prose_cache'])} {r12['prose_cache']} | {len(r12['prose_changed'])} {r12['prose_changed']} |",
        f"| one command | {len(r12['code_cache'])} {r12['code_cache']} | {len(r12['code_changed'])} {r12['code_changed']} |",
        "",
        f"**3. Two shards of a skewed tree** (one guide of 4 s, the rest 0.2 s; {r3['total']:.1f} s recorded in all; "
        f"ideal shard {r3['ideal']:.2f} s: half the wall time both shards took, median of the runs, or the longest guide "
        "if more; timings from one earlier `--format json` run).",
        "",
        "| partition | longest shard | against the ideal |",
        "| --- | ---: | ---: |",
    ]
    for kind in ("hash", "duration"):
        m = med(r3[kind])
        lines.append(f"| `{kind}:K/2` | {m:.2f} s | {m / r3['ideal']:.2f} |")
    lines += ["", END]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--doccheck")
    parser.add_argument("--out", default=str(REPO / "docs" / "benchmarks-trees.md"))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    started = time.monotonic()
    source = Path(args.doccheck) if args.doccheck else REPO / "target" / "release" / "doccheck"
    if not args.doccheck and not source.exists():
        subprocess.run(["cargo", "build", "-q", "--release", "-p", "doccheck"], cwd=REPO, check=True)
    with tempfile.TemporaryDirectory(prefix="doccheck-cache-bench-") as tmp:
        work = Path(tmp)
        binary = work / "doccheck"
        shutil.copy2(source, binary)
        n, rounds, short_n = (20, 1, 6) if args.quick else (100, args.rounds, 20)
        log(f"1-2. a tree of {n} guides")
        r12 = part1_2(str(binary), work, n, rounds)
        log("3. a skewed tree in two shards")
        r3 = part3(str(binary), work, rounds, short_n)
    text = section(r12, r3, source.name if args.doccheck else "target/release/doccheck", started)
    print(text)
    if not args.quick:
        out = Path(args.out)
        old = out.read_text() if out.exists() else ""
        if BEGIN in old and END in old:
            new = old[: old.index(BEGIN)] + text + old[old.index(END) + len(END) + 1 :]
        else:
            new = old.rstrip("\n") + "\n\n" + text
        out.write_text(new)
        log(f"wrote {out}")


if __name__ == "__main__":
    main()
