"""The documentation lives in the repository and describes the tree as it is: every
link and every file path it names exists, and nothing points outside the clone."""

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", ROOT / "docs" / "domain.md", ROOT / "docs" / "architecture.md"]

LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
# `indicators/capaian.py`, `templates/reports/document/`, `fixtures/*.json` ...
PATH = re.compile(r"`([a-z_]+/[\w./*-]*)`")


def tracked_files() -> list[str]:
    listing = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True)
    return listing.stdout.split()


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_link_and_named_path_exists(doc):
    text = doc.read_text(encoding="utf-8")
    for target in LINK.findall(text):
        if target.startswith(("http://", "https://")):
            continue
        assert (doc.parent / target).exists(), f"{doc.name}: link to {target}"
    generated = {line.strip("/") for line in (ROOT / ".gitignore").read_text().split()}
    for path in PATH.findall(text):
        if path.strip("/") in generated:  # made by the app (static files, uploads)
            continue
        if "*" in path:
            assert list(ROOT.glob(path)), f"{doc.name}: {path}"
        else:
            assert (ROOT / path).exists(), f"{doc.name}: {path}"


def test_the_readme_layout_lists_every_top_level_folder():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme.split("## Layout", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^\| `([\w]+)/`", layout, re.M))
    listed |= set(re.findall(r"^\| `[\w]+/`, `([\w]+)/`", layout, re.M))
    folders = {f.split("/", 1)[0] for f in tracked_files() if "/" in f and not f.startswith(".")}
    assert listed == folders


def test_nothing_in_the_repository_points_outside_it():
    for name in tracked_files():
        path = ROOT / name
        if path.suffix in {".py", ".md", ".html", ".json", ".txt", ".toml", ".css", ".js", ""} and path.is_file():
            text = path.read_text(encoding="utf-8", errors="ignore")
            for outside in ("../" + "shared", "LKJIP" + ".md"):  # (spelled apart: this file is checked too)
                assert outside not in text, name
