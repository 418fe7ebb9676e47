"""`poclint report`: the HTML review as a founder makes it. Where it is written, when it
refuses to overwrite, the same configuration as `lint`, and exit status 2 with one line on
stderr for every bad input."""
import json
import os
import re
import shutil
import subprocess

from conftest import FIXTURES, POCLINT

FLOOR = FIXTURES / "floor-real-estate-listings.md"


def run(*args, cwd=None, stdin=None, env=None):
    return subprocess.run([POCLINT, *args], input=stdin, capture_output=True, text=True, timeout=120, cwd=cwd,
                          env={**os.environ, **(env or {})})


def repo_with_draft(tmp_path, name="acme.md", folder="drafts"):
    """A repository (its root bounds the .poclint.yml search) holding a copy of the floor fixture."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / folder).mkdir(parents=True, exist_ok=True)
    shutil.copy(FLOOR, repo / folder / name)
    return repo


def findings(html):
    return len(re.findall(r'class="hl finding[ "]', html))


def lint_count(path, cwd, *extra):
    r = run("lint", "--format", "json", *extra, str(path), cwd=cwd)
    assert r.returncode in (0, 1), r.stderr
    return len(json.loads(r.stdout)["files"][0]["diagnostics"])


def one_line_error(r):
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    assert r.stderr.startswith("poclint: ") and r.stderr.count("\n") == 1, r.stderr
    return r.stderr


def test_default_output_is_beside_the_application(tmp_path):
    repo = repo_with_draft(tmp_path)
    r = run("report", "drafts/acme.md", cwd=repo)
    assert r.returncode == 0, r.stderr
    assert r.stdout == ("wrote drafts/acme.review.html: predicted floor ($10K), score 52.8/100, "
                        "10 findings (5 errors, 5 warnings, 0 info)\n")
    html = (repo / "drafts" / "acme.review.html").read_text()
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert findings(html) == lint_count("drafts/acme.md", repo) == 10
    assert '<p class="file">drafts/acme.md · ' in html


def test_output_option_and_exit_zero_whatever_the_findings(tmp_path):
    repo = repo_with_draft(tmp_path)
    r = run("report", "drafts/acme.md", "-o", "out/review.html", cwd=repo)
    assert r.returncode == 2, "the folder of -o must exist"
    (repo / "out").mkdir()
    r = run("report", "drafts/acme.md", "-o", "out/review.html", cwd=repo)
    assert r.returncode == 0, r.stderr
    assert (repo / "out" / "review.html").is_file()
    r = run("report", "drafts/acme.md", "--output", "other.html", cwd=repo)
    assert r.returncode == 0 and (repo / "other.html").is_file()
    # A clean application exits 0 too.
    shutil.copy(FIXTURES / "excellent-claims-drafting.md", repo / "drafts" / "best.md")
    r = run("report", "drafts/best.md", cwd=repo)
    assert r.returncode == 0 and "predicted ceiling ($50K), score 100/100, 0 findings" in r.stdout


def test_refuses_to_overwrite_a_file_that_is_not_a_report(tmp_path):
    repo = repo_with_draft(tmp_path)
    notes = repo / "notes.html"
    notes.write_text("<p>my notes</p>\n")
    err = one_line_error(run("report", "drafts/acme.md", "-o", "notes.html", cwd=repo))
    assert "--force" in err and "notes.html" in err
    assert notes.read_text() == "<p>my notes</p>\n"
    r = run("report", "drafts/acme.md", "-o", "notes.html", "--force", cwd=repo)
    assert r.returncode == 0, r.stderr
    assert findings(notes.read_text()) == 10


def test_replaces_its_own_report_without_force(tmp_path):
    repo = repo_with_draft(tmp_path)
    assert run("report", "drafts/acme.md", cwd=repo).returncode == 0
    draft = repo / "drafts" / "acme.md"
    draft.write_text(draft.read_text().replace("game-changing ", ""))
    r = run("report", "drafts/acme.md", cwd=repo)
    assert r.returncode == 0, r.stderr
    assert findings((repo / "drafts" / "acme.review.html").read_text()) == 9


def test_never_overwrites_the_application(tmp_path):
    repo = repo_with_draft(tmp_path)
    before = (repo / "drafts" / "acme.md").read_bytes()
    for extra in ([], ["--force"]):
        err = one_line_error(run("report", "drafts/acme.md", "-o", "drafts/../drafts/acme.md", *extra, cwd=repo))
        assert "application itself" in err
    assert (repo / "drafts" / "acme.md").read_bytes() == before


def test_standard_input(tmp_path):
    repo = repo_with_draft(tmp_path)
    text = FLOOR.read_text()
    err = one_line_error(run("report", "-", cwd=repo, stdin=text))
    assert "-o" in err
    r = run("report", "-", "-o", "-", cwd=repo, stdin=text)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("<!DOCTYPE html>") and findings(r.stdout) == 10
    assert not list(repo.glob("*.html"))


def test_bad_input_is_exit_2_with_one_line(tmp_path):
    repo = repo_with_draft(tmp_path)
    (repo / "binary.md").write_bytes(b"\x00\x01\x02 not text")
    (repo / "folder.md").mkdir()
    assert "no such file" in one_line_error(run("report", "missing.md", cwd=repo))
    assert "is a directory" in one_line_error(run("report", "drafts", cwd=repo))
    assert "not a text file" in one_line_error(run("report", "binary.md", cwd=repo))
    assert "configuration file not found" in one_line_error(run("report", "drafts/acme.md", "--config", "nope.yml", cwd=repo))
    one_line_error(run("report", cwd=repo))
    one_line_error(run("report", "drafts/acme.md", "--colour", cwd=repo))
    one_line_error(run("report", "drafts/acme.md", "-o", "folder.md", cwd=repo))
    assert not list(repo.rglob("*.html"))


def test_bad_discovered_configuration_is_exit_2_with_file_line_column(tmp_path):
    repo = repo_with_draft(tmp_path)
    (repo / ".poclint.yml").write_text("rules:\n  vague-phrse: off\n")
    err = one_line_error(run("report", "drafts/acme.md", cwd=repo))
    assert re.search(r"\.poclint\.yml:2:3: unknown rule id 'vague-phrse'", err), err
    assert not (repo / "drafts" / "acme.review.html").exists()


def test_same_configuration_as_lint(tmp_path):
    repo = repo_with_draft(tmp_path)
    (repo / "drafts" / ".poclint.yml").write_text("rules:\n  vague-phrase: off\n  application-length: info\n")
    r = run("report", "drafts/acme.md", cwd=repo)
    assert r.returncode == 0, r.stderr
    html = (repo / "drafts" / "acme.review.html").read_text()
    expected = lint_count("drafts/acme.md", repo)
    assert expected == 7  # three vague phrases off
    assert findings(html) == expected
    assert "vague-phrase</a>" not in html.split('<section class="application"')[1]
    assert '<li class="note sev-info" id="n-1">' in html
    # --config names one file for the run, as in lint.
    (repo / "strict.yml").write_text("rules:\n  model-no-comparison: error\n")
    r = run("report", "drafts/acme.md", "--config", "strict.yml", "-o", "strict.html", cwd=repo)
    assert r.returncode == 0, r.stderr
    html = (repo / "strict.html").read_text()
    assert findings(html) == lint_count("drafts/acme.md", repo, "--config", "strict.yml") == 10
    assert '<li class="note sev-error" id="n-4">' in html


def test_names_nothing_of_the_machine(tmp_path):
    repo = repo_with_draft(tmp_path)
    absolute = str(repo / "drafts" / "acme.md")
    r = run("report", absolute, "-o", "abs.html", cwd=repo)
    assert r.returncode == 0, r.stderr
    html = (repo / "abs.html").read_text()
    assert str(tmp_path) not in html and "/repo/" not in html
    assert '<p class="file">acme.md · ' in html
    r = run("report", "../drafts/acme.md", "-o", "up.html", cwd=repo / "drafts")
    assert r.returncode == 0, r.stderr
    assert '<p class="file">acme.md · ' in (repo / "drafts" / "up.html").read_text()
    home = os.path.expanduser("~")
    if len(home) > 1:
        assert home + "/" not in html
    assert "file://" not in html


def test_date_follows_source_date_epoch(tmp_path):
    repo = repo_with_draft(tmp_path)
    r = run("report", "drafts/acme.md", "-o", "-", cwd=repo, env={"SOURCE_DATE_EPOCH": "951782400"})
    assert r.returncode == 0, r.stderr
    assert 'Made on <span class="date">2000-02-29</span>' in r.stdout
    again = run("report", "drafts/acme.md", "-o", "-", cwd=repo, env={"SOURCE_DATE_EPOCH": "951782400"})
    assert again.stdout == r.stdout, "same input, same page"


def test_help_lists_report():
    r = run("--help")
    assert r.returncode == 0 and "report" in r.stdout
    r = run("report", "--help")
    assert r.returncode == 0 and "--force" in r.stdout and "review.html" in r.stdout
