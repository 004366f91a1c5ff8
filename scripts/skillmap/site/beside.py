"""Work done in a second process while the build does something else (the search index and then a
share of the pages while the build renders pages, posters and half of MkDocs while the engine
runs), so a two-core machine uses both cores.

The helper is forked, so it shares what the build has worked out without pickling it; only its
answer travels back. Where fork is not available or not safe (Windows, a process running threads,
or SKILLMAP_SERIAL=1 to compare) the work runs at once, in order, with the same result: the
output never depends on which way it ran.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from typing import Any

from ..paths import ProjectError


class BesideError(ProjectError):
    """The helper process failed; the message is Chinese."""


def can_fork() -> bool:
    """Fork only a single-threaded process: a lock another thread held at the fork (an import,
    a log handler; `skillmap serve` and test browsers run threads) would never be released in
    the helper."""
    return (
        "fork" in multiprocessing.get_all_start_methods()
        and os.environ.get("SKILLMAP_SERIAL") != "1"
        and threading.active_count() == 1
    )


class Beside:
    """`fn(*args)` in a forked helper; `result()` waits for its return value (or its failure).

    Used as a context manager around the build's own share of the work: leaving the block waits
    for the helper (its failure is the build's), and leaving it by an exception stops the helper,
    whose work is then thrown away.
    """

    def __init__(self, what: str, fn: Callable[..., Any], *args: Any) -> None:
        self.what = what
        self._value: Any = None
        self._reader: Connection | None = None
        if not can_fork():
            self._value = fn(*args)
            return
        context = multiprocessing.get_context("fork")
        reader, writer = context.Pipe(duplex=False)
        sys.stdout.flush()
        sys.stderr.flush()
        self._process = context.Process(target=_run, args=(writer, os.getpid(), fn, args), daemon=True)
        # The helper's garbage collections must leave the build's objects alone: a collection
        # writes to every object it visits, and each page it writes to is copied out of the
        # memory both processes share (at N = 20,000 the whole catalogue, once per helper).
        gc.freeze()
        try:
            self._process.start()
        finally:
            gc.unfreeze()
        writer.close()
        self._reader = reader

    def __enter__(self) -> Beside:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: Any) -> None:
        if kind is None:
            self.result()
        else:
            self.abandon()

    def result(self) -> Any:
        if self._reader is None:
            return self._value
        reader, self._reader = self._reader, None
        try:
            ok, value = reader.recv()
        except EOFError:
            self._process.join()
            ok, value = False, f"{self.what}的进程意外退出（退出码 {self._process.exitcode}）"
        finally:
            reader.close()
            self._process.join()
        if not ok:
            raise BesideError(f"{self.what}失败，网站没有发布：{value}")
        self._value = value
        return value

    def abandon(self) -> None:
        """Stop the helper (the build failed elsewhere): nothing it writes is published."""
        if self._reader is not None:
            self._process.kill()  # its work is thrown away: nothing to finish or clean
            self._process.join()
            self._reader.close()
            self._reader = None


class Batches:
    """The numbers 0 … total-1 in batches, handed to whichever process asks next: the build and its
    helper share one list of work and both stay busy until it is done, whatever else the helper
    did first. The counter lives in memory both processes share (made before the fork)."""

    def __init__(self, total: int, size: int = 32) -> None:
        self.total = total
        self.size = size
        self._next = multiprocessing.get_context("fork").Value("q", 0) if can_fork() else None
        self._local = 0

    def __iter__(self) -> Iterator[tuple[int, int]]:
        while True:
            if self._next is None:
                start, self._local = self._local, self._local + self.size
            else:
                with self._next.get_lock():
                    start = self._next.value
                    self._next.value = start + self.size
            if start >= self.total:
                return
            yield start, min(start + self.size, self.total)


def _run(writer: Connection, parent: int, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    # The build's own handlers (the command line's, a test runner's) are not the helper's: a
    # signal to stop ends it at once, and the build says what happened.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    _die_with(parent)
    try:
        writer.send((True, fn(*args)))
    except ProjectError as error:
        writer.send((False, str(error)))
    except BaseException:  # the parent reports it; a traceback here is for the developer
        writer.send((False, traceback.format_exc(limit=5)))
    finally:
        writer.close()


def _die_with(parent: int) -> None:
    """A build killed outright (SIGKILL, a CI timeout) takes its helper with it (Linux): an
    orphan would go on writing into a staging folder the next build has already swept away."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the next build's sweep is all there is
        return
    if os.getppid() != parent:  # the build died before the line above
        os._exit(1)


_PR_SET_PDEATHSIG = 1
