"""Format 2 additions: what councils and CQC record, held without guessing."""

from datetime import date

import pytest

from readiness.lang.conditions import Compare, Evaluator
from readiness.model.errors import ProfileError
from readiness.io.profiles import load_profile

COUNCIL = {"name": "X", "as_of": "2024-06-30"}


def test_a_format_1_profile_is_a_format_2_profile():
    assert load_profile({"council": COUNCIL}).format_version is None
    assert load_profile({"format_version": 2, "council": COUNCIL}).format_version == 2


def test_one_view_voiced_by_several_groups_is_recorded_once_and_counts_for_each():
    p = load_profile({"council": COUNCIL, "feedback": [
        {"groups": ["staff", "leaders", "partners"], "about": "culture of high support", "sentiment": "positive",
         "extent": "all", "quote": "high support, high challenge"}]})
    f = p.feedback[0]
    assert f.group == "staff" and f.groups == ["staff", "leaders", "partners"]
    assert f.categories == ["staff-and-leaders", "partners"]


def test_derived_categories_are_kept_once_read_and_worked_out_again_for_an_updated_copy():
    raw = {"council": COUNCIL, "feedback": [{"group": "people", "about": "x", "sentiment": "neutral"}]}
    f = load_profile(raw).feedback[0]
    assert f.categories == ["people"] and f.categories is f.categories  # worked out once
    assert f.model_dump()["categories"] == ["people"] and f == load_profile(raw).feedback[0]
    assert f.model_copy(update={"group": "staff", "groups": ["staff"]}).categories == ["staff-and-leaders"]
    assert f.model_copy().categories == ["people"] and f.categories == ["people"]


def test_feedback_needs_someone_who_said_it():
    with pytest.raises(ProfileError) as caught:
        load_profile({"council": COUNCIL, "feedback": [{"about": "x", "sentiment": "neutral"}]})
    assert "say who said it" in caught.value.describe()


def test_unnamed_views_and_neutral_sentiment_are_allowed():
    f = load_profile({"council": COUNCIL, "feedback": [
        {"group": "unnamed", "about": "we heard", "sentiment": "neutral", "extent": "not-stated"}]}).feedback[0]
    assert (f.category, f.sentiment, f.extent) == ("unattributed", "neutral", "not-stated")


def test_a_judgement_between_yes_and_no_fails_both():
    p = load_profile({"council": COUNCIL, "experience": {"equity": {"population_needs_understood": "partly"}}})
    ev = Evaluator(p, p.council.as_of)
    path = "experience.equity.population_needs_understood"
    assert ev.run(Compare(fact=path, op="eq", value=True)).result is False
    assert ev.run(Compare(fact=path, op="eq", value=False)).result is False
    assert ev.run(Compare(fact=path, op="eq", value="partly")).result is True


def test_a_wrong_judgement_gets_one_message_naming_the_states():
    with pytest.raises(ProfileError) as caught:
        load_profile({"council": COUNCIL, "access": {"self_serve": "maybe"}})
    problems = caught.value.problems
    assert len(problems) == 1 and "partly" in problems[0].message and problems[0].field == "access.self_serve"


def test_a_date_comparison_a_partial_date_cannot_settle_is_not_evaluable():
    p = load_profile({"council": COUNCIL, "governance": {"self_assessment": {"updated_on": 2023}}})
    ev = Evaluator(p, date(2024, 6, 30))
    # 2023 could be more or less than 12 months before 30 June 2024: unknown, never guessed.
    assert ev.run(Compare(fact="governance.self_assessment.updated_on", op="older_than", value="12 months")).result is None
    assert ev.run(Compare(fact="governance.self_assessment.updated_on", op="older_than", value="1 month")).result is True
    assert ev.run(Compare(fact="governance.self_assessment.updated_on", op="older_than", value="3 years")).result is False


def test_documents_fold_their_topic_into_topics_and_take_new_statuses():
    d = load_profile({"council": COUNCIL, "documents": [
        {"title": "Stronger Together", "kind": "strategy", "topic": "coproduction", "topics": ["equality"],
         "status": "in-place", "period_start": 2024, "period_end": 2028}]}).documents[0]
    assert d.topics == ["coproduction", "equality"] and d.status == "in-place"


def test_evidence_log_weight_must_fit_its_kind():
    base = {"statements": ["safeguarding"], "category": "processes", "shows": "x", "source": "SA p.4"}
    entry = load_profile({"council": COUNCIL, "evidence": [{**base, "kind": "strength", "weight": "good"}]}).evidence[0]
    assert entry.effect == "good-strength"
    with pytest.raises(ProfileError) as caught:
        load_profile({"council": COUNCIL, "evidence": [{**base, "kind": "strength", "weight": "some"}]})
    assert "a strength is weighed exceptional or good" in caught.value.describe()


def test_services_hold_the_front_door_and_pilots():
    s = load_profile({"council": COUNCIL, "services": [
        {"name": "Adult Contact Team", "kind": "front-door", "stage": "established", "triage": True,
         "hours": "weekdays", "since": "2023-04"}]}).services[0]
    assert s.kind == "front-door" and str(s.since) == "2023-04"


def test_indicators_no_rule_reads_are_listed_with_the_nearest_known_id():
    import readiness

    p = load_profile({"council": COUNCIL, "indicators": [
        {"id": "sace-carer-information-helpful", "value": 88.6, "england": 85.2, "polarity": "higher-is-better"},
        {"id": "ascs-satisfaction", "value": 60, "england": 62},
        {"id": "local-carer-cafe-visits", "value": 12, "polarity": "higher-is-better"}]})
    unused = {u.id: u.nearest_known for u in readiness.evaluate(p).unused_indicators}
    assert unused == {"sace-carer-information-helpful": "sace-carer-easy-to-find-information",
                      "local-carer-cafe-visits": None}


def test_check_says_which_indicators_count_for_nothing(tmp_path, capsys):
    from readiness.cli.main import main

    path = tmp_path / "p.yaml"
    path.write_text("council: {name: X, as_of: 2024-06-30}\nindicators:\n"
                    "  - {id: ascs-satisfacton, value: 60, england: 62, polarity: higher-is-better}\n", encoding="utf-8")
    assert main(["check", str(path), "--format", "json"]) == 0
    err = capsys.readouterr().err
    assert "indicator 'ascs-satisfacton' is read by no rule" in err and "did you mean 'ascs-satisfaction'" in err
