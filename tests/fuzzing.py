"""One way to mutate a valid input file the ways real files go wrong, for the fuzz tests of every
importer and CLI input (tests/*/test_fuzz_inputs.py): a cell replaced by an odd value, a blank
or junk line, a dropped line, another separator, a cut, another encoding, stray bytes."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st


@st.composite
def mutated_file(
    draw,
    text: str,
    *,
    sep: str,
    odd: st.SearchStrategy[str],
    blanks: Sequence[str] = ("", "   "),
    separators: Sequence[str] = (),
    newlines: Sequence[str] = ("\n",),
) -> bytes:
    """`text` with up to three mutations; `separators` (if any) are the ones a line's `sep` may
    be swapped for; the result is encoded as UTF-8 (with or without BOM), UTF-16 or cp1252."""
    kinds = ["cell", "blank", "insert", "drop", "cut"] + (["separator"] if separators else [])
    lines = text.splitlines()
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(kinds))
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        if kind == "cell":
            cells = lines[i].split(sep)
            j = draw(st.integers(0, len(cells) - 1))
            cells[j] = draw(odd)
            lines[i] = sep.join(cells)
        elif kind == "blank":
            lines.insert(i, draw(st.sampled_from(list(blanks))))
        elif kind == "insert":
            lines.insert(i, draw(st.text(max_size=30)))
        elif kind == "drop":
            del lines[i]
        elif kind == "separator":
            lines[i] = lines[i].replace(sep, draw(st.sampled_from(list(separators))))
        else:
            lines = lines[:i]
    newline = draw(st.sampled_from(list(newlines)))
    data = newline.join(lines).encode(
        draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"])), errors="replace"
    )
    if draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=16)) + data[at:]
    return data
