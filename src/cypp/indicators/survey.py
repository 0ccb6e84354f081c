"""Pupil perception survey measures (TellUs style): NI 50, NI 110 and NI 115.

The survey comes in long format, one row per respondent per question, with the respondent's
year group, weight and school repeated on each row. A measure picks its questions, keeps the
respondents of its year groups who answered them, and weights each: ``num`` is the weight if
the respondent counts in the numerator (else 0) and ``den`` is the weight. Numerators and
denominators are therefore weighted counts, and so is what disclosure control sees. Weights
are taken to six decimal places as exact decimals, so the sums are the same on every backend
(floating-point sums depend on the order of addition).

Question identifiers and answer codes differ between survey providers, so they are parameters;
the defaults (``NI50_FRIENDS`` ...) are cypp's own names, used by its synthetic survey.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import ibis

from cypp.indicators.academic import start_year, year_label
from cypp.indicators.definition import Kind, Parameter, definition
from cypp.indicators.sources import source

#: Weights to six decimal places in a type with twice the digits, so that the engine's sums
#: (and sum of squares) are exact decimals.
WEIGHT = "decimal(18, 12)"


def _answer(responses: Any) -> Any:
    """The answer as recorded, trimmed; empty is no answer (null)."""
    return responses.Answer.strip().nullif("")


def survey_period(survey_year: Any) -> Any:
    """The academic year of a survey: ``2009`` (an autumn 2009 survey) is ``2009/10``; a year
    already written ``2009/10`` is kept."""
    return ibis.ifelse(survey_year.length() == 4, year_label(start_year(survey_year)), survey_year)


def answers(year_groups: tuple[str, ...], questions: tuple[str, ...]) -> Any:
    """The rows of the given year groups and questions, with ``reply``: the answer trimmed,
    null when not answered. (Not ``answer``: SQL names are case-insensitive, so that would be
    ``Answer`` itself.)"""
    responses = source("survey", "Responses")
    rows = responses.filter(
        responses.YearGroup.isin(tuple(year_groups)), responses.Question.isin(tuple(questions))
    )
    return rows.mutate(reply=_answer(rows))


def per_respondent(rows: Any, **flags: Any) -> Any:
    """One row per respondent (ID, survey year, area) with ``weight``, ``school``, ``period``
    and each flag (a boolean expression over ``rows``) true if any of their rows has it."""
    grouped = rows.group_by(["RespondentID", "SurveyYear", "_area"]).aggregate(
        weight=rows.Weight.max().round(6).cast(WEIGHT),
        school=rows.URN.max(),
        **{name: expr.fill_null(False).cast("int32").max() for name, expr in flags.items()},
    )
    return grouped.mutate(
        period=survey_period(grouped.SurveyYear), school=grouped.school.fill_null("unknown")
    )


def weighted(respondents: Any, counted: Any) -> Any:
    """The unit-level frame: ``num`` the weight when ``counted``, ``den`` the weight."""
    return respondents.select(
        _area=respondents._area,
        period=respondents.period,
        school=respondents.school,
        num=ibis.ifelse(counted, respondents.weight, ibis.literal(Decimal(0), WEIGHT)),
        den=respondents.weight,
    )


@definition(
    "emotional_health",
    Kind.PROPORTION,
    parameters=(
        Parameter("year_groups", ("6", "8", "10"), "Year groups surveyed for NI 50."),
        Parameter("friends_question", "NI50_FRIENDS", "Question id: has at least one good friend."),
        Parameter("friends_answers", ("Yes",), "Answers meaning at least one good friend."),
        Parameter(
            "talk_question", "NI50_TALK", "Question id: has someone to talk to when worried."
        ),
        Parameter(
            "talk_answers",
            ("Yes",),
            "Answers meaning they can talk to someone (a parent, a friend or another adult).",
        ),
    ),
    breakdowns=("school",),
)
def emotional_health(
    year_groups: tuple[str, ...],
    friends_question: str,
    friends_answers: tuple[str, ...],
    talk_question: str,
    talk_answers: tuple[str, ...],
) -> Any:
    """Emotional health of children: good relationships (NI 50).

    Cohort: survey respondents in Years 6, 8 and 10 (``year_groups``) who answered both the
    good-friend question (``friends_question``) and the someone-to-talk-to question
    (``talk_question``); a respondent who left either unanswered is left out.
    Numerator: those with at least one good friend (``friends_answers``) AND someone to talk to
    when worried (``talk_answers``). Weighted: each respondent counts their survey ``Weight``
    in the numerator (when they qualify) and in the denominator, so both are weighted counts
    and suppression is applied to weighted counts.
    Reference date: the survey; the period is its academic year (``SurveyYear`` 2009, an
    autumn 2009 survey, is 2009/10; 2009/10 is kept). Area: the council whose survey it is.
    Breakdown: ``school`` (the respondent's URN).
    """
    rows = answers(year_groups, (friends_question, talk_question))
    is_friends, is_talk = rows.Question == friends_question, rows.Question == talk_question
    people = per_respondent(
        rows,
        friends_answered=is_friends & rows.reply.notnull(),
        talk_answered=is_talk & rows.reply.notnull(),
        friends=is_friends & rows.reply.isin(tuple(friends_answers)),
        talk=is_talk & rows.reply.isin(tuple(talk_answers)),
    )
    cohort = people.filter((people.friends_answered == 1) & (people.talk_answered == 1))
    return weighted(cohort, (cohort.friends == 1) & (cohort.talk == 1))


@definition(
    "positive_activities",
    Kind.PROPORTION,
    parameters=(
        Parameter("year_groups", ("10",), "Year groups surveyed for NI 110."),
        Parameter(
            "activity_question",
            "NI110_GROUP_ACTIVITY",
            "Question id: took part in an adult-led group activity outside lessons in the last "
            "four weeks.",
        ),
        Parameter("activity_answers", ("Yes",), "Answers meaning they took part."),
    ),
    breakdowns=("school",),
)
def positive_activities(
    year_groups: tuple[str, ...], activity_question: str, activity_answers: tuple[str, ...]
) -> Any:
    """Young people's participation in positive activities (NI 110).

    Cohort: survey respondents in Year 10 (``year_groups``) who answered the activity question
    (``activity_question``); those who left it unanswered are left out.
    Numerator: those who took part in an adult-led group activity outside school lessons in
    the last four weeks (``activity_answers``). Weighted: each respondent counts their
    ``Weight`` in the numerator (when they took part) and the denominator, so both are
    weighted counts and suppression is applied to weighted counts.
    Reference date: the survey; the period is its academic year (``SurveyYear`` 2009 is
    2009/10). Area: the council whose survey it is. Breakdown: ``school``.
    """
    rows = answers(year_groups, (activity_question,))
    people = per_respondent(
        rows,
        answered=rows.reply.notnull(),
        took_part=rows.reply.isin(tuple(activity_answers)),
    )
    cohort = people.filter(people.answered == 1)
    return weighted(cohort, cohort.took_part == 1)


def occasions(answer: Any) -> Any:
    """The number of occasions an answer gives: its leading whole number (``"3"``, ``"5+"``,
    ``"10 or more"``); an answer without one (``"Never"``) is none (null)."""
    return answer.re_extract(r"^(\d+)", 1).nullif("").cast("int32")


@definition(
    "substance_misuse",
    Kind.PROPORTION,
    parameters=(
        Parameter("year_groups", ("8", "10"), "Year groups surveyed for NI 115."),
        Parameter(
            "misuse_questions",
            ("NI115_ALCOHOL", "NI115_DRUGS", "NI115_VOLATILE"),
            "Question ids, one per substance: how many times in the last four weeks the "
            "respondent got drunk, took drugs, used volatile substances (answer: a whole number "
            "of occasions, a top band such as '5+' allowed).",
        ),
        Parameter(
            "frequent_times",
            2,
            "Occasions in the last four weeks that make use 'frequent': this many or more of "
            "any one substance [to confirm].",
        ),
    ),
    breakdowns=("school",),
)
def substance_misuse(
    year_groups: tuple[str, ...], misuse_questions: tuple[str, ...], frequent_times: int
) -> Any:
    """Substance misuse by young people (NI 115).

    Cohort: survey respondents in Years 8 and 10 (``year_groups``) who answered at least one of
    the misuse questions (``misuse_questions``: alcohol, drugs, volatile substances — times in
    the last four weeks); those who answered none are left out.
    Numerator: those frequently misusing any of them: ``frequent_times`` (default 2) or more
    occasions of one substance in the last four weeks [to confirm]. An answer with no number
    (e.g. "Never") is no use.
    Weighted: each respondent counts their ``Weight`` in the numerator (when frequent) and the
    denominator, so both are weighted counts and suppression is applied to weighted counts.
    Reference date: the survey; the period is its academic year (``SurveyYear`` 2009 is
    2009/10). Area: the council whose survey it is. Breakdown: ``school``.
    """
    rows = answers(year_groups, tuple(misuse_questions))
    people = per_respondent(
        rows,
        answered=rows.reply.notnull(),
        frequent=occasions(rows.reply) >= int(frequent_times),
    )
    cohort = people.filter(people.answered == 1)
    return weighted(cohort, cohort.frequent == 1)
