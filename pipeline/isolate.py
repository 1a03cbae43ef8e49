"""Inputs read in worker processes, under a memory and a time ceiling.

A hostile file can make any library take all the memory there is (a Flate bomb, a cell
spanning a billion columns) or loop for ever (a PDF whose page contents refer to themselves).
The readers' own budgets refuse what they can see coming; what they cannot is caught here:

* **memory**: the address space a worker may add to what the program held when it started is
  capped (`RLIMIT_AS`, inherited by the programs it starts: Tesseract, LibreOffice); past it,
  an allocation fails and the input is refused with one line naming the limit;
* **time**: the parent stops a worker whose input runs past its deadline (`SIGKILL`, which no
  library can swallow); the input fails with one line, the others go on in a new worker;
* **crashes**: a worker killed by a signal (a reader's native code) is one line, not a dead run;
* **orphans**: a worker dies with its parent (`PR_SET_PDEATHSIG`), so a killed run leaves none
  behind;
* **progress**: a worker may `report` how far it is (the pages of a long PDF or a scan read);
  the parent hands each report to its `on_report` as it comes.

A worker takes one input after another (the parent sends each input's index on a pipe), so
what the first one loaded (a reader's library, the tokenizers, the matcher's memo) serves the
next: a fresh process per input cost five times the work it isolated. A worker ends after an
input that failed (a library may be left in any state) and once what it keeps between inputs
has taken a quarter of its memory limit, so every input has at least three quarters of it.
A worker sends frames on its pipe: for each input, `P` (a report) any number of times, then
`R` (the result, and whether the worker goes on).

Workers are forked from the parent after it has loaded what every input needs (the
gazetteer), so each starts at once and shares those pages; the parent's objects are kept out
of the workers' garbage collections (`gc.freeze`), which would otherwise copy every page of
them, and a worker keeps the heap it freed for its next input (`HEAP_PAD`).  Where `fork` does
not exist the work runs in this process, without the ceilings.
"""
from __future__ import annotations

import gc
import os
import pickle
import select
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
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


# bytes of freed memory a worker keeps at the top of its heap (glibc's M_TOP_PAD): by default
# glibc gives back all but 128 KB at once, and the next input takes it again page by page (a
# thousand page faults a Word file, a tenth of its time in a worker, measured)
HEAP_PAD = 16 * 1024 ** 2
M_TOP_PAD, M_ARENA_MAX = -2, -8  # glibc's mallopt parameters


def _tune_heap() -> None:
    """glibc (Linux): keep `HEAP_PAD` bytes of freed heap for the next input, and one heap for
    all threads; elsewhere, nothing.  glibc gives each new thread a heap of its own (an arena),
    each reserving 64 MB of address space: the memory ceiling counted them, so a scan read by
    two threads passed under 700M and failed under 800M as the threads met (measured).  The
    worker's threads only wait on Tesseract's processes: one heap costs them nothing."""
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        libc.mallopt(M_TOP_PAD, HEAP_PAD)
        libc.mallopt(M_ARENA_MAX, 1)
    except (OSError, AttributeError):
        pass


# in a child: the pipe to the parent; else the caller's `on_report`, if any
_REPORT: dict[str, Any] = {}
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


def _serve(work: Callable[[Any], Any], items: list, limits: Limits, orders: int, fd: int,
           parent: int, mask: set) -> None:
    """In a worker: cap memory, then do each item whose index the parent sends on `orders`, and
    send (ok, value or message, what it wrote to stderr) back for each (the parent's stderr may
    be no file: a test's, a notebook's). It exits when the orders end, after an item that failed
    (a library may be left in any state), or once what it keeps between items (caches) has taken
    a quarter of its memory limit, so that every item has at least three quarters to itself."""
    _REPORT.clear()
    _REPORT["fd"] = fd
    try:
        # unwinds, so that the writers remove their temporary files
        signal.signal(signal.SIGTERM, _stop)
        # Ctrl-C is the parent's to handle: it stops us
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # held while it was forked
        _die_with_parent()
        _tune_heap()
        if os.getppid() != parent:  # the parent died before the line above
            os._exit(1)
        start = _address_space()
        if limits.memory is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (start + limits.memory, start + limits.memory))
        goes_on = True
        while goes_on and (index := _order(orders)) is not None:
            ok, value, said = _do(work, items[index], limits)
            grown = limits.memory is not None and _address_space() - start > limits.memory // 4
            goes_on = ok and not grown
            _send(fd, (ok, value, said, goes_on))
    finally:
        os._exit(0)


def _order(orders: int) -> int | None:
    """The next item's index from the parent, or None when the orders have ended."""
    data = b""
    while len(data) < 4:
        chunk = os.read(orders, 4 - len(data))
        if not chunk:
            return None
        data += chunk
    return int.from_bytes(data, "big")


def _do(work: Callable[[Any], Any], item: Any, limits: Limits) -> tuple[bool, Any, str]:
    """(ok, the work's value or why it failed, what it wrote to stderr)."""
    import io

    said = io.StringIO()
    sys.stderr = said
    try:
        try:
            outcome = (True, work(item))
        except MemoryError:
            outcome = (False, f"over the memory limit of {_size(limits.memory)} (--max-memory)")
        except _Stopped:
            outcome = (False, "stopped (SIGTERM)")
    # nothing may escape a forked child: it must not run the parent's code
    except BaseException as exc:
        outcome = (False, f"failed: {exc.__class__.__name__}")
    finally:
        sys.stderr = sys.__stderr__
    return (*outcome, said.getvalue())


def _send(fd: int, result: tuple[bool, Any, str, bool]) -> None:
    """Send one item's result to the parent: (ok, value or why not, stderr, whether this worker
    goes on)."""
    try:
        data = _frame(b"R", result)
    except Exception as exc:  # a value that cannot be pickled
        data = _frame(b"R", (False, f"failed: {exc.__class__.__name__}", result[2], False))
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


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
class _Worker:
    """A worker process: `fd` brings its frames, `orders` takes item indexes to it; `index` is the
    item it is on (None: idle) and `deadline` when that item runs out of time."""

    pid: int
    fd: int
    orders: int
    data: bytearray
    index: int | None = None
    deadline: float = float("inf")


def run_each(work: Callable[[Any], Any], items: Iterable[Any], limits: Limits, jobs: int = 1,
             failed: Callable[[Any, str], Any] = lambda item, why: why,
             on_report: Callable[[Any, Any], None] | None = None) -> Iterator[Any]:
    """`work(item)` for every item, in at most `jobs` worker processes under `limits`; yields the
    results in the items' order. A worker takes item after item (what it has loaded stays warm)
    until one fails or it has grown too much; an item whose worker ran out of time, crashed or
    failed to report yields `failed(item, why)`, and a new worker takes the items after it.
    `work` must be picklable in its result only. `on_report(item, payload)`: each `report` of a
    worker, as it comes."""
    items = list(items)
    if not available():
        for item in items:
            _REPORT["local"] = (lambda payload, item=item: on_report(item, payload)) \
                if on_report else None
            yield work(item)
        _REPORT.pop("local", None)
        return
    done: dict[int, Any] = {}
    workers: dict[int, _Worker] = {}
    next_item, next_out = 0, 0
    try:
        while next_out < len(items):
            while next_item < len(items) and (_idle(workers) or len(workers) < max(1, jobs)):
                worker = _idle(workers) or _start(work, items, limits)
                workers[worker.fd] = worker
                _give(worker, next_item, limits)
                next_item += 1
            _wait(workers, done, items, limits, failed, on_report)
            while next_out in done:
                value, said = done.pop(next_out)
                sys.stderr.write(said)  # what each worker said, in the items' order
                yield value
                next_out += 1
    finally:
        # done, or the parent was stopped (Ctrl-C, SIGTERM): no worker outlives it
        _stop_all(list(workers.values()))


def _idle(workers: dict[int, _Worker]) -> _Worker | None:
    return next((w for w in workers.values() if w.index is None), None)


def _give(worker: _Worker, index: int, limits: Limits) -> None:
    worker.index = index
    worker.deadline = time.monotonic() + limits.timeout if limits.timeout is not None \
        else float("inf")
    try:
        os.write(worker.orders, index.to_bytes(4, "big"))
    except OSError:
        pass  # the worker is gone: its end of file says so


def _start(work, items: list, limits: Limits) -> _Worker:
    read, write = os.pipe()
    orders_read, orders_write = os.pipe()
    parent = os.getpid()
    sys.stdout.flush()
    sys.stderr.flush()
    # what the parent holds out of the child's collections, which would otherwise write to every
    # object's header and so copy every page of it (the parent's own collections go on after)
    gc.freeze()
    pid = 0
    try:
        with _signals_held() as mask:
            pid = os.fork()
            if pid == 0:
                os.close(read)
                os.close(orders_write)
                _serve(work, items, limits, orders_read, write, parent, mask)
    except BaseException:  # a signal held while forking, handled as the hold ended: stop it too
        if pid:
            _kill(_Worker(pid, read, orders_write, bytearray()))
        raise
    finally:
        gc.unfreeze()
        os.close(write)
        os.close(orders_read)
    return _Worker(pid, read, orders_write, bytearray())


# signals held while a worker is forked: one that came while fork ran its hooks (logging's lock)
# had its exception ignored there, and a run told to stop went on
_HELD = {signal.SIGTERM, signal.SIGINT}


@contextmanager
def _signals_held() -> Iterator[set]:
    """SIGTERM and SIGINT held (pending) inside, and handled where the block ends; yields the
    mask to restore (a forked worker restores it once its own handlers are set)."""
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield mask
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def _stop_all(workers: list[_Worker], grace: float = 5.0) -> None:
    """End every worker: an idle one at the end of its orders, a busy one by SIGTERM (it removes
    its temporary files on the way out); SIGKILL to any still there after `grace` seconds."""
    for worker in workers:
        _close(worker.orders)
        if worker.index is not None:
            try:
                os.kill(worker.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
    deadline = time.monotonic() + grace
    for worker in workers:
        while time.monotonic() < deadline:
            try:
                if os.waitpid(worker.pid, os.WNOHANG)[0]:
                    break
            except ChildProcessError:
                break
            time.sleep(0.005)
        _kill(worker)


def _close(fd: int) -> None:
    try:
        os.close(fd)
    except OSError:
        pass


def _kill(worker: _Worker) -> None:
    try:
        os.kill(worker.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(worker.pid, 0)
    except ChildProcessError:
        pass
    _close(worker.fd)
    _close(worker.orders)


def _wait(workers: dict[int, _Worker], done: dict[int, Any], items, limits: Limits, failed,
          on_report=None) -> None:
    """Read what the workers send until an item is done, or its worker ends or passes its
    deadline; each report goes to `on_report` as it comes."""
    while True:
        now = time.monotonic()
        for fd, worker in list(workers.items()):
            if worker.index is not None and now >= worker.deadline:
                del workers[fd]
                _kill(worker)
                done[worker.index] = (failed(items[worker.index],
                                             f"stopped after {limits.timeout:g} s (--timeout)"), "")
                return
        wait = min(w.deadline for w in workers.values()) - now
        ready, _, _ = select.select(list(workers), [], [],
                                    None if wait == float("inf") else max(wait, 0.0))
        for fd in ready:
            worker = workers[fd]
            chunk = os.read(fd, 1 << 20)
            # the worker ended: retired after its last item, or died in the middle of one
            if not chunk:
                del workers[fd]
                _close(fd)
                _close(worker.orders)
                _, status = os.waitpid(worker.pid, 0)
                if worker.index is not None:
                    done[worker.index] = _died(status, items[worker.index], failed)
                    return
                continue
            worker.data += chunk
            if worker.index is None:
                continue
            result = _frames(worker, items[worker.index], on_report)
            if result is not None:
                *outcome, goes_on = result
                done[worker.index] = _outcome(outcome, items[worker.index], failed)
                worker.index, worker.deadline = None, float("inf")
                if not goes_on:  # it ends now: no more orders for it
                    del workers[fd]
                    _kill(worker)
                return


def _frames(worker: _Worker, item, on_report) -> tuple | None:
    """The whole frames at the head of what a worker sent, dropped from it: each report handed
    on; the item's result, once whole, returned."""
    data = worker.data
    while len(data) >= FRAME:
        end = FRAME + int.from_bytes(data[1:FRAME], "big")
        if len(data) < end:
            return None
        kind, payload = data[:1], pickle.loads(bytes(data[FRAME:end]))
        del data[:end]
        if kind == b"R":
            return payload
        if on_report is not None:
            on_report(item, payload)
    return None


def _outcome(result: list, item, failed):
    ok, value, said = result
    return (value if ok else failed(item, value)), said


def _died(status: int, item, failed):
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        name = signal.Signals(sig).name
        why = f"was killed ({name}: out of memory?)" if sig == signal.SIGKILL \
            else f"crashed ({name})"
        return failed(item, f"{why} while reading it"), ""
    return failed(item, "stopped before it reported"), ""
