"""Privacy: e-mail addresses, phone numbers and handles; law numbers and figures are not phones."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES

from builder.checks import check_curriculum
from builder.checks.privacy import find_contacts

CONTACTS = [
    ("Call +51 987 654 321 tonight.", "phone", "+51 987 654 321"),
    ("Su celular es 987-654-321.", "phone", "987-654-321"),
    ("Llamó al (01) 419-3400 desde la comisaría.", "phone", "(01) 419-3400"),
    ("Her number, 987654321, was in the file.", "phone", "987654321"),
    ("El número 987.654.321 figura en el acta.", "phone", "987.654.321"),
    ("Tel. 01-419-3400 anexo 12.", "phone", "01-419-3400"),
    ("Escribió a ana.quispe@gmail.com ayer.", "email", "ana.quispe@gmail.com"),
    ("Contact j_perez+peru@mimp.gob.pe for details.", "email", "j_perez+peru@mimp.gob.pe"),
    ("He wrote to her as @ana_q94 on the game.", "handle", "@ana_q94"),
    ("Su perfil era instagram.com/ana.quispe.", "handle", "instagram.com/ana.quispe"),
    ("See https://www.facebook.com/ana.quispe.5 now.", "handle",
     "https://www.facebook.com/ana.quispe.5"),
    ("Found at tiktok.com/@anaq in May.", "handle", "tiktok.com/@anaq"),
    ("Messages came from t.me/anaq.", "handle", "t.me/anaq"),
    ("He sent wa.me/51987654321 to her.", "handle", "wa.me/51987654321"),
    ("Llámame al 987 654 321.", "phone", "987 654 321"),
    ("Cel. 999-888-777", "phone", "999-888-777"),
    ("Su número (+51) 987 654 321.", "phone", "(+51) 987 654 321"),
    ("Central: +51 1 419 3400.", "phone", "+51 1 419 3400"),
    ("Tel. 419-2019", "phone", "419-2019"),  # a landline, though it ends like a year
    ("Escribe a ana [at] gmail [dot] com.", "email", "ana [at] gmail [dot] com"),
    ("Escríbele a ana(arroba)gmail(punto)com ya.", "email", "ana(arroba)gmail(punto)com"),
    ("ANA@GMAIL.COM", "email", "ANA@GMAIL.COM"),
    ("Su perfil: facebook.com/ana.q", "handle", "facebook.com/ana.q"),
    ("Su cuenta @anita_2009 en Instagram.", "handle", "@anita_2009"),
    ("https://wa.me/51987654321", "handle", "https://wa.me/51987654321"),
]

NOT_CONTACTS = [
    "Ley 30364 protects women and family members.",
    "Law No. 27115 keeps the victim's identity confidential.",
    "Laws 27055 and 27115 limit confrontation.",
    "Leyes N° 30364, 27115 y 30466.",
    "Art. 183-A and art. 183-B of the Criminal Code.",
    "Decreto Legislativo 1297 and DL 1297.",
    "Decreto Supremo N.° 009-2016-MIMP approved the rules.",
    "Resolución Ministerial 123-2019-MIMP.",
    "Expediente 01234-2019-0-1801-JR-PE-01.",
    "Call Línea 100, free and open 24 hours.",
    "Between 2015-2019 and in 2021, 45 minutes each.",
    "A 15-year-old girl; 30 % of cases; 8 de cada 10.",
    "On 28.01.2016 and 28-01-2016 and 2016-01-28.",
    "Más de 1 500 000 niñas y S/ 1.500.000 soles.",
    "1.200.000 personas en 2019 2020 2021.",
    "She met him on Facebook and on facebook.com.",
    "Para tod@s y niñ@s.",
    "Meet @ 5 pm.",
    "Ley N.° 30364 y Ley Nº 27115.",
    "Decreto Legislativo N.° 1297.",
    "Exp. N.° 01234-2021-0-1801-JR-PE-01",
    "R.N. N.° 1234-2019 y Recurso de Nulidad 1234-2019.",
    "Casación N.° 1234-2019/Lima.",
    "Carpeta fiscal N.° 506014501-2021-123-0.",
    "RUC 20131370998",
    "El 1 de enero de 2021 a las 09:00 y de 14:30 a 18:00.",
    "Llame a la Línea 100 o al Chat 100.",
    "He met her at (the) park.",
]


@pytest.mark.parametrize(("text", "kind", "words"), CONTACTS)
def test_contact_details_are_found(text: str, kind: str, words: str):
    assert [(c.kind, c.text) for c in find_contacts(text)] == [(kind, words)]


@pytest.mark.parametrize("text", NOT_CONTACTS)
def test_law_numbers_dates_and_figures_are_not_contacts(text: str):
    assert find_contacts(text) == []


def test_quotes_are_checked_and_support_resources_are_exempt(tmp_path: Path):
    root = tmp_path / "c"
    shutil.copytree(FIXTURES / "minimal", root)
    settings = root / "curriculum.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        'contact: "100"', 'contact: "+51 1 419 3400, help@mimp.gob.pe"'), encoding="utf-8")
    source = root / "sources" / "src-a.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "a woman to speak to a woman.", "a woman to speak to a woman. Call me: 987 654 321."),
        encoding="utf-8")
    _, findings = check_curriculum(root)
    assert [str(f) for f in findings] == [
        "sources/src-a.yaml:11:85: error: the text of the 1st quote ('qa-1'): phone number "
        "'987 654 321'; remove it: "
        "contact details can identify a person (a support service's contact belongs in "
        "curriculum.yaml support) [privacy.phone]"]
