"""Hatch build hook: compile kgbuild's optional C speed-up, ``kgbuild/_turtle.c``.

The module only makes the Turtle writer faster (``kgbuild.serialize`` falls back
to the same layout in Python), so a machine without a C compiler still installs
kgbuild: the hook warns and builds a pure-Python package.  The compiler and flags
are the ones this Python was built with (``sysconfig``), as setuptools would use.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import sysconfig
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SOURCE = Path("kgbuild") / "_turtle.c"


def compile_extension(root: Path) -> Path | None:
    """Compile ``_turtle.c`` next to its source; the shared library, or None if it cannot be built."""
    if os.environ.get("KGBUILD_NO_EXTENSIONS"):
        return None
    target = root / "kgbuild" / f"_turtle{sysconfig.get_config_var('EXT_SUFFIX') or '.so'}"
    source = root / SOURCE
    if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
        return target
    cc = shlex.split(sysconfig.get_config_var("CC") or "cc")
    flags = shlex.split(sysconfig.get_config_var("CFLAGSFORSHARED") or "")
    ldshared = shlex.split(sysconfig.get_config_var("LDSHARED") or f"{cc[0]} -shared")
    include = sysconfig.get_paths()["include"]
    obj = target.with_suffix(".o")
    try:
        subprocess.run([*cc, *flags, "-O2", "-fPIC", "-Wall", "-I", include, "-c", str(source), "-o", str(obj)],
                       check=True, capture_output=True, text=True)
        subprocess.run([*ldshared, str(obj), "-o", str(target)], check=True, capture_output=True, text=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        print(f"kgbuild: the optional C speed-up was not built ({detail.strip()[:300]}); "
              "the Turtle writer uses its Python layout", file=sys.stderr)
        return None
    finally:
        obj.unlink(missing_ok=True)
    return target


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict) -> None:
        built = compile_extension(Path(self.root))
        if built is None:
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        if version != "editable":  # an editable install imports it from the source tree
            build_data["force_include"][str(built)] = f"kgbuild/{built.name}"
