"""Provisioning: from Maven Central jars to a runnable node under ``RASD_HOME/engine``.

Maven resolves ``launcher/pom.xml`` into the user's Maven repository (``~/.m2``) and
writes the classpath; ``javac`` compiles the tiny ``RasdNode`` main against it. Nothing
is copied: the jars stay in the Maven cache, shared by every Rasd home on the machine.
A stamp records what was provisioned so a changed pom or main triggers a rebuild.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from launcher.errors import EngineStartError

LAUNCHER_DIR = Path(__file__).resolve().parent
POM = LAUNCHER_DIR / "pom.xml"
MAIN_SOURCE = LAUNCHER_DIR / "java" / "rasd" / "RasdNode.java"
MAIN_CLASS = "rasd.RasdNode"
MIN_JAVA = 17
MAVEN_TIMEOUT_S = 900  # a cold resolve downloads ~50 MB of jars
JAVAC_TIMEOUT_S = 120


@dataclass(frozen=True)
class Provisioned:
    java: Path
    classpath: str


def find_java(java_home: Path | None) -> Path:
    """The java binary: RASD_JAVA_HOME, then JAVA_HOME, then PATH; at least Java 17."""
    candidates = [java_home, Path(os.environ["JAVA_HOME"]) if "JAVA_HOME" in os.environ else None]
    for home in candidates:
        if home and (home / "bin" / "java").exists():
            java = home / "bin" / "java"
            break
    else:
        found = shutil.which("java")
        if not found:
            raise EngineStartError(
                "Java was not found. The embedded OpenSearch engine needs Java 17 or newer: "
                "install a JDK (Debian: apt-get install openjdk-17-jdk-headless) or set "
                "RASD_JAVA_HOME or JAVA_HOME to one."
            )
        java = Path(found)
    version = java_major_version(java)
    if version < MIN_JAVA:
        raise EngineStartError(
            f"{java} is Java {version}; the embedded OpenSearch engine needs Java {MIN_JAVA} "
            "or newer. Set RASD_JAVA_HOME to a newer JDK."
        )
    return java


def java_major_version(java: Path) -> int:
    out = subprocess.run(
        [str(java), "-version"], capture_output=True, text=True, timeout=30, check=False
    ).stderr
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not match:
        raise EngineStartError(f"Could not tell the version of {java}: {out.strip()[:300]}")
    major = int(match.group(1))
    return int(match.group(2)) if major == 1 and match.group(2) else major


def _stamp() -> str:
    digest = hashlib.sha256(POM.read_bytes() + MAIN_SOURCE.read_bytes()).hexdigest()
    return digest[:16]


def provision(engine_home: Path, *, java_home: Path | None, maven: str) -> Provisioned:
    """Make sure the classpath and compiled main exist and match the repo; build if not."""
    java = find_java(java_home)
    classpath_file = engine_home / "classpath.txt"
    classes = engine_home / "classes"
    stamp_file = engine_home / "provisioned.stamp"
    stamp = _stamp()
    if stamp_file.exists() and stamp_file.read_text().strip() == stamp and classpath_file.exists():
        return Provisioned(java, f"{classes}{os.pathsep}{classpath_file.read_text().strip()}")

    engine_home.mkdir(parents=True, exist_ok=True)
    _resolve_jars(maven, classpath_file)
    jars = classpath_file.read_text().strip()
    _compile_main(java, jars, classes)
    stamp_file.write_text(stamp + "\n")
    return Provisioned(java, f"{classes}{os.pathsep}{jars}")


def _run(cmd: list[str], *, timeout: float, what: str) -> None:
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except FileNotFoundError as exc:
        raise EngineStartError(f"{what} failed: {cmd[0]} was not found ({exc}).") from exc
    except subprocess.TimeoutExpired as exc:
        raise EngineStartError(f"{what} did not finish within {timeout:.0f} s.") from exc
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-25:])
        raise EngineStartError(f"{what} failed (exit {result.returncode}).", log_tail=tail)


def _resolve_jars(maven: str, classpath_file: Path) -> None:
    if not shutil.which(maven):
        raise EngineStartError(
            f"Maven ({maven!r}) was not found. The first `rasd engine start` downloads "
            "OpenSearch from Maven Central with Maven: install it (Debian: apt-get install "
            "maven) or set RASD_MAVEN to its path."
        )
    _run(
        [
            maven, "-B", "-q", "-f", str(POM),
            "dependency:build-classpath", f"-Dmdep.outputFile={classpath_file}",
        ],
        timeout=MAVEN_TIMEOUT_S,
        what="Resolving OpenSearch from Maven Central (is Maven Central reachable?)",
    )  # fmt: skip


def _compile_main(java: Path, jars: str, classes: Path) -> None:
    javac = java.parent / "javac"
    if not javac.exists():
        raise EngineStartError(
            f"{java} has no javac beside it: Rasd compiles its small node launcher at "
            "provision time and needs a JDK, not just a JRE."
        )
    shutil.rmtree(classes, ignore_errors=True)
    _run(
        [str(javac), "-nowarn", "-d", str(classes), "-cp", jars, str(MAIN_SOURCE)],
        timeout=JAVAC_TIMEOUT_S,
        what="Compiling the node launcher",
    )
