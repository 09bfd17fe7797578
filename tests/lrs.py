"""A real Learning Record Store for the tests: Ralph, in a venv of its own.

Ralph (``ralph-malph``) pins its own FastAPI and uvicorn, so it lives in
``.cache/ralph-venv``, made once and kept with a stamp of what it was made from
(as :mod:`tests.properdocs_venv` keeps ProperDocs'). :class:`Ralph` runs its LRS on
127.0.0.1 with the file-system backend, HTTP basic users made with
``ralph auth ... -w``, and statements restricted by authority and scopes: the
site's user may only write statements, the trainer's may read them (and write,
for ``grade --sign --lrs``). Its data folder outlives a stop, so a test can stop
the LRS and start it again on the same port.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from . import properdocs_venv

REQUIREMENTS = ("ralph-malph[cli,lrs]==5.1.0", "requests")
STAMP = "annotrain-stamp.json"
#: Ralph's LRS under uvicorn on 127.0.0.1, port sys.argv[1]. Ralph 5.1's file
#: backend opens its one statements file with "create" on every write and so
#: refuses every write after the first; appending is what an LRS needs.
LAUNCH = """\
import sys
import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend
FSLRSBackend.default_operation_type = BaseOperationType.APPEND
uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""
SITE_USER = ("site", "site-write-only")
TRAINER_USER = ("trainer", "trainer-reads")


def ensure(venv: Path) -> Path:
    """The Python of ``venv`` with Ralph installed, made first when missing or out of date."""
    venv.parent.mkdir(parents=True, exist_ok=True)
    with properdocs_venv._locked(venv.with_name(venv.name + ".lock")):
        python = venv / properdocs_venv.BIN / "python"
        stamp = {"python": sys.version, "requirements": list(REQUIREMENTS)}
        try:
            made = json.loads((venv / STAMP).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            made = None
        if made == stamp and (venv / properdocs_venv.BIN / "ralph").exists():
            return python
        shutil.rmtree(venv, ignore_errors=True)
        properdocs_venv._run("make the venv", [sys.executable, "-m", "venv", str(venv)])
        properdocs_venv._run(
            "install Ralph", [str(python), "-m", "pip", "install", "-q", *REQUIREMENTS]
        )
        (venv / STAMP).write_text(json.dumps(stamp, indent=1), encoding="utf-8")
        return python


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Ralph:
    """Ralph's LRS on 127.0.0.1:``port``, its users and data in ``folder``."""

    def __init__(self, python: Path, folder: Path, origins: list[str], port: int | None = None):
        self.python = python
        self.ralph = python.parent / "ralph"
        self.folder = folder
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/xAPI/"
        self.process: subprocess.Popen | None = None
        (folder / "data").mkdir(parents=True, exist_ok=True)
        self.env = {
            "PATH": "/usr/bin:/bin",
            "HOME": str(folder),
            "RALPH_APP_DIR": str(folder / "app"),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_AUTH_FILE": str(folder / "auth.json"),
            "RALPH_LRS_RESTRICT_BY_AUTHORITY": "true",
            "RALPH_LRS_RESTRICT_BY_SCOPES": "true",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(folder / "data"),
            "RALPH_BACKENDS__DATA__FS__DEFAULT_DIRECTORY_PATH": str(folder / "data"),
            # The site is on another origin: Ralph answers its CORS preflights.
            "RALPH_RUNSERVER_CORS_ALLOW_ORIGINS": json.dumps(origins),
        }

    def add_user(self, user: tuple[str, str], *scopes: str) -> None:
        """``ralph auth -u NAME -p PASSWORD -s SCOPE ... -w``: a user in the auth file."""
        name, password = user
        command = [str(self.ralph), "auth", "-u", name, "-p", password, "-w"]
        command += ["-M", f"mailto:{name}@lrs.example.org"]
        for scope in scopes:
            command += ["-s", scope]
        subprocess.run(command, env=self.env, capture_output=True, check=True, timeout=120)

    def start(self) -> None:
        # uvicorn itself, as `ralph runserver -b fs` starts it but without its reloader.
        command = [str(self.python), "-c", LAUNCH, str(self.port)]
        with (self.folder / "ralph.log").open("ab") as log:  # the child keeps its own copy
            self.process = subprocess.Popen(
                command, env=self.env, cwd=self.folder, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Ralph stopped at once: {self.log()}")
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=1
                ):
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"Ralph did not answer within a minute: {self.log()}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=20)
        self.process = None

    def log(self) -> str:
        try:
            return (self.folder / "ralph.log").read_text(encoding="utf-8", errors="replace")[-2000:]
        except OSError:
            return ""

    def validate(self, statements: list[dict]) -> list[str]:
        """Problems Ralph's xAPI 1.0.3 statement model finds in ``statements`` (none: [])."""
        script = (
            "import json, sys\n"
            "from ralph.models.xapi.base.statements import BaseXapiStatement\n"
            "for i, s in enumerate(json.load(sys.stdin)):\n"
            "    try: BaseXapiStatement.model_validate(s)\n"
            "    except Exception as e: print(i, str(e).replace(chr(10), ' '))\n"
        )
        result = subprocess.run(
            [str(self.python), "-c", script],
            input=json.dumps(statements),
            capture_output=True,
            text=True,
            env=self.env,
            timeout=120,
            check=True,
        )
        return result.stdout.splitlines()


def available(root: Path) -> Path:
    """The Ralph venv's Python; without the package index, skip (fail under CI=true)."""
    import pytest

    try:
        return ensure(root / ".cache" / "ralph-venv")
    except properdocs_venv.VenvError as error:
        message = f"Ralph is not available: {error}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
