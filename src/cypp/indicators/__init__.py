"""Indicator definitions: backend-free Ibis expressions over the warehouse's canonical tables.

Each definition turns the current batches of one or more returns into a *unit-level frame*
(one row per child, pupil, review or respondent in the cohort) with the columns:

- ``_area``: the ONS code of the council the unit counts for;
- ``period``: the period label the unit counts in (one frame covers every period);
- ``num``: the unit's contribution to the numerator (0/1, or a score for means);
- ``den``: its contribution to the denominator (1 for a member of the cohort);
- breakdown columns, text, where the definition can say them: ``gender``, ``ethnicity``,
  ``fsm``, ``sen``, ``cla``, ``school``, ``district``.

The engine aggregates the frame inside the warehouse; no unit-level row ever leaves it.
"""
