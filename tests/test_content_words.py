"""The words a patient reads, checked in the built PDFs as pdftotext gives them (issue 20, the content review).

One sample clinic that offers IV and the nasal spray, treats all three conditions and writes English and Spanish
(Austin), every kind, from the sample site the suite builds once (conftest.sample_site); each test reads what its
documents say, not the YAML they came from. The `{only: ...}` route gates are checked in tests/test_content.py;
the tests here read what every clinic of this kind is shown.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, sample_path

from leaflet import resources

CLINIC = "austin"
LANGUAGES = ("en", "es")
CONDITIONS = ("ptsd", "depression", "anxiety")


@pytest.fixture(scope="module")
def built(sample_site: Path) -> Path:
    """Every document of the Austin sample, from the sample site the suite builds once as `make demo` does; the
    clinic's output folder."""
    return sample_site / CLINIC


def read(pdf: Path) -> str:
    """What a reader gets from the PDF: its text in reading order, white space made single spaces."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, text=True)
    return " ".join(text.stdout.split())


def handout(built: Path, condition: str, language: str) -> str:
    return read(built / f"{condition}.{language}.pdf")


def guide(built: Path, condition: str, language: str) -> str:
    return read(built / f"{condition}.guide.{language}.pdf")


def brochures(built: Path, language: str) -> list[str]:
    pdfs = sorted(built.glob(f"brochure.*.{language}.pdf"))
    assert pdfs
    return [read(pdf) for pdf in pdfs]


def every_document(built: Path, language: str) -> list[tuple[str, str]]:
    return [(pdf.name, read(pdf)) for pdf in sorted(built.glob(f"*.{language}.pdf"))]


# -- could harm ----------------------------------------------------------------------------------------------------

SUICIDE_APPROVAL = {"en": "Depression with thoughts of suicide", "es": "depresión con pensamientos"}
SUICIDE_LIMITATION = {
    "en": ("has not been shown to prevent suicide or to reduce thoughts of suicide", "does not replace a stay in"),
    "es": ("No se ha demostrado que", "No reemplaza una estadía en el hospital"),
}
WITH_AN_ANTIDEPRESSANT = {
    "en": "alone or with an antidepressant taken by mouth",
    "es": "sola o junto con un antidepresivo que se toma por la boca",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_where_the_suicide_approval_is_named_the_labels_limitation_is_too(built: Path, language: str) -> None:
    """Spravato's label: not shown to prevent suicide or reduce suicidal thoughts; no substitute for the hospital."""
    named = 0
    for name, text in every_document(built, language):
        if SUICIDE_APPROVAL[language].lower() in text.lower():
            named += 1
            for words in SUICIDE_LIMITATION[language]:
                assert words in text, (name, words)
    assert named >= len(CONDITIONS)  # every guide's status section names it
    assert WITH_AN_ANTIDEPRESSANT[language] in guide(built, "depression", language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_crisis_numbers_stay_whole_and_988_comes_before_each_press(built: Path, language: str) -> None:
    """A citation marker after 838255 or 24/7 read as another number; "call and press 1" dropped the 988."""
    for name, text in every_document(built, language):
        assert not re.search(r"838255\d|24/7\d|\b988\d", text), name
        presses = re.findall(r"(\S+ \S+) (?:and (?:then )?press|y (?:luego )?(?:marque|el)) [12]\b", text)
        for before in presses:
            assert "988" in before, (name, before)
    for text in brochures(built, language):
        press = {"en": "call 988 and press 1", "es": "llame al 988 y marque 1"}[language]
        assert press in text


# -- misleading -------------------------------------------------------------------------------------------------


def test_the_va_trial_says_what_it_tested_and_what_it_found(built: Path) -> None:
    text = guide(built, "ptsd", "en")
    assert "158 veterans and service members whose PTSD had not improved with antidepressants" in text
    assert "8 IV doses over 4 weeks: a placebo (a dummy treatment), a low dose of ketamine or the usual dose" in text
    assert "The usual dose did ease depression more than the placebo" in text
    sheet = handout(built, "ptsd", "en")
    assert "The higher of two doses eased depression more" in sheet
    assert "La dosis usual sí alivió la depresión más que el placebo" in guide(built, "ptsd", "es")


def test_the_ssri_figure_the_guideline_does_not_give_is_gone(built: Path) -> None:
    for language in LANGUAGES:
        text = guide(built, "ptsd", language)
        assert "6 in 10" not in text and "6 de cada 10 personas. Unas 2 o 3" not in text
    assert "do not list ketamine among the treatments they recommend" in guide(built, "ptsd", "en")


@pytest.mark.parametrize("language", LANGUAGES)
def test_both_ect_trials_or_neither(built: Path, language: str) -> None:
    text = guide(built, "depression", language)
    assert {"en": "186 people who were in the hospital", "es": "186 personas que estaban en el hospital"}[
        language
    ] in text
    assert {"en": "Everyone knew which treatment they got", "es": "Todos sabían qué tratamiento"}[language] in text
    if language == "en":  # the sheet has room for neither, so it gives neither
        sheet = handout(built, "depression", language)
        evidence = sheet.split("What studies found", 1)[1].split("Treatments to try first", 1)[0]
        assert "ECT" not in evidence


def test_counts_a_reader_can_hold(built: Path) -> None:
    sheet = handout(built, "ptsd", "en")
    assert "15 had 6 IV doses" in sheet and "10 of them improved, and 3 of 15" in sheet
    assert "67 in 100" not in sheet
    text = guide(built, "ptsd", "en")
    assert "Improved means their PTSD symptoms went down by 30 percent or more" in text
    assert "For half of those it helped, the benefit lasted about 4 weeks or longer" in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_risks_over_time_and_the_interactions_are_named(built: Path, language: str) -> None:
    over_time = {"en": "No one knows the effects of regular doses over months or years", "es": "Nadie sabe"}
    classes = {"en": ("Opioids", "MAOIs", "Stimulants"), "es": ("opioides", "IMAO", "estimulantes")}
    for text in (handout(built, "ptsd", language), guide(built, "ptsd", language), *brochures(built, language)):
        assert over_time[language] in text
        for name in classes[language]:
            assert name in text, name


@pytest.mark.parametrize("language", LANGUAGES)
def test_who_should_not_have_it_names_an_allergy_pregnancy_plans_and_under_18s(built: Path, language: str) -> None:
    words = {
        "en": ("allergic", "under 18", "liver disease", "plan"),
        "es": ("alergia", "18 años", "hígado", "planea un embarazo"),
    }
    for text in (handout(built, "depression", language), *brochures(built, language)):
        for word in words[language]:
            assert word in text, word


@pytest.mark.parametrize("language", LANGUAGES)
def test_before_a_session_ask_when_to_stop_eating_and_drinking(built: Path, language: str) -> None:
    ask = {"en": "Ask when to stop eating and drinking", "es": "Pregunte cuándo"}[language]
    assert ask in handout(built, "anxiety", language)
    assert ask in guide(built, "anxiety", language)


def test_when_to_call_911_and_whom_to_call_for_what(built: Path) -> None:
    sheet = handout(built, "depression", "en")
    assert "Call 911 for chest pain, a bad headache, trouble breathing, fainting" in sheet
    assert "For thoughts of suicide, call or text 988" in sheet
    assert "If low mood or suicidal thoughts come back" not in sheet
    text = guide(built, "depression", "en")
    assert "If low mood comes back, call your care team" in text
    assert "If you are in danger, call 911" in text


def test_iv_ketamine_is_said_to_be_the_approved_anesthetic_used_off_label(built: Path) -> None:
    assert "usually the FDA-approved anesthetic" in handout(built, "ptsd", "en")
    assert "suele ser el anestésico aprobado por la FDA" in handout(built, "ptsd", "es")


# -- unclear or missing for a decision (IPDAS) --------------------------------------------------------------------

COST = {"en": "Good Faith Estimate", "es": "Estimado de Buena Fe"}
INTEREST = {"en": "offers ketamine for a fee", "es": "ofrece ketamina a cambio de un pago"}  # the clinic's interest
MATTERS = {"en": "what matters most to you", "es": "lo que más le importa"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_cost_the_clinics_interest_and_what_matters_to_the_reader(built: Path, language: str) -> None:
    for text in (handout(built, "ptsd", language), guide(built, "ptsd", language)):
        assert COST[language] in text
        assert INTEREST[language] in text
        assert MATTERS[language].lower() in text.lower()
    for text in brochures(built, language):
        assert COST[language] in text
        assert INTEREST[language] in text


def test_esketamine_has_its_own_trials_including_those_that_missed_their_goal(built: Path) -> None:
    text = guide(built, "depression", "en")
    assert "In one, of 223 people, depression eased more than with a dummy spray" in text
    assert "of 342 people and of 137 people aged 65 or more, the gain was too small to be sure of" in text
    assert "la mejora fue muy pequeña para estar seguros" in guide(built, "depression", "es")


def test_anxiety_studies_give_their_sizes_and_forms(built: Path) -> None:
    for text in (handout(built, "anxiety", "en"), guide(built, "anxiety", "en")):
        assert "study of 18 people with social anxiety" in text and "study of 12 people" in text
        assert "shot" in text and "IV" in text
    assert "Ask whether your plan includes talk therapy" in brochures(built, "en")[0]
    assert "It is usually given alongside talk therapy" not in brochures(built, "en")[0]


# -- Spanish -------------------------------------------------------------------------------------------------------


def test_spanish_says_what_the_english_says_in_the_fdas_words(built: Path) -> None:
    for name, text in every_document(built, "es"):
        for word in ("legal y", "preparación magistral", "medicina"):
            assert word not in text.lower(), (name, word)
    assert "espray nasal" in handout(built, "depression", "es")
    # The interface catalogue (data/locale) names the route "aerosol nasal" until its own change: the content's
    # words are checked here.
    for path in sorted((resources.content_dir() / "es").glob("*.yaml")):
        assert "aerosol" not in path.read_text(encoding="utf-8").lower(), path.name


# -- the route gates in the content (printed by the template's gate) ----------------------------------------------


def content(language: str, stem: str) -> str:
    return (resources.content_dir() / language / f"{stem}.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("language", LANGUAGES)
def test_sentences_true_of_one_route_or_setting_are_gated(language: str) -> None:
    """The IV-only clinic's brochure said "After esketamine, staff watch you"; the home-visit one, "an adult who
    can take you home". Each such sentence now starts with its gate."""
    brochure = yaml.safe_load(content(language, "brochure"))["sections"]
    visit = [line.strip() for line in brochure["visit"]["body"].splitlines() if "esketamin" in line.lower()]
    assert visit and all(line.startswith("- {only: esketamine}") for line in visit), visit
    bring = [line for line in brochure["bring"]["body"].splitlines() if "casa" in line or "home" in line]
    assert bring and all("{only: clinic}" in line for line in bring), bring
    questions = brochure["questions"]["body"]
    assert "Spravato" not in questions  # the question was the same for the IV-only clinic


# -- the other choices' own figures, and one way of giving numbers (issue 20, items 14 and 13) --------------------

ADD_ON_FIGURE = {
    "en": (
        "A study had 1,522 veterans whose depression had not improved enough with an antidepressant",
        "About 29 in 100 became nearly free of symptoms when a medicine called aripiprazole was added",
        "and 22 in 100 when they switched to bupropion. The study had no dummy-pill group",
    ),
    "es": (
        "Un estudio tuvo 1522 veteranos cuya depresión no había mejorado lo suficiente con un antidepresivo",
        "Unos 29 de cada 100 quedaron casi sin síntomas cuando se sumó un medicamento llamado aripiprazol",
        "El estudio no tuvo un grupo con una pastilla falsa",
    ),
}
TMS_FIGURE = {
    "en": (
        "A review put together 29 studies, with 1,371 people in all",
        "about 29 in 100 improved with real TMS, and about 10 in 100 with the fake one",
        "Each study set its own bar for improved",
    ),
    "es": (
        "Una revisión juntó 29 estudios, con 1371 personas en total",
        "unas 29 de cada 100 mejoraron con la EMT real, y unas 10 de cada 100 con la falsa",
        "Cada estudio fijó su propia medida de mejorar",
    ),
}
UNLIKE_STUDIES = {
    "en": "These figures come from different kinds of studies",
    "es": "Estas cifras vienen de distintos tipos de estudios",
}
TWO_WAYS_OF_COUNTING = {
    "en": "For a small one, we give the number of people. For a large one, we give how many in every 100",
    "es": "Para uno pequeño, damos el número de personas. Para uno grande, damos cuántas de cada 100",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_alternatives_to_ketamine_have_their_own_figures_from_unlike_studies(built: Path, language: str) -> None:
    """A medicine added to an antidepressant (VAST-D) and TMS (a review of sham-controlled trials) each give the
    study's size, design and what "improved" meant; and the guide says they cannot be set side by side."""
    text = guide(built, "depression", language)
    for words in (*ADD_ON_FIGURE[language], *TMS_FIGURE[language], UNLIKE_STUDIES[language]):
        assert words in text, words
    assert text.index(UNLIKE_STUDIES[language]) > text.index(TMS_FIGURE[language][1])


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_depression_guide_says_why_it_counts_two_ways(built: Path, language: str) -> None:
    """Counts for the 24-person study, "in 100" for the trials of hundreds: the guide says which is which."""
    assert TWO_WAYS_OF_COUNTING[language] in guide(built, "depression", language)


NOT_IV_ON_THE_SHEET = {
    "en": "No one knows if other forms work the same",
    "es": "Nadie sabe si otras formas funcionan igual",
}


@pytest.fixture(scope="module")
def built_without_iv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Austin sample's handouts for a clinic that offers only the nasal spray; the clinic's output folder."""
    folder = tmp_path_factory.mktemp("no-iv")
    clinic = sample_path(CLINIC).read_text(encoding="utf-8")
    assert "routes: [iv, intranasal]" in clinic
    (folder / "clinics").mkdir()
    (folder / "clinics" / f"{CLINIC}.yaml").write_text(
        clinic.replace("routes: [iv, intranasal]", "routes: [intranasal]")
    )
    shutil.copytree(sample_path(CLINIC).parent / "logos", folder / "clinics" / "logos")
    leaflet = str(Path(sys.executable).with_name("leaflet"))
    env = {name: value for name, value in os.environ.items() if name != "LEAFLET_BUILD_FAULT"}
    command = [leaflet, "build", str(folder / "clinics" / f"{CLINIC}.yaml"), "--out", str(folder / "out")]
    result = subprocess.run(
        [*command, "--kind", "handout", "--quiet"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return folder / "out" / CLINIC


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("condition", CONDITIONS)
def test_the_sheet_says_its_studies_form_to_a_clinic_without_iv(
    built: Path, built_without_iv: Path, condition: str, language: str
) -> None:
    """Each sheet's figures are from IV studies (and, for anxiety, shots under the skin); a clinic that gives
    ketamine another way is told that no one knows if its forms work the same. A clinic with IV is not."""
    sheet = handout(built_without_iv, condition, language)
    assert NOT_IV_ON_THE_SHEET[language] in sheet
    assert "IV" in sheet.split(NOT_IV_ON_THE_SHEET[language], 1)[0]  # the studies before it say their form
    assert NOT_IV_ON_THE_SHEET[language] not in handout(built, condition, language)
