"""The pre-commit hook, run by the real pre-commit (PyPI): the manifest validates, and
`pre-commit try-repo` runs poclint on the staged Markdown of a throwaway repository (the
`poclint-system` hook, with the built binary first on PATH; the `poclint` hook would build
poclint with `swift build -c release`, too slow for a test)."""
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

from conftest import FIXTURES, POCLINT, ROOT

PRE_COMMIT = str(pathlib.Path(sys.executable).parent / "pre-commit")
pytestmark = pytest.mark.skipif(not os.path.exists(PRE_COMMIT) or shutil.which("git") is None,
                                reason="pre-commit or git is not installed")


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)


def test_manifest_validates():
    r = subprocess.run([PRE_COMMIT, "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr


def test_try_repo_runs_poclint_on_staged_markdown(tmp_path):
    work = tmp_path / "drafts"
    work.mkdir()
    git("init", "-q", cwd=work)
    git("config", "user.email", "founder@example.invalid", cwd=work)
    git("config", "user.name", "Founder", cwd=work)
    (work / "draft.md").write_text("# Only a title\n\nWe will explore LLM opportunities.\n")
    shutil.copy(FIXTURES / "excellent-claims-drafting.md", work / "good.md")
    (work / "notes.txt").write_text("# Only a title\n")
    git("add", ".", cwd=work)
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"),
               GIT_AUTHOR_NAME="Founder", GIT_AUTHOR_EMAIL="founder@example.invalid",
               GIT_COMMITTER_NAME="Founder", GIT_COMMITTER_EMAIL="founder@example.invalid",
               PATH=str(pathlib.Path(POCLINT).resolve().parent) + os.pathsep + os.environ.get("PATH", ""))

    def try_repo(*files):
        return subprocess.run([PRE_COMMIT, "try-repo", str(ROOT), "poclint-system", "--files", *files],
                              cwd=work, env=env, capture_output=True, text=True, timeout=300)

    bad = try_repo("draft.md", "notes.txt")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "draft.md:1:" in bad.stdout and "[missing-component]" in bad.stdout
    assert "notes.txt" not in bad.stdout.split("Failed", 1)[1]

    skipped = try_repo("notes.txt")
    assert skipped.returncode == 0 and "no files to check" in skipped.stdout.lower() or "Skipped" in skipped.stdout

    good = try_repo("good.md")
    r = subprocess.run([POCLINT, "lint", "good.md"], cwd=work, capture_output=True, text=True)
    assert good.returncode == r.returncode, good.stdout
    assert ("Passed" in good.stdout) == (r.returncode == 0)
