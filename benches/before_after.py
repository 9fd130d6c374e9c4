#!/usr/bin/env python3
"""Two doccheck binaries against bash on the same generated guide, interleaved.

    python3 benches/before_after.py --before OLD/doccheck --after target/release/doccheck [--n 200] [--runs 15]

Each round times `bash guide.sh` (the floor: the same commands as one script),
then the two doccheck binaries on `guide.md` (run.py's part-a guide: six kinds
of step, checked output), in turn, so that drift of a shared machine hits all
three alike. Prints medians and each tool's ratio to bash; asserts nothing.
"""
from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def load_run_py():
    spec = importlib.util.spec_from_file_location("bench_run", Path(__file__).with_name("run.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = module
    spec.loader.exec_module(module)
    return module


def timed(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} exited {done.returncode}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", required=True)
    parser.add_argument("--after", required=True)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    run = load_run_py()
    with tempfile.TemporaryDirectory(prefix="dcba-") as work:
        work = Path(work)
        steps = run.make_steps(args.n)
        (work / "guide.md").write_text(run.fmt_doccheck(steps))
        (work / "guide.sh").write_text(run.fmt_bash(steps))
        before, after = str(Path(args.before).resolve()), str(Path(args.after).resolve())
        tools = {
            "bash": ["bash", "guide.sh"],
            "before": [before, "guide.md"],
            "after": [after, "guide.md"],
        }
        samples: dict[str, list[float]] = {name: [] for name in tools}
        for name, command in tools.items():  # warm-up, and a check that each passes
            timed(command, work)
        for _ in range(args.runs):
            for name, command in tools.items():
                samples[name].append(timed(command, work))
    floor = statistics.median(samples["bash"])
    print(f"N = {args.n} steps, {args.runs} interleaved rounds, medians")
    for name, values in samples.items():
        median = statistics.median(values)
        print(f"  {name:<7} {median * 1000:8.1f} ms  {median / floor:5.2f}x bash  "
              f"(min {min(values) * 1000:.1f}, max {max(values) * 1000:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
