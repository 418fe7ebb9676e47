"""Machine formats end to end: SARIF validated with jsonschema against the official SARIF
2.1.0 schema and read by sarif-tools, JSON validated against docs/poclint-output.schema.json,
GitHub annotations, and the gate options. Documents are written here; fixture diagnostics
are never hard-coded (rules change), only structure, validity and coordinates."""
import json
import pathlib
import subprocess
import sys

import jsonschema
import pytest

from conftest import FIXTURES, POCLINT, ROOT

SARIF_SCHEMA = json.loads((ROOT.parent / "shared" / "schemas" / "sarif-2.1.0.json").read_text()) \
    if (ROOT.parent / "shared" / "schemas" / "sarif-2.1.0.json").exists() else None
OUTPUT_SCHEMA = json.loads((ROOT / "docs" / "poclint-output.schema.json").read_text())
FIXTURE_FILES = sorted(FIXTURES.glob("*.md"))
# sarif-tools' command, from the virtual environment running the tests.
SARIF_TOOL = str(pathlib.Path(sys.executable).parent / "sarif")
ROCKET = "# Acme\n\n\U0001F680 We use cutting-edge models.\n"


def run(*args, cwd=None, stdin=None):
    return subprocess.run([POCLINT, *args], input=stdin, capture_output=True, text=True, timeout=120, cwd=cwd)


def validate(schema, instance):
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    errors = sorted(cls(schema).iter_errors(instance), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


@pytest.fixture
def rocket(tmp_path):
    (tmp_path / "apps").mkdir()
    path = tmp_path / "apps" / "acme.md"
    path.write_text(ROCKET, encoding="utf-8")
    return tmp_path


@pytest.mark.skipif(SARIF_SCHEMA is None, reason="shared/schemas/sarif-2.1.0.json is not beside the repository")
@pytest.mark.parametrize("fixture", FIXTURE_FILES, ids=lambda p: p.name)
def test_sarif_of_every_fixture_validates_and_sarif_tools_reads_it(fixture, tmp_path):
    r = run("lint", "--format", "sarif", str(fixture.relative_to(ROOT)), cwd=ROOT)
    assert r.returncode in (0, 1), r.stderr
    log = json.loads(r.stdout)
    validate(SARIF_SCHEMA, log)
    [run_] = log["runs"]
    assert run_["columnKind"] == "utf16CodeUnits"
    rules = run_["tool"]["driver"]["rules"]
    assert rules, "tool.driver.rules is empty"
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
        assert rule["name"] != rule["id"]
        assert rule["defaultConfiguration"]["level"] in ("note", "warning", "error")
        page = ROOT / "docs" / "rules" / f"{rule['id']}.md"
        assert page.exists(), f"helpUri of {rule['id']} has no docs page"
        assert rule["helpUri"].endswith(f"docs/rules/{rule['id']}.md")
    text = fixture.read_text(encoding="utf-8").splitlines()
    for result in run_["results"]:
        assert result["ruleId"] == rules[result["ruleIndex"]]["id"]
        assert result["level"] in ("note", "warning", "error")
        assert result["partialFingerprints"]["poclint/v1"]
        loc = result["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"] == {"uri": fixture.relative_to(ROOT).as_posix(), "uriBaseId": "%SRCROOT%"}
        region = loc["region"]
        assert all(region[k] >= 1 for k in ("startLine", "startColumn", "endLine", "endColumn"))
        assert (region["endLine"], region["endColumn"]) >= (region["startLine"], region["startColumn"])
        assert region["startLine"] <= len(text) + 1
    out = tmp_path / "out.sarif"
    out.write_text(r.stdout)
    summary = subprocess.run([SARIF_TOOL, "summary", str(out)],
                             capture_output=True, text=True, timeout=60)
    assert summary.returncode == 0, summary.stderr
    for level in ("error", "warning", "note"):
        count = sum(1 for res in run_["results"] if res["level"] == level)
        if count:
            assert f"{level}: {count}" in summary.stdout


@pytest.mark.parametrize("fixture", FIXTURE_FILES, ids=lambda p: p.name)
def test_json_of_every_fixture_validates_against_the_project_schema(fixture):
    r = run("lint", "--format", "json", str(fixture))
    assert r.returncode in (0, 1), r.stderr
    doc = json.loads(r.stdout)
    validate(OUTPUT_SCHEMA, doc)
    [f] = doc["files"]
    assert f["summary"]["errors"] == sum(1 for d in f["diagnostics"] if d["severity"] == "error")
    # Byte-identical on a rerun.
    assert run("lint", "--format", "json", str(fixture)).stdout == r.stdout


def test_json_for_many_files_is_sorted_and_valid():
    r = run("lint", "--format", "json", *[str(p) for p in reversed(FIXTURE_FILES)])
    doc = json.loads(r.stdout)
    validate(OUTPUT_SCHEMA, doc)
    paths = [f["path"] for f in doc["files"]]
    assert paths == sorted(paths) and len(paths) == len(FIXTURE_FILES)


def vague(diagnostics, key="rule"):
    found = [d for d in diagnostics if d[key] == "vague-phrase"]
    assert found, "the vague-phrase rule did not flag 'cutting-edge'"
    return found[0]


def test_rocket_line_in_json(rocket):
    r = run("lint", "--format", "json", "apps/acme.md", cwd=rocket)
    doc = json.loads(r.stdout)
    validate(OUTPUT_SCHEMA, doc)
    d = vague(doc["files"][0]["diagnostics"])
    assert (d["start"], d["end"]) == ({"line": 3, "column": 10}, {"line": 3, "column": 22})
    assert d["range"] == {"start": {"line": 2, "character": 10}, "end": {"line": 2, "character": 22}}
    assert d["bytes"] == {"start": 20, "end": 32}


@pytest.mark.skipif(SARIF_SCHEMA is None, reason="no SARIF schema")
def test_rocket_line_in_sarif(rocket):
    r = run("lint", "--format", "sarif", "apps/acme.md", cwd=rocket)
    log = json.loads(r.stdout)
    validate(SARIF_SCHEMA, log)
    [run_] = log["runs"]
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == rocket.resolve().as_uri() + "/"
    [res] = [x for x in run_["results"] if x["ruleId"] == "vague-phrase"]
    region = res["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 11, "endLine": 3, "endColumn": 23}


def test_rocket_line_in_github_and_text(rocket):
    r = run("lint", "--format", "github", "apps/acme.md", cwd=rocket)
    lines = [l for l in r.stdout.splitlines() if "title=poclint vague-phrase" in l]
    assert lines and lines[0].startswith("::warning file=apps/acme.md,line=3,col=10,endLine=3,endColumn=22,title=poclint vague-phrase::")
    assert all(l.startswith("::") for l in r.stdout.splitlines())
    assert "linted" in r.stderr and "linted" not in r.stdout
    t = run("lint", "--no-color", "apps/acme.md", cwd=rocket)
    assert "apps/acme.md:3:10: warning:" in t.stdout


def test_output_file_gets_the_format_and_stdout_the_human_report(rocket):
    r = run("lint", "--format", "sarif", "--output", "out.sarif", "--no-color", "apps/acme.md", cwd=rocket)
    assert r.returncode == 1
    log = json.loads((rocket / "out.sarif").read_text())
    assert log["version"] == "2.1.0"
    assert "apps/acme.md:3:10: warning:" in r.stdout


def test_gate_options(rocket):
    # The rocket document has errors (missing components): --fail-on never exits 0.
    assert run("lint", "--fail-on", "never", "apps/acme.md", cwd=rocket).returncode == 0
    assert run("lint", "apps/acme.md", cwd=rocket).returncode == 1
    assert run("lint", "--exit-zero", "apps/acme.md", cwd=rocket).returncode == 0
    (rocket / "only-warning.md").write_text(ROCKET + "\n<!-- poclint-disable-file missing-component -->\n")
    doc = json.loads(run("lint", "--format", "json", "only-warning.md", cwd=rocket).stdout)
    warnings = doc["summary"]["warnings"]
    assert warnings >= 1
    assert run("lint", "--fail-on", "never", "--max-warnings", str(warnings), "only-warning.md", cwd=rocket).returncode == 0
    over = run("lint", "--fail-on", "never", "--max-warnings", str(warnings - 1), "only-warning.md", cwd=rocket)
    assert over.returncode == 1 and "--max-warnings" in over.stderr


def test_quiet_keeps_errors_only(rocket):
    doc = json.loads(run("lint", "--quiet", "--format", "json", "apps/acme.md", cwd=rocket).stdout)
    severities = {d["severity"] for f in doc["files"] for d in f["diagnostics"]}
    assert severities <= {"error"}


def test_usage_errors_are_one_line_with_exit_two(rocket):
    for args in (["lint", "--format", "xml", "apps/acme.md"], ["lint", "--max-warnings", "-1", "apps/acme.md"],
                 ["lint", "--dry-run", "apps/acme.md"], ["lint"]):
        r = run(*args, cwd=rocket)
        assert r.returncode == 2, args
        assert r.stdout == "" and r.stderr.count("\n") == 1, (args, r.stderr)
