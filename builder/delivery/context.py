"""A build context for one delivery: the module in the delivery's language, clock times from the
delivery's start_time, files named `<module>-<part>-<delivery>.<ext>` (product.md)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from ..context import BuildContext, build_date
from ..curriculum import Curriculum
from ..model_delivery import Delivery


@dataclass
class DeliveryContext(BuildContext):
    delivery: Delivery | None = None

    @property
    def the_delivery(self) -> Delivery:
        assert self.delivery is not None
        return self.delivery

    def file_name(self, part: str, extension: str) -> str:
        return f"{self.module.id}-{part}-{self.the_delivery.id}.{extension}"


def delivery_context(curriculum: Curriculum, delivery: Delivery, folder: Path) -> DeliveryContext:
    """The context every delivery output and `voces results` work in."""
    module = curriculum.module(delivery.module)
    assert module is not None, "voces check refuses a delivery of an unknown module"
    if delivery.start_time:
        settings = curriculum.settings.model_copy(update={"start_time": delivery.start_time})
        curriculum = dataclasses.replace(curriculum, settings=settings)
    return DeliveryContext(curriculum, module, delivery.language, folder, date=build_date(),
                           delivery=delivery)
