"""The complexity gate of `make lint` (`tools/complexity.py`): radon's count, 20 or more refused."""
from tools.complexity import LIMIT, main, too_complex


def _function(branches: int) -> str:
    """A function of radon complexity 1 + `branches` (one `if` each)."""
    body = "".join(f"    if x == {k}:\n        return {k}\n" for k in range(branches))
    return f"def f(x):\n{body}    return -1\n"


def test_a_function_at_the_limit_is_listed_and_one_below_is_not(tmp_path):
    (tmp_path / "at.py").write_text(_function(LIMIT - 1), encoding="utf-8")
    (tmp_path / "below.py").write_text(_function(LIMIT - 2), encoding="utf-8")
    found = too_complex([tmp_path])
    assert found == [f"{tmp_path / 'at.py'}:1 f ({LIMIT})"]


def test_boolean_operators_count_as_radon_counts_them(tmp_path):
    # mccabe (ruff's C90) counts this as 1; radon adds one per `and`/`or`
    (tmp_path / "ops.py").write_text("def g(a):\n    return " + " and ".join(["a"] * (LIMIT + 1)) + "\n",
                                     encoding="utf-8")
    assert too_complex([tmp_path])


def test_a_method_is_listed_once(tmp_path):
    method = "\n".join("    " + line for line in _function(LIMIT).splitlines())
    (tmp_path / "cls.py").write_text("class C:\n" + method.replace("def f(x)", "def f(self, x)") + "\n",
                                     encoding="utf-8")
    assert [line.split(" ", 1)[1] for line in too_complex([tmp_path])] == [f"C.f ({LIMIT + 1})"]


def test_the_package_tools_and_bench_hold_the_limit():
    assert main([]) == 0
