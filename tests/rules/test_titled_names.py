"""Names written after a title that the entity recognizer missed, and what is not such a name."""
from __future__ import annotations

import pytest

from quotes_service.extract.speakers.mentions import titled_names



@pytest.mark.parametrize("text,names", [
    ('"We will rebuild the bridge by spring," said Mayor Ana Ruiz.', ["Ana Ruiz"]),
    # a title with an article or a possessive before it is a job, not a name's title
    ("Acme shares fell after its Chief Executive Officer resigned on Monday.", []),
    ("The Chief Financial Officer left the company in May.", []),
    # a title word naming a place
    ("Governor Street Bridge will close for repairs next week.", []),
    ("Delegates met in the General Assembly Hall on Tuesday.", []),
    # one word after the title is a surname the rules already handle
    ("Mayor Ruiz opened the bridge.", []),
])
def test_titled_names(extractor, text, names):
    assert [span.text for span in titled_names(extractor.parse(text))] == names


def test_a_job_title_is_not_taken_for_a_person(extractor):
    text = ('Acme shares fell after its Chief Executive Officer resigned on Monday. '
            '"We are disappointed," he said.')
    for quote in extractor.extract(text):
        assert "Officer" not in quote.speaker.canonical_name
