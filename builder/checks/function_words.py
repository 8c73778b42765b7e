"""How much a word says about which text it comes from, in English and Spanish.

`quote.restricted` weighs a run of a restricted quote's words by these: a run of articles,
prepositions and conjunctions ("de la", "in the") is shared by any two texts of a language, and
pronouns, auxiliaries and negation ("I did not", "nadie me") by most; the quote is in its other
words. Words are compared lower-case and without accents (`plain_word`).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

FUNCTION_WEIGHT = 0.25
"""Articles, prepositions, conjunctions (and al, del): they count for little."""
COMMON_WEIGHT = 0.5
"""Pronouns, possessives, demonstratives, auxiliaries and negation: they count for half."""
NAME_WEIGHT = 0.0
"""Numbers and words of names (Línea 100, Centro Emergencia Mujer): not the quote's words."""

_FUNCTION = """
a an the
about above across after against along among around at before behind below beneath beside
between beyond by despite down during except for from in inside into like near of off on onto
out outside over past since through throughout till to toward towards under until up upon via
with within without
and or but nor so yet because although though if unless while whereas whether that than as
when where once
el la los las un una unos unas lo al del
ante bajo con contra de desde durante en entre hacia hasta mediante para por segun sin sobre
tras
y e o u ni pero sino que porque pues aunque si como cuando donde mientras
"""

_COMMON = """
i me my mine myself you your yours yourself he him his himself she her hers herself it its
itself we us our ours ourselves they them their theirs themselves this these those who whom
whose which what nobody somebody someone anyone anybody everyone everybody nothing something
anything everything no not never there here all some any each every
be am is are was were been being have has had having do does did doing will would shall
should can could may might must
don't didn't doesn't isn't wasn't weren't won't wouldn't can't couldn't shouldn't haven't
hasn't hadn't i'm i've i'd i'll you're it's we're they're that's there's
yo mi mis ti tu tus te el ella ello le les se su sus nos nosotros nosotras nuestro nuestra
nuestros nuestras vosotros os ellos ellas usted ustedes este esta estos estas ese esa esos esas
aquel aquella esto eso quien quienes cual cuales nadie alguien nada algo nunca ya muy mas todo
toda todos todas
es son era eran fue fueron ser sido esta estan estaba estaban estar estado ha han habia haber
he hemos has hay soy estoy
"""


@lru_cache(maxsize=65536)
def plain_word(word: str) -> str:
    """Lower case, accents dropped, curly apostrophes straight: how quote words compare."""
    decomposed = unicodedata.normalize("NFD", word.casefold().replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


FUNCTION_WORDS = frozenset(plain_word(w) for w in _FUNCTION.split())
COMMON_WORDS = frozenset(plain_word(w) for w in _COMMON.split()) - FUNCTION_WORDS


def word_weight(plain: str, is_name: bool) -> float:
    """What one word of a run counts for: 1 for the words that make a text that text."""
    if plain in FUNCTION_WORDS:
        return FUNCTION_WEIGHT
    if plain in COMMON_WORDS:
        return COMMON_WEIGHT
    if plain.isdigit() or is_name:
        return NAME_WEIGHT
    return 1.0
