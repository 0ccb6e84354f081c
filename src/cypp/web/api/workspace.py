"""What the staff workspace adds to the public record outside a publication: young people's
consultations ("you said, we did"), public once approved. Drafts never appear.

(Commentary is public through the publication: ``cypp publish`` copies each indicator's
approved commentary into it.) Which records are public is decided once, by
``cypp.web.workspace.inputs.approved_consultations``, for the public pages and the API alike.
"""

from __future__ import annotations

from cypp.web.api import schemas


def approved_consultations(priority_id: str) -> list[schemas.Consultation]:
    """The priority's approved consultation records, newest first."""
    from cypp.web.workspace.inputs import approved_consultations as approved

    return [
        schemas.Consultation(
            title=c.title,
            you_said=c.you_said,
            we_did=c.we_did,
            consulted_on=c.consulted_on,
            number_consulted=c.number_consulted,
            age_group=c.age_group,
        )
        for c in approved()
        if priority_id in c.priorities
    ]
