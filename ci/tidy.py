#!/usr/bin/env python3
"""Runs clang-tidy over translation units in parallel, and skips a unit whose inputs are
byte for byte those of an earlier clean run.

A unit's inputs are its compile command, the content of the source and of every header it
includes (the build's dependency record, `ninja -t deps`), the .clang-tidy file and the
clang-tidy version; the source root is written out of them, so a fresh clone of the same
sources in another folder finds the same entries. Only clean results are remembered: a unit
with findings, or one the build has not compiled yet, runs every time. The build compiles
units in unity batches; clang-tidy still checks each source file as a unit of its own.

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
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

def included_files(build):
    """Every object's inputs as the build recorded them: {object path: [file, ...]}."""
    listing = subprocess.run(["ninja", "-C", build, "-t", "deps"], capture_output=True,
                             text=True, check=False).stdout
    deps, current = {}, None
    for line in listing.splitlines():
        if line.startswith("    "):
            if current is not None:
                current.append(line.strip())
        elif line.endswith("(VALID)"):
            current = deps.setdefault(line.split(":", 1)[0], [])
        else:
            current = None
    return deps


UNITY_INCLUDE = re.compile(r'^#include "(.+)"$', re.M)


def expand_unity(database):
    """A unity batch's entry becomes one entry per source it includes, with the batch's
    command and object: clang-tidy checks each source as the main file, and the batch's
    dependency record (a superset of each source's) keys the cache."""
    expanded = []
    for entry in database:
        if not re.search(r"/Unity/unity_\d+_cxx\.cxx$", entry["file"]):
            expanded.append(entry)
            continue
        batch = entry["file"]
        for included in UNITY_INCLUDE.findall(Path(batch).read_text()):
            # Batches name their sources relative to the source root (cmake/sipconf.cmake).
            source = str(ROOT / included)
            unit = dict(entry, file=source)
            if "arguments" in unit:
                unit["arguments"] = [source if a == batch else a for a in unit["arguments"]]
            else:
                unit["command"] = unit["command"].replace(batch, source)
            expanded.append(unit)
    return expanded


class Keys:
    """Content keys of units, with each file read and hashed once."""

    def __init__(self, build, tool_version, config):
        self.build = Path(build).resolve()
        self.deps = included_files(build)
        self.salt = tool_version + b"\0" + config
        self.file_hashes = {}

    def _file_hash(self, name):
        if name not in self.file_hashes:
            try:
                data = (self.build / name).read_bytes()
            except OSError:
                data = b"\0missing"
            self.file_hashes[name] = hashlib.sha256(data).hexdigest()
        return self.file_hashes[name]

    def of(self, entry):
        args = entry.get("arguments") or shlex.split(entry["command"])
        if "-o" not in args or args.index("-o") + 1 >= len(args):
            return None
        files = self.deps.get(args[args.index("-o") + 1])
        if not files:
            return None
        root = str(ROOT)
        unit = str(Path(entry["directory"], entry["file"]).resolve())
        digest = hashlib.sha256(self.salt)
        digest.update(" ".join(args[1:]).replace(root, "@ROOT@").encode())
        for name in files:
            # A unity batch records every source it holds (and itself): only this unit's
            # source and the headers are its inputs, so a change to one source of a batch
            # does not send the other seven through clang-tidy again.
            if name.endswith((".cc", ".cxx")) and str((self.build / name).resolve()) != unit:
                continue
            digest.update(f"\0{name.replace(root, '@ROOT@')}:{self._file_hash(name)}".encode())
        return digest.hexdigest()


def check(entry, database_dir, cache, keys):
    """Returns ("cached" | "clean" | "findings", clang-tidy's output on findings)."""
    key = keys.of(entry) if keys else None
    marker = cache / key if key else None
    if marker and marker.exists():
        return "cached", ""
    run = subprocess.run(["clang-tidy", "-p", database_dir, "--quiet", entry["file"]],
                         capture_output=True, text=True, check=False)
    if run.returncode != 0:
        return "findings", run.stdout + run.stderr
    if marker:
        marker.touch()
    return "clean", ""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-p", dest="build", required=True)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("files", nargs="*")
    opts = parser.parse_args()

    database = expand_unity(json.loads((Path(opts.build) / "compile_commands.json").read_text()))
    database_dir = tempfile.TemporaryDirectory(prefix="sipconf-tidy-")
    (Path(database_dir.name) / "compile_commands.json").write_text(json.dumps(database))
    wanted = {str((ROOT / f).resolve()) for f in opts.files}
    entries = [e for e in database
               if not wanted or str(Path(e["directory"], e["file"]).resolve()) in wanted]
    if wanted and len(entries) < len(wanted):
        print(f"ci/tidy.py: {len(wanted) - len(entries)} file(s) not in "
              f"{opts.build}/compile_commands.json", file=sys.stderr)
        return 2

    cache = keys = None
    if not opts.no_cache:
        cache = Path(os.environ.get("SIPCONF_TIDY_CACHE",
                                    Path.home() / ".cache" / "sipconf" / "clang-tidy"))
        cache.mkdir(parents=True, exist_ok=True)
        tool_version = subprocess.run(["clang-tidy", "--version"], capture_output=True,
                                      check=True).stdout
        keys = Keys(opts.build, tool_version, (ROOT / ".clang-tidy").read_bytes())

    failed = cached = 0
    with concurrent.futures.ThreadPoolExecutor(opts.jobs) as pool:
        jobs = {pool.submit(check, e, database_dir.name, cache, keys): e
                for e in entries}
        for job in concurrent.futures.as_completed(jobs):
            outcome, output = job.result()
            if outcome == "findings":
                failed += 1
                print(output, end="")
            cached += outcome == "cached"
    print(f"ci/tidy.py: {len(entries)} units ({cached} unchanged since a clean run), "
          f"{failed} with findings")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
