#!/usr/bin/env python3
"""poclint benchmark (issue #7): poclint against the cmark-gfm parse+walk floor.

Python 3 standard library only. `make bench` builds the release binary and runs this script;
it can also be run directly (the binary must exist):

    python3 bench/run.py                       # every section; rewrites docs/performance.md
    python3 bench/run.py --only corpus,latency # a quick re-run of some sections
    BENCH_RUNS=9 POCLINT=.build-x/release/poclint python3 bench/run.py

Sections: corpus (throughput and memory against the floor), latency (one application end to
end, and in process), scaling (1/5/10 MB), adversarial (cmark-gfm's bench samples), peers
(pymarkdown, proselint, mdl when installed), lsp (re-lint after a change).

Environment:
    POCLINT             the binary to measure (default .build/release/poclint)
    BENCH_RUNS          rounds per timed measure, median taken (default 5)
    BENCH_LATENCY_RUNS  process start-to-exit runs for the latency (default 50)
    BENCH_LSP_CHANGES   didChange notifications per LSP measure (default 50)
    BENCH_PEER_RUNS     rounds for the peers, which are slow (default 1)
    BENCH_CORPUS        the corpus folder (default ../shared/corpus, else /work/shared/corpus)
    BENCH_OUT           where results.json goes (default bench-results)
    BENCH_COMMIT        what the binary was built from, for the record (default: this
                        repository's HEAD, marked when Sources/ has uncommitted changes)
    CC                  C compiler for the floor (default gcc)

Output: a table on standard output, bench-results/results.json (merged with the sections of
earlier runs when only some are re-run) and, after a full run or with --docs,
docs/performance.md. A missed goal never fails the run; a crash of poclint or of the floor
(a signal, an unexpected exit status, a timeout where none is expected) exits 1.
"""
import argparse
import datetime
import json
import math
import os
import platform
import re
import select
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECTIONS = ["corpus", "latency", "scaling", "adversarial", "peers", "lsp"]
FIXTURE = os.path.join(ROOT, "fixtures", "excellent-claims-drafting.md")
MB = 1_000_000          # throughput and file sizes: decimal megabytes
MIB = 1024 * 1024       # memory: ru_maxrss is in KiB, reported in MiB

GOALS = {
    "corpus_ratio": 1.5,            # poclint wall time / floor wall time, same rounds
    "corpus_rss_mib": 20.0,         # peak RSS of poclint over the whole corpus
    "latency_ms": 10.0,             # one application, process start to exit
    "inprocess_ms": 1.0,            # one application, lint in process (estimate)
    "scaling_ratio": 11.0,          # time(10 MB) / time(1 MB)
    "adversarial_ms": 50.0,         # slowest single adversarial sample
    "lsp_relint_ms": 2.0,           # pull diagnostics after a full-text change
    "lsp_push_ms": 50.0,            # pushed diagnostics after an isolated change
}


class Crash(Exception):
    """A measured command crashed: `make bench` must fail."""


def env_int(name, default):
    try:
        return max(1, int(os.environ.get(name, default)))
    except ValueError:
        sys.exit(f"bench: {name} must be a number")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------
# Running and timing one child process
# --------------------------------------------------------------------------------------

class Timed:
    def __init__(self, wall, cpu, rss_kib, status, stderr, timed_out):
        self.wall = wall            # seconds, fork to reap
        self.cpu = cpu              # user + system seconds of the child
        self.rss_kib = rss_kib      # peak resident set (ru_maxrss), KiB
        self.status = status        # exit code, or -signal
        self.stderr = stderr
        self.timed_out = timed_out


def gnu_time():
    """GNU time, when installed: it reports the child's own peak RSS. ru_maxrss from wait4 on
    a child of this Python process would not do: Linux carries the peak RSS across exec, so a
    forked child starts with the RSS of this (large) Python process."""
    exe = "/usr/bin/time"
    if not os.access(exe, os.X_OK):
        return None
    try:
        r = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return exe if "GNU" in (r.stdout + r.stderr) else None


GNU_TIME = gnu_time()


def run_timed(cmd, ok=(0,), timeout=None, stdout=None, what=None, cwd=None):
    """Runs cmd in its own process group and reaps it with wait4: wall clock, user+sys time
    (of cmd; GNU time's own share is negligible) and peak RSS (from GNU time when installed).
    Raises Crash unless the exit status is in `ok`; a timeout (when given) kills the group and
    is returned, not raised."""
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile(prefix="time-") as rss:
        full = [GNU_TIME, "-f", "%M", "-o", rss.name, *cmd] if GNU_TIME else list(cmd)
        out = stdout if stdout is not None else subprocess.DEVNULL
        t0 = time.perf_counter()
        p = subprocess.Popen(full, stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=cwd,
                             start_new_session=True)
        timer = None
        fired = []
        if timeout:
            def kill():
                fired.append(True)
                try:
                    os.killpg(p.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            timer = threading.Timer(timeout, kill)
            timer.start()
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        if timer:
            timer.cancel()
        p.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
        code, rss_kib = p.returncode, ru.ru_maxrss
        if GNU_TIME and not fired:
            report = open(rss.name, encoding="utf-8", errors="replace").read()
            m = re.search(r"terminated by signal (\d+)", report)
            if m:
                code = -int(m.group(1))
            nums = re.findall(r"^(\d+)\s*$", report, re.M)
            rss_kib = int(nums[-1]) if nums else 0
    t = Timed(wall, ru.ru_utime + ru.ru_stime, rss_kib, code, text, bool(fired))
    if t.timed_out:
        return t
    if t.status not in ok:
        name = what or os.path.basename(cmd[0])
        kind = f"signal {-t.status}" if t.status < 0 else f"exit status {t.status}"
        tail = "\n".join(text.strip().splitlines()[-5:])
        raise Crash(f"{name} failed with {kind}: {shlex.join(cmd[:6])}{' ...' if len(cmd) > 6 else ''}\n{tail}")
    return t


def median(xs):
    return statistics.median(xs) if xs else None


def arg_batches(prefix, files):
    """Splits files into command lines that fit well under ARG_MAX (environment included)."""
    try:
        limit = os.sysconf("SC_ARG_MAX")
    except (ValueError, OSError):
        limit = 131072
    envsize = sum(len(k) + len(v) + 2 for k, v in os.environ.items())
    budget = (limit - envsize) // 2
    base = sum(len(a) + 1 + 8 for a in prefix)
    batches, cur, size = [], [], base
    for f in files:
        n = len(f.encode()) + 1 + 8   # the string, its NUL and its argv pointer
        if cur and size + n > budget:
            batches.append(cur)
            cur, size = [], base
        cur.append(f)
        size += n
    if cur:
        batches.append(cur)
    return batches


# --------------------------------------------------------------------------------------
# The tools
# --------------------------------------------------------------------------------------

class Tools:
    def __init__(self, poclint, parsewalk):
        self.poclint = poclint
        self.parsewalk = parsewalk

    def lint_cmd(self, files, fmt="json"):
        return [self.poclint, "lint", "--format", fmt, "--fail-on", "never", *files]

    def floor(self, files, listfile=None, timeout=None):
        if listfile:
            return run_timed([self.parsewalk, "-l", listfile], timeout=timeout, what="parsewalk")
        return run_timed([self.parsewalk, *files], timeout=timeout, what="parsewalk")

    def lint(self, files, ok=(0, 2), timeout=None, stdout=None):
        """Times poclint over files (in batches if the command line would be too long); the
        batches' times are summed and their peak memory is the largest."""
        total = Timed(0.0, 0.0, 0, 0, "", False)
        for batch in arg_batches(self.lint_cmd([]), files):
            t = run_timed(self.lint_cmd(batch), ok=ok, timeout=timeout, stdout=stdout, what="poclint")
            total.wall += t.wall
            total.cpu += t.cpu
            total.rss_kib = max(total.rss_kib, t.rss_kib)
            total.stderr += t.stderr
            total.timed_out |= t.timed_out
            if t.status != 0:
                total.status = t.status
            if t.timed_out:
                break
        return total


def build_floor(outdir):
    cc = os.environ.get("CC", "gcc")
    src = os.path.join(ROOT, "bench", "parsewalk.c")
    exe = os.path.join(outdir, "parsewalk")
    cmd = [cc, "-O2", "-o", exe, src, "-lcmark-gfm", "-lcmark-gfm-extensions"]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise Crash(f"cannot build the floor: {shlex.join(cmd)}\n{r.stderr}")
    return exe


def rejected_files(stderr):
    """Paths poclint reported on stderr as unreadable or not text ('poclint: PATH: why')."""
    out = []
    for line in stderr.splitlines():
        m = re.match(r"poclint: (.+?): (.*)$", line)
        if m and not m.group(1).endswith("linted") and os.path.exists(m.group(1)):
            out.append({"path": m.group(1), "reason": m.group(2)})
    return out


def interleaved(runs, measures):
    """measures: {name: thunk returning Timed}. Runs every measure once per round, the order
    rotating each round. Returns {name: [Timed]}."""
    names = list(measures)
    out = {n: [] for n in names}
    for r in range(runs):
        order = names[r % len(names):] + names[:r % len(names)]
        for n in order:
            out[n].append(measures[n]())
    return out


def summary(samples):
    walls = [s.wall for s in samples]
    cpus = [s.cpu for s in samples]
    return {
        "wall_s": median(walls), "wall_min_s": min(walls), "walls_s": [round(w, 4) for w in walls],
        "cpu_s": median(cpus), "cpus_s": [round(c, 4) for c in cpus],
        "peak_rss_mib": max(s.rss_kib for s in samples) / 1024,
    }


def paired_ratio(a, b, key):
    """Median of per-round ratios a[i]/b[i]: robust when the machine's load drifts."""
    return median([getattr(x, key) / getattr(y, key) for x, y in zip(a, b) if getattr(y, key) > 0])


# --------------------------------------------------------------------------------------
# 1. Corpus throughput
# --------------------------------------------------------------------------------------

def corpus_files(corpus):
    files = []
    for d, dirs, names in os.walk(corpus):
        dirs.sort()
        for n in names:
            if n.endswith(".md"):
                files.append(os.path.join(d, n))
    files.sort()
    fixtures = sorted(os.path.join(ROOT, "fixtures", n) for n in os.listdir(os.path.join(ROOT, "fixtures"))
                      if n.endswith(".md"))
    return files, fixtures


def bench_corpus(tools, ctx):
    files, fixtures = corpus_files(ctx["corpus"])
    allfiles = files + fixtures
    nbytes = sum(os.path.getsize(f) for f in allfiles)
    listfile = os.path.join(ctx["tmp"], "corpus.list")
    with open(listfile, "w") as fh:
        fh.write("\n".join(allfiles) + "\n")
    batches = arg_batches(tools.lint_cmd([]), allfiles)
    log(f"corpus: {len(allfiles)} files ({len(files)} corpus + {len(fixtures)} fixtures), "
        f"{nbytes / MB:.2f} MB, poclint in {len(batches)} command line(s), {ctx['runs']} rounds")

    # Warm-up (page cache) and a check that poclint really linted every file.
    tools.floor(allfiles, listfile)
    outpath = os.path.join(ctx["tmp"], "corpus.json")
    with open(outpath, "wb") as out:
        warm = tools.lint(allfiles, stdout=out)
    rejected = rejected_files(warm.stderr)
    linted = findings = None
    if len(batches) == 1:
        try:
            with open(outpath, "rb") as fh:
                doc = json.load(fh)
            linted = len(doc.get("files", []))
            findings = sum(len(f.get("diagnostics", f.get("findings", []))) for f in doc.get("files", []))
        except (ValueError, OSError) as e:
            raise Crash(f"poclint wrote invalid JSON on the corpus: {e}")
    if warm.status == 2 and not rejected:
        raise Crash(f"poclint exited 2 on the corpus without naming a rejected file:\n{warm.stderr[-2000:]}")

    res = interleaved(ctx["runs"], {
        "floor": lambda: tools.floor(allfiles, listfile),
        "poclint": lambda: tools.lint(allfiles),
    })
    fl, pl = summary(res["floor"]), summary(res["poclint"])
    for s in (fl, pl):
        s["mb_per_s"] = nbytes / MB / s["wall_s"]
        s["files_per_s"] = len(allfiles) / s["wall_s"]
    # What the process holds before it lints anything (the binary's mapped pages, the Swift
    # runtime, the argument parser): part of every peak above, whatever the files.
    alone = [run_timed([tools.poclint, "--version"], what="poclint --version") for _ in range(3)]
    pl["version_rss_mib"] = median([t.rss_kib for t in alone]) / 1024
    return {
        "files": len(allfiles), "corpus_files": len(files), "fixture_files": len(fixtures), "bytes": nbytes,
        "command_lines": len(batches),
        "rejected_by_poclint": [{"path": os.path.relpath(r["path"], ctx["corpus"]), "reason": r["reason"]}
                                for r in rejected],
        "linted_by_poclint": linted, "diagnostics": findings,
        "floor": fl, "poclint": pl,
        "ratio_wall": paired_ratio(res["poclint"], res["floor"], "wall"),
        "ratio_cpu": paired_ratio(res["poclint"], res["floor"], "cpu"),
        "ratio_of_medians": pl["wall_s"] / fl["wall_s"],
    }


# --------------------------------------------------------------------------------------
# 2. Latency of one application
# --------------------------------------------------------------------------------------

def hyperfine(commands, runs, tmp):
    exe = shutil.which("hyperfine")
    if not exe:
        return None
    out = os.path.join(tmp, "hyperfine.json")
    cmd = [exe, "-N", "--warmup", "5", "--runs", str(runs), "--style", "none", "--export-json", out]
    cmd += [shlex.join(c) for c in commands]
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        raise Crash(f"hyperfine failed (a command exited non-zero or crashed):\n{r.stderr[-2000:]}")
    with open(out) as fh:
        data = json.load(fh)
    return [{"median_ms": b["median"] * 1e3, "mean_ms": b["mean"] * 1e3, "min_ms": b["min"] * 1e3,
             "stddev_ms": (b.get("stddev") or 0) * 1e3, "runs": len(b["times"])} for b in data["results"]]


def python_latency(commands, runs):
    out = []
    for c in commands:
        for _ in range(5):
            run_timed(c)
        ts = [run_timed(c).wall for _ in range(runs)]
        out.append({"median_ms": median(ts) * 1e3, "mean_ms": statistics.mean(ts) * 1e3,
                    "min_ms": min(ts) * 1e3, "stddev_ms": statistics.pstdev(ts) * 1e3, "runs": runs})
    return out


def bench_latency(tools, ctx):
    runs = ctx["latency_runs"]
    rel = os.path.relpath(FIXTURE, ROOT)
    commands = {
        "poclint_lint_text": [tools.poclint, "lint", "--fail-on", "never", FIXTURE],
        "poclint_lint_json": tools.lint_cmd([FIXTURE]),
        "poclint_version": [tools.poclint, "--version"],
        "floor": [tools.parsewalk, FIXTURE],
    }
    log(f"latency: {rel} ({os.path.getsize(FIXTURE)} bytes), {runs} runs each")
    rows = hyperfine(list(commands.values()), runs, ctx["tmp"])
    timer = "hyperfine -N --warmup 5"
    if rows is None:
        rows = python_latency(list(commands.values()), runs)
        timer = "python (fork/exec/wait4), 5 warm-up runs"
    end_to_end = dict(zip(commands, rows))

    # In-process estimate: the same text as 200 files in one invocation (poclint drops
    # duplicate paths, hence copies), minus a one-file run, divided by 199.
    copies = 200
    d = os.path.join(ctx["tmp"], "copies")
    os.makedirs(d, exist_ok=True)
    paths = []
    for i in range(copies):
        p = os.path.join(d, f"app-{i:03d}.md")
        shutil.copyfile(FIXTURE, p)
        paths.append(p)
    tools.lint(paths, ok=(0,))
    rounds = max(ctx["runs"], 7)
    res = interleaved(rounds, {
        "many": lambda: tools.lint(paths, ok=(0,)),
        "one": lambda: tools.lint(paths[:1], ok=(0,)),
    })
    many, one = summary(res["many"]), summary(res["one"])
    per_wall = (many["wall_s"] - one["wall_s"]) / (copies - 1)
    per_cpu = (many["cpu_s"] - one["cpu_s"]) / (copies - 1)
    return {
        "file": rel, "bytes": os.path.getsize(FIXTURE), "timer": timer, "end_to_end": end_to_end,
        "inprocess": {
            "copies": copies, "rounds": rounds, "method": f"(t({copies} copies) - t(1 copy)) / {copies - 1}, medians",
            "per_file_cpu_ms": per_cpu * 1e3, "per_file_wall_ms": per_wall * 1e3,
            "many": many, "one": one,
        },
    }


# --------------------------------------------------------------------------------------
# 3. Scaling
# --------------------------------------------------------------------------------------

def bench_scaling(tools, ctx):
    with open(FIXTURE, "rb") as fh:
        text = fh.read()
    if not text.endswith(b"\n"):
        text += b"\n"
    sizes = [1, 5, 10]
    paths = {}
    for mb in sizes:
        p = os.path.join(ctx["tmp"], f"scaling-{mb}mb.md")
        n = -(-mb * MB // (len(text) + 1))
        with open(p, "wb") as fh:
            for _ in range(n):
                fh.write(text + b"\n")
        paths[mb] = p
    runs = ctx["runs"]
    log(f"scaling: {', '.join(f'{os.path.getsize(paths[m]) / MB:.2f} MB' for m in sizes)}, up to {runs} rounds")
    out = {"sizes": {}, "slow_limit_s": 10.0}
    t1 = None
    for mb in sizes:
        p, b = paths[mb], os.path.getsize(paths[mb])
        # A size that takes more than 2.5x linear time already misses the goal: stop it there
        # (at least 30 s) and report a lower bound, so that `make bench` stays a few minutes.
        budget = 300.0 if t1 is None else max(30.0, 2.5 * mb * t1)
        row = {"bytes": b, "timeout_s": round(budget, 1)}
        out["sizes"][str(mb)] = row
        warm = tools.lint([p], timeout=budget)
        if warm.timed_out:
            row["timed_out"] = True
            log(f"  {mb} MB: poclint stopped after {budget:.0f} s")
            for bigger in sizes[sizes.index(mb) + 1:]:
                out["sizes"][str(bigger)] = {"bytes": os.path.getsize(paths[bigger]), "not_run": True}
            break
        tools.floor([p])
        if warm.wall > out["slow_limit_s"]:
            # One sample is enough when a run takes this long; the floor still gets its rounds.
            pl = [warm]
            fl = [tools.floor([p]) for _ in range(runs)]
        else:
            res = interleaved(runs, {"floor": lambda p=p: tools.floor([p]),
                                     "poclint": lambda p=p, bud=budget: tools.lint([p], timeout=bud)})
            pl, fl = res["poclint"], res["floor"]
            if any(x.timed_out for x in pl):
                pl = [x for x in pl if not x.timed_out] or [warm]
        row.update({"timed_out": False, "poclint": summary(pl), "floor": summary(fl), "poclint_rounds": len(pl)})
        row["poclint_s_per_mb"] = row["poclint"]["wall_s"] / (b / MB)
        row["floor_s_per_mb"] = row["floor"]["wall_s"] / (b / MB)
        row["ratio_to_floor"] = row["poclint"]["wall_s"] / row["floor"]["wall_s"]
        if t1 is None:
            t1 = row["poclint"]["wall_s"]
        log(f"  {mb} MB: poclint {row['poclint']['wall_s']:.2f} s, floor {row['floor']['wall_s']:.3f} s")
    s1, s10 = out["sizes"]["1"], out["sizes"]["10"]
    if s1.get("timed_out"):
        out["ratio_10_to_1"] = None
    elif s10.get("timed_out") or s10.get("not_run"):
        # Lower bound: the 10 MB run was stopped (or not started after the 5 MB one was).
        s5 = out["sizes"]["5"]
        bound = s10["timeout_s"] if s10.get("timed_out") else s5["timeout_s"]
        out["ratio_10_to_1"] = None
        out["ratio_10_to_1_at_least"] = bound / t1
    else:
        out["ratio_10_to_1"] = s10["poclint"]["wall_s"] / t1
        out["ratio_10_to_1_per_byte"] = out["ratio_10_to_1"] * s1["bytes"] * 10 / s10["bytes"]
        out["floor_ratio_10_to_1"] = s10["floor"]["wall_s"] / s1["floor"]["wall_s"]
    # The growth exponent between the two largest sizes that finished (1.0 is linear).
    done = [k for k in ("1", "5", "10") if "poclint" in out["sizes"][k]]
    if len(done) >= 2:
        lo, hi = out["sizes"][done[0]], out["sizes"][done[-1]]
        out["exponent"] = math.log(hi["poclint"]["wall_s"] / lo["poclint"]["wall_s"]) / math.log(hi["bytes"] / lo["bytes"])
    return out


# --------------------------------------------------------------------------------------
# 4. Adversarial samples
# --------------------------------------------------------------------------------------

def bench_adversarial(tools, ctx):
    d = os.path.join(ctx["corpus"], "cmark-gfm", "bench", "samples")
    files = sorted(os.path.join(d, n) for n in os.listdir(d) if n.endswith(".md"))
    runs = ctx["runs"]
    log(f"adversarial: {len(files)} samples, each alone, {runs} rounds")
    timeout = 60
    rows = []
    for f in files:
        tools.lint([f], timeout=timeout)
        pl, fl, timed_out = [], [], False
        for _ in range(runs):
            t = tools.lint([f], timeout=timeout)
            if t.timed_out:
                timed_out = True
                break
            pl.append(t)
            fl.append(tools.floor([f]))
        rows.append({
            "file": os.path.basename(f), "bytes": os.path.getsize(f), "timed_out": timed_out,
            "poclint_ms": median([t.wall for t in pl]) * 1e3 if pl else None,
            "floor_ms": median([t.wall for t in fl]) * 1e3 if fl else None,
            "poclint_rss_mib": max((t.rss_kib for t in pl), default=0) / 1024,
        })
    worst = max(rows, key=lambda r: float("inf") if r["timed_out"] else r["poclint_ms"])
    return {"samples": rows, "timeout_s": timeout, "max_ms": None if worst["timed_out"] else worst["poclint_ms"],
            "max_file": worst["file"], "any_timed_out": any(r["timed_out"] for r in rows)}


# --------------------------------------------------------------------------------------
# 5. Peers
# --------------------------------------------------------------------------------------

def find_tool(name):
    exe = shutil.which(name)
    if exe:
        return exe
    local = os.path.join(ROOT, ".venv", "bin", name)
    return local if os.access(local, os.X_OK) else None


def peer_subset(corpus, limit=1_500_000):
    d = os.path.join(corpus, "swift-evolution")
    files = []
    for root, dirs, names in os.walk(d):
        dirs.sort()
        files += [os.path.join(root, n) for n in sorted(names) if n.endswith(".md")]
    files.sort()
    out, total = [], 0
    for f in files:
        if total >= limit:
            break
        out.append(f)
        total += os.path.getsize(f)
    return out, total


def bench_peers(tools, ctx):
    files, nbytes = peer_subset(ctx["corpus"])
    timeout = int(os.environ.get("BENCH_PEER_TIMEOUT", "600"))
    peers = {
        "pymarkdown": lambda exe: [exe, "--continue-on-error", "scan", *files],
        "proselint": lambda exe: [exe, "check", *files],
        "mdl": lambda exe: [exe, *files],
    }
    found = {n: find_tool(n) for n in peers}
    out = {"subset": "first swift-evolution proposals by path, about 1.5 MB", "files": len(files), "bytes": nbytes,
           "timeout_s": timeout, "peers": {}}
    if not any(found.values()):
        for n in peers:
            out["peers"][n] = {"installed": False}
        log("peers: none installed (make bench-peers installs them)")
        return out
    runs = env_int("BENCH_PEER_RUNS", 1)
    log(f"peers: {len(files)} swift-evolution files, {nbytes / MB:.2f} MB, {runs} round(s), "
        f"installed: {', '.join(n for n, e in found.items() if e) or 'none'}")
    versions = {}
    version_args = {"pymarkdown": ["version"], "proselint": ["version"], "mdl": ["--version"]}
    for n, exe in found.items():
        if exe:
            try:
                r = subprocess.run([exe, *version_args[n]], capture_output=True, text=True, timeout=60)
                versions[n] = (r.stdout or r.stderr).strip().splitlines()[0] if (r.stdout or r.stderr).strip() else ""
            except (OSError, subprocess.TimeoutExpired):
                versions[n] = ""
    tools.floor(files)
    tools.lint(files)
    # The floor and poclint take a fraction of a second here: BENCH_RUNS rounds of them before
    # and after the peers, so that one noisy floor sample does not make every peer's ratio.
    near = {"floor": lambda: tools.floor(files), "poclint": lambda: tools.lint(files)}
    before = interleaved(ctx["runs"], near)
    measures = {}
    for n, exe in found.items():
        if exe:
            # Peers exit non-zero when they find something; only a signal counts as a crash,
            # and a peer's crash is reported, not fatal.
            outfile = os.path.join(ctx["tmp"], f"peer-{n}.out")
            def measure(c=peers[n](exe), outfile=outfile):
                with open(outfile, "wb") as fh:
                    return run_timed(c, ok=range(0, 256), timeout=timeout, stdout=fh, what=c[0])
            measures[n] = measure
    res = interleaved(runs, measures)
    after = interleaved(ctx["runs"], near)
    fl = summary(before["floor"] + after["floor"])
    out["floor"] = fl
    out["poclint"] = summary(before["poclint"] + after["poclint"])
    out["poclint"]["ratio_to_floor"] = paired_ratio(before["poclint"] + after["poclint"],
                                                    before["floor"] + after["floor"], "wall")
    for n in peers:
        if not found[n]:
            out["peers"][n] = {"installed": False}
            continue
        samples = res[n]
        if any(s.timed_out for s in samples):
            out["peers"][n] = {"installed": True, "version": versions.get(n), "timed_out": True}
            continue
        s = summary(samples)
        report = os.path.getsize(os.path.join(ctx["tmp"], f"peer-{n}.out"))
        if samples[-1].status < 0 or "usage:" in samples[-1].stderr or (report == 0 and samples[-1].status != 0):
            # A crash or a usage error is not a measurement.
            out["peers"][n] = {"installed": True, "version": versions.get(n), "timed_out": False, "failed": True,
                               "exit_status": samples[-1].status, "stderr": samples[-1].stderr[-500:]}
            continue
        s.update({"installed": True, "version": versions.get(n), "timed_out": False,
                  "exit_status": samples[-1].status, "report_bytes": report, "mb_per_s": nbytes / MB / s["wall_s"],
                  "ratio_to_floor": s["wall_s"] / fl["wall_s"]})
        out["peers"][n] = s
    return out


# --------------------------------------------------------------------------------------
# 6. LSP re-lint
# --------------------------------------------------------------------------------------

class LSPClient:
    """A minimal LSP client over pipes, single-threaded: every message is timestamped when
    this process reads it (select + os.read), so no thread switch sits inside a measure."""

    def __init__(self, cmd):
        self.err = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.err)
        self.fd = self.proc.stdout.fileno()
        self.buf = b""
        self.pending = []       # (arrival time, message) read but not yet claimed
        self.next_id = 0

    def stderr(self):
        self.err.seek(0)
        return self.err.read().decode("utf-8", "replace")[-2000:]

    def send(self, msg):
        """Writes one message; returns the time just before the write."""
        body = json.dumps(msg, separators=(",", ":")).encode()
        t = time.perf_counter()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()
        return t

    def notify(self, method, params):
        return self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        self.next_id += 1
        t = self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return self.next_id, t

    def _parse(self, now):
        while True:
            head, sep, rest = self.buf.partition(b"\r\n\r\n")
            if not sep:
                return
            length = None
            for line in head.split(b"\r\n"):
                k, _, v = line.partition(b":")
                if k.strip().lower() == b"content-length":
                    length = int(v.strip())
            if length is None:
                raise Crash(f"poclint lsp sent a header without Content-Length: {head[:200]!r}")
            if len(rest) < length:
                return
            self.pending.append((now, json.loads(rest[:length])))
            self.buf = rest[length:]

    def wait_for(self, pred, timeout=10.0):
        """Removes and returns (arrival time, message) of the first message matching pred."""
        deadline = time.perf_counter() + timeout
        while True:
            for i, (t, m) in enumerate(self.pending):
                if pred(m):
                    del self.pending[i]
                    return t, m
            left = deadline - time.perf_counter()
            if left <= 0:
                raise Crash(f"poclint lsp did not answer within {timeout:.0f} s")
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.fd, 1 << 20)
            now = time.perf_counter()
            if not chunk:
                raise Crash(f"poclint lsp closed its output (status {self.proc.poll()}):\n{self.stderr()}")
            self.buf += chunk
            self._parse(now)

    def response(self, rid, timeout=10.0):
        t, m = self.wait_for(lambda m: m.get("id") == rid and "method" not in m, timeout)
        if "error" in m:
            raise Crash(f"poclint lsp answered an error: {m['error']}")
        return t, m["result"]

    def peak_rss_mib(self):
        try:
            with open(f"/proc/{self.proc.pid}/status") as fh:
                for line in fh:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
        return None

    def close(self):
        rid, _ = self.request("shutdown", None)
        self.response(rid)
        self.notify("exit", None)
        self.proc.stdin.close()
        try:
            status = self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise Crash("poclint lsp did not exit after shutdown and exit")
        self.proc.stdout.close()
        if status != 0:
            raise Crash(f"poclint lsp exited with status {status} after shutdown and exit:\n{self.stderr()}")
        self.err.close()


def lsp_session(tools, pull):
    c = LSPClient([tools.poclint, "lsp"])
    caps = {"textDocument": {"diagnostic": {"dynamicRegistration": False}}} if pull else {"textDocument": {}}
    rid, _ = c.request("initialize", {"processId": os.getpid(), "rootUri": "file://" + ROOT, "capabilities": caps})
    c.response(rid, timeout=30)
    c.notify("initialized", {})
    return c


def spread(ms):
    ms = sorted(ms)
    return {"median_ms": median(ms), "p95_ms": ms[int(round(0.95 * (len(ms) - 1)))], "min_ms": ms[0], "max_ms": ms[-1]}


def lsp_pull(tools, uri, text, variants, n):
    """didChange then textDocument/diagnostic at once: the answer needs the re-lint."""
    c = lsp_session(tools, pull=True)
    try:
        c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
        rid, _ = c.request("textDocument/diagnostic", {"textDocument": {"uri": uri}})
        c.response(rid)
        warmup = 5
        times, count = [], 0
        for i in range(warmup + n):
            t0 = c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": i + 2},
                                                      "contentChanges": [{"text": variants[i % 2]}]})
            rid, _ = c.request("textDocument/diagnostic", {"textDocument": {"uri": uri}})
            t1, result = c.response(rid)
            if result.get("kind") != "full":
                raise Crash(f"poclint lsp answered a pull after a change with kind {result.get('kind')!r}")
            if i >= warmup:
                times.append((t1 - t0) * 1e3)
            count = len(result.get("items", []))
        out = spread(times)
        out.update({"warmup": warmup, "diagnostics": count, "server_peak_rss_mib": c.peak_rss_mib()})
        c.close()
        return out
    finally:
        if c.proc.poll() is None:
            c.proc.kill()
            c.proc.wait()


def lsp_push(tools, uri, text, variants, n):
    """An isolated change (typing paused longer than the debounce) is linted at once; a burst
    of changes is coalesced until typing pauses."""
    c = lsp_session(tools, pull=False)
    try:
        is_publish = lambda v: (lambda m: m.get("method") == "textDocument/publishDiagnostics"
                                and m["params"].get("uri") == uri and m["params"].get("version") == v)
        c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
        c.wait_for(is_publish(1))
        version, times, pause, warmup = 1, [], 0.15, 3
        for i in range(warmup + n):
            time.sleep(pause)
            version += 1
            t0 = c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                      "contentChanges": [{"text": variants[i % 2]}]})
            t1, _ = c.wait_for(is_publish(version))
            if i >= warmup:
                times.append((t1 - t0) * 1e3)
        out = spread(times)
        out["pause_s"] = pause
        # Bursts: 10 changes 20 ms apart; the last one's diagnostics wait for the debounce.
        bursts = []
        for _ in range(5):
            time.sleep(pause)
            for k in range(10):
                version += 1
                t0 = c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                          "contentChanges": [{"text": variants[k % 2]}]})
                if k < 9:
                    time.sleep(0.02)
            t1, _ = c.wait_for(is_publish(version))
            bursts.append((t1 - t0) * 1e3)
        burst = {"keystrokes": 10, "gap_ms": 20, "bursts": len(bursts), "median_ms_after_last_keystroke": median(bursts)}
        c.close()
        return out, burst
    finally:
        if c.proc.poll() is None:
            c.proc.kill()
            c.proc.wait()


def bench_lsp(tools, ctx):
    try:
        r = subprocess.run([tools.poclint, "lsp", "--help"], capture_output=True, timeout=30)
        available = r.returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        available = False
    if not available:
        log("lsp: `poclint lsp --help` fails: skipped")
        return {"available": False}
    with open(FIXTURE, encoding="utf-8") as fh:
        text = fh.read()
    uri = "file://" + FIXTURE
    n = env_int("BENCH_LSP_CHANGES", 50)
    variants = [text + "a\n", text + "b\n"]   # the full text, one character alternating
    log(f"lsp: {n} full-text changes of {os.path.relpath(FIXTURE, ROOT)}, pulled and pushed")
    out = {"available": True, "changes": n}
    out["pull"] = lsp_pull(tools, uri, text, variants, n)
    out["push"], out["burst"] = lsp_push(tools, uri, text, variants, n)
    return out


# --------------------------------------------------------------------------------------
# Machine, table, JSON and docs
# --------------------------------------------------------------------------------------

def sh(cmd):
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        return (r.stdout or r.stderr).strip()
    except (OSError, subprocess.TimeoutExpired):
        return ""


def machine(tools):
    cpu = ""
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    if os.environ.get("BENCH_COMMIT"):
        described = os.environ["BENCH_COMMIT"]
    elif tools.poclint.startswith(ROOT + os.sep):
        commit = sh(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"])
        dirty = sh(["git", "-C", ROOT, "status", "--porcelain", "--", "Sources", "Package.swift"])
        described = commit + (" + uncommitted changes in Sources/ or Package.swift" if dirty else "")
    else:
        described = "unknown (the binary is outside this repository; set BENCH_COMMIT)"
    # The allocator the binary links (Package.swift links mimalloc unless POCLINT_SYSTEM_MALLOC=1):
    # it moves every figure here by 15-25%, so it belongs with the machine.
    needed = sh(["readelf", "-d", tools.poclint]) if shutil.which("readelf") else ""
    allocator = next((f"mimalloc ({line.split('[')[-1].rstrip(']')})" for line in needed.splitlines()
                      if "NEEDED" in line and "mimalloc" in line),
                     "glibc malloc" if needed else "unknown (no readelf)")
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(), "cpu": cpu, "memory": mem,
        "loadavg_at_start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "kernel": platform.release(),
        "swift": sh(["swift", "--version"]).splitlines()[0] if sh(["swift", "--version"]) else "",
        "cmark_gfm": sh(["pkg-config", "--modversion", "libcmark-gfm"]),
        "cc": sh([os.environ.get("CC", "gcc"), "--version"]).splitlines()[0] if sh([os.environ.get("CC", "gcc"), "--version"]) else "",
        "python": platform.python_version(),
        "hyperfine": sh(["hyperfine", "--version"]) if shutil.which("hyperfine") else "not installed",
        "poclint": os.path.relpath(tools.poclint, ROOT) if tools.poclint.startswith(ROOT) else tools.poclint,
        "poclint_version": sh([tools.poclint, "--version"]),
        "git_commit": described,
        "poclint_size_mb": os.path.getsize(tools.poclint) / MB,
        "allocator": allocator,
    }


def verdict(value, goal):
    if value is None:
        return "n/a"
    return "PASS" if value < goal else "FAIL"


def goal_rows(r):
    """(measure, value text, goal text, status) for every goal, from the merged results."""
    rows = []
    c = r.get("corpus")
    if c:
        rows.append(("corpus: lint time / C parse+walk floor (wall)", f"{c['ratio_wall']:.2f}x",
                     f"<= {GOALS['corpus_ratio']}x", "PASS" if c["ratio_wall"] <= GOALS["corpus_ratio"] else "FAIL"))
        rows.append(("corpus: peak memory (RSS)", f"{c['poclint']['peak_rss_mib']:.1f} MiB",
                     f"< {GOALS['corpus_rss_mib']:.0f} MiB", verdict(c["poclint"]["peak_rss_mib"], GOALS["corpus_rss_mib"])))
    l = r.get("latency")
    if l:
        e = l["end_to_end"]["poclint_lint_text"]["median_ms"]
        rows.append(("one application, process start to exit", f"{e:.2f} ms", f"< {GOALS['latency_ms']:.0f} ms",
                     verdict(e, GOALS["latency_ms"])))
        i = l["inprocess"]["per_file_cpu_ms"]
        rows.append(("one application, in-process lint (CPU, estimate)", f"{i:.3f} ms", f"< {GOALS['inprocess_ms']:.0f} ms",
                     verdict(i, GOALS["inprocess_ms"])))
    s = r.get("scaling")
    if s:
        g = f"< {GOALS['scaling_ratio']:.0f}x"
        if s.get("ratio_10_to_1") is not None:
            rows.append(("scaling: time(10 MB) / time(1 MB)", f"{s['ratio_10_to_1']:.2f}x", g,
                         verdict(s["ratio_10_to_1"], GOALS["scaling_ratio"])))
        elif s.get("ratio_10_to_1_at_least") is not None:
            rows.append(("scaling: time(10 MB) / time(1 MB)", f"> {s['ratio_10_to_1_at_least']:.1f}x (stopped)", g, "FAIL"))
        else:
            rows.append(("scaling: time(10 MB) / time(1 MB)", "1 MB timed out", g, "FAIL"))
    a = r.get("adversarial")
    if a:
        if a["any_timed_out"]:
            rows.append(("adversarial samples: slowest", f"timeout ({a['max_file']})", f"< {GOALS['adversarial_ms']:.0f} ms", "FAIL"))
        else:
            rows.append(("adversarial samples: slowest", f"{a['max_ms']:.1f} ms ({a['max_file']})",
                         f"< {GOALS['adversarial_ms']:.0f} ms", verdict(a["max_ms"], GOALS["adversarial_ms"])))
    p = r.get("lsp")
    if p is not None:
        if not p.get("available"):
            rows.append(("LSP re-lint after a change (pull)", "lsp unavailable", f"< {GOALS['lsp_relint_ms']:.0f} ms", "n/a"))
        else:
            rows.append(("LSP re-lint after a change (pull, median)", f"{p['pull']['median_ms']:.2f} ms",
                         f"< {GOALS['lsp_relint_ms']:.0f} ms", verdict(p["pull"]["median_ms"], GOALS["lsp_relint_ms"])))
            rows.append(("LSP diagnostics pushed after a change (median)", f"{p['push']['median_ms']:.2f} ms",
                         f"< {GOALS['lsp_push_ms']:.0f} ms", verdict(p["push"]["median_ms"], GOALS["lsp_push_ms"])))
    return rows


def info_rows(r):
    rows = []
    c = r.get("corpus")
    if c:
        rows.append(("corpus: poclint", f"{c['poclint']['wall_s']:.3f} s wall, {c['poclint']['cpu_s']:.3f} s CPU, "
                     f"{c['poclint']['mb_per_s']:.1f} MB/s, {c['poclint']['files_per_s']:,.0f} files/s"))
        rows.append(("corpus: floor", f"{c['floor']['wall_s']:.3f} s wall, {c['floor']['cpu_s']:.3f} s CPU, "
                     f"{c['floor']['mb_per_s']:.1f} MB/s, {c['floor']['files_per_s']:,.0f} files/s, "
                     f"{c['floor']['peak_rss_mib']:.1f} MiB"))
        rows.append(("corpus: CPU-time ratio", f"{c['ratio_cpu']:.2f}x (poclint user+sys over all its threads / floor)"))
        if c["poclint"].get("version_rss_mib"):
            rows.append(("corpus: peak RSS of poclint --version", f"{c['poclint']['version_rss_mib']:.1f} MiB (in every peak: the binary before any lint)"))
    l = r.get("latency")
    if l:
        e = l["end_to_end"]
        rows.append(("start-up: poclint --version / floor on the file", f"{e['poclint_version']['median_ms']:.2f} ms / {e['floor']['median_ms']:.2f} ms"))
        rows.append(("in-process lint (wall, 2 cores)", f"{l['inprocess']['per_file_wall_ms']:.3f} ms per file"))
    s = r.get("scaling")
    if s and "sizes" in s:
        per = []
        for k in ("1", "5", "10"):
            x = s["sizes"][k]
            per.append(f"{x['poclint_s_per_mb']:.3f}" if "poclint" in x else
                       (f">{x['timeout_s'] / (x['bytes'] / MB):.2f}" if x.get("timed_out") else "not run"))
        extra = f"; growth exponent {s['exponent']:.2f} (1 = linear)" if s.get("exponent") else ""
        rows.append(("scaling: poclint s per MB at 1 / 5 / 10 MB", " / ".join(per) + extra))
    p = r.get("lsp")
    if p and p.get("available"):
        rows.append(("LSP burst of 10 keystrokes, 20 ms apart", f"{p['burst']['median_ms_after_last_keystroke']:.1f} ms "
                     "after the last one (the 75 ms debounce + lint)"))
    pe = r.get("peers")
    if pe:
        for n, v in pe["peers"].items():
            if not v.get("installed"):
                rows.append((f"peer {n}", "not installed"))
            elif v.get("timed_out"):
                rows.append((f"peer {n}", f"timed out after {pe['timeout_s']} s"))
            elif v.get("failed"):
                rows.append((f"peer {n}", f"failed (exit status {v['exit_status']}), see results.json"))
            else:
                rows.append((f"peer {n}", f"{v['wall_s']:.2f} s, {v['ratio_to_floor']:.0f}x floor"))
        if "poclint" in pe:
            rows.append(("poclint on the peers' subset", f"{pe['poclint']['wall_s']:.3f} s, {pe['poclint']['ratio_to_floor']:.2f}x floor"))
    return rows


def print_table(results):
    rows = goal_rows(results)
    w = max([len(x[0]) for x in rows] + [10])
    v = max([len(x[1]) for x in rows] + [5])
    g = max([len(x[2]) for x in rows] + [4])
    print()
    print(f"{'measure':<{w}}  {'value':>{v}}  {'goal':<{g}}  result")
    print(f"{'-' * w}  {'-' * v}  {'-' * g}  ------")
    for m, val, goal, st in rows:
        print(f"{m:<{w}}  {val:>{v}}  {goal:<{g}}  {st}")
    info = info_rows(results)
    if info:
        print()
        w2 = max(len(x[0]) for x in info)
        for m, val in info:
            print(f"{m:<{w2}}  {val}")
    print()


def fmt_s(x):
    return f"{x:.3f}"


def write_docs(results, path):
    m = results["machine"]
    L = []
    a = L.append
    a("# Performance")
    a("")
    a("Generated by `make bench` (`bench/run.py`); the numbers below are one real run on the machine")
    a("described here. Re-run it after a change; compare ratios to the floor, not absolute seconds.")
    a("")
    a("## Goals")
    a("")
    a("| measure | value | goal | result |")
    a("| --- | ---: | ---: | --- |")
    for meas, val, goal, st in goal_rows(results):
        a(f"| {meas} | {val} | {goal} | **{st}** |")
    a("")
    a("## Machine")
    a("")
    a("| | |")
    a("| --- | --- |")
    for k, label in [("date", "date"), ("cpu", "CPU"), ("nproc", "cores (nproc)"), ("memory", "memory"),
                     ("loadavg_at_start", "load average at start"), ("loadavg_at_end", "load average at end"), ("kernel", "kernel"), ("swift", "Swift"),
                     ("cmark_gfm", "libcmark-gfm"), ("cc", "C compiler (floor, -O2)"), ("python", "Python"),
                     ("hyperfine", "hyperfine"), ("poclint", "binary"), ("poclint_version", "poclint --version"),
                     ("git_commit", "git commit"), ("allocator", "allocator")]:
        a(f"| {label} | {m.get(k, '')} |")
    a(f"| binary size | {m.get('poclint_size_mb', 0):.1f} MB |")
    a(f"| rounds | {results.get('runs')} per timed measure (median; BENCH_RUNS) |")
    a("")
    a("The machine has 2 cores shared with other jobs (builds, tests; see the load average), so wall-clock seconds move")
    a("between runs; poclint and the floor run in interleaved rounds and each ratio is the median of")
    a("the per-round ratios. Sizes and speeds use MB = 10^6 bytes; memory uses MiB.")

    separate = [k for k in SECTIONS if isinstance(results.get(k), dict) and "run_machine" in results[k]]
    for k in separate:
        rm = results[k]["run_machine"]
        a("")
        a(f"Section `{k}` was measured in a separate run: {rm['date']}, load average {rm['loadavg_at_start']}"
          f" at start, binary {rm['poclint']} ({rm['git_commit']}).")

    c = results.get("corpus")
    if c:
        a("")
        a("## 1. Corpus throughput")
        a("")
        a(f"{c['files']:,} files, {c['bytes'] / MB:.2f} MB: every `*.md` under the shared corpus ({c['corpus_files']:,}) and")
        a(f"`fixtures/*.md` ({c['fixture_files']}). poclint: `poclint lint --format json --fail-on never FILES > /dev/null`,")
        a(f"all files on {'one command line' if c['command_lines'] == 1 else str(c['command_lines']) + ' command lines (times summed)'}")
        a("(JSON runs every rule and the prediction; `--output /dev/null` is not used because the")
        a("report is written atomically: a temporary file renamed over the target). Floor:")
        a("`bench/parsewalk -l LIST` on the same files (parse with the four GFM extensions, walk every")
        a("node with `cmark_iter`, free; one process).")
        a("")
        a("| | wall s (median) | CPU s (user+sys) | MB/s | files/s | peak RSS |")
        a("| --- | ---: | ---: | ---: | ---: | ---: |")
        for name, s in (("C floor (parsewalk)", c["floor"]), ("poclint", c["poclint"])):
            a(f"| {name} | {fmt_s(s['wall_s'])} | {fmt_s(s['cpu_s'])} | {s['mb_per_s']:.1f} | {s['files_per_s']:,.0f} | {s['peak_rss_mib']:.1f} MiB |")
        a(f"| **poclint / floor** | **{c['ratio_wall']:.2f}x** | {c['ratio_cpu']:.2f}x | | | |")
        a("")
        a("poclint lints on all cores (`DispatchQueue.concurrentPerform`); the floor uses one. The wall")
        a("ratio is the goal; the CPU ratio is the total work and does not depend on a free second core.")
        if c["poclint"].get("version_rss_mib"):
            a("")
            a(f"Of poclint's peak RSS, {c['poclint']['version_rss_mib']:.1f} MiB is there before it lints anything: the peak of")
            a("`poclint --version` (median of 3), mostly the pages of the binary that the start-up touches. The")
            a("report is written file by file as the files are done, so the rest does not grow with the")
            a("number of files; it follows the largest files being linted at the same time.")
            if "mimalloc" in m.get("allocator", ""):
                a("The allocator trades memory for time: linked with glibc's malloc instead")
                a("(`POCLINT_SYSTEM_MALLOC=1 make release`), the same run peaked about 5 MiB lower and took")
                a("15-20% longer (measured on 2026-12-04 on this kind of machine: the corpus 0.273 s against")
                a("0.231 s, the 10 MB input 0.93 s against 0.75 s). A static Swift program that imports Foundation, as Yams makes")
                a("this one, peaks at about 10.7 MiB doing nothing.")
        if c["rejected_by_poclint"]:
            a("")
            a("Files poclint rejects (one line on stderr, exit status 2, the others still linted); they stay in")
            a("both runs (the floor parses them), and their bytes count in MB/s:")
            a("")
            for x in c["rejected_by_poclint"]:
                a(f"- `{x['path']}`: {x['reason']}")
        if c.get("linted_by_poclint") is not None:
            a("")
            a(f"poclint reported {c['linted_by_poclint']:,} files with {c['diagnostics']:,} diagnostics in the warm-up run.")

    l = results.get("latency")
    if l:
        e = l["end_to_end"]
        a("")
        a("## 2. Latency of one application")
        a("")
        a(f"`{l['file']}` ({l['bytes']:,} bytes), process start to exit, {e['poclint_lint_text']['runs']} runs each ({l['timer']}).")
        a("")
        a("| command | median ms | min ms | mean ± sd ms |")
        a("| --- | ---: | ---: | ---: |")
        names = {"poclint_lint_text": "`poclint lint --fail-on never FILE` (text report)",
                 "poclint_lint_json": "`poclint lint --format json --fail-on never FILE`",
                 "poclint_version": "`poclint --version` (start-up alone)",
                 "floor": "`parsewalk FILE` (C floor, start-up included)"}
        for k, label in names.items():
            x = e[k]
            a(f"| {label} | {x['median_ms']:.2f} | {x['min_ms']:.2f} | {x['mean_ms']:.2f} ± {x['stddev_ms']:.2f} |")
        i = l["inprocess"]
        a("")
        a(f"In-process lint, estimated without a hidden flag: the same text as {i['copies']} files (copies: poclint drops")
        a(f"duplicate paths) in one `poclint lint --format json` run, minus a one-file run, divided by {i['copies'] - 1};")
        a(f"medians of {i['rounds']} interleaved rounds. It includes reading, the JSON report and the thread pool's share.")
        a("")
        a("| | per file |")
        a("| --- | ---: |")
        a(f"| CPU (user+sys; the goal: one document on one core) | {i['per_file_cpu_ms']:.3f} ms |")
        a(f"| wall (both cores) | {i['per_file_wall_ms']:.3f} ms |")
        a(f"| {i['copies']} copies: wall / CPU / peak RSS | {i['many']['wall_s'] * 1e3:.1f} ms / {i['many']['cpu_s'] * 1e3:.1f} ms / {i['many']['peak_rss_mib']:.1f} MiB |")
        a(f"| 1 copy: wall / CPU / peak RSS | {i['one']['wall_s'] * 1e3:.1f} ms / {i['one']['cpu_s'] * 1e3:.1f} ms / {i['one']['peak_rss_mib']:.1f} MiB |")

    s = results.get("scaling")
    if s:
        a("")
        a("## 3. Scaling")
        a("")
        a("`fixtures/excellent-claims-drafting.md` repeated (whole copies, a blank line between) to 1, 5 and")
        a("10 MB, each linted alone (`--format json`); start-up is included, nothing subtracted.")
        a("")
        a("| size | bytes | poclint s | s per MB | peak RSS | floor s | floor peak RSS | poclint / floor |")
        a("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for k in ("1", "5", "10"):
            x = s["sizes"][k]
            if "poclint" in x:
                rounds = "" if x["poclint_rounds"] > 1 else " (1 run)"
                a(f"| {k} MB | {x['bytes']:,} | {fmt_s(x['poclint']['wall_s'])}{rounds} | {x['poclint_s_per_mb']:.3f} | "
                  f"{x['poclint']['peak_rss_mib']:.0f} MiB | {fmt_s(x['floor']['wall_s'])} | {x['floor']['peak_rss_mib']:.0f} MiB | {x['ratio_to_floor']:.1f}x |")
            elif x.get("timed_out"):
                a(f"| {k} MB | {x['bytes']:,} | stopped after {x['timeout_s']:.0f} s | > {x['timeout_s'] / (x['bytes'] / MB):.2f} | | | | |")
            else:
                a(f"| {k} MB | {x['bytes']:,} | not run (a smaller size was stopped) | | | | | |")
        a("")
        if s.get("ratio_10_to_1") is not None:
            a(f"time(10 MB) / time(1 MB) = **{s['ratio_10_to_1']:.2f}x** ({s['ratio_10_to_1_per_byte']:.2f}x per byte);"
              f" the floor's own ratio is {s['floor_ratio_10_to_1']:.2f}x.")
        elif s.get("ratio_10_to_1_at_least") is not None:
            a(f"time(10 MB) / time(1 MB) > **{s['ratio_10_to_1_at_least']:.1f}x**: a size is stopped once it takes 2.5x")
            a("linear time (at least 30 s), so that `make bench` stays short; the goal is missed either way.")
        if s.get("exponent"):
            a(f"Growth exponent between the sizes that finished: {s['exponent']:.2f} (time ~ size^k; 1 is linear).")

    ad = results.get("adversarial")
    if ad:
        a("")
        a("## 4. Adversarial samples")
        a("")
        a("Each file of the shared corpus's `cmark-gfm/bench/samples/` linted alone (`--format json`),")
        a(f"process start to exit, median of the rounds, timeout {ad['timeout_s']} s; nothing subtracted, so")
        a(f"start-up counts: the samples are {min(x['bytes'] for x in ad['samples'])}-{max(x['bytes'] for x in ad['samples']):,} bytes, and each lints in about the time of")
        a("one application (section 2). A quadratic rule would show here as one sample far above the others. Slowest five:")
        a("")
        a("| sample | bytes | poclint ms | floor ms | poclint peak RSS |")
        a("| --- | ---: | ---: | ---: | ---: |")
        key = lambda r: float("inf") if r["timed_out"] else r["poclint_ms"]
        for x in sorted(ad["samples"], key=key, reverse=True)[:5]:
            pm = "timeout" if x["timed_out"] else f"{x['poclint_ms']:.1f}"
            fm = "-" if x["floor_ms"] is None else f"{x['floor_ms']:.1f}"
            a(f"| {x['file']} | {x['bytes']:,} | {pm} | {fm} | {x['poclint_rss_mib']:.1f} MiB |")

    pe = results.get("peers")
    if pe:
        a("")
        a("## 5. Peers")
        a("")
        a(f"{pe['files']} swift-evolution proposals ({pe['bytes'] / MB:.2f} MB, the first by path up to 1.5 MB), all files on")
        a("one command line, default configuration, timeout "
          f"{pe['timeout_s']} s; ratios to the median of the floor timed before and after the peers. Not part of a")
        a("plain `make bench` unless installed; `make bench-peers` installs them and runs this section.")
        a("")
        a("| tool | version | wall s | MB/s | peak RSS | x floor |")
        a("| --- | --- | ---: | ---: | ---: | ---: |")
        if "floor" in pe:
            f = pe["floor"]
            a(f"| C floor | | {fmt_s(f['wall_s'])} | {pe['bytes'] / MB / f['wall_s']:.1f} | {f['peak_rss_mib']:.1f} MiB | 1 |")
            p = pe["poclint"]
            a(f"| poclint | | {fmt_s(p['wall_s'])} | {pe['bytes'] / MB / p['wall_s']:.1f} | {p['peak_rss_mib']:.1f} MiB | {p['ratio_to_floor']:.2f} |")
        for n, v in pe["peers"].items():
            if not v.get("installed"):
                a(f"| {n} | not installed | | | | |")
            elif v.get("timed_out"):
                a(f"| {n} | {v.get('version', '')} | timeout | | | |")
            elif v.get("failed"):
                a(f"| {n} | {v.get('version', '')} | failed (exit status {v['exit_status']}) | | | |")
            else:
                a(f"| {n} | {v.get('version', '')} | {v['wall_s']:.2f} | {v['mb_per_s']:.2f} | {v['peak_rss_mib']:.0f} MiB | {v['ratio_to_floor']:.0f} |")

    p = results.get("lsp")
    if p is not None:
        a("")
        a("## 6. LSP re-lint")
        a("")
        if not p.get("available"):
            a("`poclint lsp --help` failed: not measured.")
        else:
            a(f"`poclint lsp` over pipes, driven from Python; `{os.path.relpath(FIXTURE, ROOT)}` opened, then {p['changes']} full-text")
            a("`didChange` notifications alternating one character. Times run from writing the notification to")
            a("reading the answer, so they include the JSON-RPC framing and the pipe.")
            a("")
            a("| measure | median ms | p95 ms | min / max ms |")
            a("| --- | ---: | ---: | ---: |")
            x = p["pull"]
            a(f"| pull: `didChange` + `textDocument/diagnostic` answered (the re-lint itself) | {x['median_ms']:.2f} | {x['p95_ms']:.2f} | {x['min_ms']:.2f} / {x['max_ms']:.2f} |")
            x = p["push"]
            a(f"| push: isolated `didChange` ({x['pause_s'] * 1e3:.0f} ms apart) to `publishDiagnostics` | {x['median_ms']:.2f} | {x['p95_ms']:.2f} | {x['min_ms']:.2f} / {x['max_ms']:.2f} |")
            b = p["burst"]
            a(f"| push: burst of {b['keystrokes']} changes {b['gap_ms']} ms apart, last change to `publishDiagnostics` | {b['median_ms_after_last_keystroke']:.1f} | | |")
            if p["pull"].get("server_peak_rss_mib"):
                a("")
                a(f"Server peak RSS after the pull session (VmHWM): {p['pull']['server_peak_rss_mib']:.1f} MiB.")
            a("")
            a("The server lints the first change after a pause at once and coalesces the changes that follow")
            a("it until typing pauses for its debounce (75 ms, `Sources/POCLintLSP/Server.swift`), so a burst's")
            a("last diagnostics arrive about 75 ms + one lint after the last keystroke, by design; that row has")
            a("no goal.")

    a("")
    a("## How to run")
    a("")
    a("```sh")
    a("make bench                    # release build, then every section (a few minutes); rewrites this page")
    a("make bench-peers              # installs pymarkdownlnt, proselint (.venv) and ruby-mdl (apt), then the peers")
    a("python3 bench/run.py --only corpus          # one section again, for a quick comparison")
    a("python3 bench/run.py --only corpus,latency --no-docs")
    a("BENCH_RUNS=9 POCLINT=.build-x/release/poclint python3 bench/run.py")
    a("```")
    a("")
    a("`bench/run.py` (Python 3 standard library) builds `bench/parsewalk.c` with `gcc -O2` in a")
    a("temporary folder and times every command itself: wall clock from spawn to `wait4`, the child's")
    a("user+sys time from `wait4`, and its peak RSS from GNU time (`/usr/bin/time -f %M`; without GNU")
    a("time, `ru_maxrss`, which Linux carries over from the forking Python process, so small figures")
    a("are then too high). It uses hyperfine for the start-to-exit latency when installed (else a")
    a("Python loop), prints the table, and writes `bench-results/results.json` (every sample; sections")
    a("re-run with `--only` are merged into it). This page is rewritten after a full run or with")
    a("`--docs`. Environment: `POCLINT` (binary, default `.build/release/poclint`), `BENCH_RUNS`")
    a("(default 5), `BENCH_LATENCY_RUNS` (50), `BENCH_LSP_CHANGES` (50), `BENCH_PEER_RUNS` (1),")
    a("`BENCH_CORPUS` (default `../shared/corpus`). A missed goal is reported, never an error; a crash,")
    a("an unexpected exit status or a hang of poclint or the floor fails the run (exit 1).")
    a("")
    a("Reference figures for the floor, the peers and Swift start-up on this machine, and how they")
    a("were taken: `../shared/reference/performance.md`.")
    a("")
    with open(path, "w") as fh:
        fh.write("\n".join(L))


# --------------------------------------------------------------------------------------

def find_corpus():
    cands = [os.environ.get("BENCH_CORPUS"), os.path.join(ROOT, "..", "shared", "corpus"), "/work/shared/corpus"]
    for c in cands:
        if c and os.path.isdir(c):
            return os.path.realpath(c)
    sys.exit("bench: corpus not found: set BENCH_CORPUS")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", help="comma-separated sections: " + ",".join(SECTIONS))
    ap.add_argument("--skip", help="comma-separated sections to leave out")
    ap.add_argument("--docs", action="store_true", help="rewrite docs/performance.md even after a partial run")
    ap.add_argument("--no-docs", action="store_true", help="never rewrite docs/performance.md")
    args = ap.parse_args()
    sections = SECTIONS
    if args.only:
        sections = [s.strip() for s in args.only.split(",") if s.strip()]
    if args.skip:
        skip = {s.strip() for s in args.skip.split(",")}
        sections = [s for s in sections if s not in skip]
    bad = [s for s in sections if s not in SECTIONS]
    if bad:
        sys.exit(f"bench: unknown section(s): {', '.join(bad)} (known: {', '.join(SECTIONS)})")
    full = sections == SECTIONS

    poclint = os.path.abspath(os.environ.get("POCLINT", os.path.join(ROOT, ".build", "release", "poclint")))
    if not os.access(poclint, os.X_OK):
        sys.exit(f"bench: {poclint} not found; run `make release` or set POCLINT")
    outdir = os.path.join(ROOT, os.environ.get("BENCH_OUT", "bench-results"))
    os.makedirs(outdir, exist_ok=True)

    crashes = []
    with tempfile.TemporaryDirectory(prefix="poclint-bench-") as tmp:
        tools = Tools(poclint, build_floor(tmp))
        ctx = {"tmp": tmp, "corpus": find_corpus(), "runs": env_int("BENCH_RUNS", 5),
               "latency_runs": env_int("BENCH_LATENCY_RUNS", 50)}
        results = {"machine": machine(tools), "runs": ctx["runs"], "corpus_path": ctx["corpus"]}
        log(f"bench: {results['machine']['poclint']} ({results['machine']['git_commit']}), "
            f"{ctx['runs']} rounds, load average {results['machine']['loadavg_at_start']}")
        funcs = {"corpus": bench_corpus, "latency": bench_latency, "scaling": bench_scaling,
                 "adversarial": bench_adversarial, "peers": bench_peers, "lsp": bench_lsp}
        for s in sections:
            t0 = time.perf_counter()
            try:
                results[s] = funcs[s](tools, ctx)
                results[s]["measured"] = results["machine"]["date"]
                results[s]["git_commit"] = results["machine"]["git_commit"]
            except Crash as e:
                crashes.append(f"{s}: {e}")
                log(f"bench: {s}: CRASH: {e}")
            log(f"  {s}: {time.perf_counter() - t0:.1f} s")

    results["machine"]["loadavg_at_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    # Merge with the sections of the last run that were not re-run.
    path = os.path.join(outdir, "results.json")
    merged = {}
    if not full and os.path.exists(path):
        try:
            with open(path) as fh:
                merged = json.load(fh)
        except (OSError, ValueError):
            merged = {}
    if not full and "machine" in merged:
        # Keep the machine block of the run the other sections came from; each re-run section
        # carries its own.
        for sec in sections:
            if sec in results:
                results[sec]["run_machine"] = results["machine"]
        del results["machine"]
        results.pop("runs", None)
    merged.update(results)
    with open(path, "w") as fh:
        json.dump(merged, fh, indent=1)
        fh.write("\n")
    print_table(merged)
    log(f"bench: wrote {os.path.relpath(path, ROOT)}")
    if (full or args.docs) and not args.no_docs and not crashes:
        write_docs(merged, os.path.join(ROOT, "docs", "performance.md"))
        log("bench: wrote docs/performance.md")
    if crashes:
        log("bench: FAILED: a command crashed:\n  " + "\n  ".join(crashes))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
