"""The "How are we doing?" page's words: the plan told in plain language for children and
young people. Short sentences, no codes, no jargon.

The plan has no plain-language field yet, so the words for the seed plan's priorities and
indicators live here, by id; a plan with other ids falls back to its own titles. Status piles
become everyday words.
"""

from __future__ import annotations

from dataclasses import dataclass

# What each priority means for a young person, by the seed plan's priority ids.
PRIORITIES: dict[str, tuple[str, str]] = {
    "emotional-health": (
        "Feeling good and staying healthy",
        "We want you to feel happy. We want you to have good friends and someone to talk to. "
        "We want fewer young people to use drugs or alcohol in a harmful way. "
        "We want fewer girls to get pregnant before they are 18.",
    ),
    "raising-attainment": (
        "Doing well at school",
        "We want every child to do well at school. We want you to keep learning from age 14 "
        "to 16. Some pupils find school harder, or their families have less money. We want "
        "them to do as well as everyone else.",
    ),
    "children-in-care": (
        "Children in care",
        "Some children live with foster carers or in children's homes. We call this being "
        "in care. We want these children to go to school and do well there. We want them to "
        "have a settled home. We want them to go on to college, training or a job.",
    ),
    "attendance-and-engagement": (
        "Going to school and taking part",
        "We want you to go to school every day. We want you to have fun things to do after "
        "school. We want young people aged 16 to 18 to be in school, college, training or a "
        "job.",
    ),
    "active-involvement": (
        "Having your say",
        "We want you to have a say in things that affect you. Groups that work with young "
        "people check how well they listen to you.",
    ),
    "supporting-parents": (
        "Help for families",
        "We want parents and carers to get help when they need it. We are still deciding "
        "how to check this.",
    ),
}

# What each indicator checks, in plain words, by the seed plan's codes.
INDICATORS: dict[str, str] = {
    "NI050": "Children who have a good friend and someone to talk to",
    "NI115": "Young people who use drugs or alcohol in a harmful way",
    "NI112": "Girls under 18 who become pregnant",
    "NI056": "Children in Year 6 who are very overweight",
    "NI058": "How well children in care are feeling",
    "LCLA-HEALTH": "Children in care who have their health checks on time",
    "NI062": "Children in care who moved home 3 or more times in a year",
    "NI063": "Children in care who have lived in the same home for a long time",
    "NI075": "Pupils who get 5 good GCSEs, with English and maths",
    "NI097": "Pupils who make good progress in English from age 14 to 16",
    "NI098": "Pupils who make good progress in maths from age 14 to 16",
    "NI101": "Children in care who get 5 good GCSEs, with English and maths",
    "NI102KS2": "The gap at age 11 between pupils who get free school meals and others",
    "NI102KS4": "The gap at age 16 between pupils who get free school meals and others",
    "NI105": "The gap at age 16 between pupils with special needs and others",
    "NI087": "Secondary pupils who miss a lot of school",
    "LCLA-ABSENCE": "Children in care who miss school",
    "NI110": "Young people who take part in clubs and activities",
    "HBR": "How well groups listen to young people",
    "LCLA-PARTICIPATION": "Children in care who take part in meetings about their care",
    "NI019": "Young people who get into trouble with the police again",
    "NI117": "Young people aged 16 to 18 who are not in school, college, training or a job",
    "NI117-NK": "Young people aged 16 to 18 we have lost touch with",
    "NI148": "Young people leaving care who are in college, training or a job",
    "FSS": "Help for families",
}

PILE_PLAIN = {
    "met": "Goal reached",
    "on track": "Getting there",
    "off track": "Needs more work",
    "not assessed": "We cannot tell yet",
    "not yet established": "Still deciding how to check",
}

# What each word means, for the key at the top of the page.
PILE_MEANS = {
    "met": "We did what we planned.",
    "on track": "We are close to where we planned to be.",
    "off track": "We are behind. We need to do better.",
    "not assessed": "We do not have the numbers yet.",
    "not yet established": "We have not chosen how to check this yet.",
}

INTRO = (
    "This page tells you how we are doing for children and young people.",
    "You told us you want four things.",
    "You want a voice. You want choice. You want to be safe. You want a happy, full life.",
    "We made a plan to make this happen. Here is how we are doing.",
)


@dataclass(frozen=True)
class PlainPriority:
    id: str
    heading: str
    means: str
    summary: str
    checks: list[tuple[str, str]]  # (plain words, pile)


def plain_priority(
    priority_id: str, title: str, checks: list[tuple[str, str, str]]
) -> PlainPriority:
    """A priority for young people. ``checks`` are (indicator key, short title, pile)."""
    heading, means = PRIORITIES.get(priority_id, (title, ""))
    plain = [(INDICATORS.get(key, short), pile) for key, short, pile in checks]
    return PlainPriority(priority_id, heading, means, summary([p for _, p in plain]), plain)


def summary(piles: list[str]) -> str:
    """ "We check 7 things. 2 have reached their goal. 1 is getting there. ...\""""
    if not piles:
        return "We have nothing to check yet."
    n = len(piles)
    sentences = [f"We check {_things(n)}."]
    met = piles.count("met")
    on = piles.count("on track")
    off = piles.count("off track")
    unknown = n - met - on - off
    if met:
        sentences.append(f"{met} {'has' if met == 1 else 'have'} reached the goal.")
    if on:
        sentences.append(f"{on} {'is' if on == 1 else 'are'} getting there.")
    if off:
        sentences.append(f"{off} {'needs' if off == 1 else 'need'} more work.")
    if unknown:
        sentences.append(f"For {unknown}, we cannot tell yet.")
    return " ".join(sentences)


def _things(n: int) -> str:
    return "1 thing" if n == 1 else f"{n} things"
