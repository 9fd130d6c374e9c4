#!/usr/bin/env python3
"""What the isolation of a guide that shows no Docker work costs.

    python3 benches/isolation.py [--doccheck target/release/doccheck] [--runs 9]

When an engine answers, every guide gets doccheck's Docker gateway, a private
DOCKER_CONFIG and a session in a mount namespace of its own. This times, in
turn, one small guide and a tree of 40 such guides (written to a temporary
directory: three blocks each, no Docker) with the engine reachable and with
`DOCKER_HOST` pointing at no engine (the baseline: no gateway, no
namespace), after one warm-up of each, and prints median wall times and their
ratios; asserts nothing.

    python3 benches/isolation.py --against OTHER_DOCCHECK [--runs 5]

also times `doccheck docs/docker.md` (warm) with both binaries in turn (this
one against another build, an earlier commit's say) and prints the ratio.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

GUIDE = """# Guide {n}

```console
$ echo hello {n}
hello {n}
$ mkdir -p d && cd d && pwd | wc -c
[..]
```

```bash
export X={n}
printf "%s\\n" "$X" > out.txt
```

```console
$ cat out.txt
{n}
```
"""


def timed(binary: str, target: Path, engine: bool) -> float:
    env = dict(os.environ)
    if not engine:
        env["DOCKER_HOST"] = "unix:///nonexistent/docker.sock"
    started = time.perf_counter()
    done = subprocess.run([binary, str(target)], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"doccheck {target} ({'with' if engine else 'without'} an engine) exited {done.returncode}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--doccheck", default=str(ROOT / "target/release/doccheck"))
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--against", help="another doccheck binary to time docs/docker.md against")
    args = parser.parse_args()
    binary = str(Path(args.doccheck).resolve())
    with tempfile.TemporaryDirectory(prefix="dcbench-isolation-") as work:
        tree = Path(work) / "tree"
        tree.mkdir()
        for n in range(1, 41):
            (tree / f"g{n:02}.md").write_text(GUIDE.format(n=f"{n:02}"))
        print(f"{args.runs} interleaved runs each, medians of wall time")
        for label, target in (("one guide", tree / "g01.md"), ("40 guides", tree)):
            samples = {True: [], False: []}
            for engine in (True, False):
                timed(binary, target, engine)
            for _ in range(args.runs):
                for engine in (True, False):
                    samples[engine].append(timed(binary, target, engine))
            isolated, baseline = statistics.median(samples[True]), statistics.median(samples[False])
            print(f"  {label:10} isolated {isolated * 1000:7.1f} ms   no engine {baseline * 1000:7.1f} ms   ratio {isolated / baseline:5.2f}")
    if args.against:
        other = str(Path(args.against).resolve())
        samples = {binary: [], other: []}

        def docker_guide(b: str) -> float:
            started = time.perf_counter()
            done = subprocess.run([b, "docs/docker.md"], cwd=ROOT,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if done.returncode != 0:
                sys.exit(f"{b} docs/docker.md exited {done.returncode}")
            return time.perf_counter() - started

        for b in samples:
            docker_guide(b)
        for _ in range(args.runs):
            for b in samples:
                samples[b].append(docker_guide(b))
        this, that = statistics.median(samples[binary]), statistics.median(samples[other])
        print(f"  docs/docker.md, warm: this {this:6.2f} s   against {that:6.2f} s   ratio {this / that:5.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
