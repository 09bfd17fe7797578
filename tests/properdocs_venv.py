"""ProperDocs' own virtual environment, made once for the tests and reused.

ProperDocs continues MkDocs 1.x under another name: it runs the plugins and themes
registered for MkDocs (the ``mkdocs.plugins`` and ``mkdocs.themes`` entry points),
answers their ``mkdocs.*`` imports with its own modules, and reads ``mkdocs.yml``
when no ``properdocs.yml`` is there. So annotrain and Material run under it
unchanged, but it needs a venv of its own in which ``properdocs`` is the engine:
annotrain is installed there in editable mode, so the venv always runs this
source tree.

The venv is kept with a stamp of what it was made from (Python, requirements,
``pyproject.toml``) and made again when any of them changes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

# The newest ProperDocs 1.x: the line that keeps MkDocs 1.x plugins working.
# Material comes in the range annotrain's own dependencies allow.
REQUIREMENTS = ("properdocs>=1.6.7,<2", "mkdocs-material")
STAMP = "annotrain-stamp.json"
BIN = "Scripts" if os.name == "nt" else "bin"


class VenvError(Exception):
    """The venv could not be made; the message says which step failed and why."""


def ensure(venv: Path, root: Path) -> Path:
    """The ``properdocs`` command of ``venv``, made first when missing or out of date.

    ``root`` is the repository installed into the venv in editable mode.
    """
    venv.parent.mkdir(parents=True, exist_ok=True)
    with _locked(venv.with_name(venv.name + ".lock")):
        command = venv / BIN / "properdocs"
        stamp = _stamp(root)
        if _read_stamp(venv) == stamp and command.exists():
            return command
        # A venv cannot be moved once made (its scripts name their own path), so it is
        # made in place; the stamp, written last, marks it complete.
        shutil.rmtree(venv, ignore_errors=True)
        _run("make the venv", [sys.executable, "-m", "venv", str(venv)])
        python = venv / BIN / "python"
        _run(
            "install ProperDocs",
            [str(python), "-m", "pip", "install", "-q", *REQUIREMENTS, "-e", str(root)],
        )
        (venv / STAMP).write_text(json.dumps(stamp, indent=1), encoding="utf-8")
        return command


def versions(properdocs: Path) -> dict[str, str]:
    """The installed versions of the engine and the theme in the venv of ``properdocs``."""
    python = properdocs.parent / "python"
    script = (
        "import json, importlib.metadata as m; "
        "print(json.dumps({n: m.version(n) for n in ('properdocs', 'mkdocs-material')}))"
    )
    result = subprocess.run(
        [str(python), "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    return json.loads(result.stdout)


def build(
    properdocs: Path, config: Path, site_dir: Path, site_url: str | None = None
) -> subprocess.CompletedProcess:
    """``properdocs build --strict`` of ``config`` into ``site_dir``, output captured.

    The environment is a clean one: the venv alone decides what is imported.
    ``site_url`` is passed as ``SITE_URL``, which the flagship course reads.
    """
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [str(properdocs), "build", "--strict", "-q", "-f", str(config), "-d", str(site_dir)],
        cwd=config.parent,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def _stamp(root: Path) -> dict[str, object]:
    pyproject = (root / "pyproject.toml").read_bytes()
    return {
        "python": sys.version,
        "requirements": list(REQUIREMENTS),
        "root": str(root.resolve()),
        "pyproject": hashlib.sha256(pyproject).hexdigest(),
    }


def _read_stamp(venv: Path) -> object:
    try:
        return json.loads((venv / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _run(step: str, command: list[str]) -> None:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=900)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise VenvError(f"could not {step}: {error}") from error
    if result.returncode != 0:
        raise VenvError(f"could not {step} (exit {result.returncode}): {_reason(result)}")


def _reason(result: subprocess.CompletedProcess) -> str:
    """pip's own ERROR lines (the cause, such as no index reached), else the last lines."""
    lines = [line.strip() for line in (result.stderr or result.stdout).splitlines()]
    errors = [line for line in lines if line.startswith("ERROR:")]
    return "; ".join(dict.fromkeys(errors)) or " ".join(lines[-5:])


@contextlib.contextmanager
def _locked(path: Path):
    """Hold ``path`` locked, so two test runs in one tree do not make the venv at once."""
    try:
        import fcntl
    except ImportError:  # no advisory locks on this platform: one run at a time
        yield
        return
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
