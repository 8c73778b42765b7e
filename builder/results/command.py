"""`voces results DELIVERY [--pre FILE] [--post FILE]` and `voces results --summary [MODULE]`.

Read every input and check it whole before anything is stored: a bad input stores nothing and
leaves the database as it was. Given files replace the delivery's stored answers of their forms
(in one transaction; a form not given keeps its answers); without files the report is made
again from what is stored.
Nothing is written outside the output folder; no input is copied into it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..curriculum import Curriculum
from ..model_delivery import Delivery
from ..quiz import QuizItem, form_name
from .analysis import Analysis, Stored, analyse, rounded
from .answers import ScoredAnswer, scored
from .delivery_forms import DeliveryQuiz, delivery_quiz
from .findings import ResultsInputError, refuse
from .inputs import FormAnswers, kind_of
from .read_moodle import MoodleRows, assign_codes, read_moodle
from .read_workbook import read_workbook
from .report_content import report_blocks
from .report_files import write_reports
from .report_plots import figures
from .statistics import gains
from .store import (
    StoredDelivery,
    open_store,
    replace_delivery,
    stored_answers,
    stored_deliveries,
    stored_delivery,
)


@dataclass(frozen=True)
class Inputs:
    pre: Path | None
    post: Path | None


def delivery_folder(out: Path, delivery: Delivery) -> Path:
    return out / delivery.language / delivery.module / "deliveries" / delivery.id


def form_for(quiz: DeliveryQuiz, role: str) -> str:
    """The module's form a role reads: the form of that name, else the first (pre) or the
    last (post) of two or more."""
    forms = list(quiz.forms)
    if role in forms:
        return role
    if len(forms) > 1:
        return forms[0] if role == "pre" else forms[-1]
    raise refuse(f"--{role}: module '{quiz.delivery.module}' has only the form "
                 f"'{forms[0]}'; give it as --post")


def read_inputs(quiz: DeliveryQuiz, inputs: Inputs) -> tuple[list[FormAnswers], int]:
    """Every given file read and checked; (answers per role, columns dropped)."""
    read: list[FormAnswers] = []
    moodle: list[MoodleRows] = []
    for role, path in (("pre", inputs.pre), ("post", inputs.post)):
        if path is None:
            continue
        shown = str(path)
        form = form_for(quiz, role)
        if not path.is_file():
            raise refuse(f"{shown}: no such file; name the filled entry workbook or Moodle "
                         "export")
        if kind_of(path, shown) == "xlsx":
            answers = read_workbook(path, shown, quiz, form, f"--{role}")
            answers.form = role
            read.append(answers)
        else:
            moodle.append(read_moodle(path, shown, quiz.items, role, quiz.delivery.module))
    read += assign_codes(moodle)
    return read, sum(answers.dropped_columns for answers in read)


def score_inputs(items: list[QuizItem], read: list[FormAnswers]
                 ) -> dict[str, dict[str, list[ScoredAnswer]]]:
    return {answers.form: {code: [scored(item, given[item.id]) for item in items]
                           for code, given in sorted(answers.participants.items())}
            for answers in read}


def run_delivery(curriculum: Curriculum, delivery: Delivery, inputs: Inputs, out: Path,
                 output_format: str) -> str:
    """Import (when files are given), report, and return what stdout shows."""
    folder = delivery_folder(out, delivery)
    quiz = delivery_quiz(curriculum, delivery, folder)
    context = quiz.context
    given = inputs.pre is not None or inputs.post is not None
    if given:
        read, dropped = read_inputs(quiz, inputs)
    with open_store(out) as connection:
        if given:
            record = StoredDelivery(
                delivery.id, delivery.module, delivery.language, delivery.date.isoformat(),
                context.text(delivery.venue), context.module.quiz.pass_mark, len(quiz.items),
                dropped)
            replace_delivery(connection, record, score_inputs(quiz.items, read),
                             {answers.form: answers.dropped_columns for answers in read})
        record_found = stored_delivery(connection, delivery.id)
        if record_found is None:
            raise refuse(f"no results are stored for delivery '{delivery.id}'; give the filled "
                         "forms with --pre FILE and --post FILE")
        stored = stored_answers(connection, delivery.id)
    _same_items(quiz, stored, delivery)
    analysis = _analysis(curriculum, quiz, stored, record_found)
    words = context.words
    module_title = context.text(context.module.title)
    title = words("results_title", module=module_title, delivery=delivery.id)
    subtitle = words("results_subtitle", date=delivery.date.isoformat(),
                     venue=context.text(delivery.venue),
                     forms=", ".join(form_name(context, f) for f in quiz.forms))
    blocks = report_blocks(words, analysis, quiz.items, title, subtitle)
    written = write_reports(context, title, blocks, figures(words, analysis))
    if output_format == "json":
        return json.dumps(rounded(analysis.data), ensure_ascii=False, indent=2)
    return _text(analysis, written, out)


def _same_items(quiz: DeliveryQuiz, stored: Stored, delivery: Delivery) -> None:
    ids = {item.id for item in quiz.items}
    for participants in stored.values():
        for answers in participants.values():
            if set(answers) != ids:
                raise refuse(f"the stored results of delivery '{delivery.id}' were scored "
                             "against another version of the module's quiz; import the filled "
                             "forms again with --pre and --post")


def _analysis(curriculum: Curriculum, quiz: DeliveryQuiz, stored: Stored,
              record: StoredDelivery) -> Analysis:
    locations = {}
    for item in quiz.items:
        index = next(i for i, q in enumerate(item.scenario.questions) if q.id == item.id)
        locations[item.id] = str(curriculum.locate(item.scenario, "questions", index))
    delivery = quiz.delivery
    header = {"delivery": delivery.id, "module": delivery.module, "language": delivery.language}
    return analyse(quiz.items, stored, record.pass_mark, record.dropped_columns, header,
                   locations)


def _text(analysis: Analysis, written: list[Path], out: Path) -> str:
    data = rounded(analysis.data)
    people, scores = data["participants"], data["scores"]
    lines = [
        f"delivery {data['delivery']} ({data['module']}, {data['language']}): "
        f"{people['pre']} pre, {people['post']} post, {people['paired']} paired, "
        f"{people['dropped_columns']} identifying columns dropped",
        f"scores: pre {_percent(scores['pre_mean'])}, post {_percent(scores['post_mean'])}, "
        f"gain {_show(scores['gain'])}, normalised gain {_show(scores['normalised_gain'])}, "
        f"t {_show(scores['t'])}, p {_p_value(scores['p_value'])}, d_z {_show(scores['d_z'])}, "
        f"pass rate after {_show(scores['pass_rate_post'])}",
        f"reliability: pre {_show(data['reliability']['pre'])}, "
        f"post {_show(data['reliability']['post'])}",
    ]
    lines += [f"{flag['location']}: item {flag['item']}: {flag['reason']}"
              for flag in data["flags"]]
    lines += [f"not computed (fewer than 10 participants): {name}"
              for name in data["not_computed"]]
    lines += [f"wrote {path.relative_to(out).as_posix()}" for path in written]
    return "\n".join(lines)


def _show(value: object) -> str:
    return "not computed" if value is None else str(value)


def _percent(value: object) -> str:
    return "not computed" if value is None else f"{value} %"


def _p_value(value: object) -> str:
    """p as the report's four decimals give it: below their reach, "< 0.0001", not 0.0."""
    if isinstance(value, int | float) and value < 0.0001:
        return "< 0.0001"
    return _show(value)


def run_summary(out: Path, module: str | None, output_format: str) -> str:
    with open_store(out) as connection:
        rows = []
        for record in stored_deliveries(connection, module):
            stored = stored_answers(connection, record.id)
            rows.append(_summary_row(record, stored))
    if output_format == "json":
        return json.dumps(rounded({"module": module, "deliveries": rows}), ensure_ascii=False,
                          indent=2)
    if not rows:
        return "no deliveries stored" + (f" for module {module}" if module else "")
    lines = ["delivery\tdate\tvenue\tn\tpre %\tpost %\tgain\tpass rate"]
    for row in rows:
        lines.append("\t".join(str(v) for v in (
            row["delivery"], row["date"], row["venue"], row["n"], _show(rounded(row["pre_mean"])),
            _show(rounded(row["post_mean"])), _show(rounded(row["gain"])),
            _show(rounded(row["pass_rate_post"])))))
    return "\n".join(lines)


def _summary_row(record: StoredDelivery, stored: Stored) -> dict[str, object]:
    """n, pre and post means (over paired participants when there are any), gain, pass rate."""
    def percent(role: str, codes: list[str]) -> np.ndarray:
        group = stored.get(role, {})
        return np.array([sum(score for _, score in group[code].values()) / record.items * 100
                         for code in codes], dtype=float)

    pre_codes, post_codes = sorted(stored.get("pre", {})), sorted(stored.get("post", {}))
    paired = sorted(set(pre_codes) & set(post_codes))
    pre = percent("pre", paired or pre_codes)
    post = percent("post", paired or post_codes)
    all_post = percent("post", post_codes)
    return {"delivery": record.id, "module": record.module, "date": record.date,
            "venue": record.venue, "n": len(paired) if paired else len(post_codes),
            "pre": len(pre_codes), "post": len(post_codes), "paired": len(paired),
            "pre_mean": float(pre.mean()) if len(pre) else None,
            "post_mean": float(post.mean()) if len(post) else None,
            "gain": gains(pre, post)[0] if paired else None,
            "pass_rate_post": float((all_post >= record.pass_mark).mean()) if len(all_post)
            else None}


def require_delivery(curriculum: Curriculum, name: str) -> Delivery:
    delivery = curriculum.delivery(name)
    if delivery is None:
        known = ", ".join(d.id for d in curriculum.deliveries) or "none yet"
        raise refuse(f"no delivery '{name}' in deliveries/ (deliveries: {known}); name one, "
                     "or add deliveries/<id>.yaml")
    return delivery


__all__ = ["Inputs", "ResultsInputError", "require_delivery", "run_delivery", "run_summary"]
