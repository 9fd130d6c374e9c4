#!/usr/bin/env python3
"""The Docker guide with doccheck's Docker gateway and without it, interleaved.

    python3 benches/gateway.py [--doccheck target/release/doccheck] [--runs 7]

Runs `doccheck docs/docker.md` (warm: the stand-in images cached) in turn with
and without `DOCCHECK_NO_GATEWAY=1`, after one warm-up of each, and prints the
median wall times and their ratio; asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(binary: str, gateway: bool) -> float:
    env = dict(os.environ)
    if gateway:
        env.pop("DOCCHECK_NO_GATEWAY", None)
    else:
        env["DOCCHECK_NO_GATEWAY"] = "1"
    started = time.perf_counter()
    done = subprocess.run([binary, "docs/docker.md"], cwd=ROOT, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"doccheck docs/docker.md ({'with' if gateway else 'without'} the gateway) exited {done.returncode}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--doccheck", default=str(ROOT / "target/release/doccheck"))
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    binary = str(Path(args.doccheck).resolve())
    samples = {True: [], False: []}
    for gateway in (True, False):
        timed(binary, gateway)
    for _ in range(args.runs):
        for gateway in (True, False):
            samples[gateway].append(timed(binary, gateway))
    with_gateway, without = statistics.median(samples[True]), statistics.median(samples[False])
    print(f"docs/docker.md, warm, {args.runs} interleaved runs each, medians")
    print(f"  with the gateway     {with_gateway:6.2f} s  (min {min(samples[True]):.2f}, max {max(samples[True]):.2f})")
    print(f"  without (CLI only)   {without:6.2f} s  (min {min(samples[False]):.2f}, max {max(samples[False]):.2f})")
    print(f"  ratio                {with_gateway / without:6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
