"""The Spanish syllable counter (leaflet.lint.syllables_es) against words whose syllables are known, divided as
the Real Academia's spelling rules divide them."""

from __future__ import annotations

import pytest

from leaflet.lint.syllables_es import syllables

# word: its syllables, written out so a wrong count is easy to check by eye.
KNOWN = {
    # The three textstat gets wrong (issue 13), and the ones the issue names.
    "agua": "a-gua",
    "oído": "o-í-do",
    "aorta": "a-or-ta",
    "país": "pa-ís",
    "guerra": "gue-rra",
    "pingüino": "pin-güi-no",
    "ciudad": "ciu-dad",
    "huevo": "hue-vo",
    "leer": "le-er",
    "creer": "cre-er",
    "río": "rí-o",
    "ahí": "a-hí",
    "buey": "buey",
    "Uruguay": "U-ru-guay",
    "psicología": "psi-co-lo-gí-a",
    "ketamina": "ke-ta-mi-na",
    "esketamina": "es-ke-ta-mi-na",
    "trastorno": "tras-tor-no",
    "estrés": "es-trés",
    # y: a vowel at the end of a word and alone, a consonant before a vowel.
    "hoy": "hoy",
    "muy": "muy",
    "y": "y",
    "rey": "rey",
    "ley": "ley",
    "estoy": "es-toy",
    "Paraguay": "Pa-ra-guay",
    "ayuda": "a-yu-da",
    "ayer": "a-yer",
    # Diphthongs and triphthongs: a weak vowel with a strong one, or two weak ones.
    "cuidado": "cui-da-do",
    "ruido": "rui-do",
    "viuda": "viu-da",
    "jesuita": "je-sui-ta",
    "suicidio": "sui-ci-dio",
    "paciente": "pa-cien-te",
    "ansiedad": "an-sie-dad",
    "tratamiento": "tra-ta-mien-to",
    "depresión": "de-pre-sión",
    "infusión": "in-fu-sión",
    "emocional": "e-mo-cio-nal",
    "terapia": "te-ra-pia",
    "arterial": "ar-te-rial",
    "náuseas": "náu-se-as",
    "aire": "ai-re",
    "auto": "au-to",
    "Europa": "Eu-ro-pa",
    "miedo": "mie-do",
    "sueño": "sue-ño",
    "recuerdos": "re-cuer-dos",
    "cuatro": "cua-tro",
    "nueve": "nue-ve",
    "seis": "seis",
    "fuera": "fue-ra",
    "averiguáis": "a-ve-ri-guáis",
    "limpiéis": "lim-piéis",
    "estudiaríais": "es-tu-dia-rí-ais",
    # Hiatus: two strong vowels, or an accented í or ú beside a strong one.
    "teatro": "te-a-tro",
    "poeta": "po-e-ta",
    "héroe": "hé-ro-e",
    "aéreo": "a-é-re-o",
    "mareo": "ma-re-o",
    "maíz": "ma-íz",
    "baúl": "ba-úl",
    "reír": "re-ír",
    "oír": "o-ír",
    "caída": "ca-í-da",
    "día": "dí-a",
    "continúa": "con-ti-nú-a",
    "alcohol": "al-co-hol",
    "ahora": "a-ho-ra",
    "zanahoria": "za-na-ho-ria",
    "búho": "bú-ho",
    "hiena": "hie-na",
    # The u of que, qui, gue, gui is silent; the ü of güe, güi is not.
    "quiero": "quie-ro",
    "qué": "qué",
    "guion": "guion",
    "guitarra": "gui-ta-rra",
    "seguir": "se-guir",
    "psiquiatra": "psi-quia-tra",
    "averigüé": "a-ve-ri-güé",
    "vergüenza": "ver-güen-za",
    "lingüística": "lin-güís-ti-ca",
    # Plain words.
    "sol": "sol",
    "casa": "ca-sa",
    "médico": "mé-di-co",
    "medicamento": "me-di-ca-men-to",
    "enfermera": "en-fer-me-ra",
    "hospital": "hos-pi-tal",
    "vómito": "vó-mi-to",
    "sangre": "san-gre",
    "veterano": "ve-te-ra-no",
    "pesadillas": "pe-sa-di-llas",
    "ojalá": "o-ja-lá",
}


@pytest.mark.parametrize(("word", "divided"), KNOWN.items())
def test_known_words(word: str, divided: str) -> None:
    assert syllables(word) == len(divided.split("-")), divided


def test_the_list_is_long_enough_to_mean_something() -> None:
    assert len(KNOWN) >= 60


def test_capitals_and_accents_do_not_change_the_count() -> None:
    assert syllables("AGUA") == syllables("Agua") == 2
    assert syllables("OÍDO") == 3


def test_abbreviations_said_letter_by_letter_and_acronyms_said_as_words() -> None:
    assert syllables("FDA") == 4  # e-fe-de-a
    assert syllables("TCC") == 3  # te-ce-ce
    assert syllables("PTSD") == 5  # pe-te-e-se-de
    assert syllables("TEPT") == 4  # te-e-pe-te: "pt" cannot end a Spanish syllable
    assert syllables("EMDR") == 6  # e-e-me-de-e-rre
    assert syllables("SIDA") == 2  # sayable: said as a word
    assert syllables("EE") == syllables("UU") == 2  # EE. UU., letter by letter


def test_numbers_are_read_digit_by_digit_and_nothing_is_zero() -> None:
    assert syllables("988") == 6  # nue-ve o-cho o-cho
    assert syllables("911") == 6  # nue-ve u-no u-no
    assert syllables("") == 0
    assert syllables("h") == 1
