"""`.poclint.yml` as a partner uses it: found from each file's folder up to the repository
root, `--config` overrides, `--print-config`, and bad configuration is exit 2 with one line
naming the file, line and column."""
import json
import re
import subprocess

from conftest import POCLINT

ROCKET = "# Acme\n\n\U0001F680 We use cutting-edge models.\n"


def run(*args, cwd=None):
    return subprocess.run([POCLINT, *args], capture_output=True, text=True, timeout=120, cwd=cwd)


def rules_of(cwd, *paths, extra=()):
    r = run("lint", "--format", "json", *extra, *paths, cwd=cwd)
    assert r.returncode in (0, 1), r.stderr
    return {f["path"]: sorted({(d["rule"], d["severity"]) for d in f["diagnostics"]}) for f in json.loads(r.stdout)["files"]}


def make_repo(tmp_path):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    for folder in ("apps/acme", "apps/beta", "other"):
        (repo / folder).mkdir(parents=True)
        (repo / folder / "app.md").write_text(ROCKET)
    return repo


def test_nearest_config_applies_per_file_and_stops_at_the_repository_root(tmp_path):
    (tmp_path / ".poclint.yml").write_text("rules: {missing-component: off}\n")  # above the repo: ignored
    repo = make_repo(tmp_path)
    (repo / "apps" / ".poclint.yml").write_text("rules:\n  missing-component: off\n  vague-phrase: error\n")
    (repo / "apps" / "beta" / ".poclint.yml").write_text("extends: ../.poclint.yml\nrules: {vague-phrase: info}\n")
    result = rules_of(repo, "apps", "other")
    acme, beta, other = result["apps/acme/app.md"], result["apps/beta/app.md"], result["other/app.md"]
    assert ("vague-phrase", "error") in acme and not any(r == "missing-component" for r, _ in acme)
    assert ("vague-phrase", "info") in beta and not any(r == "missing-component" for r, _ in beta)
    assert ("missing-component", "error") in other and ("vague-phrase", "warning") in other


def test_config_option_overrides_discovery(tmp_path):
    repo = make_repo(tmp_path)
    (repo / "apps" / ".poclint.yml").write_text("rules: {vague-phrase: error}\n")
    (repo / "ci.yml").write_text("rules: {vague-phrase: off}\n")
    result = rules_of(repo, "apps/acme/app.md", extra=("--config", "ci.yml"))
    assert not any(r == "vague-phrase" for r, _ in result["apps/acme/app.md"])
    missing = run("lint", "--config", "nope.yml", "apps/acme/app.md", cwd=repo)
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1 and "nope.yml" in missing.stderr


def test_print_config_shows_the_merged_result(tmp_path):
    repo = make_repo(tmp_path)
    (repo / "base.yml").write_text("window: 90\nbudget_tolerance: 0.2\nrules: {vague-phrase: info}\n")
    (repo / ".poclint.yml").write_text("extends: base.yml\nwindow: 60\ncomponents: {budget: {headings: [burn plan]}}\n")
    r = run("lint", "--print-config", "other/app.md", cwd=repo)
    assert r.returncode == 0, r.stderr
    assert "window: 60" in r.stdout and "budget_tolerance: 0.2" in r.stdout
    assert "  vague-phrase: info" in r.stdout and "  missing-component: error" in r.stdout
    assert 'headings: ["burn plan"]' in r.stdout
    assert ".poclint.yml, base.yml" in r.stdout
    # The printed configuration is itself a valid configuration.
    (repo / "printed.yml").write_text(r.stdout)
    again = run("lint", "--print-config", "--config", "printed.yml", cwd=repo)
    assert again.returncode == 0 and "window: 60" in again.stdout


def test_data_pack_extensions_change_findings(tmp_path):
    repo = make_repo(tmp_path)
    (repo / "other" / "app.md").write_text("# Acme\n\nOur north star is growth.\n")
    (repo / ".poclint.yml").write_text(
        "phrases:\n  - phrase: north star\n    components: [any]\n    severity: error\n    say_instead: Name the metric.\n")
    r = run("lint", "--format", "json", "other/app.md", cwd=repo)
    diags = json.loads(r.stdout)["files"][0]["diagnostics"]
    hits = [d for d in diags if "north star" in d["message"].lower()]
    assert hits and hits[0]["severity"] == "error" and hits[0]["start"] == {"line": 3, "column": 5}


BAD = [
    ("rulez: {}\n", 1, "unknown key 'rulez'"),
    ("rules:\n  vague-phrse: off\n", 2, "did you mean 'vague-phrase'"),
    ("rules:\n  vague-phrase: loud\n", 2, "severity must be"),
    ("window: 45\n", 1, "60 or 90"),
    ("rules: {a: [\n", 2, "invalid YAML"),
    ("models:\n  - id: brand-new\n    input_per_mtok: 1\n", 2, "output_per_mtok"),
    ("phrases:\n  - phrase: x\n", 2, "say_instead"),
    ("budget_tolerance: [1]\n", 1, "budget_tolerance"),
]


def test_bad_configuration_is_one_line_with_file_line_and_column(tmp_path):
    repo = make_repo(tmp_path)
    for text, line, words in BAD:
        (repo / ".poclint.yml").write_text(text)
        for fmt in ("text", "sarif"):
            r = run("lint", "--format", fmt, "other/app.md", cwd=repo)
            assert r.returncode == 2, (text, r.stderr)
            assert r.stdout == ""
            assert r.stderr.count("\n") == 1, r.stderr
            assert re.match(rf"poclint: \.poclint\.yml:{line}:\d+: ", r.stderr), (text, r.stderr)
            assert words in r.stderr, (text, r.stderr)
