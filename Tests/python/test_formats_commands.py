"""The everyday commands end to end: init, rules, explain, cost, --fix and inline
suppressions, as a founder runs them."""
import json
import os
import subprocess

import pytest

from conftest import FIXTURES, POCLINT, ROOT

ROCKET = "# Acme\n\n\U0001F680 We use cutting-edge models.\n"


def run(*args, cwd=None, stdin=None):
    return subprocess.run([POCLINT, *args], input=stdin, capture_output=True, text=True, timeout=120, cwd=cwd)


def lint_json(path, cwd=None, *extra):
    r = run("lint", "--format", "json", *extra, str(path), cwd=cwd)
    assert r.returncode in (0, 1), r.stderr
    return json.loads(r.stdout)["files"][0]


def test_init_writes_a_skeleton_that_lints_to_a_todo_list(tmp_path):
    r = run("init", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    app = tmp_path / "application.md"
    text = app.read_text()
    for heading in ("## Use case", "## Model selection rationale", "## Evaluation methodology",
                    "## Budget projection", "## POC timeline (90 days)"):
        assert heading in text
    assert "$3.00 / $15.00 per million input / output tokens" in text  # Claude Sonnet 4 from the catalog
    assert "<!--" in text
    lint = run("lint", "--no-color", "application.md", cwd=tmp_path)
    assert lint.returncode == 1, "the untouched skeleton must not pass"
    f = lint_json("application.md", tmp_path)
    assert f["diagnostics"], "the untouched skeleton must report what remains"
    assert all(f["components"][c]["found"] for c in ("use-case", "model", "evaluation", "budget", "timeline"))
    assert not any(d["rule"] == "missing-component" for d in f["diagnostics"])


def test_init_refuses_to_overwrite_without_force(tmp_path):
    (tmp_path / "mine.md").write_text("my draft\n")
    r = run("init", "mine.md", cwd=tmp_path)
    assert r.returncode == 2 and "--force" in r.stderr and r.stderr.count("\n") == 1
    assert (tmp_path / "mine.md").read_text() == "my draft\n"
    assert run("init", "mine.md", "--force", "--model", "Claude Haiku", "--window", "60", cwd=tmp_path).returncode == 0
    text = (tmp_path / "mine.md").read_text()
    assert "Claude 3 Haiku" in text and "$0.25 / $1.25" in text and "## POC timeline (60 days)" in text


def test_init_rejects_unknown_model_and_window(tmp_path):
    r = run("init", "--model", "Claude Sonet 4", cwd=tmp_path)
    assert r.returncode == 2 and "did you mean" in r.stderr
    assert run("init", "--window", "45", cwd=tmp_path).returncode == 2
    assert not (tmp_path / "application.md").exists()


def test_rules_lists_every_rule_including_suppression_checks():
    table = run("rules")
    assert table.returncode == 0
    assert "missing-component" in table.stdout and "unused-suppression" in table.stdout
    rules = json.loads(run("rules", "--format", "json").stdout)
    ids = [r["id"] for r in rules]
    assert {"unknown-suppression", "unused-suppression", "missing-component"} <= set(ids)
    assert len(ids) == len(set(ids))
    for r in rules:
        assert r["severity"] in ("error", "warning", "info")
        assert (ROOT / "docs" / "rules" / f"{r['id']}.md").exists()


def test_explain_prints_the_page_and_suggests_on_typos():
    r = run("explain", "unused-suppression")
    assert r.returncode == 0
    assert r.stdout == (ROOT / "docs" / "rules" / "unused-suppression.md").read_text()
    bad = run("explain", "missing-componnet")
    assert bad.returncode == 2 and "missing-component" in bad.stderr and bad.stderr.count("\n") == 1


def test_cost_matches_the_reference_workload():
    r = run("cost", "--model", "Claude Sonnet 4", "--input", "10M/day", "--output", "2M/day", "--credit", "25K")
    assert r.returncode == 0, r.stderr
    assert "monthly cost: $1,800.00" in r.stdout
    assert "lasts 13.9 months" in r.stdout
    opus = run("cost", "--model", "claude-opus-4-1", "--input", "300M/month", "--output", "60M/month", "--credit", "$25,000")
    assert "monthly cost: $9,000.00" in opus.stdout and "lasts 2.8 months" in opus.stdout
    for args in (["--model", "gpt-5", "--input", "1M/day"], ["--model", "Claude Haiku", "--input", "lots"]):
        bad = run("cost", *args)
        assert bad.returncode == 2 and bad.stderr.count("\n") == 1


def test_cost_reads_prices_from_the_configuration(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".poclint.yml").write_text("models:\n  - {id: claude-sonnet-4, input_per_mtok: 6, output_per_mtok: 30}\n")
    r = run("cost", "--model", "Claude Sonnet 4", "--input", "10M/day", "--output", "2M/day", cwd=tmp_path)
    assert "monthly cost: $3,600.00" in r.stdout


def test_fix_dry_run_prints_a_diff_and_writes_nothing(tmp_path):
    src = (FIXTURES / "missing-evaluation-and-timeline.md").read_bytes()
    app = tmp_path / "app.md"
    app.write_bytes(src)
    before = lint_json(app)
    if not any(d["fix"] and d["fix"]["safe"] for d in before["diagnostics"]):
        pytest.skip("no safe fix in this fixture any more")
    r = run("lint", "--fix", "--dry-run", "app.md", cwd=tmp_path)
    assert app.read_bytes() == src
    assert r.stdout.startswith("--- a/app.md\n+++ b/app.md\n@@ ")
    assert any(l.startswith("+## ") for l in r.stdout.splitlines())


def test_fix_writes_safe_fixes_atomically_and_keeps_the_bom(tmp_path):
    src = (FIXTURES / "missing-evaluation-and-timeline.md").read_bytes()
    app = tmp_path / "app.md"
    app.write_bytes(b"\xef\xbb\xbf" + src)
    os.chmod(app, 0o640)
    other = tmp_path / "other.md"
    other.write_bytes(ROCKET.encode())
    before = lint_json(app)
    safe = [d for d in before["diagnostics"] if d["fix"] and d["fix"]["safe"]]
    if not safe:
        pytest.skip("no safe fix in this fixture any more")
    r = run("lint", "--fix", "--no-color", "app.md", cwd=tmp_path)
    assert r.returncode in (0, 1), r.stderr
    assert "app.md: fixed" in r.stderr
    fixed = app.read_bytes()
    assert fixed.startswith(b"\xef\xbb\xbf") and fixed != b"\xef\xbb\xbf" + src
    assert oct(os.stat(app).st_mode & 0o777) == oct(0o640)
    assert other.read_bytes() == ROCKET.encode()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".app.md.poclint-")]
    after = lint_json(app)
    fixed_ids = {(d["rule"], d["message"]) for d in safe}
    assert not fixed_ids & {(d["rule"], d["message"]) for d in after["diagnostics"]}
    # A second run has nothing left to fix.
    again = run("lint", "--fix", "app.md", cwd=tmp_path)
    assert "fixed" not in again.stderr and app.read_bytes() == fixed


def test_fix_refuses_standard_input():
    r = run("lint", "--fix", "-", stdin=ROCKET)
    assert r.returncode == 2 and r.stderr.count("\n") == 1


def test_suppressions_through_the_cli(tmp_path):
    app = tmp_path / "a.md"
    app.write_text("<!-- poclint-disable-file missing-component -- a note, not an application -->\n"
                   "# Acme\n\n<!-- poclint-disable-next-line vague-phrase -- the customer's words -->\n"
                   "We use cutting-edge models.\n\n<!-- poclint-disable-next-line vague-phrse -->\nplain\n\n"
                   "```\n<!-- poclint-disable-file vague-phrase -->\n```\n\nWe use cutting-edge models.\n")
    f = lint_json(app)
    rules = [(d["rule"], d["start"]["line"]) for d in f["diagnostics"]]
    assert ("missing-component", 2) not in rules and not any(r == "missing-component" for r, _ in rules)
    assert ("vague-phrase", 5) not in rules
    assert ("vague-phrase", 14) in rules
    unknown = [d for d in f["diagnostics"] if d["rule"] == "unknown-suppression"]
    assert [d["start"]["line"] for d in unknown] == [7] and "vague-phrase" in unknown[0]["message"]
