"""What a delivery's quizzes are: the module's items once each, and each printed form's order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..curriculum import Curriculum
from ..delivery.context import DeliveryContext, delivery_context
from ..model_delivery import Delivery
from ..quiz import FormItem, QuizItem, quiz_forms, quiz_items


@dataclass
class DeliveryQuiz:
    context: DeliveryContext
    items: list[QuizItem]
    forms: dict[str, list[FormItem]]

    @property
    def delivery(self) -> Delivery:
        return self.context.the_delivery

    def item(self, item_id: str) -> QuizItem:
        return next(item for item in self.items if item.id == item_id)


def delivery_quiz(curriculum: Curriculum, delivery: Delivery, folder: Path) -> DeliveryQuiz:
    context = delivery_context(curriculum, delivery, folder)
    return DeliveryQuiz(context, quiz_items(context), quiz_forms(context))
