"""Each input in a process of its own, under a memory and a time ceiling.

A hostile file can make any library take all the memory there is (a Flate bomb, a cell
spanning a billion columns) or loop for ever (a PDF whose page contents refer to themselves).
The readers' own budgets refuse what they can see coming; what they cannot is caught here:

* **memory**: the address space the child may add to what the program already holds is capped
  (`RLIMIT_AS`, inherited by the programs it starts: Tesseract, LibreOffice); past it, an
  allocation fails and the input is refused with one line naming the limit;
* **time**: the parent stops a child that runs past its deadline (`SIGKILL`, which no library
  can swallow); the input fails with one line, the others go on;
* **crashes**: a child killed by a signal (a reader's native code) is one line, not a dead run;
* **orphans**: a child dies with its parent (`PR_SET_PDEATHSIG`), so a killed run leaves no
  worker behind;
* **progress**: a child may `report` how far it is (the pages of a long PDF or a scan read);
  the parent hands each report to its `on_report` as it comes.

A child sends frames on its pipe: `P` (a report) any number of times, then `R` (the result).

Children are forked from the parent after it has loaded what every input needs (the
gazetteer), so each starts at once and shares those pages.  Where `fork` does not exist the
work runs in this process, without the ceilings.
"""
from __future__ import annotations

import os
import pickle
import select
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

GIB = 1024 ** 3


@dataclass(frozen=True)
class Limits:
    """The ceilings of one input's process (None: no ceiling)."""

    # bytes of address space an input may add to the program's own (about 0.2 GB): the largest test
    # document adds under 0.05 GB, a scanned page read by OCR 0.15 GB (measured), so 1 GB is 6x that
    memory: int | None = GIB
    timeout: float | None = 300.0  # seconds of wall time; the 325-page fixture takes about 50 s

    def __post_init__(self) -> None:
        if self.memory is not None and self.memory < 64 * 1024 ** 2:
            raise ValueError("the memory limit must be at least 64M")
        if self.timeout is not None and self.timeout <= 0:
            raise ValueError("the time limit must be positive")


NONE = Limits(memory=None, timeout=None)


def available() -> bool:
    return hasattr(os, "fork")


def _die_with_parent() -> None:
    """Linux: the kernel sends SIGKILL to this process when its parent dies."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


_REPORT: dict[str, Any] = {}  # in a child: the pipe to the parent; else the caller's `on_report`, if any
FRAME = 5  # bytes of a frame's head: its kind (`P` report, `R` result) and its length (4 bytes)


def _frame(kind: bytes, payload: Any) -> bytes:
    data = pickle.dumps(payload)
    return kind + len(data).to_bytes(4, "big") + data


def report(payload: Any) -> None:
    """Tell the parent how far this child is (`payload`: anything picklable, e.g. (pages read,
    pages)); where the work runs in this process, the `on_report` of `run_each` gets it."""
    fd = _REPORT.get("fd")
    if fd is not None:
        try:
            os.write(fd, _frame(b"P", payload))  # a few bytes: one write, never cut
        except OSError:
            pass
    elif _REPORT.get("local") is not None:
        _REPORT["local"](payload)


def _child(work: Callable[[Any], Any], item: Any, limits: Limits, fd: int, parent: int) -> None:
    """In the child: cap memory, do the work, send (ok, value or message) back with what it wrote
    to stderr (the parent's stderr may be no file: a test's, a notebook's), and exit."""
    import io

    said = io.StringIO()
    sys.stderr = said
    _REPORT.clear()
    _REPORT["fd"] = fd
    try:
        signal.signal(signal.SIGTERM, _stop)  # unwinds, so that the writers remove their temporary files
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops us
        _die_with_parent()
        if os.getppid() != parent:  # the parent died before the line above
            os._exit(1)
        if limits.memory is not None:
            import resource

            cap = _address_space() + limits.memory
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        try:
            outcome = (True, work(item))
        except MemoryError:
            outcome = (False, f"over the memory limit of {_size(limits.memory)} (--max-memory)")
        except _Stopped:
            outcome = (False, "stopped (SIGTERM)")
        data = _frame(b"R", (*outcome, said.getvalue()))
    except BaseException as exc:  # nothing may escape a forked child: it must not run the parent's code
        data = _frame(b"R", (False, f"failed: {exc.__class__.__name__}", said.getvalue()))
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os._exit(0)


class _Stopped(BaseException):
    """SIGTERM in a child: raised where it stands, so that every `finally` on the way out runs."""


def _stop(signum, frame):
    raise _Stopped()


def _address_space() -> int:
    """The bytes of address space this process holds now (Linux), else 0."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _size(n: int | None) -> str:
    if n is None:
        return "none"
    return f"{n / GIB:g}G" if n >= GIB else f"{n / 1024 ** 2:g}M"


@dataclass
class _Running:
    index: int
    pid: int
    fd: int
    deadline: float
    data: bytearray


def run_each(work: Callable[[Any], Any], items: Iterable[Any], limits: Limits, jobs: int = 1,
             failed: Callable[[Any, str], Any] = lambda item, why: why,
             on_report: Callable[[Any, Any], None] | None = None) -> Iterator[Any]:
    """`work(item)` for every item, each in a child process under `limits`, `jobs` at a time;
    yields the results in the items' order.  An item whose child ran out of time, crashed or
    failed to report yields `failed(item, why)`.  `work` must be picklable in its result only.
    `on_report(item, payload)`: each `report` of a child, as it comes."""
    items = list(items)
    if not available():
        for item in items:
            _REPORT["local"] = (lambda payload, item=item: on_report(item, payload)) if on_report else None
            yield work(item)
        _REPORT.pop("local", None)
        return
    done: dict[int, Any] = {}
    running: dict[int, _Running] = {}
    next_item, next_out = 0, 0
    try:
        while next_out < len(items):
            while next_item < len(items) and len(running) < max(1, jobs):
                child = _start(work, items[next_item], next_item, limits)
                running[child.fd] = child
                next_item += 1
            _wait(running, done, items, limits, failed, on_report)
            while next_out in done:
                value, said = done.pop(next_out)
                sys.stderr.write(said)  # what each child said, in the items' order
                yield value
                next_out += 1
    finally:
        _stop_all(list(running.values()))  # the parent was stopped (Ctrl-C, SIGTERM): no child outlives it


def _start(work, item, index: int, limits: Limits) -> _Running:
    read, write = os.pipe()
    parent = os.getpid()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        _child(work, item, limits, write, parent)
    os.close(write)
    deadline = time.monotonic() + limits.timeout if limits.timeout is not None else float("inf")
    return _Running(index, pid, read, deadline, bytearray())


def _stop_all(children: list[_Running], grace: float = 5.0) -> None:
    """SIGTERM to each child (it removes its temporary files on the way out), SIGKILL to any
    still there after `grace` seconds."""
    for child in children:
        try:
            os.kill(child.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + grace
    for child in children:
        while time.monotonic() < deadline:
            try:
                if os.waitpid(child.pid, os.WNOHANG)[0]:
                    break
            except ChildProcessError:
                break
            time.sleep(0.01)
        _kill(child)


def _kill(child: _Running) -> None:
    try:
        os.kill(child.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(child.pid, 0)
    except ChildProcessError:
        pass
    os.close(child.fd)


def _wait(running: dict[int, _Running], done: dict[int, Any], items, limits: Limits, failed, on_report=None) -> None:
    """Read what the children have sent until one finishes or passes its deadline; each report
    goes to `on_report` as it comes."""
    while True:
        now = time.monotonic()
        for fd, child in list(running.items()):
            if now >= child.deadline:
                del running[fd]
                _kill(child)
                done[child.index] = (failed(items[child.index], f"stopped after {limits.timeout:g} s (--timeout)"), "")
                return
        wait = min(child.deadline for child in running.values()) - now
        ready, _, _ = select.select(list(running), [], [], None if wait == float("inf") else max(wait, 0.0))
        for fd in ready:
            child = running[fd]
            chunk = os.read(fd, 1 << 20)
            if chunk:
                child.data += chunk
                _reports(child, items[child.index], on_report)
                continue
            del running[fd]
            os.close(fd)
            _, status = os.waitpid(child.pid, 0)
            done[child.index] = _outcome(child, status, items[child.index], failed)
            return


def _reports(child: _Running, item, on_report) -> None:
    """The whole `P` frames at the head of what a child sent, handed on and dropped from it."""
    data = child.data
    while len(data) >= FRAME and data[:1] == b"P":
        end = FRAME + int.from_bytes(data[1:FRAME], "big")
        if len(data) < end:
            return
        payload = pickle.loads(bytes(data[FRAME:end]))
        del data[:end]
        if on_report is not None:
            on_report(item, payload)


def _outcome(child: _Running, status: int, item, failed):
    if child.data:
        try:
            assert child.data[:1] == b"R"
            ok, value, said = pickle.loads(bytes(child.data[FRAME:]))
        except Exception:  # a child cut off mid-write
            ok, value, said = False, "stopped before it reported", ""
        return (value if ok else failed(item, value)), said
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        name = signal.Signals(sig).name
        why = f"was killed ({name}: out of memory?)" if sig == signal.SIGKILL else f"crashed ({name})"
        return failed(item, f"{why} while reading it"), ""
    return failed(item, "stopped before it reported"), ""
