#!/usr/bin/env python3
"""Where doccheck's per-step time goes: small experiments behind benches/PROFILE.md.

    python3 benches/profile.py [--doccheck PATH] [--variant NAME=PATH ...] [--n 1000] [--runs 7]

1. Pure-bash loops that do, per step, what doccheck's shell session does
   (source a command file, rewrite it with O_TRUNC first, on ext4 and on tmpfs,
   read the command from a pipe instead), against a plain script: the cost of
   each piece with no Rust involved.
2. doccheck (and any --variant builds, e.g. a copy with a patched
   src/exec/shell.rs built outside the repository) on N no-op steps (`$ :`)
   and on the benchmark's N mixed steps, interleaved with the bash floor:
   median wall, CPU, context switches per step, with the workspace on the
   default TMPDIR and on /dev/shm.
3. syscalls per step (strace -c -f), when strace is installed.

Only public tools: time.perf_counter, os.wait4's rusage, strace.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402  (the step generator and measure())

REPO = Path(__file__).resolve().parent.parent


def rusage_run(argv, cwd, env=None):
    """(wall s, cpu s, voluntary + involuntary context switches) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{argv} exited {proc.returncode}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_nvcsw + ru.ru_nivcsw


def interleaved(cases: dict, runs: int) -> dict:
    """cases: name -> (argv, cwd, env). Returns name -> list of (wall, cpu, csw)."""
    out = {k: [] for k in cases}
    names = list(cases)
    for r in range(runs + 1):
        random.Random(r).shuffle(names)
        for k in names:
            argv, cwd, env = cases[k]
            s = rusage_run(argv, cwd, env)
            if r:
                out[k].append(s)
    return out


def table(results: dict, n: int, floor: str, title: str) -> list[str]:
    f = statistics.median(x[0] for x in results[floor])
    lines = [f"#### {title}\n",
             "| case | median wall (ms) | per step over the floor (µs) | median CPU (ms) | context switches per step |",
             "| --- | ---: | ---: | ---: | ---: |"]
    for k, v in results.items():
        w = statistics.median(x[0] for x in v)
        c = statistics.median(x[1] for x in v)
        s = statistics.median(x[2] for x in v)
        over = "—" if k == floor else f"{(w - f) / n * 1e6:,.0f}"
        lines.append(f"| {k} | {w * 1000:,.1f} | {over} | {c * 1000:,.1f} | {s / n:.2f} |")
    return lines + [""]


def bash_loops(n: int, runs: int, work: Path) -> list[str]:
    """Per-step pieces of doccheck's session protocol, in bash alone."""
    ext4 = Path(tempfile.mkdtemp(prefix="loops-", dir=work))
    shm = Path(tempfile.mkdtemp(prefix="doccheck-loops-", dir="/dev/shm")) if Path("/dev/shm").is_dir() else None
    scripts = {
        "`:` ×N (floor)": f"for ((i = 0; i < {n}; i++)); do :; done",
        "`. FILE` ×N (source a command file)": f"printf ':\\n' > cmd; for ((i = 0; i < {n}; i++)); do . ./cmd; done",
        "`printf > FILE; . FILE` ×N, FILE on {fs}": f"for ((i = 0; i < {n}; i++)); do printf ':\\n' > cmd; . ./cmd; done",
        "`read -N` from a pipe + eval ×N": f"for ((i = 0; i < {n}; i++)); do IFS= read -r -u 3 -N 2 c; eval \"$c\"; done 3< <(yes ':' | head -n {n})",
        "`read` a line from a pipe byte by byte + eval ×N": f"for ((i = 0; i < {n}; i++)); do IFS= read -r -u 3 c; eval \"$c\"; done 3< <(yes ':' | head -n {n})",
        "`/bin/true` ×N (one fork+exec per step, for scale)": f"for ((i = 0; i < {n}; i++)); do /bin/true; done",
    }
    cases = {}
    for name, body in scripts.items():
        dirs = [("ext4 (the workspace's)", ext4), ("tmpfs /dev/shm", shm)] if "{fs}" in name else [("", ext4)]
        for fs, d in dirs:
            if d is None:
                continue
            cases[name.replace("{fs}", fs)] = (["bash", "--norc", "--noprofile", "-c", body], str(d), None)
    fstype = subprocess.run(["findmnt", "-no", "FSTYPE", "-T", str(ext4)], capture_output=True, text=True).stdout.strip()
    res = interleaved(cases, runs)
    shutil.rmtree(ext4, ignore_errors=True)
    if shm:
        shutil.rmtree(shm, ignore_errors=True)
    return table(res, n, next(iter(cases)), f"Bash loops, N = {n}, {runs} runs (work directory on {fstype or '?'})")


def doccheck_runs(variants: dict[str, Path], n: int, runs: int, work: Path) -> list[str]:
    d = Path(tempfile.mkdtemp(prefix="guides-", dir=work))
    colon = d / "colon.md"
    colon.write_text("# no-op steps\n\n" + "".join(f"Step {i}.\n\n```console\n$ :\n```\n\n" for i in range(n)))
    (d / "colon.sh").write_text("set -e\n" + ":\n" * n)
    steps = run.make_steps(n)
    (d / "mixed.md").write_text(run.fmt_doccheck(steps))
    (d / "mixed.sh").write_text(run.fmt_bash(steps))
    out = []
    for guide, floor_script, what in (("colon.md", "colon.sh", f"{n} no-op steps (`$ :`)"),
                                      ("mixed.md", "mixed.sh", f"the benchmark's {n} mixed steps")):
        cases = {"bash script (floor)": (["bash", floor_script], str(d), None)}
        for name, binary in variants.items():
            for tmp in (os.environ.get("TMPDIR", "/tmp"), "/dev/shm"):
                if tmp == "/dev/shm" and not Path(tmp).is_dir():
                    continue
                env = dict(os.environ, TMPDIR=tmp, NO_COLOR="1")
                cases[f"{name}, workspace in {tmp}"] = ([str(binary), guide], str(d), env)
        if shutil.which("taskset"):
            # Every handoff between doccheck, its bash and the commands on one CPU: no cross-CPU wakeups.
            first, binary = next(iter(variants.items()))
            cases[f"{first}, workspace in /dev/shm, pinned to one CPU (taskset -c 0)"] = (
                ["taskset", "-c", "0", str(binary), guide], str(d), dict(os.environ, TMPDIR="/dev/shm", NO_COLOR="1"))
        res = interleaved(cases, runs)
        out += table(res, n, "bash script (floor)", f"doccheck on {what}, {runs} runs")
    shutil.rmtree(d, ignore_errors=True)
    return out


def syscalls(variants: dict[str, Path], n: int, work: Path) -> list[str]:
    if not shutil.which("strace"):
        return ["(strace is not installed: no syscall counts)\n"]
    d = Path(tempfile.mkdtemp(prefix="strace-", dir=work))
    (d / "colon.md").write_text("# no-op steps\n\n" + "".join(f"Step {i}.\n\n```console\n$ :\n```\n\n" for i in range(n)))
    lines = [f"#### Syscalls per step, {n} no-op steps (`strace -c -f`, every process of the run)\n"]
    rows = {}
    for name, binary in variants.items():
        out = d / f"{name}.strace"
        subprocess.run(["strace", "-c", "-f", "-o", str(out), str(binary), "colon.md"], cwd=d,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ, NO_COLOR="1"))
        counts = {}
        for line in out.read_text().splitlines():
            m = re.match(r"\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?(\w+)$", line)
            if m and m.group(2) != "total":
                counts[m.group(2)] = int(m.group(1))
        rows[name] = counts
    keys = sorted({k for c in rows.values() for k in c}, key=lambda k: -max(c.get(k, 0) for c in rows.values()))
    keys = [k for k in keys if max(c.get(k, 0) for c in rows.values()) >= n // 2]
    lines.append("| syscall | " + " | ".join(rows) + " |")
    lines.append("| --- |" + " ---: |" * len(rows))
    for k in keys:
        lines.append(f"| {k} | " + " | ".join(f"{c.get(k, 0) / n:.1f}" for c in rows.values()) + " |")
    lines.append("| **all** | " + " | ".join(f"{sum(c.values()) / n:.1f}" for c in rows.values()) + " |")
    shutil.rmtree(d, ignore_errors=True)
    return lines + [""]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--doccheck", default=str(REPO / "target" / "release" / "doccheck"))
    p.add_argument("--variant", action="append", default=[], help="NAME=PATH of another doccheck build to compare")
    p.add_argument("--n", type=int, default=1000)
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--work", default=os.environ.get("BENCH_WORK") or "/tmp/dcbench")
    args = p.parse_args()
    work = Path(args.work) / "profile"
    work.mkdir(parents=True, exist_ok=True)
    variants = {"doccheck": Path(args.doccheck)}
    for v in args.variant:
        name, _, path = v.partition("=")
        variants[name] = Path(path)
    lines = [f"Measured with `python3 benches/profile.py {' '.join(sys.argv[1:])}` "
             f"(load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} at the start).\n"]
    lines += bash_loops(args.n, args.runs, work)
    lines += doccheck_runs(variants, args.n, args.runs, work)
    lines += syscalls(variants, args.n, work)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
