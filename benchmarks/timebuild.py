"""Timing MkDocs builds: warm builds in a child process, as ``mkdocs build`` runs them.

A child process builds each of its sites once without counting (imports, caches),
then builds them in turn, round after round, and prints the wall-clock and CPU
seconds of every counted build as JSON. Taking turns keeps two variants of a site (with and
without annotrain) under the same load of the machine, so their ratio is fair even
when other work runs meanwhile. A build is what ``mkdocs build --strict`` does:
load the config, the plugins' startup, the build, their shutdown.

    python benchmarks/timebuild.py ROUNDS CONFIG SITE_DIR [CONFIG SITE_DIR ...]
"""

from __future__ import annotations

import gc
import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def child_env() -> dict[str, str]:
    """The environment of children: this checkout's annotrain first, quiet MkDocs."""
    path = os.environ.get("PYTHONPATH", "")
    plugins = str(ROOT / "plugins")
    return {
        **os.environ,
        "PYTHONPATH": plugins + (os.pathsep + path if path else ""),
        "NO_MKDOCS_2_WARNING": "1",
    }


def time_builds(sites: list[tuple[Path, Path]], rounds: int) -> list[dict[str, list[float]]]:
    """Seconds of ``rounds`` warm builds of each (mkdocs.yml, site dir), taking turns.

    Returns ``{"wall": [...], "cpu": [...]}`` per site. CPU time leaves out the time
    the build waited for a processor busy with other work.
    """
    command = [sys.executable, __file__, str(rounds)]
    for config, site_dir in sites:
        command += [str(config), str(site_dir)]
    result = subprocess.run(command, capture_output=True, text=True, env=child_env(), timeout=3600)
    if result.returncode != 0:
        raise RuntimeError(f"building {sites[0][0].parent} failed:\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def build_once(config_file: str, site_dir: str) -> tuple[float, float]:
    """(wall, CPU) seconds one strict build of ``config_file`` into ``site_dir`` takes."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    start, cpu = time.perf_counter(), time.process_time()
    config = load_config(config_file=config_file, site_dir=site_dir, strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return time.perf_counter() - start, time.process_time() - cpu


def main(argv: list[str]) -> int:
    rounds = int(argv[0])
    sites = list(zip(argv[1::2], argv[2::2], strict=True))
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    for config_file, site_dir in sites:
        build_once(config_file, site_dir)  # warm-up: imports, caches
    times: list[dict[str, list[float]]] = [{"wall": [], "cpu": []} for _ in sites]
    for _ in range(rounds):
        for index, (config_file, site_dir) in enumerate(sites):
            gc.collect()  # the other site's garbage is not this build's to collect
            wall, cpu = build_once(config_file, site_dir)
            times[index]["wall"].append(wall)
            times[index]["cpu"].append(cpu)
    print(json.dumps(times))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
