#!/usr/bin/env python3
"""doccheck benchmarks: one command, one machine, one run.

    python3 benches/run.py [--quick] [--out docs/benchmarks.md]

a. N shell steps (N = 10, 100, 1000) written as a doccheck guide, a plain bash
   script (the floor), byexample, tesh, prysk and scrut files; each tool is
   checked to pass on its file (and to fail on a copy with one wrong expected
   output) before it is timed; median wall time of >= 5 runs after a warm-up,
   runs of the tools interleaved.
b. `doccheck GUIDE --list` over many generated 50-block guides: total time,
   median per guide, peak memory (max RSS of any one doccheck process).
c. docs/docker.md end to end with doccheck against a plain bash script doing
   the same Docker work, cold (stand-in base images absent) and warm.

Peer tools are installed into throw-away places under the work directory
($BENCH_WORK, else /tmp/dcbench): a venv for the PyPI ones (this script
re-executes itself inside it, for matplotlib) and `cargo install --root` for
scrut. Nothing is installed into the repository.

Writes --out (default docs/benchmarks.md; with --quick, WORK/benchmarks-quick.md
so a smoke check never overwrites the committed results), the plot
(benches/results/overhead.png beside the default output) and the raw samples
(results.json beside the plot).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import random
import re
import resource
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LOAD_AT_START = " ".join(f"{x:.2f}" for x in os.getloadavg())
PYPI_TOOLS = ["byexample", "tesh", "prysk", "matplotlib"]
SDK = "mcr.microsoft.com/dotnet/core/sdk:3.0"
ASPNET = "mcr.microsoft.com/dotnet/core/aspnet:3.0"


def log(*words: object) -> None:
    print(f"[{time.strftime('%H:%M:%S')}]", *words, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# Setup: the bench venv (PyPI tools + matplotlib) and scrut, outside the repo.
# ---------------------------------------------------------------------------


def venv_python(work: Path) -> Path:
    return work / "venv" / "bin" / "python"


def ensure_venv(work: Path) -> dict[str, str]:
    """Creates WORK/venv and installs the PyPI tools; returns {package: problem}."""
    problems: dict[str, str] = {}
    python = venv_python(work)
    if not python.exists():
        log("creating the bench venv", work / "venv")
        made = subprocess.run([sys.executable, "-m", "venv", str(work / "venv")], capture_output=True, text=True)
        if made.returncode != 0 or not python.exists():
            # Go on without it: the PyPI tools are reported as not installed, and there is no plot.
            why = "cannot create a venv: " + last_line(made.stderr)
            shutil.rmtree(work / "venv", ignore_errors=True)
            return {p: why for p in PYPI_TOOLS}
    missing = [p for p in PYPI_TOOLS if not pip_has(python, p)]
    if missing:
        log("pip install", *missing)
        done = subprocess.run(
            [str(python), "-m", "pip", "install", "-q", *missing],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            # One at a time, so one package that cannot be had spoils nothing else.
            for package in missing:
                one = subprocess.run(
                    [str(python), "-m", "pip", "install", "-q", package],
                    capture_output=True,
                    text=True,
                )
                if one.returncode != 0:
                    problems[package] = "pip install failed: " + last_line(one.stderr)
    return problems


def pip_has(python: Path, package: str) -> bool:
    return (
        subprocess.run(
            [str(python), "-m", "pip", "show", "-q", package],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ).returncode
        == 0
    )


def ensure_scrut(work: Path, install: bool) -> tuple[Path | None, str]:
    """scrut from crates.io via `cargo install --root WORK/cargo`."""
    binary = work / "cargo" / "bin" / "scrut"
    if binary.exists():
        return binary, ""
    if not install:
        return None, (
            "not installed, and --quick does not spend the minutes `cargo install scrut` "
            "takes: run once without --quick (or --setup-only) to install it"
        )
    log("cargo install scrut (a few minutes, once)")
    done = subprocess.run(
        ["cargo", "install", "--locked", "--root", str(work / "cargo"), "scrut"],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0 or not binary.exists():
        # --locked can fail on a yanked dependency; try once without it.
        done = subprocess.run(
            ["cargo", "install", "--root", str(work / "cargo"), "scrut"],
            capture_output=True,
            text=True,
        )
    if done.returncode != 0 or not binary.exists():
        return None, "cargo install scrut failed: " + last_line(done.stderr)
    return binary, ""


def last_line(text: str) -> str:
    lines = [l for l in text.strip().splitlines() if l.strip()]
    return lines[-1].strip() if lines else "(no output)"


# ---------------------------------------------------------------------------
# Measuring a process: wall time (perf_counter) and its own rusage (wait4).
# ---------------------------------------------------------------------------


@dataclass
class Sample:
    wall: float  # seconds
    cpu: float  # user + sys of the process and the descendants it waited for
    maxrss_kib: int  # the largest of them
    code: int
    output: str = ""


def measure(argv, cwd, env=None, capture=False, timeout=None) -> Sample:
    """Runs argv to completion and returns its wall time and rusage.

    os.wait4 gives the rusage of this one child (and of the descendants it
    reaped), so no earlier child of this process pollutes the numbers.
    """
    out = tempfile.TemporaryFile() if capture else subprocess.DEVNULL
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        if timeout is None:
            _, status, usage = os.wait4(proc.pid, 0)
        else:
            deadline = start + timeout
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if time.perf_counter() > deadline:
                    os.killpg(proc.pid, signal.SIGKILL)
                    _, status, usage = os.wait4(proc.pid, 0)
                    break
                time.sleep(0.01)
    except BaseException:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        raise
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code  # already reaped: keep Popen from waiting again
    text = ""
    if capture:
        out.seek(0)
        text = out.read().decode(errors="replace")
        out.close()
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, code, text)


def median(values):
    return statistics.median(values) if values else float("nan")


# ---------------------------------------------------------------------------
# Part a: one list of shell steps, six formats.
# ---------------------------------------------------------------------------


@dataclass
class Step:
    command: str
    expected: list[str]  # expected output lines (empty: prints nothing)
    kind: str


def make_steps(n: int) -> list[Step]:
    """Six kinds of step in a fixed cycle; the later ones of each cycle check
    state (a variable, the current directory) set by earlier ones."""
    steps = []
    for i in range(1, n + 1):
        r = i % 6
        if r == 1:
            steps.append(Step(f"/bin/echo step {i}", [f"step {i}"], "external, checked"))
        elif r == 2:
            steps.append(Step(f"export V{i}=value-{i}", [], "export"))
        elif r == 3:
            steps.append(Step(f"mkdir -p sub{i} && cd sub{i}", [], "external + cd"))
        elif r == 4:
            steps.append(Step(f"printf '%s\\n' \"$V{i - 2}\"", [f"value-{i - 2}"], "builtin, checks export"))
        elif r == 5:
            steps.append(Step('basename "$PWD"', [f"sub{i - 2}"], "external, checks cd"))
        else:
            steps.append(Step(f"cd .. && test -d sub{i - 3}", [], "cd + builtin test"))
    return steps


def wrong(steps: list[Step]) -> list[Step]:
    """The same list with the first expected output changed: every tool must fail on it."""
    bad = list(steps)
    bad[0] = Step(bad[0].command, ["step WRONG"], bad[0].kind)
    return bad


def fmt_doccheck(steps: list[Step]) -> str:
    parts = [f"# Generated guide: {len(steps)} steps\n"]
    for i, s in enumerate(steps, 1):
        body = "\n".join([f"$ {s.command}", *s.expected])
        parts.append(f"Step {i}.\n\n```console\n{body}\n```\n")
    return "\n".join(parts)


def fmt_bash(steps: list[Step]) -> str:
    return "set -e\n" + "".join(f"{s.command}\n" for s in steps)


def fmt_bash_checked(steps: list[Step]) -> str:
    """The floor with output checking: checked commands compared in $(...)."""
    lines = ["set -e"]
    for s in steps:
        if s.expected:
            lines.append(f"[ \"$({s.command})\" = {shlex.quote(chr(10).join(s.expected))} ]")
        else:
            lines.append(s.command)
    return "\n".join(lines) + "\n"


def fmt_byexample(steps: list[Step]) -> str:
    parts = [f"# Generated guide: {len(steps)} steps\n"]
    for i, s in enumerate(steps, 1):
        body = "\n".join([f"$ {s.command}", *s.expected])
        parts.append(f"Step {i}.\n\n```shell\n{body}\n```\n")
    return "\n".join(parts)


def fmt_tesh(steps: list[Step]) -> str:
    parts = [f"# Generated guide: {len(steps)} steps\n"]
    for i, s in enumerate(steps, 1):
        body = "\n".join([f"$ {s.command}", *s.expected])
        parts.append(f'Step {i}.\n\n```bash tesh-session="bench"\n{body}\n```\n')
    return "\n".join(parts)


def fmt_prysk(steps: list[Step]) -> str:
    lines = [f"Generated test: {len(steps)} steps"]
    for s in steps:
        lines.append(f"  $ {s.command}")
        lines.extend(f"  {e}" for e in s.expected)
    return "\n".join(lines) + "\n"


def fmt_scrut(steps: list[Step]) -> str:
    parts = [f"# Generated guide: {len(steps)} steps\n"]
    for i, s in enumerate(steps, 1):
        body = "\n".join([f"$ {s.command}", *s.expected])
        parts.append(f"Step {i}.\n\n```scrut\n{body}\n```\n")
    return "\n".join(parts)


@dataclass
class Tool:
    name: str
    filename: str
    render: object
    argv: object  # (file: Path) -> list[str]
    version: str = ""
    problem: str = ""  # why it is not timed, when it is not
    env: dict | None = None


def bench_env() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_COLOR"] = "1"
    env["TERM"] = "dumb"
    env.pop("GITHUB_ACTIONS", None)
    return env


def make_tools(work: Path, doccheck: Path, scrut: Path | None, problems: dict[str, str]) -> list[Tool]:
    vbin = work / "venv" / "bin"
    tools = [
        Tool("bash", "steps.sh", fmt_bash, lambda f: ["bash", str(f)]),
        Tool("bash, checked", "checked.sh", fmt_bash_checked, lambda f: ["bash", str(f)]),
        Tool("doccheck", "guide.md", fmt_doccheck, lambda f: [str(doccheck), str(f)]),
        Tool(
            "byexample",
            "guide.md",
            fmt_byexample,
            lambda f: [str(vbin / "byexample"), "-l", "shell", "--timeout", "60",
                       "--pretty", "none", "--no-progress-bar", str(f)],
        ),
        Tool("tesh", "guide.md", fmt_tesh, lambda f: [str(vbin / "tesh"), str(f)]),
        Tool("prysk", "steps.t", fmt_prysk,
             lambda f: [str(vbin / "prysk"), "--shell", "/bin/bash", str(f)]),
        Tool("scrut", "guide.md", fmt_scrut,
             lambda f: [str(scrut), "test", str(f)]),
    ]
    for t in tools:
        if t.name in problems:
            t.problem = problems[t.name]
        elif t.name in ("byexample", "tesh", "prysk") and not (vbin / t.name).exists():
            t.problem = "not installed"
    if scrut is None:
        tools[-1].problem = problems.get("scrut", "not installed")
    return tools


def version_of(argv: list[str]) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    except Exception as e:  # noqa: BLE001 - any failure is reported as text
        return f"unknown ({e})"
    text = (done.stdout + done.stderr).strip()
    return text.splitlines()[0].strip() if text else "unknown"


def tool_versions(tools: list[Tool], work: Path, doccheck: Path, scrut: Path | None) -> None:
    python = venv_python(work)
    for t in tools:
        if t.name.startswith("bash"):
            t.version = version_of(["bash", "--version"])
        elif t.name == "doccheck":
            t.version = version_of([str(doccheck), "--version"]) + git_describe()
        elif t.name == "scrut":
            # `scrut --version` prints a build number; cargo knows the crate's version.
            listed = subprocess.run(["cargo", "install", "--list", "--root", str(work / "cargo")],
                                    capture_output=True, text=True).stdout
            m = re.search(r"^scrut v(\S+):", listed, re.M)
            t.version = f"scrut {m.group(1)} (crates.io)" if (scrut and m) else "-"
        elif not t.problem:
            t.version = t.name + " " + version_of(
                [str(python), "-c", f"import importlib.metadata as m; print(m.version({t.name!r}))"]
            )


def git_describe() -> str:
    head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                          capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "src", "Cargo.toml", "Cargo.lock"],
                           capture_output=True, text=True).stdout.strip()
    return f" (commit {head}{', src/ has uncommitted changes' if dirty else ''})" if head else ""


def fresh_dir(base: Path, name: str) -> Path:
    d = base / name
    if d.exists():
        shutil.rmtree(d)
    d.mkdir(parents=True)
    return d


def prepare(tool: Tool, steps: list[Step], base: Path) -> Path:
    """Writes the tool's file into its own directory and returns the file."""
    d = fresh_dir(base, re.sub(r"\W+", "-", tool.name))
    f = d / tool.filename
    f.write_text(tool.render(steps))
    return f


def reset_dir(file: Path) -> None:
    """Removes what an earlier run left beside the file (sub* directories, .err files)."""
    for child in file.parent.iterdir():
        if child != file:
            shutil.rmtree(child) if child.is_dir() else child.unlink()


def run_tool(tool: Tool, file: Path, env, capture=False, timeout=None) -> Sample:
    reset_dir(file)
    return measure(tool.argv(file), cwd=file.parent, env=env, capture=capture, timeout=timeout)


def part_a(tools: list[Tool], ns: list[int], runs: int, work: Path, env) -> dict:
    """Returns {tool: {n: {"samples": [...], "problem": str}}}."""
    results: dict = {t.name: {} for t in tools}
    base = work / "a"
    for n in ns:
        steps = make_steps(n)
        files: dict[str, Path] = {}
        live: list[Tool] = []
        for t in tools:
            entry = results[t.name].setdefault(n, {"samples": [], "cpu": [], "problem": ""})
            if t.problem:
                entry["problem"] = t.problem
                continue
            # Does it pass on the real file? (This run is also the warm-up.)
            f = prepare(t, steps, base / f"n{n}")
            s = run_tool(t, f, env, capture=True, timeout=max(120, n * 2))
            if s.code != 0:
                entry["problem"] = f"fails on its generated file (exit {s.code}): {last_line(s.output)[:200]}"
                log(t.name, n, "FAILS:", s.output[-2000:])
                continue
            # Does it fail on a wrong expectation? (Only the checking tools, only once.)
            if n == ns[0] and t.name != "bash":
                bad = prepare(t, wrong(steps), base / f"n{n}-wrong")
                b = run_tool(t, bad, env, capture=True, timeout=120)
                entry["detects_wrong_output"] = b.code != 0
                if b.code == 0:
                    log(t.name, "does NOT fail on a wrong expected output")
            files[t.name] = f
            live.append(t)
        log(f"N={n}: timing", ", ".join(t.name for t in live), f"({runs} runs each, interleaved)")
        # The check run above was each tool's warm-up; now `runs` rounds, each
        # running every tool once, in a shuffled order.
        order = list(live)
        for round_ in range(1, runs + 1):
            random.Random(round_ * 7919 + n).shuffle(order)
            for t in order:
                s = run_tool(t, files[t.name], env, timeout=max(300, n * 2))
                if s.code != 0:
                    results[t.name][n]["problem"] = f"failed during timing (exit {s.code})"
                    continue
                if round_ > 0:
                    results[t.name][n]["samples"].append(s.wall)
                    results[t.name][n]["cpu"].append(s.cpu)
        for t in live:
            e = results[t.name][n]
            if e["samples"]:
                log(f"  {t.name:14} N={n:5}  median {median(e['samples']) * 1000:9.1f} ms")
    return results


# ---------------------------------------------------------------------------
# Part b: parse + plan only, over many generated guides.
# ---------------------------------------------------------------------------


def fence(info: str, body: str, indent: str = "", quote: bool = False, tilde: bool = False) -> str:
    mark = "~~~" if tilde else "```"
    lines = [f"{mark}{info}", *body.splitlines(), mark]
    prefix = ("> " if quote else "") + indent
    return "\n".join((prefix + l).rstrip() if l else prefix.rstrip() for l in lines)


def make_parse_guide(seed: int, blocks: int = 50) -> str:
    """A guide of `blocks` fenced blocks of every kind doccheck handles, some in
    list items and blockquotes, some annotated, with prose between them."""
    rng = random.Random(seed)
    out = [f"# Generated guide {seed}\n", "Some prose before the first block, with `code` and a [link](x.md).\n"]
    for b in range(blocks):
        kind = rng.choice(["console", "console", "sh", "sh", "dockerfile", "text", "python-file", "skip", "plain"])
        # An annotation goes right before its fence (inside the list item when the block is in one).
        annotation = None
        if kind == "console":
            body = "\n".join(
                line
                for k in range(rng.randint(1, 4))
                for line in (f"$ echo block {b} line {k} \\", f">   | tr a-z A-Z", f"BLOCK {b} LINE {k}", *(["? 0"] if k == 0 else []))
            )
            info = "console"
        elif kind == "sh":
            body = "\n".join(
                ["# set things up", *[f"mkdir -p dir{b}/{k} && \\\n  touch dir{b}/{k}/file" for k in range(rng.randint(1, 3))], f"export B{b}=1"]
            )
            info = rng.choice(["sh", "bash", "shell", f"sh timeout={rng.randint(1, 9)}m"])
        elif kind == "dockerfile":
            body = f"FROM debian:12\nWORKDIR /app\nCOPY . .\nRUN echo {b}\nCMD [\"sh\", \"-c\", \"echo {b}\"]"
            info = "dockerfile"
        elif kind == "text":
            body = f"just some output {b}\nmore output"
            info = "text"
        elif kind == "python-file":
            annotation = f"<!-- doccheck: file=src/mod{b}.py -->"
            body = f"def f{b}():\n    return {b}\n"
            info = "python"
        elif kind == "skip":
            annotation = f'<!-- doccheck: skip="needs a cloud account ({b})" -->'
            body = f"$ az login --tenant t{b}"
            info = "console"
        else:
            body = f"no language {b}"
            info = ""
        where = rng.choice(["top", "top", "top", "list", "quote", "tilde"])
        if where == "list":
            out.append(f"{b + 1}. An item that holds block {b}:\n")
            if annotation:
                out.append(f"   {annotation}")
            out.append(fence(info, body, indent="   ") + "\n")
        elif where == "quote" and kind not in ("python-file", "skip"):
            out.append(f"> A quoted block {b}:\n>")
            out.append(fence(info, body, quote=True) + "\n")
        else:
            if annotation:
                out.append(annotation)
            out.append(fence(info, body, tilde=where == "tilde") + "\n")
        if rng.random() < 0.5:
            out.append(f"## Section {b}\n\nProse about block {b}: *emphasis*, `span`, and a list:\n\n- one\n- two\n")
    return "\n".join(out) + "\n"


def part_b(doccheck: Path, guides: int, work: Path, env) -> dict:
    base = fresh_dir(work, "b")
    paths = []
    for i in range(guides):
        p = base / f"guide-{i:04}.md"
        p.write_text(make_parse_guide(i))
        paths.append(p)
    # One check first: the listed plan has one step per block.
    first = measure([str(doccheck), str(paths[0]), "--list"], cwd=base, env=env, capture=True)
    m = re.search(r"(\d+) steps", first.output)
    steps_listed = int(m.group(1)) if m else None
    problem = ""
    if first.code != 0:
        problem = f"`doccheck GUIDE --list` exits {first.code}: {last_line(first.output)}"
    elif steps_listed != 50:
        problem = f"the listed plan has {steps_listed} steps, expected 50"
    walls, rss, cpu, failures = [], [], [], 0
    start = time.perf_counter()
    for p in paths:
        s = measure([str(doccheck), str(p), "--list"], cwd=base, env=env)
        walls.append(s.wall)
        rss.append(s.maxrss_kib)
        cpu.append(s.cpu)
        failures += s.code != 0
    total = time.perf_counter() - start
    size = sum(p.stat().st_size for p in paths)
    log(f"part b: {guides} guides in {total:.2f}s, median {median(walls) * 1000:.2f} ms, max RSS {max(rss)} KiB")
    return {
        "guides": guides,
        "blocks_per_guide": 50,
        "bytes_total": size,
        "total_s": total,
        "median_ms": median(walls) * 1000,
        "p90_ms": sorted(walls)[int(len(walls) * 0.9)] * 1000,
        "max_ms": max(walls) * 1000,
        "cpu_median_ms": median(cpu) * 1000,
        "maxrss_kib": max(rss),
        "median_rss_kib": median(rss),
        "failures": failures,
        "problem": problem,
        "sample_guide": str(paths[0]),
    }


# ---------------------------------------------------------------------------
# Part c: the Docker guide, doccheck against a plain bash script.
# ---------------------------------------------------------------------------

DOCKER_SCRIPT = r"""#!/usr/bin/env bash
# What docs/docker.md does, as a plain script, with the same local registries,
# readiness probes and cleanup doccheck uses. Generated by benches/run.py.
set -euo pipefail
: "${REPO:?}" "${GRPCURL:?}" "${APP_PORT:?}" "${HTTPS_PORT:?}" "${REG1:?}" "${REG2:?}" "${BENCH_DIR:?}"
ws=$(mktemp -d "$BENCH_DIR/docker-ws.XXXXXX")
regs=()
cid=
cid2=
built="$ws.built"
: >"$built"
cleanup() {
    set +e
    [ -n "$cid" ] && docker rm -f -v "$cid" >/dev/null
    [ -n "$cid2" ] && docker rm -f -v "$cid2" >/dev/null
    for tag in stockdata stockdata-https "127.0.0.1:$REG1/myorg/stockdata" "127.0.0.1:$REG2/myorg/stockdata"; do
        docker rmi "$tag" >/dev/null 2>&1
    done
    # The builds' earlier stages and layers (untagged), newest first, as doccheck does.
    for id in $(tac "$built"); do
        [ "$(docker image inspect --format '{{len .RepoTags}}' "$id" 2>/dev/null)" = 0 ] &&
            docker rmi "$id" >/dev/null 2>&1
    done
    for pid in "${regs[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
    rm -rf "$ws" "$ws".*
}
trap cleanup EXIT

# Base images: present, or their stand-ins are built (the cold case).
docker image inspect "$SDK" >/dev/null 2>&1 || bash "$REPO/scenarios/docker/standins/build.sh" sdk "$SDK" >/dev/null 2>&1
docker image inspect "$ASPNET" >/dev/null 2>&1 || bash "$REPO/scenarios/docker/standins/build.sh" aspnet "$ASPNET" >/dev/null 2>&1

# The reader's project: the sample solution, the guide's Dockerfile (also beside
# the .csproj, for the `--file` build) and .dockerignore.
cp -r "$REPO/scenarios/docker/fixture/." "$ws/"
cp "$BENCH_DIR/Dockerfile" "$ws/Dockerfile"
cp "$BENCH_DIR/Dockerfile" "$ws/src/StockData/Dockerfile"
cp "$BENCH_DIR/dockerignore" "$ws/.dockerignore"
sed 's|^# ENV ASPNETCORE_URLS=https://+:443|ENV ASPNETCORE_URLS=https://+:443|' "$BENCH_DIR/Dockerfile" >"$ws/Dockerfile.https"

# One registry per host the guide pushes to (docker.io and internal-registry:5000).
for port in "$REG1" "$REG2"; do
    mkdir -p "$ws.reg$port"
    cat >"$ws.reg$port.yml" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $ws.reg$port
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
EOF
    /usr/bin/docker-registry serve "$ws.reg$port.yml" >"$ws.reg$port.log" 2>&1 &
    regs+=($!)
done
for port in "$REG1" "$REG2"; do
    for _ in $(seq 800); do curl -sf "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.025; done
    curl -sf "http://127.0.0.1:$port/v2/" >/dev/null
done

cd "$ws"
docker build --force-rm --tag stockdata . >"$ws.build1" 2>&1 || { cat "$ws.build1" >&2; exit 1; }
grep -oE -- '---> [0-9a-f]{12}$' "$ws.build1" | cut -c6- >>"$built" || true
docker build --force-rm --tag stockdata --file src/StockData/Dockerfile . >"$ws.build2" 2>&1 || { cat "$ws.build2" >&2; exit 1; }
grep -oE -- '---> [0-9a-f]{12}$' "$ws.build2" | cut -c6- >>"$built" || true

# `docker run -ti -p 5000:80 stockdata`, detached, until gRPC answers.
cid=$(docker run -d -p "127.0.0.1:$APP_PORT:80" stockdata)
ready=
for _ in $(seq 600); do
    if "$GRPCURL" "127.0.0.1:$APP_PORT" health >/dev/null 2>&1; then ready=1; break; fi
    sleep 0.1
done
[ -n "$ready" ] || { echo "the service never answered the gRPC health check" >&2; exit 1; }
# (Into a variable first: `grpcurl | grep -q` would break grpcurl's pipe under pipefail.)
answer=$("$GRPCURL" "127.0.0.1:$APP_PORT" src/StockData/Protos/stocks.proto stocks.Stocks/Get '{"id": 1}')
grep -q MSFT <<<"$answer"

accept='application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json'
for port in "$REG1" "$REG2"; do
    docker tag stockdata "127.0.0.1:$port/myorg/stockdata"
    docker push "127.0.0.1:$port/myorg/stockdata" >/dev/null
    head=$(curl -sfI -H "Accept: $accept" "http://127.0.0.1:$port/v2/myorg/stockdata/manifests/latest")
    grep -qi docker-content-digest <<<"$head"
done

# The scenario's HTTPS variant: the Dockerfile with the fragment uncommented
# (written before the first build, as doccheck does, so the builds share one
# context), refused without a certificate, then served over TLS.
docker build --force-rm --tag stockdata-https --file Dockerfile.https . >"$ws.build3" 2>&1 || { cat "$ws.build3" >&2; exit 1; }
grep -oE -- '---> [0-9a-f]{12}$' "$ws.build3" | cut -c6- >>"$built" || true
refused=0
docker run --rm stockdata-https >"$ws.refusal" 2>&1 || refused=$?
[ "$refused" = 134 ] && grep -q "Unable to configure HTTPS endpoint" "$ws.refusal"
cid2=$(docker run -d -p "127.0.0.1:$HTTPS_PORT:443" -v "$PWD/https:/https:ro" \
    -e ASPNETCORE_Kestrel__Certificates__Default__Path=/https/stockdata.pfx \
    -e ASPNETCORE_Kestrel__Certificates__Default__Password=doccheck-dev stockdata-https)
ready=
for _ in $(seq 600); do
    if "$GRPCURL" -cacert https/ca.crt "localhost:$HTTPS_PORT" health >/dev/null 2>&1; then ready=1; break; fi
    sleep 0.1
done
[ -n "$ready" ] || { echo "the HTTPS variant never answered the gRPC health check" >&2; exit 1; }
answer=$("$GRPCURL" -cacert https/ca.crt "localhost:$HTTPS_PORT" src/StockData/Protos/stocks.proto stocks.Stocks/Get '{"id": 3}')
grep -q AMZN <<<"$answer"
echo "docker guide: ok"
"""


def extract_blocks(markdown: str) -> list[tuple[str, str]]:
    """(info, body) of each top-level ``` fence of a markdown file."""
    blocks = []
    for m in re.finditer(r"^```([^\n]*)\n(.*?)^```\s*$", markdown, re.M | re.S):
        blocks.append((m.group(1).strip(), m.group(2)))
    return blocks


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def docker_ok(*args: str) -> bool:
    return subprocess.run(["docker", *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0


def wait_for_other_docker_tests(limit_s: float = 1800) -> float:
    """Waits until no container of another doccheck run exists; returns the seconds waited."""
    start = time.perf_counter()
    announced = False
    while True:
        out = subprocess.run(["docker", "ps", "-q", "--filter", "label=doccheck.run"],
                             capture_output=True, text=True).stdout.strip()
        if not out:
            return time.perf_counter() - start
        if not announced:
            log("waiting: containers of another doccheck run are on the daemon")
            announced = True
        if time.perf_counter() - start > limit_s:
            raise RuntimeError("containers labelled doccheck.run did not go away in 30 minutes")
        time.sleep(2)


def remove_standins() -> str:
    """Removes the stand-in base images (cold case); returns a problem or ''."""
    for image in (SDK, ASPNET):
        if docker_ok("image", "inspect", image):
            labels = subprocess.run(["docker", "image", "inspect", "--format", "{{json .Config.Labels}}", image],
                                    capture_output=True, text=True).stdout
            if "doccheck" not in labels:
                return f"{image} is present and is not a doccheck stand-in: the cold case would remove a real image"
            subprocess.run(["docker", "rmi", image], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if docker_ok("image", "inspect", image):
                return f"cannot remove {image} (in use by another run?)"
    return ""


def part_c(doccheck: Path, work: Path, env, cold_runs: int, warm_runs: int) -> dict:
    result: dict = {"problem": "", "cold": {}, "warm": {}}
    if shutil.which("docker") is None or not docker_ok("info"):
        result["problem"] = "no Docker daemon answers `docker info`"
        return result
    if not Path("/usr/bin/docker-registry").exists():
        result["problem"] = "Debian's docker-registry is not installed (bash .ci/setup installs it)"
        return result
    base = fresh_dir(work, "c")
    blocks = extract_blocks((REPO / "docs" / "docker.md").read_text())
    dockerfile = next(b for i, b in blocks if "FROM mcr.microsoft.com/dotnet/core/sdk:3.0 as builder" in b)
    ignore = next(b for i, b in blocks if re.search(r"^bin/$", b, re.M))
    (base / "Dockerfile").write_text(dockerfile)
    (base / "dockerignore").write_text(ignore)
    script = base / "docker-guide.sh"
    script.write_text(DOCKER_SCRIPT)
    log("building the grpcurl probe example (untimed)")
    built = subprocess.run(["cargo", "build", "-q", "--release", "-p", "doccheck-probe", "--example", "grpcurl"],
                           cwd=REPO, capture_output=True, text=True)
    grpcurl_src = REPO / "target" / "release" / "examples" / "grpcurl"
    if built.returncode != 0 or not grpcurl_src.exists():
        result["problem"] = "cannot build the grpcurl probe example: " + last_line(built.stderr)
        return result
    grpcurl = work / "bin" / "grpcurl"
    shutil.copy2(grpcurl_src, grpcurl)

    def script_run() -> Sample:
        e = dict(env, REPO=str(REPO), GRPCURL=str(grpcurl), APP_PORT=str(free_port()), HTTPS_PORT=str(free_port()),
                 REG1=str(free_port()), REG2=str(free_port()), BENCH_DIR=str(base), SDK=SDK, ASPNET=ASPNET)
        return measure(["bash", str(script)], cwd=base, env=e, capture=True, timeout=1800)

    def doccheck_run() -> Sample:
        return measure([str(doccheck), "docs/docker.md"], cwd=REPO, env=env, capture=True, timeout=1800)

    runners = {"doccheck": doccheck_run, "bash script": script_run}
    waited = wait_for_other_docker_tests()
    result["waited_s"] = waited
    # Cold: the stand-ins are removed before every run; doccheck's run goes
    # last in each round so the images left for the warm case carry the label
    # doccheck's cache looks for.
    for label, runs in (("cold", cold_runs), ("warm", warm_runs)):
        samples = {name: [] for name in runners}
        result[label] = samples  # filled in as the runs go: a failure keeps what was measured
        for round_ in range(runs + (1 if label == "warm" else 0)):
            for name in ("bash script", "doccheck"):
                wait_for_other_docker_tests()
                if label == "cold":
                    problem = remove_standins()
                    if problem:
                        result["problem"] = "cold case: " + problem
                        return result
                s = runners[name]()
                if s.code != 0:
                    result["problem"] = f"{label}: {name} failed (exit {s.code}): {s.output[-1500:]}"
                    log(result["problem"])
                    return result
                if label == "cold" or round_ > 0:  # warm: the first round is the warm-up
                    samples[name].append(s.wall)
                log(f"  docker {label:4} {name:12} {s.wall:7.1f} s")
    return result


# ---------------------------------------------------------------------------
# The report.
# ---------------------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kib = next((int(l.split()[1]) for l in Path("/proc/meminfo").read_text().splitlines()
                    if l.startswith("MemTotal")), 0)
    mem = f"{mem_kib / 1024 / 1024:.1f} GiB"
    distro = ""
    if Path("/etc/os-release").exists():
        m = re.search(r'^PRETTY_NAME="?([^"\n]*)', Path("/etc/os-release").read_text(), re.M)
        distro = m.group(1) if m else ""
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": mem,
        "kernel": f"{platform.system()} {platform.release()}",
        "os": distro,
        "python": platform.python_version(),
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "load_start": LOAD_AT_START,
    }


def fit(ns: list[int], ts: list[float]) -> tuple[float, float]:
    """Least-squares t = a + b*N: (fixed cost a, marginal cost per step b)."""
    k = len(ns)
    mx, my = sum(ns) / k, sum(ts) / k
    sxx = sum((x - mx) ** 2 for x in ns)
    b = sum((x - mx) * (y - my) for x, y in zip(ns, ts)) / sxx if sxx else float("nan")
    return my - b * mx, b


def ms(seconds: float) -> str:
    if seconds != seconds:  # NaN
        return "-"
    v = seconds * 1000
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:.1f}" if abs(v) >= 1 else f"{v:.3f}"


def plot(results: dict, tools: list[Tool], ns: list[int], path: Path, python_ok: bool) -> str:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as e:
        return f"no plot: matplotlib cannot be imported ({e})"
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.8))
    palette = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    colour = {t.name: palette[i % len(palette)] for i, t in enumerate(tools)}
    bash = {n: median(results["bash"][n]["samples"]) for n in ns}
    for t in tools:
        pts = [(n, median(results[t.name][n]["samples"])) for n in ns if results[t.name][n]["samples"]]
        if not pts:
            continue
        style = dict(marker="o", color=colour[t.name], linewidth=2.5 if t.name == "doccheck" else 1.5)
        left.plot([p[0] for p in pts], [p[1] for p in pts], label=t.name, **style)
        if not t.name.startswith("bash"):
            over = [(n, (v - bash[n]) / n * 1000) for n, v in pts]
            over = [(n, v) for n, v in over if v > 0]
            if over:
                right.plot([p[0] for p in over], [p[1] for p in over], label=t.name, **style)
    for ax in (left, right):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("N (shell steps)")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    left.set_ylabel("median wall time (s)")
    left.set_title("Wall time vs N (log-log)")
    right.set_ylabel("(t - t_bash) / N  (ms per step)")
    right.set_title("Per-step overhead over bash")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return ""


def report(args, info, tools, ns, a, b, c, plot_path: Path, plot_problem: str, elapsed: float, date: str) -> str:
    L: list[str] = []
    w = L.append
    w("# Benchmarks\n")
    w(f"Generated by `{args.command}` on {date} "
      f"({elapsed:.0f} s). Every number below comes from that one run on one machine; "
      "ratios are against the bash baseline measured in the same run, with the tools' runs interleaved "
      "(each round runs every tool once, in a shuffled order), so machine noise falls on all of them alike.\n")
    w("## Machine\n")
    w("| | |\n| --- | --- |")
    for k in ("cpu", "cores", "memory", "kernel", "os", "python", "load_start", "load"):
        label = {"load_start": "load average (1/5/15 min) at the start", "load": "load average at the end"}.get(k, k)
        w(f"| {label} | {info[k]} |")
    w("")
    w("## Tools\n")
    w("| tool | version | passes its generated file | fails on a wrong expected output | notes |")
    w("| --- | --- | --- | --- | --- |")
    for t in tools:
        entries = a.get(t.name, {})
        fails = [f"N={n}: {e['problem']}" for n, e in entries.items() if e.get("problem")]
        passes = "n/a" if t.problem else ("yes" if not fails else "no")
        wrong_ = entries.get(ns[0], {}).get("detects_wrong_output")
        wrong_s = "-" if t.name == "bash" else ("yes" if wrong_ else "no" if wrong_ is False else "-")
        note = t.problem or "; ".join(fails)
        w(f"| {t.name} | {t.version or '-'} | {passes} | {wrong_s} | {note.replace('|', '/')} |")
    w("")
    w(textwrap.dedent("""\
        Formats, all generated from the same list of steps (`make_steps` in `benches/run.py`):
        doccheck, a `console` transcript block per step (`$ cmd` then the expected output);
        bash, the commands in one script under `set -e`, output to /dev/null (the floor);
        "bash, checked", the same with each checked command compared as `[ "$(cmd)" = 'expected' ]`;
        byexample, ` ```shell ` blocks of `$ cmd` + output (`-l shell`, bash);
        tesh, ` ```bash tesh-session="bench" ` blocks; prysk, one `.t` file (`--shell /bin/bash`);
        scrut, ` ```scrut ` blocks (`scrut test`). The steps cycle through six kinds: `/bin/echo step K` (checked),
        `export VK=value-K`, `mkdir -p subK && cd subK`, `printf '%s\\n' "$VK"` (checked: the export carried),
        `basename "$PWD"` (checked: the `cd` carried) and `cd .. && test -d subK`. Before timing, each tool
        must pass on its file and (at the smallest N) fail on a copy whose first expected output is wrong.
        """))
    w("## a. N shell steps\n")
    runs = args.runs
    w(f"Median wall time of {runs} runs after a warm-up (the check run above). "
      "Overhead = (t - t_bash) / N. CPU = user + sys of the tool and the processes it waited for (median).\n")
    bash = {n: median(a["bash"][n]["samples"]) for n in ns}
    for n in ns:
        w(f"### N = {n}\n")
        w("| tool | median wall (ms) | × bash | overhead per step (ms) | median CPU (ms) | runs |")
        w("| --- | ---: | ---: | ---: | ---: | ---: |")
        for t in tools:
            e = a[t.name][n]
            if not e["samples"]:
                w(f"| {t.name} | not timed: {e['problem'] or t.problem} | | | | 0 |")
                continue
            m = median(e["samples"])
            ratio = m / bash[n] if bash[n] else float("nan")
            over = "—" if t.name == "bash" else f"{(m - bash[n]) / n * 1000:.2f}"
            w(f"| {t.name} | {ms(m)} | {ratio:.1f} | {over} | {ms(median(e['cpu']))} | {len(e['samples'])} |")
        w("")
    if len(ns) > 1:
        w("### Growth with N\n")
        w("Fixed and marginal cost from a least-squares line t = fixed + N × per-step through the medians "
          "(the line is dominated by N = 1000; a negative fixed cost means the cost per step grows with N); "
          "the growth columns are ratios of medians (10 = linear in N once the fixed cost is small).\n")
        head = " | ".join(f"t(N={n}) ms" for n in ns)
        grow = " | ".join(f"t({ns[i + 1]})/t({ns[i]})" for i in range(len(ns) - 1))
        w(f"| tool | {head} | {grow} | fixed (ms) | per step (ms) | per step − bash's (ms) |")
        w("|---" * (1 + len(ns) + len(ns) - 1 + 3) + "|")
        _, bash_slope = fit(ns, [bash[n] for n in ns])
        for t in tools:
            meds = [median(a[t.name][n]["samples"]) for n in ns]
            if any(x != x for x in meds):
                continue
            fixed, slope = fit(ns, meds)
            cells = " | ".join(ms(x) for x in meds)
            g = " | ".join(f"{meds[i + 1] / meds[i]:.1f}" for i in range(len(ns) - 1))
            extra = "—" if t.name == "bash" else f"{(slope - bash_slope) * 1000:.2f}"
            w(f"| {t.name} | {cells} | {g} | {ms(fixed)} | {slope * 1000:.3f} | {extra} |")
        w("")
    if plot_problem:
        w(f"({plot_problem})\n")
    else:
        rel = os.path.relpath(plot_path, Path(args.out).resolve().parent)
        w(f"![wall time and per-step overhead vs N, log-log]({rel})\n")
    w("## b. Parse and plan only: `doccheck GUIDE --list`\n")
    if b.get("problem"):
        w(f"**Problem:** {b['problem']}\n")
    w(f"{b['guides']} generated guides of {b['blocks_per_guide']} blocks each ({b['bytes_total'] / 1024:.0f} KiB in all): "
      "`console` transcripts, bare `sh`/`bash`/`shell` commands (some with `timeout=`), `dockerfile`, `text`, "
      "no-language blocks, `python` blocks with `<!-- doccheck: file=... -->`, `skip=` annotations, "
      "blocks inside numbered list items, blockquotes and `~~~` fences, prose and headings between them. "
      "One `doccheck GUIDE --list` process per guide, run one after another.\n")
    w("| guides | total (s) | median per guide (ms) | p90 (ms) | max (ms) | median CPU (ms) | peak RSS of one process (MiB) | median RSS (MiB) | failures |")
    w("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    w(f"| {b['guides']} | {b['total_s']:.2f} | {b['median_ms']:.2f} | {b['p90_ms']:.2f} | {b['max_ms']:.2f} | "
      f"{b['cpu_median_ms']:.2f} | {b['maxrss_kib'] / 1024:.1f} | {b['median_rss_kib'] / 1024:.1f} | {b['failures']} |")
    w("\nPeak memory is `ru_maxrss` from `wait4` on each doccheck process (the largest of them).\n")
    w("## c. The Docker guide end to end\n")
    if c is None:
        w("Not run (`--quick` or `--skip-docker`).\n")
    else:
        w(textwrap.dedent("""\
            `doccheck docs/docker.md` against `docker-guide.sh` (generated into the work directory from
            `DOCKER_SCRIPT` in `benches/run.py`), which does the same Docker work with no checker around it:
            write the guide's Dockerfile (at the root and beside the `.csproj`) and `.dockerignore` into a copy
            of `scenarios/docker/fixture`; start two Debian `docker-registry serve` processes on free loopback
            ports (one per host the guide pushes to, as doccheck does); both `docker build`s; `docker run -d -p
            PORT:80`; poll the gRPC health check (the `doccheck-probe` grpcurl example, built once beforehand)
            until it answers, then one `stocks.Stocks/Get` call; `docker tag` + `docker push` to each registry
            and a manifest HEAD through the registry's API; the scenario's HTTPS variant (the Dockerfile with its
            HTTPS line uncommented, written before the first build: built, `docker run --rm` refused with exit 134,
            then run with the fixture's development certificate and probed over TLS until the health check and
            one call answer); then remove the containers, the tags and the builds'
            untagged stages (as doccheck's cleanup does) and stop the registries. Base images missing are built
            with `scenarios/docker/standins/build.sh`, like doccheck does. Cold = the two stand-in base images
            removed before each run (both tools rebuild them: two `docker build`s; the stand-ins' Rust
            binaries stay in the kept `scenarios/docker/standins/target`, so no compile); warm = present. Before part c, and before each
            run, the script waits until no container labelled `doccheck.run` (another person's Docker test)
            is on the daemon.
            """))
        if c.get("problem"):
            w(f"**Problem:** {c['problem']}\n")
        rows = []
        for case in ("cold", "warm"):
            s = c.get(case) or {}
            d, sh = s.get("doccheck", []), s.get("bash script", [])
            if d and sh:
                rows.append(f"| {case} | {median(d):.1f} | {median(sh):.1f} | {median(d) / median(sh):.2f} | "
                            f"{median(d) - median(sh):+.1f} | {len(d)} / {len(sh)} |")
        if rows:
            w("| case | doccheck median (s) | bash script median (s) | × script | doccheck − script (s) | runs |")
            w("| --- | ---: | ---: | ---: | ---: | ---: |")
            L.extend(rows)
            w("")
            for case in ("cold", "warm"):
                s = c.get(case) or {}
                for name, v in s.items():
                    w(f"- {case}, {name}: " + ", ".join(f"{x:.1f}" for x in v) + " s")
            w("")
    profile = Path(__file__).resolve().parent / "PROFILE.md"
    if profile.exists():
        w(profile.read_text().strip() + "\n")
    return "\n".join(L) + "\n"


def render(raw: dict, out: Path, plot_path: Path) -> None:
    """Writes the markdown report from the raw results (results.json)."""
    ns = raw["ns"]
    tools = [Tool(name, "", None, None, version=t["version"], problem=t["problem"]) for name, t in raw["tools"].items()]
    a = {k: {int(n): e for n, e in v.items()} for k, v in raw["a"].items()}
    args = argparse.Namespace(command=raw["command"], runs=raw["runs"], out=str(out))
    text = report(args, raw["machine"], tools, ns, a, raw["b"], raw["c"], plot_path, raw.get("plot_problem", ""),
                  raw.get("elapsed_s", 0), raw.get("date", "?"))
    extra = raw.get("versions_extra") or {}
    text = text.replace("## a. N shell steps", "Also used: " + "; ".join(f"{k} {v}" for k, v in extra.items())
                        + ".\n\n## a. N shell steps", 1)
    if raw.get("c_command"):
        text = text.replace("## c. The Docker guide end to end\n",
                            "## c. The Docker guide end to end\n\n"
                            f"Measured apart from parts a and b: `{raw['c_command']}` on {raw['c_date']}"
                            f" ({raw['c_doccheck']}).\n", 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="smoke check: N=10, 2 runs, 20 guides in part b, no part c")
    parser.add_argument("--out", help="the markdown report (default docs/benchmarks.md; with --quick, WORK/benchmarks-quick.md)")
    parser.add_argument("--work", default=os.environ.get("BENCH_WORK") or "/tmp/dcbench",
                        help="scratch directory for the venv, scrut, generated files ($BENCH_WORK)")
    parser.add_argument("--doccheck", help="doccheck binary (default: target/release/doccheck, built if missing)")
    parser.add_argument("--runs", type=int, help="timed runs per tool and N (default 5; --quick 2)")
    parser.add_argument("--ns", help="comma-separated step counts (default 10,100,1000; --quick 10)")
    parser.add_argument("--guides", type=int, help="guides in part b (default 1000; --quick 20)")
    parser.add_argument("--docker-cold-runs", type=int, default=3)
    parser.add_argument("--docker-warm-runs", type=int, default=5)
    parser.add_argument("--skip-docker", action="store_true", help="leave out part c")
    parser.add_argument("--only-docker", action="store_true",
                        help="measure part c alone and put it into the last results.json and the report")
    parser.add_argument("--setup-only", action="store_true", help="install the peer tools and stop")
    parser.add_argument("--render-only", action="store_true",
                        help="measure nothing: rewrite the report from the results.json beside the plot "
                             "(after editing benches/PROFILE.md, say)")
    args = parser.parse_args()
    started = time.perf_counter()
    if args.render_only:
        out = Path(args.out).resolve() if args.out else REPO / "docs" / "benchmarks.md"
        plot_path = (REPO / "benches" / "results" / "overhead.png" if out == REPO / "docs" / "benchmarks.md"
                     else out.parent / "results" / "overhead.png")
        raw = json.loads((plot_path.parent / "results.json").read_text())
        render(raw, out, plot_path)
        try:  # the plot too, where matplotlib is at hand (the bench venv's python)
            import matplotlib  # noqa: F401

            tools = [Tool(name, "", None, None) for name in raw["tools"]]
            a = {k: {int(n): e for n, e in v.items()} for k, v in raw["a"].items()}
            plot(a, tools, raw["ns"], plot_path, True)
        except ImportError:
            pass
        log("wrote", out)
        return 0
    work = Path(args.work).resolve()
    (work / "bin").mkdir(parents=True, exist_ok=True)

    # The PyPI tools and matplotlib live in WORK/venv: run inside it.
    problems = {}
    if Path(sys.prefix).resolve() != (work / "venv").resolve():
        problems = ensure_venv(work)
        if venv_python(work).exists():
            os.environ["DOCCHECK_BENCH_PIP_PROBLEMS"] = json.dumps(problems)
            os.execv(str(venv_python(work)), [str(venv_python(work)), __file__, *sys.argv[1:]])
    problems = json.loads(os.environ.get("DOCCHECK_BENCH_PIP_PROBLEMS") or json.dumps(problems))
    scrut, scrut_problem = ensure_scrut(work, install=not (args.quick or args.only_docker))
    if scrut_problem:
        problems["scrut"] = scrut_problem
    if args.setup_only:
        log("setup done", problems or "")
        return 0

    ns = [int(x) for x in (args.ns or ("10" if args.quick else "10,100,1000")).split(",")]
    args.runs = args.runs or (2 if args.quick else 5)
    guides = args.guides or (20 if args.quick else 1000)
    default_out = work / "benchmarks-quick.md" if args.quick else REPO / "docs" / "benchmarks.md"
    args.out = str(Path(args.out).resolve() if args.out else default_out)
    plot_path = (REPO / "benches" / "results" / "overhead.png"
                 if Path(args.out) == REPO / "docs" / "benchmarks.md"
                 else Path(args.out).parent / "results" / "overhead.png")
    args.command = "python3 benches/run.py" + "".join(
        f" {a}" for a in sys.argv[1:] if not a.startswith("--work"))

    # Build the working tree's doccheck, then use a private copy of the binary:
    # others may rebuild target/ during the run.
    source = Path(args.doccheck) if args.doccheck else REPO / "target" / "release" / "doccheck"
    build_note = ""
    if not args.doccheck:
        log("cargo build --release -p doccheck")
        built = subprocess.run(["cargo", "build", "-q", "--release", "-p", "doccheck"], cwd=REPO,
                               capture_output=True, text=True)
        if built.returncode != 0:
            if not source.exists():
                log("cannot build doccheck:", built.stderr[-2000:])
                return 2
            build_note = "; the working tree did not build, so the last built binary was used"
    doccheck = work / "bin" / "doccheck"
    shutil.copy2(source, doccheck)
    built_at = datetime.datetime.fromtimestamp(source.stat().st_mtime).strftime("%Y-%m-%d %H:%M")

    env = bench_env()
    tools = make_tools(work, doccheck, scrut, {k: v for k, v in problems.items() if k != "matplotlib"})
    tool_versions(tools, work, doccheck, scrut)
    for t in tools:
        if t.name == "doccheck":
            t.version += f", binary built {built_at}{build_note}"
    for t in tools:
        log(f"{t.name}: {t.version}" + (f"  [{t.problem}]" if t.problem else ""))

    if args.only_docker:
        raw = json.loads((plot_path.parent / "results.json").read_text())
        raw["c"] = part_c(doccheck, work, env, args.docker_cold_runs, args.docker_warm_runs)
        raw["c_command"] = args.command
        raw["c_date"] = datetime.date.today().isoformat()
        raw["c_doccheck"] = next(t.version for t in tools if t.name == "doccheck")
        (plot_path.parent / "results.json").write_text(json.dumps(raw, indent=1) + "\n")
        render(raw, Path(args.out), plot_path)
        log("wrote", args.out)
        return 0

    a = part_a(tools, ns, args.runs, work, env)
    b = part_b(doccheck, guides, work, env)
    c = None
    if not (args.quick or args.skip_docker):
        try:
            c = part_c(doccheck, work, env, args.docker_cold_runs, args.docker_warm_runs)
        except Exception as e:  # noqa: BLE001 - reported in the results, not lost
            c = {"problem": f"part c stopped: {e}", "cold": {}, "warm": {}}
    plot_problem = plot(a, tools, ns, plot_path, True)
    info = machine()
    versions_extra = {
        "docker": version_of(["docker", "version", "--format", "client {{.Client.Version}}, server {{.Server.Version}}"]),
        "docker-registry": version_of(["/usr/bin/docker-registry", "--version"]),
    }
    raw = {"machine": info, "command": args.command, "ns": ns, "runs": args.runs,
           "date": datetime.date.today().isoformat(), "elapsed_s": time.perf_counter() - started,
           "versions_extra": versions_extra, "plot_problem": plot_problem,
           "tools": {t.name: {"version": t.version, "problem": t.problem} for t in tools},
           "a": {k: {str(n): e for n, e in v.items()} for k, v in a.items()}, "b": b, "c": c}
    (plot_path.parent / "results.json").write_text(json.dumps(raw, indent=1) + "\n")
    render(raw, Path(args.out), plot_path)
    log("wrote", args.out, "and", plot_path)
    # The smoke check: exit 0 when the harness ran and doccheck itself passed everything it was given.
    ok = all(a["doccheck"][n]["samples"] and not a["doccheck"][n]["problem"] for n in ns)
    ok = ok and not b.get("problem") and b["failures"] == 0
    ok = ok and all(a["bash"][n]["samples"] for n in ns)
    if not ok:
        log("FAILED: doccheck or the bash baseline did not pass (see the report)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
