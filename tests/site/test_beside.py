"""Work in a forked helper (site/beside.py): the same answer as in order, failures said in Chinese."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from skillmap.paths import ProjectError
from skillmap.site.beside import Beside, BesideError, can_fork


def _write_and_answer(folder: Path, n: int) -> dict[str, int]:
    (folder / "made-by").write_text(str(os.getpid()), encoding="utf-8")
    return {"squares": sum(i * i for i in range(n))}


def _refuse() -> None:
    raise ProjectError("索引里有一个坏的分片")


def _die() -> None:
    os._exit(3)


@pytest.mark.parametrize("serial", ["0", "1"])
def test_the_answer_and_the_files_are_the_same_forked_or_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, serial: str
) -> None:
    monkeypatch.setenv("SKILLMAP_SERIAL", serial)
    job = Beside("计算", _write_and_answer, tmp_path, 1000)
    assert job.result() == {"squares": 332833500}
    assert job.result() == {"squares": 332833500}  # asked twice, answered twice
    made_by = int((tmp_path / "made-by").read_text(encoding="utf-8"))
    forked = serial == "0" and can_fork()
    assert (made_by != os.getpid()) is forked


def test_a_failure_in_the_helper_is_the_build_s_failure_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SKILLMAP_SERIAL", raising=False)
    if not can_fork():
        pytest.skip("这台机器不能 fork：助手按顺序运行，失败照常抛出")
    with pytest.raises(BesideError, match="生成搜索索引失败，网站没有发布：索引里有一个坏的分片"):
        Beside("生成搜索索引", _refuse).result()
    with pytest.raises(BesideError, match="生成海报的进程意外退出（退出码 3）"):
        Beside("生成海报", _die).result()


def test_an_abandoned_helper_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SKILLMAP_SERIAL", raising=False)
    if not can_fork():
        pytest.skip("这台机器不能 fork")
    job = Beside("等待", signal.pause)
    job.abandon()
    assert job._process.exitcode == -signal.SIGKILL


def test_the_block_around_the_build_s_own_share_waits_for_the_helper_or_stops_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SKILLMAP_SERIAL", raising=False)
    if not can_fork():
        pytest.skip("这台机器不能 fork")
    with Beside("计算", _write_and_answer, tmp_path, 10) as job:
        pass
    assert job.result() == {"squares": 285} and (tmp_path / "made-by").is_file()
    with pytest.raises(BesideError, match="生成海报的进程意外退出"), Beside("生成海报", _die):
        pass  # the build's share went well; the helper's failure is the build's
    with pytest.raises(KeyError), Beside("等待", signal.pause) as waiting:
        raise KeyError("构建自己的一半失败了")
    assert waiting._process.exitcode == -signal.SIGKILL  # stopped, not waited for


def test_a_process_running_threads_is_never_forked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A thread may hold a lock at the fork (skillmap serve's server, a test browser's driver):
    then the work runs in order, in this process."""
    import threading

    monkeypatch.delenv("SKILLMAP_SERIAL", raising=False)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
        Beside("计算", _write_and_answer, tmp_path, 10).result()
        assert int((tmp_path / "made-by").read_text(encoding="utf-8")) == os.getpid()
    finally:
        stop.set()
        thread.join()


_KILLED_BUILD = """
import os, signal, sys, time
from pathlib import Path
from skillmap.site.beside import Beside

def wait(path):
    Path(path).write_text(str(os.getpid()))
    signal.pause()

job = Beside("等待", wait, sys.argv[1])
time.sleep(60)
"""


def test_a_helper_dies_with_a_build_killed_outright(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SIGKILL gives the build no chance to stop its helper; the helper must not outlive it."""
    import subprocess
    import sys
    import time

    monkeypatch.delenv("SKILLMAP_SERIAL", raising=False)
    if not can_fork() or not Path("/proc").is_dir():
        pytest.skip("这台机器不能 fork，或没有 /proc")
    marker = tmp_path / "helper-pid"
    build = subprocess.Popen([sys.executable, "-c", _KILLED_BUILD, str(marker)])
    for _ in range(100):
        if marker.is_file() and marker.read_text():
            break
        time.sleep(0.1)
    helper = int(marker.read_text())
    build.kill()
    build.wait()
    for _ in range(50):
        status = Path(f"/proc/{helper}/status")
        if not status.is_file() or "\\nState:\\tZ" in status.read_text():
            break
        time.sleep(0.1)
    else:
        os.kill(helper, signal.SIGKILL)
        pytest.fail("构建被 SIGKILL 后，它的助手进程还在运行")
