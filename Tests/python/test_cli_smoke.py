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
    lines = [l for l in r.stdout.splitlines() if "[missing-component]" in l]
    assert len(lines) == 2
    assert all(l.startswith(f"{path}:21:4: error: Missing component") for l in lines)


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
    assert r.stdout.count("[missing-component]") == 5
    assert "<stdin>:1:1" in r.stdout
