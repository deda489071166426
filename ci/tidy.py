#!/usr/bin/env python3
"""Runs clang-tidy over translation units in parallel, and skips a unit whose inputs are
byte for byte those of an earlier clean run.

A unit's inputs are its compile command, its preprocessed text with comments (so a NOLINT
counts), the .clang-tidy file and the clang-tidy version; the source root is written out of
them, so a fresh clone of the same sources in another folder finds the same entries. Only
clean results are remembered: a unit with findings runs again every time.

Usage: ci/tidy.py -p BUILD_DIR [--jobs N] [--no-cache] [FILE...]
  FILE...     units to check (default: every unit in BUILD_DIR/compile_commands.json)
  --no-cache  check every unit (the same checks, only slower)
Environment: SIPCONF_TIDY_CACHE=DIR (default ~/.cache/sipconf/clang-tidy).
"""

import argparse
import concurrent.futures
import hashlib
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Compiler flags that name outputs: dropped from the command the preprocessor runs.
DROP_WITH_VALUE = {"-o", "-MF", "-MT", "-MQ"}
DROP = {"-c", "-MD", "-MMD"}


def preprocessor_arguments(entry):
    args = entry.get("arguments") or shlex.split(entry["command"])
    kept, skip = [], False
    for arg in args:
        if skip:
            skip = False
        elif arg in DROP_WITH_VALUE:
            skip = True
        elif arg not in DROP:
            kept.append(arg)
    return kept


def key_of(entry, args, tool_version, config):
    root = str(ROOT).encode()
    pre = subprocess.run(args + ["-E", "-C", "-o", "-"], cwd=entry["directory"],
                         capture_output=True, check=False)
    if pre.returncode != 0:
        return None
    digest = hashlib.sha256()
    for part in (tool_version, config, " ".join(args[1:]).encode(), pre.stdout):
        digest.update(part.replace(root, b"@ROOT@"))
        digest.update(b"\0")
    return digest.hexdigest()


def check(entry, build, cache, tool_version, config):
    args = preprocessor_arguments(entry)
    key = key_of(entry, args, tool_version, config) if cache else None
    marker = cache / key if key else None
    if marker and marker.exists():
        return True, "cached"
    run = subprocess.run(["clang-tidy", "-p", build, "--quiet", entry["file"]],
                         capture_output=True, text=True, check=False)
    if run.returncode == 0:
        if marker:
            marker.touch()
        return True, ""
    return False, run.stdout + run.stderr


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-p", dest="build", required=True)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("files", nargs="*")
    opts = parser.parse_args()

    database = json.loads((Path(opts.build) / "compile_commands.json").read_text())
    wanted = {str((ROOT / f).resolve()) for f in opts.files}
    entries = [e for e in database
               if not wanted or str(Path(e["directory"], e["file"]).resolve()) in wanted]
    if wanted and len(entries) < len(wanted):
        print(f"ci/tidy.py: {len(wanted) - len(entries)} file(s) not in "
              f"{opts.build}/compile_commands.json", file=sys.stderr)
        return 2

    cache = None
    if not opts.no_cache:
        cache = Path(os.environ.get("SIPCONF_TIDY_CACHE",
                                    Path.home() / ".cache" / "sipconf" / "clang-tidy"))
        cache.mkdir(parents=True, exist_ok=True)
    tool_version = subprocess.run(["clang-tidy", "--version"], capture_output=True,
                                  check=True).stdout
    config = (ROOT / ".clang-tidy").read_bytes()

    failed = cached = 0
    with concurrent.futures.ThreadPoolExecutor(opts.jobs) as pool:
        jobs = {pool.submit(check, e, opts.build, cache, tool_version, config): e
                for e in entries}
        for job in concurrent.futures.as_completed(jobs):
            ok, output = job.result()
            if not ok:
                failed += 1
                print(output, end="")
            elif output == "cached":
                cached += 1
    print(f"ci/tidy.py: {len(entries)} units ({cached} unchanged since a clean run), "
          f"{failed} with findings")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
