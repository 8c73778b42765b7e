"""Verbs that open a measurable learning objective (Bloom's taxonomy, revised), per language,
and the verbs domain.md asks editors to avoid because nobody can observe them."""

from __future__ import annotations

MEASURABLE_VERBS: dict[str, frozenset[str]] = {
    "en": frozenset("""
        identify explain apply analyse analyze evaluate design describe compare contrast list
        demonstrate distinguish differentiate plan recognise recognize use choose select justify
        respond name outline assess interpret prepare conduct refer summarise summarize classify
        define state formulate create construct develop propose prioritise prioritize adapt
        document communicate inform ask practise practice perform carry give write draft record
        match order sort organise organize calculate solve verify check apply decide detect
        illustrate examine question interview support protect report discuss argue critique
        critically predict estimate judge rank rate recommend revise adjust implement manage
        coordinate facilitate produce show locate find cite quote tell reframe rephrase avoid
        offer provide obtain seek secure establish arrange explain determine
    """.split()),
    "es": frozenset("""
        identificar explicar aplicar analizar evaluar diseñar describir comparar contrastar
        enumerar listar demostrar distinguir diferenciar planificar reconocer utilizar usar elegir
        seleccionar justificar responder nombrar mencionar esbozar valorar interpretar preparar
        realizar conducir derivar resumir clasificar definir formular crear construir desarrollar
        proponer priorizar adaptar documentar comunicar informar preguntar practicar ejecutar dar
        redactar registrar relacionar ordenar organizar calcular resolver verificar comprobar
        decidir detectar ilustrar examinar entrevistar apoyar proteger reportar denunciar discutir
        argumentar criticar predecir estimar juzgar jerarquizar recomendar revisar ajustar
        implementar gestionar coordinar facilitar producir mostrar localizar encontrar citar
        reformular evitar ofrecer proporcionar brindar obtener buscar garantizar asegurar
        establecer acordar determinar orientar acompañar ejemplificar
    """.split()),
}

AVOIDED_VERBS: dict[str, frozenset[str]] = {
    "en": frozenset({"understand", "know", "be", "appreciate", "learn", "realise", "realize",
                     "become", "grasp", "believe", "feel"}),
    "es": frozenset({"comprender", "conocer", "entender", "saber", "ser", "estar", "apreciar",
                     "aprender", "tomar", "darse", "sentir", "creer"}),
}
