#!/usr/bin/env python3
"""The contributor's loop: --resume and --watch against a full rerun.

    python3 benches/loop.py [--quick] [--docker] [--doccheck BIN] [--out FILE]

Measured in one run, each figure a median of --rounds and each ratio between
two medians of this run:

1. A guide of 10 blocks, each doing real work (a directory, a variable, a
   file, a checked output) and taking 0.2 s (`sleep 0.2`). Baseline: a full
   run. Then, with the checkpoints of a passing run, block 9 edited:
   `--resume` (a new process: it restores the checkpoint after block 8 and
   runs blocks 9 and 10), and `--watch` (the time from writing the file to
   the verdict line on stdout). Each is also given as its overhead: the
   time beyond blocks 9 and 10's own (2 x 0.2 s), the issue's goal being
   under 0.5 s for --watch. And what keeping checkpoints costs a full run.
2. With --docker (the stand-in images built; about 10 s a run): the Docker
   guide (docs/docker.md with its scenario) failing at block 7, then fixed:
   `--resume` against a full run of the fixed guide.

Runs keep their checkpoints in a state directory of their own, removed at
the end with what they parked (`doccheck --prune` there). Writes the
section between the markers in --out (default docs/benchmarks-loop.md);
with --quick (one round, no Docker), prints it only.
"""

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BEGIN = "<!-- benches/loop.py: begin -->"
END = "<!-- benches/loop.py: end -->"
SLEEP = 0.2


def log(text):
    print(text, file=sys.stderr, flush=True)


def guide(variant="a"):
    blocks = []
    for k in range(1, 11):
        word = f"{variant}{k}" if k == 9 else f"v{k}"
        blocks.append(
            f"Step {k}:\n\n```console\n$ mkdir -p d{k} && cd d{k} && export V{k}={word} && printf '%s\\n' \"$V{k}\" > f && sleep {SLEEP} && cat f && cd ..\n{word}\n```\n"
        )
    return "# Ten blocks\n\n" + "\n".join(blocks)


def run(binary, args, cwd, env, ok=(0,)):
    started = time.monotonic()
    out = subprocess.run([binary, *args], cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.monotonic() - started
    if out.returncode not in ok:
        sys.exit(f"doccheck {' '.join(args)} exited {out.returncode}:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}")
    return elapsed, out.stdout


def median(values):
    return statistics.median(values)


def part1(binary, work, env, rounds):
    g = work / "g.md"
    g.write_text(guide())
    full = [run(binary, ["g.md"], work, env)[0] for _ in range(rounds)]
    recording = [run(binary, ["g.md", "--checkpoints"], work, env)[0] for _ in range(rounds)]
    resumed = []
    for i in range(rounds):
        g.write_text(guide("b" if i % 2 == 0 else "a"))
        elapsed, stdout = run(binary, ["g.md", "--resume"], work, env)
        if "restored from the checkpoint after step 8" not in stdout:
            sys.exit(f"--resume did not go on from block 9:\n{stdout}")
        resumed.append(elapsed)
    watched = watch(binary, work, env, g, rounds)
    return {"full": full, "recording": recording, "resume": resumed, "watch": watched}


def watch(binary, work, env, g, rounds):
    child = subprocess.Popen([binary, "--watch", "g.md"], cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    verdicts = []
    cond = threading.Condition()

    def read():
        for line in child.stdout:
            if line.startswith("g.md: ok.") or line.startswith("g.md: FAILED."):
                with cond:
                    verdicts.append((time.monotonic(), line))
                    cond.notify_all()

    threading.Thread(target=read, daemon=True).start()
    threading.Thread(target=lambda: [None for _ in child.stderr], daemon=True).start()

    def next_verdict(seen):
        with cond:
            if not cond.wait_for(lambda: len(verdicts) > seen, timeout=120):
                child.kill()
                sys.exit("--watch gave no verdict in 2 minutes")
            return verdicts[seen]

    next_verdict(0)
    times = []
    for i in range(rounds):
        time.sleep(0.5)  # the watcher is waiting again
        written = time.monotonic()
        g.write_text(guide("c" if i % 2 == 0 else "d"))
        at, line = next_verdict(i + 1)
        if "ok." not in line:
            sys.exit(f"--watch: {line}")
        times.append(at - written)
    child.send_signal(2)
    child.wait(timeout=60)
    return times


def part2(binary, work, env, rounds):
    shutil.copy(REPO / "docs" / "docker.md", work / "docker.md")
    text = (work / "docker.md").read_text()
    broken = text.replace("docker push myorg/stockdata\n", "docker push myorg/stockdata-typo\n", 1)
    scenario = str(REPO / "scenarios" / "docker.yaml")
    args = ["docker.md", "--scenario", scenario]
    full, resumed = [], []
    for _ in range(rounds):
        (work / "docker.md").write_text(text)
        full.append(run(binary, args, work, env)[0])
        (work / "docker.md").write_text(broken)
        run(binary, args + ["--checkpoints"], work, env, ok=(1,))
        (work / "docker.md").write_text(text)
        elapsed, stdout = run(binary, args + ["--resume"], work, env)
        if "took over" not in stdout:
            sys.exit(f"the resumed Docker guide did not take over its images:\n{stdout}")
        resumed.append(elapsed)
    return {"full": full, "resume": resumed}


def section(one, docker, rounds, command):
    f = lambda s: f"{s:.3f} s"
    blocks = 2 * SLEEP
    lines = [
        BEGIN,
        f"Measured with `{command}` on {platform.machine()}, {os.cpu_count()} CPUs, "
        f"{time.strftime('%Y-%m-%d')}; medians of {rounds} rounds, ratios between medians of this run.",
        "",
        "A guide of 10 blocks of 0.2 s each, block 9 edited after a passing run:",
        "",
        "| what | median | against a full run | beyond blocks 9–10 (0.4 s) |",
        "| --- | --- | --- | --- |",
        f"| full run (baseline) | {f(median(one['full']))} | 1.00x | — |",
        f"| full run keeping checkpoints | {f(median(one['recording']))} | {median(one['recording']) / median(one['full']):.2f}x | — |",
        f"| `--resume` (a new process) | {f(median(one['resume']))} | {median(one['resume']) / median(one['full']):.2f}x | {f(median(one['resume']) - blocks)} |",
        f"| `--watch`: save to verdict | {f(median(one['watch']))} | {median(one['watch']) / median(one['full']):.2f}x | {f(median(one['watch']) - blocks)} |",
        "",
    ]
    if docker:
        lines += [
            "The Docker guide (`docs/docker.md`, warm stand-ins), failing at block 7 (a push) and fixed:",
            "",
            "| what | median | against a full run |",
            "| --- | --- | --- |",
            f"| full run of the fixed guide (baseline) | {f(median(docker['full']))} | 1.00x |",
            f"| `--resume` from block 7 | {f(median(docker['resume']))} | {median(docker['resume']) / median(docker['full']):.2f}x |",
            "",
        ]
    lines.append(END)
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--docker", action="store_true")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--doccheck", default=str(REPO / "target" / "release" / "doccheck"))
    parser.add_argument("--out", default=str(REPO / "docs" / "benchmarks-loop.md"))
    args = parser.parse_args()
    rounds = 1 if args.quick else args.rounds
    binary = args.doccheck
    if not Path(binary).exists():
        log("building the release binary")
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    with tempfile.TemporaryDirectory(prefix="dcloop-") as tmp:
        tmp = Path(tmp)
        env = dict(os.environ, DOCCHECK_STATE_DIR=str(tmp / "state"), TMPDIR=str(tmp))
        env.pop("GITHUB_ACTIONS", None)
        (tmp / "one").mkdir()
        try:
            log("1: a guide of 10 blocks")
            one = part1(binary, tmp / "one", env, rounds)
            docker = None
            if args.docker and not args.quick:
                log("2: the Docker guide")
                (tmp / "docker").mkdir()
                docker = part2(binary, tmp / "docker", env, rounds)
        finally:
            subprocess.run([binary, "--prune"], cwd=tmp, env=env, capture_output=True)
    command = "python3 benches/loop.py" + (" --docker" if docker else "") + ("" if args.quick else f" --rounds {rounds}")
    text = section(one, docker, rounds, command)
    print(text)
    if not args.quick:
        out = Path(args.out)
        old = out.read_text() if out.exists() else "# Benchmarks: the contributor's loop\n\n" + BEGIN + "\n" + END + "\n"
        start, end = old.find(BEGIN), old.find(END)
        out.write_text(old[:start] + text + old[end + len(END) + 1:])
        log(f"wrote {out}")


if __name__ == "__main__":
    main()
