"""The CLI as a user runs it: exit codes and the gcc-style first line of each finding."""
import subprocess

from conftest import FIXTURES, POCLINT


def run(*args, stdin=None):
    return subprocess.run([POCLINT, *args], input=stdin, capture_output=True, text=True, timeout=60)


def test_excellent_application_exits_zero():
    r = run("lint", "--no-color", str(FIXTURES / "excellent-claims-drafting.md"))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "error:" not in r.stdout and "warning:" not in r.stdout


def test_missing_components_exit_one_with_positions():
    path = FIXTURES / "missing-evaluation-and-timeline.md"
    r = run("lint", "--no-color", str(path))
    assert r.returncode == 1
    lines = [l for l in r.stdout.splitlines() if l.endswith("[missing-component]")]
    assert len(lines) == 2
    assert all(l.startswith(f"{path}:22:4: error: Missing component") for l in lines)


def test_missing_file_is_a_one_line_error_with_exit_two():
    r = run("lint", "does-not-exist.md")
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0
    assert "does-not-exist.md" in r.stderr


def test_usage_error_exits_two_not_64():
    r = run("lint", "--no-such-option", "x.md")
    assert r.returncode == 2


def test_standard_input():
    r = run("lint", "-", stdin="# Only a title\n")
    assert r.returncode == 1
    assert sum(l.endswith("[missing-component]") for l in r.stdout.splitlines()) == 5
    assert "<stdin>:1:1" in r.stdout


def test_scorecard_ends_the_text_output():
    r = run("lint", "--no-color", str(FIXTURES / "excellent-claims-drafting.md"))
    assert "predicted CEILING ($50K), score 100/100" in r.stdout
    for component in ("use case", "model rationale", "evaluation", "budget", "timeline"):
        assert f"\n  {component} " in r.stdout
    assert "$50,000 requested covers 12 months at $4,170/month" in r.stdout


def test_many_files_end_with_one_table_sorted_by_tier():
    r = run("lint", "--no-color", "--fail-on", "never", str(FIXTURES))
    table = r.stdout[r.stdout.index("\nfile "):].splitlines()[1:]
    rows = [l for l in table if l.startswith(str(FIXTURES))]
    # POC applications first (the profile order of rules/profiles.yml), best tier first.
    poc = [r for r in rows if "/accelerator/" not in r or "(poc)" in r]
    accelerator = [r for r in rows if r not in poc]
    assert rows == poc + accelerator
    order = ["ceiling", "standard", "floor", "rejection risk"]
    ranks = [next(i for i, t in enumerate(order) if f"  {t} (" in row) for row in poc]
    assert ranks == sorted(ranks)
    acc_order = ["ceiling", "upper median", "median", "lower median", "floor", "rejection risk"]
    acc_ranks = [next(i for i, t in enumerate(acc_order) if f"  {t} (" in row) for row in accelerator]
    assert acc_ranks == sorted(acc_ranks)
    # One row per application: a document holding both gets two.
    combined = len(list(FIXTURES.glob("accelerator/combined-*.md")))
    assert len(rows) == len(list(FIXTURES.glob("**/*.md"))) + combined


def test_min_tier_gate():
    good = str(FIXTURES / "excellent-claims-drafting.md")
    bad = str(FIXTURES / "missing-evaluation-and-timeline.md")
    assert run("lint", "--min-tier", "ceiling", good).returncode == 0
    r = run("lint", "--fail-on", "never", "--min-tier", "floor", bad)
    assert r.returncode == 1
    assert "predicts rejection-risk, below --min-tier floor" in r.stderr
    assert run("lint", "--min-tier", "platinum", good).returncode == 2


def test_a_bad_file_does_not_hide_the_others(tmp_path):
    binary = tmp_path / "scan.md"
    binary.write_bytes(b"%PDF-1.7\x00\x01")
    r = run("lint", "--no-color", str(FIXTURES / "excellent-claims-drafting.md"), str(binary))
    assert r.returncode == 2
    assert r.stderr.strip().splitlines()[0].startswith(f"poclint: {binary}: not a text file")
    assert "predicted CEILING" in r.stdout


def test_output_to_a_device_or_pipe_is_written_not_replaced(tmp_path):
    import os, stat, threading
    fifo = tmp_path / "report.pipe"
    os.mkfifo(fifo)
    got = {}
    reader = threading.Thread(target=lambda: got.setdefault("data", open(fifo, "rb").read()))
    reader.start()
    r = run("lint", "--format", "json", "--output", str(fifo), str(FIXTURES / "excellent-claims-drafting.md"))
    reader.join(timeout=30)
    assert r.returncode == 0, r.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert got["data"].lstrip().startswith(b"{")
