#!/usr/bin/env python3
"""`helm lint --strict` through helm-sdkpy (Helm v4 as a library; CPython 3.12), on copies of the
chart whose values.yaml is replaced by each given values file (JSON or YAML: the merged values
render.py writes), since the library lints a chart with its own values only.

    helm_lint.py CHART VALUES...   exit 0 when every lint has no warning or error, else 1

Only severities and paths come back from the library (the messages are empty), so a failure
names the file, not the reason: run render.py on the same values for the details."""

import asyncio
import os
import shutil
import sys
import tempfile

import helm_sdkpy

SEVERITY = {1: "INFO", 2: "WARNING", 3: "ERROR"}


def lint(chart, values):
    tmp = tempfile.mkdtemp(prefix="helm-lint-")
    try:
        copy = os.path.join(tmp, os.path.basename(os.path.normpath(chart)))
        shutil.copytree(chart, copy)
        shutil.copyfile(values, os.path.join(copy, "values.yaml"))
        result = asyncio.run(helm_sdkpy.Lint(helm_sdkpy.Configuration()).run(copy))
        messages = result.get("Messages") or []
        bad = [m for m in messages if m.get("Severity", 0) >= 2]
        for m in messages:
            print(f"  {SEVERITY.get(m.get('Severity'), m.get('Severity'))} {m.get('Path')} {m.get('Err') or ''}")
        return not bad and not result.get("Errors")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    chart, failed = argv[0], 0
    for values in argv[1:]:
        ok = lint(chart, values)
        print(f"helm lint {os.path.basename(values)}: {'ok' if ok else 'FAILED'}")
        failed += not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
