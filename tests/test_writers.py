"""The writers: streamed JSON equals the plain dump; no temporary file survives a failed write."""
import io
import json

import pytest

from pipeline.extract import extract
from pipeline.writers import extraction_to_json, write_files_atomically, write_json
from tests.conftest import FIXTURES, RAW


@pytest.mark.parametrize("path", [RAW / "annex_en.txt", FIXTURES / "other-plan-health-extra-columns.txt"],
                         ids=lambda p: p.name)
def test_streamed_json_is_the_plain_dump_byte_for_byte(path):
    ex = extract(path)
    buf = io.StringIO()
    write_json(ex, buf)
    assert buf.getvalue() == json.dumps(extraction_to_json(ex), ensure_ascii=False, indent=1) + "\n"


def test_a_failed_write_leaves_no_file_behind(tmp_path):
    def fail(fh):
        fh.write("half")
        raise OSError(28, "No space left on device")
    with pytest.raises(OSError):
        write_files_atomically({"a.csv": "x\n", "b.json": fail}, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_outputs_follow_the_umask_as_open_would(tmp_path):
    import os
    old = os.umask(0o022)
    try:
        [path] = write_files_atomically({"a.csv": "x\n"}, tmp_path)
    finally:
        os.umask(old)
    assert oct(path.stat().st_mode & 0o777) == oct(0o644)
