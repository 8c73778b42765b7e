"""Make the example's filled results-entry workbooks: examples/results/lima-2027-03-{pre,post}.xlsx.

    python tools/make_example_results.py

Builds the delivery's entry workbooks into a temporary folder, then types letters into them as a
facilitator would from paper forms: made-up answers from a stated random seed (SEED), each
participant with an ability that raises the chance of the key, higher after the training. Some
participants miss one test, a few leave an item blank. The same seed gives the same answers.
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from builder.checks import check_curriculum  # noqa: E402
from builder.delivery.context import delivery_context  # noqa: E402
from builder.delivery.entry_workbook import columns  # noqa: E402
from builder.quiz import quiz_forms  # noqa: E402

SEED = 20270315
DELIVERY = "lima-2027-03"
CHANCE = {"pre": 0.45, "post": 0.8}
"""The chance of the key for a participant of average ability."""
ABSENT = {"pre": {"P18"}, "post": {"P17", "P18", "P05"}}
"""Who missed a test (P05 left before the post-test; P18 never came)."""
BLANK = 0.03


def main(target: Path = REPO / "examples" / "results") -> None:
    randomness = random.Random(SEED)
    curriculum, findings = check_curriculum(REPO)
    assert curriculum is not None, findings
    delivery = curriculum.delivery(DELIVERY)
    assert delivery is not None
    forms = quiz_forms(delivery_context(curriculum, delivery, REPO / "output"))
    ability = {f"P{n:02d}": randomness.uniform(-0.2, 0.2) for n in range(1, 19)}
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary:
        subprocess.run([sys.executable, "-m", "builder", "build", str(REPO), "--only",
                        "delivery", "--module", delivery.module, "--lang", delivery.language,
                        "--out", temporary], check=True, stdout=subprocess.DEVNULL)
        folder = Path(temporary) / delivery.language / delivery.module / "deliveries" / DELIVERY
        for form in ("pre", "post"):
            built = folder / f"{delivery.module}-entry-{form}-{DELIVERY}.xlsx"
            book = load_workbook(built)
            sheet = book[form]
            labels = {str(cell.value): cell.column for cell in sheet[1]}
            for row in range(2, delivery.participants + 2):
                code = str(sheet.cell(row, 1).value)
                if code in ABSENT[form]:
                    continue
                chance = min(0.97, CHANCE[form] + ability[code])
                for column in columns(forms[form]):
                    if randomness.random() < BLANK:
                        continue
                    sheet.cell(row, labels[column.label], _typed(column, chance, randomness))
            book.save(target / f"{DELIVERY}-{form}.xlsx")
    print(f"wrote {target}/{DELIVERY}-pre.xlsx and -post.xlsx (seed {SEED})")


def _typed(column, chance: float, randomness: random.Random) -> str:  # type: ignore[no-untyped-def]
    """The letters a participant wrote: the key with the given chance, else a wrong answer."""
    item = column.form_item
    if column.pair is not None:
        key = next(left.letter for left in item.lefts if left.number == column.pair)
    else:
        key = "".join(item.key_letters)
    if randomness.random() < chance:
        return key
    wrong = [letter for letter in column.letters if letter not in key]
    if item.type == "multiple":
        return "".join(sorted({key[0], randomness.choice(wrong)}))
    return randomness.choice(wrong)


if __name__ == "__main__":
    main()
