"""archive-qa installed as a user installs it: a wheel in a fresh virtual environment, used from
another folder, with the bundled settings, word lists and seed archive inside the package."""

import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = pytest.mark.install  # ~35 s, most of it compiling: CI runs it apart (-m install)


def test_a_wheel_in_a_fresh_venv_answers_from_another_folder(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(REPO)],
        check=True,
        capture_output=True,
    )
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    (wheel,) = wheels.glob("archive_qa-*.whl")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
    )
    # The dependencies come from this environment (no network needed); archive-qa itself only from
    # the wheel: this environment's editable install is not on that path.
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(site) / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    command = venv / "bin" / "archive-qa"
    answer = subprocess.run(
        [str(command), "ask", "示范区低收入群体排查出多少户？"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert answer.returncode == 0, answer.stderr
    assert "1713户" in answer.stdout and "000_b7e49fbd0a3b0876.txt ¶2" in answer.stdout
    located = subprocess.run(
        [str(python), "-c", "import retrieval; print(retrieval.__file__)"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
    ).stdout
    assert located.startswith(site)  # the wheel's code answered, not the checkout's
    version = subprocess.run([str(command), "--version"], capture_output=True, text=True)
    assert version.stdout.strip() == "archive-qa 0.1.0"
