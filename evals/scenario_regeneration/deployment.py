"""Where and how an SDK scenario's service runs, from ``expected.json`` ``deployment``.

The deployment path is what the profile's file names show, so the committed tree is laid out
where the deployment runs it: its own folder (``directory`` null: the scenario folder itself,
whose files were just shown to commit to ``git_ref``), a copy under /srv, /home/dev, /opt ...,
a zipapp, or chosen files of it (a site-packages directory). A folder made for the run carries
a marker file and is removed afterwards, with the parents made for it; a folder without the
marker is never replaced. Node.js services find the SDK through a ``node_modules`` link.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from profile_insights.evals.scenario_regeneration.scenario_tree import export_tree

NODE_SDK = "@pyroscope/nodejs"
_MARKER = ".regenerate_sdk-deployment"


class Deployment:
    """The directories, links and command line of one scenario's run."""

    def __init__(self, scenario: Path, spec: dict[str, Any], repo: Path, tmp: Path):
        """Plan the deployment of ``repo`` (the recreated commit) as ``spec`` describes."""
        self.scenario = scenario
        self.spec = spec
        self.repo = repo
        self.tmp = tmp
        directory = spec.get("directory")
        self.in_place = directory in (None, "", "<scenario folder>")
        self.directory = scenario if self.in_place else Path(str(directory))
        self.created: list[Path] = []
        self.links: list[Path] = []
        self.parents: list[Path] = []  # folders made for the deployment, deepest first

    def _claim(self, path: Path) -> None:
        """Create path for this run; refuse to replace something that is not a previous run's."""
        marker = path / _MARKER
        if path.exists():
            if not marker.exists():
                sys.exit(f"{path} exists and was not made by regenerate_sdk.py: remove it first")
            shutil.rmtree(path)
        missing = [parent for parent in path.parents if not parent.exists()]
        self.parents.extend(sorted(missing, key=lambda p: len(p.parts), reverse=True))
        path.mkdir(parents=True)
        marker.write_text("made by regenerate_sdk.py; removed after the recording\n")
        self.created.append(path)

    def _staged(self) -> Path:
        """Return the committed tree exported into the temporary directory."""
        staged = self.tmp / "staged-tree"
        export_tree(self.repo, staged)
        return staged

    def lay_out(self) -> None:
        """Put the service's files where the deployment runs them from."""
        layout = self.spec.get("layout", {"type": "tree"})
        kind = layout.get("type", "tree")
        if self.in_place:
            return
        self._claim(self.directory)
        if kind == "tree":
            export_tree(self.repo, self.directory)
        elif kind == "copy":
            staged = self._staged()
            for item in layout["items"]:
                source = staged / item["from"]
                target = self.directory / item["to"]
                target.parent.mkdir(parents=True, exist_ok=True)
                if source.is_dir():
                    shutil.copytree(source, target)
                else:
                    shutil.copy2(source, target)
        elif kind == "zipapp":
            source = self._staged() / layout.get("source", ".")
            target = self.directory / layout["target"]
            command = [sys.executable, "-m", "zipapp", str(source), "-o", str(target)]
            if layout.get("main"):
                command += ["-m", layout["main"]]
            subprocess.run(command, check=True)
        else:
            sys.exit(f"unknown deployment layout {kind!r}")

    def link_node_modules(self, cache: Path) -> None:
        """Link node_modules into the package root (where require() looks), not the cwd."""
        link = self.directory / "node_modules"
        if link.is_symlink():
            link.unlink()
        if link.exists():
            sys.exit(f"{link} exists: remove it (node_modules are never part of a scenario)")
        link.symlink_to(cache / "node_modules", target_is_directory=True)
        self.links.append(link)

    def cwd(self) -> Path:
        """Return the directory the service is started in."""
        cwd = self.spec.get("cwd", ".")
        return Path(cwd) if os.path.isabs(cwd) else self.directory / cwd

    def command(self, node: str | None) -> list[str]:
        """Return the command line that starts the service."""
        return [
            token.replace("{python}", sys.executable)
            .replace("{node}", node or "node")
            .replace("{dir}", str(self.directory))
            for token in self.spec["command"]
        ]

    def env(self) -> dict[str, str]:
        """Return the extra environment of the service."""
        return {
            key: value.replace("{dir}", str(self.directory))
            for key, value in self.spec.get("env", {}).items()
        }

    def clean(self) -> None:
        """Remove every directory and link the deployment created."""
        for link in self.links:
            if link.is_symlink():
                link.unlink()
        for path in self.created:
            shutil.rmtree(path, ignore_errors=True)
        for parent in self.parents:
            try:
                parent.rmdir()
            except OSError:
                pass
        if self.in_place:
            for cache in self.scenario.rglob("__pycache__"):
                shutil.rmtree(cache, ignore_errors=True)


def ensure_node_sdk(cache: Path, version: str | None) -> None:
    """Install @pyroscope/nodejs (the scenario's version) into the npm cache folder if missing."""
    package = cache / "node_modules" / "@pyroscope" / "nodejs" / "package.json"
    if package.exists():
        have = json.loads(package.read_text())["version"]
        if version is None or have == version:
            return
        print(f"node SDK cache has {have}, scenario wants {version}: reinstalling", flush=True)
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm is not installed: Node.js scenarios cannot be recorded")
    cache.mkdir(parents=True, exist_ok=True)
    manifest = cache / "package.json"
    if not manifest.exists():
        manifest.write_text(
            json.dumps({"name": "pyroscope-node-sdk-cache", "version": "1.0.0", "private": True})
        )
    spec = f"{NODE_SDK}@{version}" if version else NODE_SDK
    print(f"installing {spec} into {cache}", flush=True)
    subprocess.run([npm, "install", "--no-audit", "--no-fund", spec], cwd=cache, check=True)
