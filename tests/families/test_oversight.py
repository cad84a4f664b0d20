"""Pages without persons: the SFI risk share per area (exact, from the hand-made extract), the
board's aggregates (with suppression), and the audit log with its exports for administrators."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from tests.domain.indicators.tiny import write_extract
from tests.families.conftest import audit_rows

# ------------------------------------------------------------------ risk screening


@pytest.fixture
def computed_tiny(personas, tmp_path):
    """The tiny extract (tests/domain/indicators/tiny.py) computed by alice for Herning Kommune,
    with its area A1 "Solparken" registered in Herning (A2 "Engen" is not a partnership area)."""
    from helhed.indicators.access import compute_organisation
    from helhed.indicators.services import indicators_compute
    from helhed.partnerships.models import Area, Municipality

    Area.objects.create(
        code="A1", name="Solparken", municipality=Municipality.objects.get(code="657")
    )
    return indicators_compute(
        actor=personas.alice,
        organisation=compute_organisation(personas.alice),
        extract=write_extract(tmp_path / "tiny"),
    )


def cell(html: str, area: str, year: int) -> str:
    marker = f'data-area="{area}" data-year="{year}">'
    start = html.index(marker) + len(marker)
    return html[start : html.index("</td>", start)].strip()


def test_the_risk_share_matches_the_hand_computed_extract(computed_tiny, client_for) -> None:
    # A1 2022: children p3, p4 (mother p1: not nuclear, cash benefit, basic education, social
    # housing = 4 factors) and p7 (mother p6: social housing only) → 2 of 3 = 66.7 %.
    # A1 2023: 100-02 has left A1; p3 and p4 (p1 still has 3 factors) → 2 of 2 = 100 %.
    html = client_for("alice").get("/familier/risiko/").content.decode()
    assert cell(html, "A1", 2022) == "66,7 %"
    assert cell(html, "A1", 2023) == "100,0 %"
    assert "Engen" not in html  # not a partnership area
    for person_level in (
        "100-01",
        "100-02",
        "Solparken I",
        "mother_id",
    ):  # no department, no person
        assert person_level not in html


def test_small_shares_are_hidden_from_everyone_but_the_data_owner(computed_tiny, client_for):
    html = client_for("bob").get("/familier/risiko/").content.decode()
    assert "skjult" in cell(html, "A1", 2022)  # 3 children < 5: suppressed for a board member
    assert "66,7" not in html


def test_the_risk_api_gives_the_exact_share(computed_tiny, api_for) -> None:
    data = api_for("alice").get("/api/families/risk/").json()
    (area,) = [a for a in data["areas"] if a["code"] == "A1"]
    assert area["values"] == {"2022": pytest.approx(200 / 3, rel=1e-12), "2023": 100.0}
    assert area["suppressed"] == []
    (hidden,) = [
        a for a in api_for("bob").get("/api/families/risk/").json()["areas"] if a["code"] == "A1"
    ]
    assert hidden["values"] == {"2022": None, "2023": None}
    assert hidden["suppressed"] == [2022, 2023]


# ------------------------------------------------------------------ board aggregates


@pytest.fixture
def five_families(people):
    """Five followed families with known facts: 3 active interventions at the first meeting,
    1 at the second; 2 actions each, 1 done; one goal scored 3 then 6."""
    from helhed.families import access, services
    from helhed.partnerships.models import Department, Organisation

    today = access.today()
    herning = Organisation.objects.get(name="Herning Kommune")
    for n in range(5):
        f = services.family_create(
            actor=people.fiona,
            department=Department.objects.get(number="601-31"),
            opened_on=today - timedelta(days=400),
            organisation=herning,
        )
        member = services.member_create(
            actor=people.fiona, family=f, relation="mother", first_name=f"Mor{n}", last_name="Q"
        )
        for i, end in enumerate([None, today - timedelta(days=100), today - timedelta(days=90)]):
            services.intervention_create(
                actor=people.fiona,
                family=f,
                members=[member],
                kind="other",
                title=f"I{i}",
                organisation=herning,
                goal="Mål",
                goal_category="school",
                start_on=today - timedelta(days=300),
                end_on=end,
            )
        first = services.meeting_record(
            actor=people.fiona,
            family=f,
            held_on=today - timedelta(days=200),
            new_goals=["Skole hver dag"],
            new_actions=[
                services.NewAction("A", "Mor", today),
                services.NewAction("B", "Mor", today),
            ],
        )
        goal = f.goals.get()
        services.meeting_record(
            actor=people.fiona,
            family=f,
            held_on=today - timedelta(days=10),
            done_action_ids=[first.actions.order_by("pk").first().pk],
            scores={goal.pk: 3},
        )
        services.meeting_record(
            actor=people.fiona, family=f, held_on=today - timedelta(days=5), scores={goal.pk: 6}
        )


def figure(html: str, name: str) -> str:
    marker = f'data-figure="{name}">'
    start = html.index(marker) + len(marker)
    return html[start : html.index("<", start)].strip()


EXPECTED = {
    "families_open": "5",
    "families_closed": "færre end 5",
    "families_followed": "5",
    "interventions_first_avg": "3,0",
    "interventions_latest_avg": "1,0",
    "actions_total": "10",
    "actions_done": "5",
    "actions_done_pct": "50 %",
    "goals_measured": "5",
    "goals_improved_pct": "100 %",
    "progress_change_avg": "+3,0",
}


@pytest.mark.parametrize("name", ["bob", "ane", "adam", "alice"])
def test_the_board_sees_exact_figures_and_no_person(name, five_families, web) -> None:
    from helhed.families.models import Family

    html = web(name).get("/familier/tal/").content.decode()
    assert {key: figure(html, key) for key in EXPECTED} == EXPECTED
    for family in Family.objects.all():
        assert family.code not in html
    assert "Mor0" not in html and "Q" not in html.split("<main", 1)[1].split("</main>")[0]


def test_fewer_than_five_families_suppress_everything(family, client_for) -> None:
    html = client_for("bob").get("/familier/tal/").content.decode()
    assert figure(html, "families_open") == "færre end 5"
    assert figure(html, "interventions_first_avg") == "skjult (&lt; 5)"
    assert family.code not in html


def test_another_municipality_counts_nothing_of_herning(five_families, api_for) -> None:
    data = api_for("olivia").get("/api/families/aggregates/").json()
    assert data["families_open"] == {"value": None, "suppressed": True}
    herning = api_for("bob").get("/api/families/aggregates/").json()
    assert herning["families_open"] == {"value": 5.0, "suppressed": False}
    assert herning["progress_change_avg"] == {"value": 3.0, "suppressed": False}


# ------------------------------------------------------------------ the audit log


def test_the_administrator_sees_the_log_but_no_family_data(family, web) -> None:
    c = web("adam")
    response = c.get("/familier/revisionslog/")
    assert response.status_code == 200
    html = response.content.decode()
    assert family.code in html and "fiona" in html
    for personal in ("Testesen", "010185", "Lektiecafé", "Mormor"):
        assert personal not in html
    assert web("adam").get(f"/familier/{family.code}/").status_code == 404
    assert audit_rows(action="audit_view")[-1].actor_username == "adam"


def test_other_roles_and_other_municipalities_do_not_see_the_log(family, web, people) -> None:
    from helhed.accounts.models import Membership
    from helhed.partnerships.models import Organisation

    assert web("fiona").get("/familier/revisionslog/").status_code == 403
    Membership.objects.create(
        user=people.olivia,
        organisation=Organisation.objects.get(name="Viborg Kommune"),
        role="administrator",
    )
    html = web("olivia").get("/familier/revisionslog/").content.decode()
    assert family.code not in html


def test_csv_and_xlsx_exports_for_the_data_protection_officer(family, web) -> None:
    from helhed.families import access

    c = web("adam")
    today = access.today().isoformat()
    response = c.get("/familier/revisionslog/eksport.csv", {"start": today, "end": today})
    assert response["Content-Disposition"] == 'attachment; filename="revisionslog.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Tidspunkt", "Bruger", "Handling"]
    creates = [r for r in rows[1:] if r[2] == "Oprettet" and r[5] == family.code]
    assert len(creates) == 11  # family, 2 members, 2 consents, 4 interventions, 2 meetings
    book = load_workbook(io.BytesIO(c.get("/familier/revisionslog/eksport.xlsx").content))
    sheet = book["Revisionslog"]
    assert [cell.value for cell in sheet[1]][:2] == ["Tidspunkt", "Bruger"]
    assert sheet.max_row >= len(rows)
    exports = audit_rows(action="audit_export")
    assert [(e.detail["format"], e.actor_username) for e in exports] == [
        ("csv", "adam"),
        ("xlsx", "adam"),
    ]
    assert c.get("/familier/revisionslog/eksport.pdf").status_code == 404


def test_the_exports_defuse_formula_text_and_keep_numbers(family, web, people) -> None:
    """A reason beginning with "=" or "-" is text in both files; a negative id stays a number."""
    from helhed.families import audit
    from helhed.families.models import AuditAction, AuditEntry

    AuditEntry.objects.create(  # no object has a negative id: this checks the writer only
        actor=people.fiona,
        actor_username="fiona",
        action=AuditAction.VIEW,
        object_type="family",
        object_id=-7,
        family_id=family.pk,
        family_code=family.code,
        municipality_id=family.department.municipality_id,
        reason='=HYPERLINK("http://x")',
    )
    audit.record_read(actor=people.fiona, family=family, reason="-2 dage")
    c = web("adam")
    response = c.get("/familier/revisionslog/eksport.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    formula = next(r for r in rows if r[7].endswith('HYPERLINK("http://x")'))
    assert (formula[4], formula[7]) == ("-7", '\'=HYPERLINK("http://x")')
    assert [r[7] for r in rows if "2 dage" in r[7]] == ["'-2 dage"]
    sheet = load_workbook(io.BytesIO(c.get("/familier/revisionslog/eksport.xlsx").content))[
        "Revisionslog"
    ]
    formula_cells = next(r for r in sheet.iter_rows(min_row=2) if r[4].value == -7)
    assert [(cell.value, cell.data_type) for cell in (formula_cells[4], formula_cells[7])] == [
        (-7, "n"),
        ('=HYPERLINK("http://x")', "s"),
    ]
    assert [r[7].data_type for r in sheet.iter_rows(min_row=2) if r[7].value == "-2 dage"] == ["s"]


def test_the_cli_exports_a_period(family, tmp_path) -> None:
    from helhed.families import access

    today = access.today()
    out = tmp_path / "log.csv"
    output = StringIO()
    call_command(
        "families",
        "audit-export",
        "--from",
        str(today),
        "--to",
        str(today),
        "--out",
        str(out),
        stdout=output,
    )
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert f"Skrevet {len(rows) - 1} poster" in output.getvalue()
    assert any(r[5] == family.code for r in rows[1:])
    empty = tmp_path / "tom.xlsx"
    tomorrow = str(today + timedelta(days=1))
    call_command(
        "families", "audit-export", "--from", tomorrow, "--out", str(empty), stdout=StringIO()
    )
    assert load_workbook(empty)["Revisionslog"].max_row == 1  # the header only
    with pytest.raises(CommandError):
        call_command("families", "audit-export", "--out", str(tmp_path / "log.pdf"))


def test_the_audit_api_is_for_administrators(family, api) -> None:
    data = api("adam").get("/api/families/audit/").json()
    assert data["count"] > 0
    assert {r["family_code"] for r in data["results"]} >= {family.code}
    assert api("fiona").get("/api/families/audit/").status_code == 403


def test_the_audit_page_lists_every_entry_including_its_own_reading(family, web, people):
    """Regression: the page's own log row was written after counting, pushing one row out."""
    from helhed.families.models import AuditEntry

    html = web("adam").get("/familier/revisionslog/").content.decode()
    total = AuditEntry.objects.visible_to(people.adam).count()
    assert f"Poster ({total})" in html
    assert html.count("<tr><td>") == total
    assert "Familie #" in html and "Netværksmøde #" in html  # objects named in Danish
