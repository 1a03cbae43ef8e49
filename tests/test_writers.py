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
