"""`voces results`: a round trip from built entry workbooks to the report, Moodle exports in the
encodings Excel and Moodle write, every bad input's exact message, and the database."""

from __future__ import annotations

import csv
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from conftest import edit
from results_helpers import fill, forms_of, moodle_rows

from builder.checks import check_curriculum
from builder.cli import main
from builder.delivery.context import delivery_context
from builder.quiz import quiz_items
from builder.results import store

NAME = "Ana Secreta"
EMAIL = "ana.secreta@correo.example"
RIGHT = {"r-single": {0}, "r-multiple": {0, 1}, "r-true-false": {1}, "r-matching": (0, 1, 2),
         "r-single-2": {0}}
WRONG = {"r-single": {2}, "r-multiple": {0, 2}, "r-true-false": {0}, "r-matching": (1, 0, 2),
         "r-single-2": {1}}


def hand_score(item_id: str, answer: object) -> float:
    """The scoring of product.md, written out for this fixture's five items."""
    if answer is None:
        return 0.0
    if item_id == "r-matching":
        return sum(chosen == left for left, chosen in enumerate(answer)) / 3  # type: ignore
    if item_id == "r-multiple":  # A and B correct (+½ each), C and D wrong (−½ each)
        return max(0.0, sum(0.5 if i in (0, 1) else -0.5 for i in answer))  # type: ignore
    return 1.0 if answer == RIGHT[item_id] else 0.0


def answers_of(pattern: str) -> dict[str, object]:
    """'RWR-R': right, wrong, blank per item in file order."""
    chosen: dict[str, object] = {}
    for item_id, mark in zip(RIGHT, pattern, strict=True):
        chosen[item_id] = None if mark == "-" else (RIGHT if mark == "R" else WRONG)[item_id]
        if isinstance(chosen[item_id], set):
            chosen[item_id] = frozenset(chosen[item_id])  # type: ignore[arg-type]
    return chosen


PRE = ["WWRWR", "RWWWW", "WRWWR", "WWWRW", "RRWWW", "WWRRW", "RWRWW", "W-WWR", "WRRWW",
       "WWWWW", "RWWRW", "WWRWW"]
POST = ["RRRWR", "RRRRW", "RWRRR", "RRWRR", "RRRRR", "WRRRR", "RRRRW", "RRWRR", "RRRR-",
        "RWRRR", "RRRRR"]  # P12 did not take the post-test; P13 took only the post-test
POST_ONLY = "RRRRR"


def participants(patterns: list[str]) -> dict[str, dict[str, object]]:
    return {f"P{n:02d}": answers_of(p) for n, p in enumerate(patterns, start=1)}


def percent(pattern: str) -> float:
    answers = answers_of(pattern)
    return sum(hand_score(i, a) for i, a in answers.items()) / 5 * 100


@pytest.fixture
def delivery(make_curriculum) -> Path:
    return make_curriculum("results")


def build_workbooks(root: Path, delivery_id: str = "lima-1") -> Path:
    """`voces build --only delivery`: the entry workbooks as facilitators get them."""
    status = main(["build", str(root), "--only", "delivery"])
    assert status == 0
    curriculum, _ = check_curriculum(root)
    record = curriculum.delivery(delivery_id)  # type: ignore[union-attr]
    assert record is not None
    return root / "output" / record.language / "mod-a" / "deliveries" / delivery_id


def filled(root: Path, tmp_path: Path, pre: list[str] = PRE, post: list[str] = POST) -> tuple[Path, Path]:
    folder = build_workbooks(root)
    forms = forms_of(root, "lima-1")
    pre_file, post_file = tmp_path / "pre.xlsx", tmp_path / "post.xlsx"
    fill(folder / "mod-a-entry-pre-lima-1.xlsx", pre_file, forms["pre"], participants(pre),
         {"Nombre": NAME})
    post_people = participants(post)
    post_people["P13"] = answers_of(POST_ONLY)
    fill(folder / "mod-a-entry-post-lima-1.xlsx", post_file, forms["post"], post_people,
         {"Correo electrónico": EMAIL})
    return pre_file, post_file


def results(root: Path, *options: str) -> tuple[int, str, str]:
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["results", *options, "--path", str(root)])
    return status, out.getvalue(), err.getvalue()


def test_round_trip_numbers_match_the_hand_scores(delivery, tmp_path):
    pre_file, post_file = filled(delivery, tmp_path)
    status, out, err = results(delivery, "lima-1", "--pre", str(pre_file), "--post",
                               str(post_file), "--format", "json")
    assert (status, err) == (0, "")
    data = json.loads(out)
    paired = range(11)  # P01…P11 took both
    pre_mean = sum(percent(PRE[i]) for i in paired) / 11
    post_mean = sum(percent(POST[i]) for i in paired) / 11
    assert data["participants"] == {"pre": 12, "post": 12, "paired": 11, "dropped_columns": 2,
                                    "pre_only": 1, "post_only": 1}
    assert data["scores"]["pre_mean"] == round(pre_mean, 4)
    assert data["scores"]["post_mean"] == round(post_mean, 4)
    assert data["scores"]["gain"] == round(post_mean - pre_mean, 4)
    assert data["scores"]["normalised_gain"] == round((post_mean - pre_mean) / (100 - pre_mean), 4)
    post_all = [percent(p) for p in POST] + [percent(POST_ONLY)]
    assert data["scores"]["pass_rate_post"] == round(sum(p >= 70 for p in post_all) / 12, 4)
    blanks = sum(p[4] == "-" for p in POST)
    assert data["items"][4]["blanks_post"] == blanks
    assert [row["id"] for row in data["items"]] == list(RIGHT)
    single = data["items"][0]["chosen_post"]
    assert single == {"A": sum(p[0] == "R" for p in POST) + 1, "B": 0,
                      "C": sum(p[0] == "W" for p in POST), "D": 0}
    folder = delivery / "output/es/mod-a/deliveries/lima-1"
    assert (folder / "mod-a-results-lima-1.docx").is_file()
    assert (folder / "mod-a-results-lima-1.html").is_file()
    html = (folder / "mod-a-results-lima-1.html").read_text(encoding="utf-8")
    gain = f"{post_mean - pre_mean:.1f}".replace(".", ",")
    assert gain in html and "Ganancia (puntos porcentuales" in html
    assert gain in docx_text(folder / "mod-a-results-lima-1.docx")
    assert_no_names(delivery / "output")


def docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def assert_no_names(out: Path) -> None:
    for path in out.rglob("*"):
        if not path.is_file():
            continue
        contents = [path.read_bytes()]
        if zipfile.is_zipfile(path):  # docx and xlsx: their parts are compressed
            with zipfile.ZipFile(path) as archive:
                contents += [archive.read(member) for member in archive.namelist()]
        for data in contents:
            for secret in (NAME, EMAIL, "Secreta", "correo.example"):
                assert secret.encode() not in data, f"{secret} in {path}"
                assert secret.encode("utf-16-le") not in data, f"{secret} in {path}"
    with sqlite3.connect(out / store.DATABASE) as connection:
        dump = "\n".join(connection.iterdump())
    assert "Secreta" not in dump and "correo.example" not in dump


def test_the_english_report_prints_the_same_numbers(delivery, tmp_path):
    edit(delivery / "deliveries/lima-1.yaml", "language: es", "language: en")
    folder = build_workbooks(delivery)
    forms = forms_of(delivery, "lima-1")
    pre_file, post_file = tmp_path / "pre.xlsx", tmp_path / "post.xlsx"
    fill(folder / "mod-a-entry-pre-lima-1.xlsx", pre_file, forms["pre"], participants(PRE),
         {"Name": NAME})
    fill(folder / "mod-a-entry-post-lima-1.xlsx", post_file, forms["post"], participants(POST),
         {"E-mail": EMAIL})
    status, out, err = results(delivery, "lima-1", "--pre", str(pre_file), "--post",
                               str(post_file))
    assert (status, err) == (0, "")
    pre_mean = sum(percent(PRE[i]) for i in range(11)) / 11
    post_mean = sum(percent(POST[i]) for i in range(11)) / 11
    folder = delivery / "output/en/mod-a/deliveries/lima-1"
    html = (folder / "mod-a-results-lima-1.html").read_text(encoding="utf-8")
    for number in (pre_mean, post_mean, post_mean - pre_mean):
        assert f"{number:.1f}" in html, number
        assert f"{number:.1f}" in docx_text(folder / "mod-a-results-lima-1.docx"), number
    assert "Gain (percentage points" in html
    assert f"gain {round(post_mean - pre_mean, 4)}" in out
    assert f"scores: pre {round(pre_mean, 4)} %, post {round(post_mean, 4)} %, " in out
    assert "p < 0.0001," in out and "p 0.0," not in out  # 11 pairs, a large gain
    status, out, err = results(delivery, "lima-1", "--format", "json")  # from the store
    assert (status, err) == (0, "")
    data = json.loads(out)
    assert data["language"] == "en"
    assert data["participants"]["dropped_columns"] == 2
    assert (data["scores"]["pre_mean"], data["scores"]["post_mean"]) == (
        round(pre_mean, 4), round(post_mean, 4))
    assert_no_names(delivery / "output")


def test_moodle_exports_in_three_encodings_pair_by_email(delivery, tmp_path):
    curriculum, _ = check_curriculum(delivery)
    assert curriculum is not None
    record = curriculum.delivery("lima-1")
    items = quiz_items(delivery_context(curriculum, record, tmp_path))  # type: ignore[arg-type]
    people = {n: (f"Secreta{n}", f"p{n}@correo.example", answers_of(p))
              for n, p in enumerate(PRE[:11])}
    later = {n: (f"Secreta{n}", f"p{n}@correo.example", answers_of(p))
             for n, p in reversed(list(enumerate(POST)))}  # another order: paired by e-mail
    for pre_encoding, post_encoding in (("utf-8-sig", "utf-16"), ("cp1252", "utf-8")):
        for name, rows_of, encoding in (("pre.csv", people, pre_encoding),
                                        ("post.csv", later, post_encoding)):
            with (tmp_path / name).open("w", encoding=encoding, newline="") as handle:
                csv.writer(handle).writerows(moodle_rows(list(reversed(items)), rows_of))
        status, out, err = results(delivery, "lima-1", "--pre", str(tmp_path / "pre.csv"),
                                   "--post", str(tmp_path / "post.csv"), "--format", "json")
        assert (status, err) == (0, "")
        data = json.loads(out)
        pre_mean = sum(percent(PRE[i]) for i in range(11)) / 11
        post_mean = sum(percent(POST[i]) for i in range(11)) / 11
        assert data["participants"]["paired"] == 11
        assert data["participants"]["dropped_columns"] == 6
        assert data["scores"]["gain"] == round(post_mean - pre_mean, 4)
    assert_no_names(delivery / "output")


def test_the_report_is_byte_reproducible_and_remade_from_the_store(delivery, tmp_path):
    pre_file, post_file = filled(delivery, tmp_path)
    assert results(delivery, "lima-1", "--pre", str(pre_file), "--post", str(post_file))[0] == 0
    folder = delivery / "output/es/mod-a/deliveries/lima-1"
    first = {p.name: p.read_bytes() for p in folder.glob("mod-a-results-*")}
    for path in folder.glob("mod-a-results-*"):
        path.unlink()
    status, _, err = results(delivery, "lima-1")  # no files: the report from what is stored
    assert (status, err) == (0, "")
    assert {p.name: p.read_bytes() for p in folder.glob("mod-a-results-*")} == first
    assert sorted(first) == ["mod-a-results-lima-1.docx", "mod-a-results-lima-1.html"]


def test_one_form_imported_alone_keeps_the_other_forms_stored_answers(delivery, tmp_path):
    """The pre-test imported on the day, the post-test later, or the post-test imported again
    after a correction: each import replaces only the form it gives, and the report is that
    of both imported together."""
    pre_file, post_file = filled(delivery, tmp_path)
    together = results(delivery, "lima-1", "--pre", str(pre_file), "--post", str(post_file),
                       "--format", "json")
    assert together[0] == 0
    (delivery / "output" / store.DATABASE).unlink()
    first = results(delivery, "lima-1", "--pre", str(pre_file), "--format", "json")
    assert first[0] == 0
    assert json.loads(first[1])["participants"]["post"] == 0
    said = results(delivery, "lima-1")[1]  # the text: a mean not computed has no unit
    assert ", post not computed, " in said and "not computed %" not in said
    later = results(delivery, "lima-1", "--post", str(post_file), "--format", "json")
    again = results(delivery, "lima-1", "--post", str(post_file), "--format", "json")
    assert later == again == together
    redone = results(delivery, "lima-1", "--pre", str(pre_file), "--format", "json")
    assert redone == together, "the stored post-test was kept"


def test_nothing_stored_yet_is_said(delivery):
    status, out, err = results(delivery, "lima-1")
    assert (status, out) == (1, "")
    assert err == ("no results are stored for delivery 'lima-1'; give the filled forms with "
                   "--pre FILE and --post FILE\nvoces: nothing was stored\n")


def test_results_write_only_the_report_and_the_database(delivery, tmp_path):
    """Nothing goes into the curriculum's sources, and no input file is copied into the output:
    what `voces results` adds is the database and the delivery's two report files."""
    pre_file, post_file = filled(delivery, tmp_path)

    def files(folder: Path) -> dict[str, bytes]:
        return {path.relative_to(folder).as_posix(): path.read_bytes()
                for path in sorted(folder.rglob("*")) if path.is_file()}

    sources = {name: data for name, data in files(delivery).items()
               if not name.startswith("output/")}
    built = files(delivery / "output")
    status, _, err = results(delivery, "lima-1", "--pre", str(pre_file), "--post",
                             str(post_file))
    assert (status, err) == (0, "")
    after = files(delivery)
    assert {name: data for name, data in after.items() if not name.startswith("output/")} \
        == sources
    output = files(delivery / "output")
    added = {name for name in output if output[name] != built.get(name)}
    assert added == {store.DATABASE, "es/mod-a/deliveries/lima-1/mod-a-results-lima-1.docx",
                     "es/mod-a/deliveries/lima-1/mod-a-results-lima-1.html"}
    inputs = {pre_file.read_bytes(), post_file.read_bytes()}
    assert not inputs & set(output.values())
