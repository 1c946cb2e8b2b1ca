"""The rules' own reading of a letter's council and date, in the layouts that misled it:
a disclosure log's 'Date received' above its date, words about the council ending in
'council', a copyright line before the name (found by `rhi-llm bench metadata`)."""

from __future__ import annotations

import pytest

from rhi_llm.core.text import looks_like_council_name
from rhi_llm.extract.metadata import _council, _response_date


@pytest.mark.parametrize(
    "name",
    ["Westmarch Council", "Brackley and Denholm Council", "BRACKLEY AND DENHOLM COUNCIL",
     "London Borough of Hackney", "Kingston upon Thames Borough Council",
     "Stoke-on-Trent City Council"],
)  # fmt: skip
def test_council_names_as_councils_write_them(name: str) -> None:
    assert looks_like_council_name(name)


@pytest.mark.parametrize(
    "words",
    ["No council", "Police reports passed to the council", "Bins and recycling Council",
     "How many children did the council", "The Council", "Westmarch"],
)  # fmt: skip
def test_words_about_a_council_are_not_its_name(words: str) -> None:
    assert not looks_like_council_name(words)


def test_the_name_is_the_capitalised_words_before_council() -> None:
    assert _council("© Crown copyright or Bramwell Fen Council 2024") == "Bramwell Fen Council"
    assert _council("Police reports passed to the council were counted.") is None


DISCLOSURE_LOG = (
    "Disclosure log\n\nPublished 14 August 2025\n\nReference\n\nFOI-2018-04417\n\n"
    "Date received\n\n22 June 2018\n\nDate of response\n\n19 July 2018\n\nDepartment\n"
)


def test_a_disclosure_logs_received_and_published_dates_are_not_the_reply_date() -> None:
    assert _response_date(DISCLOSURE_LOG) == "2018-07-19"


def test_a_date_after_a_label_on_its_own_line_is_still_read() -> None:
    assert _response_date("Request reference: HMBC/FOI/24/0877\nDate: 21 November 2024\n") == (
        "2024-11-21"
    )
